/*
 * Over HTTP, on the real server: Apollo hands the limits plugin the same parsed document for the
 * same query text, so a document is costed once per set of Int variables (src/http/limits-plugin.ts),
 * and the limits still refuse what they refused before.
 */
import * as complexity from 'graphql-query-complexity';
import { createApp, type App } from '../../src/app';
import { ErrorCode } from '../../src/errors/error-code';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';

jest.mock('graphql-query-complexity', () => {
  const actual = jest.requireActual<typeof complexity>('graphql-query-complexity');
  return { ...actual, getComplexity: jest.fn(actual.getComplexity) };
});

const PAGE = `query ($id: ID!, $n: Int!) { node(id: $id) { id ... on Entity { relations(first: $n) {
  totalCount edges { node { id from { id name } } } } } } }`;

describe('the limits plugin over HTTP', () => {
  let app: App;
  const costing = jest.mocked(complexity.getComplexity);

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
  });
  afterAll(() => app.stop());

  test('the same query text with other ids is costed once, and answered', async () => {
    costing.mockClear();
    for (const id of ['bank:none-1', 'bank:none-2', 'bank:none-3']) {
      const { status, body } = await postGraphQL(app.url, PAGE, { id, n: 20 });
      expect({ status, errors: body.errors, data: body.data }).toEqual({
        status: 200,
        errors: undefined,
        data: { node: null },
      });
    }
    expect(costing).toHaveBeenCalledTimes(1);
    await postGraphQL(app.url, PAGE, { id: 'bank:none-1', n: 10 });
    expect(costing).toHaveBeenCalledTimes(2);
  });

  test('after it was costed, an out-of-range first and an id that is not an ID are still refused with 400', async () => {
    await postGraphQL(app.url, PAGE, { id: 'bank:none-1', n: 20 });
    const statements = app.executor.statementCount;
    const range = await postGraphQL(app.url, PAGE, { id: 'bank:none-1', n: 500 });
    expect(range.status).toBe(400);
    expect(range.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
    const coerce = await postGraphQL(app.url, PAGE, { id: { not: 'an id' }, n: 20 });
    expect(coerce.status).toBe(400);
    expect(coerce.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(coerce.body.errors?.[0]?.message).toContain('$id');
    // Refused before any resolver ran.
    expect(app.executor.statementCount).toBe(statements);
  });
});
