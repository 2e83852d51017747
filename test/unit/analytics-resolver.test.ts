import { AnalyticsResolver, PATHS_TIMEOUT_MS, costedSubgraphSize } from '../../src/analytics/analytics.resolver';
import { DEFAULT_FOLLOWED_TYPES } from '../../src/analytics/link-types';
import type { RequestContext } from '../../src/context';
import { RELATION_TYPES } from '../../src/domain/vocabulary';
import { BadUserInputError, NotFoundError, QueryTimeoutError } from '../../src/errors/errors';
import { infoOf } from '../helpers/info';

const PATHS = infoOf('{ paths { nodes { id } } }');
const NEIGHBORHOOD = infoOf('{ neighborhood { nodes { entity { id } } } }');
const SUGGESTIONS = infoOf('{ partnerSuggestions { candidate { id } } }');

/** A request context whose executor answers with `read`. */
function context(read: jest.Mock): RequestContext {
  return {
    executor: { read },
    requestId: 'test',
    loaders: {
      primeEntity: jest.fn(),
      relation: { prime: jest.fn() },
    },
  } as unknown as RequestContext;
}

describe('AnalyticsResolver', () => {
  const resolver = new AnalyticsResolver();

  test('paths answers [] when the search runs past its timeout, and passes the timeout on', async () => {
    const read = jest.fn().mockRejectedValue(new QueryTimeoutError());
    await expect(resolver.paths(context(read), 'bank:a', 'enterprise:b', 4, 3, null, PATHS)).resolves.toEqual([]);
    expect(read).toHaveBeenCalledWith(
      'analytics/paths-followed#4',
      expect.objectContaining({ from: 'bank:a', to: 'enterprise:b', types: DEFAULT_FOLLOWED_TYPES }),
      { timeoutMs: PATHS_TIMEOUT_MS },
    );
  });

  test('paths is NOT_FOUND, naming the ids, when the statement finds no entity for an end', async () => {
    const read = jest.fn().mockResolvedValue([{ fromFound: true, toFound: false, paths: [] }]);
    await expect(resolver.paths(context(read), 'bank:a', 'bank:zzz', 4, 3, null, PATHS)).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND', ids: ['bank:zzz'] },
    });
  });

  test('paths lets other database errors through', async () => {
    const read = jest.fn().mockRejectedValue(new Error('boom'));
    await expect(resolver.paths(context(read), 'bank:a', 'enterprise:b', 4, 3, null, PATHS)).rejects.toThrow('boom');
  });

  test('paths checks its arguments before touching the database', async () => {
    const read = jest.fn();
    const ctx = context(read);
    await expect(resolver.paths(ctx, 'bank:a', 'enterprise:b', 7, 3, null, PATHS)).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    await expect(resolver.paths(ctx, 'bank:a', 'enterprise:b', 0, 3, null, PATHS)).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    await expect(resolver.paths(ctx, 'bank:a', 'enterprise:b', 4, 11, null, PATHS)).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    await expect(resolver.paths(ctx, 'bank:a', 'bank:a', 4, 3, null, PATHS)).rejects.toBeInstanceOf(BadUserInputError);
    expect(read).not.toHaveBeenCalled();
  });

  test('neighborhood and partnerSuggestions refuse out-of-range arguments', async () => {
    const read = jest.fn();
    const ctx = context(read);
    await expect(resolver.neighborhood(ctx, 'bank:a', 4, null, 25, NEIGHBORHOOD)).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    await expect(resolver.neighborhood(ctx, 'bank:a', 1, null, 101, NEIGHBORHOOD)).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    await expect(resolver.neighborhood(ctx, 'bank:a', 1, [], 25, NEIGHBORHOOD)).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    await expect(resolver.partnerSuggestions(ctx, 'bank:a', null, 51, null, SUGGESTIONS)).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    await expect(resolver.partnerSuggestions(ctx, 'bank:a', [], 10, null, SUGGESTIONS)).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    expect(read).not.toHaveBeenCalled();
  });

  test('an unknown id is NOT_FOUND', async () => {
    const read = jest.fn().mockResolvedValue([]);
    await expect(resolver.neighborhood(context(read), 'zone:none', 1, null, 25, NEIGHBORHOOD)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      resolver.partnerSuggestions(context(read), 'zone:none', null, 10, null, SUGGESTIONS),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test('given types are sent sorted and without repeats', async () => {
    const read = jest.fn().mockResolvedValue([{ nodes: [], edges: [] }]);
    await resolver.neighborhood(context(read), 'bank:a', 1, ['PART_OF', 'HOSTS', 'PART_OF'], 25, NEIGHBORHOOD);
    expect(read.mock.calls[0]?.[1]).toMatchObject({ types: ['HOSTS', 'PART_OF'] });
  });
});

test('by default every relation type but MENTIONED_IN and AUTHORED is followed', () => {
  expect([...DEFAULT_FOLLOWED_TYPES].sort()).toEqual(
    RELATION_TYPES.filter((type) => type !== 'MENTIONED_IN' && type !== 'AUTHORED').sort(),
  );
});

test('a neighborhood is costed at 1 + limit × depth entities', () => {
  expect(costedSubgraphSize(1, 25)).toBe(26);
  expect(costedSubgraphSize(3, 100)).toBe(301);
});
