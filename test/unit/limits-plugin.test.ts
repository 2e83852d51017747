import 'reflect-metadata';
import type { GraphQLRequestContextDidResolveOperation, GraphQLRequestListener } from '@apollo/server';
import {
  getNamedType,
  isObjectType,
  parse,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import * as complexity from 'graphql-query-complexity';
import type { RequestContext } from '../../src/context';
import { ErrorCode } from '../../src/errors/error-code';
import { limitsPlugin } from '../../src/http/limits-plugin';
import { buildAppSchema } from '../../src/schema';

// The real costing, counted: the test sees how often the plugin costs a document.
jest.mock('graphql-query-complexity', () => {
  const actual = jest.requireActual<typeof complexity>('graphql-query-complexity');
  return { ...actual, getComplexity: jest.fn(actual.getComplexity) };
});

const LIMITS = { maxDepth: 10, maxCost: 10_000, maxAliases: 15, requireKeyForReads: false };

let schema: GraphQLSchema;
let hooks: GraphQLRequestListener<RequestContext>;

beforeAll(async () => {
  schema = await buildAppSchema();
  const plugin = limitsPlugin(() => schema, LIMITS);
  hooks = (await plugin.requestDidStart?.({} as never)) as GraphQLRequestListener<RequestContext>;
});

/** Runs the plugin's check as Apollo does, for a document (the same object each time, as Apollo's document store gives it). */
function check(document: DocumentNode, variables: Record<string, unknown> = {}): Promise<void> {
  const operation = document.definitions[0] as OperationDefinitionNode;
  const context = {
    request: { variables },
    document,
    operation,
    contextValue: { caller: { role: 'anonymous' } },
  } as unknown as GraphQLRequestContextDidResolveOperation<RequestContext>;
  return Promise.resolve().then(() => hooks.didResolveOperation?.(context));
}

const PAGE = parse(
  `query ($n: Int!, $id: ID!) { node(id: $id) { ... on Entity { relations(first: $n) { edges { node { id } } } } } }`,
);

describe('the limits plugin keeps what it computed of a document', () => {
  test('costs a document once per set of Int variables: another id costs nothing more', async () => {
    const document = parse(PAGE.loc?.source.body ?? '');
    const costing = jest.mocked(complexity.getComplexity);
    costing.mockClear();
    await check(document, { n: 20, id: 'bank:a' });
    await check(document, { n: 20, id: 'bank:b' });
    await check(document, { n: 20, id: 'bank:c' });
    expect(costing).toHaveBeenCalledTimes(1);
    await check(document, { n: 50, id: 'bank:a' });
    expect(costing).toHaveBeenCalledTimes(2);
    // A new parse of the same text is another document (Apollo's store would have given the same one).
    await check(parse(PAGE.loc?.source.body ?? ''), { n: 20, id: 'bank:a' });
    expect(costing).toHaveBeenCalledTimes(3);
  });

  test('an out-of-range page size is refused every time, after the same document passed with a good one', async () => {
    const document = parse(PAGE.loc?.source.body ?? '');
    await check(document, { n: 20, id: 'bank:a' });
    for (let i = 0; i < 2; i += 1) {
      await expect(check(document, { n: 101, id: 'bank:a' })).rejects.toMatchObject({
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      });
    }
    await expect(check(document, { n: 20, id: 'bank:z' })).resolves.toBeUndefined();
  });

  test('a variable that does not coerce is refused as before, whether or not the cost is known', async () => {
    const fresh = parse(PAGE.loc?.source.body ?? '');
    const uncached = await check(fresh, { n: 20, id: { not: 'an id' } }).catch((error: unknown) => error);
    const document = parse(PAGE.loc?.source.body ?? '');
    await check(document, { n: 20, id: 'bank:a' });
    const cached = await check(document, { n: 20, id: { not: 'an id' } }).catch((error: unknown) => error);
    expect(uncached).toMatchObject({ extensions: { code: ErrorCode.BAD_USER_INPUT } });
    expect(cached).toMatchObject({ extensions: { code: ErrorCode.BAD_USER_INPUT } });
    expect((cached as Error).message).toBe((uncached as Error).message);
    expect((cached as Error).message).toContain('$id');
  });

  test('a document over the cost limit is refused each time it is sent', async () => {
    const document = parse(
      `query ($n: Int!) { enterprises(first: $n) { edges { node { relations(first: $n) { edges { node { evidence { id } } } } } } } }`,
    );
    for (let i = 0; i < 2; i += 1) {
      await expect(check(document, { n: 100 })).rejects.toMatchObject({
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX },
      });
    }
    await expect(check(document, { n: 2 })).resolves.toBeUndefined();
  });

  test('every argument the cost and the bounds read (first, limit, depth) is an Int wherever it appears', () => {
    // The cost is kept by the values of the Int variables only; an estimator that read an argument
    // of another type would make that key incomplete.
    const seen: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          if (!['first', 'limit', 'depth'].includes(arg.name)) continue;
          seen.push(`${type.name}.${field.name}(${arg.name})`);
          expect({ at: `${type.name}.${field.name}(${arg.name})`, type: getNamedType(arg.type).name }).toEqual({
            at: `${type.name}.${field.name}(${arg.name})`,
            type: 'Int',
          });
        }
      }
    }
    expect(seen.length).toBeGreaterThan(10);
  });
});
