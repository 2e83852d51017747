import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError } from './errors';
import { ErrorCode } from './error-code';

/** Codes that Apollo or GraphQL validation produce for client mistakes; they are safe to show. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export interface FormatErrorOptions {
  readonly log: (line: string) => void;
}

/**
 * Keeps our typed errors and GraphQL's own client errors as they are, and replaces anything
 * else (driver errors, bugs) with a generic INTERNAL_SERVER_ERROR so no internals leak.
 */
export function createFormatError(options: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    // A GraphQLError without a path and without a code comes from graphql-js checking the
    // request itself (e.g. a variable that does not coerce): the client's mistake, not ours.
    if (code === undefined && formatted.path === undefined && original instanceof GraphQLError) {
      return { message: formatted.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const keep = original instanceof AppError || (typeof code === 'string' && CLIENT_CODES.has(code));
    if (keep) {
      // No stack trace ever reaches a client, in any mode: it names our files and lines.
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    options.log(
      `internal error: ${original instanceof Error ? (original.stack ?? original.message) : String(original)}`,
    );
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
