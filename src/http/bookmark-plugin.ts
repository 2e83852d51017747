import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';
import { BOOKMARK_HEADER, formatBookmarks } from '../db/bookmarks';

/**
 * Sets `x-zonegraph-bookmark` on the response of every mutation: the bookmarks of the request's
 * chain after its last transaction. A client sends the value back on later requests, to any
 * replica, and their reads wait until the database member serving them has that write.
 */
export function bookmarkPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async willSendResponse({ contextValue, operation, response }) {
          if (operation?.operation !== 'mutation') return;
          const value = formatBookmarks(await contextValue.executor.bookmarks());
          if (value !== null) response.http.headers.set(BOOKMARK_HEADER, value);
        },
      });
    },
  };
}
