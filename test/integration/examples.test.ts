import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { createApp, type App } from '../../src/app';
import { loadSeed } from '../../src/ingest/seed';
import { testConfig } from '../helpers/env';
import { postGraphQL } from '../helpers/graphql';

const FILE = path.resolve(__dirname, '..', '..', 'schema', 'examples.graphql');
const source = fs.readFileSync(FILE, 'utf8');
const operations = parse(source).definitions.filter(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
);

/** True when some list or object in the answer carries data (not only nulls and empty lists). */
function hasData(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.some(hasData);
  if (typeof value === 'object') return Object.values(value).some(hasData);
  return true;
}

describe('schema/examples.graphql runs against the seeded graph', () => {
  let app: App;

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    expect((await loadSeed(app.executor)).issues).toEqual([]);
  });
  afterAll(() => app.stop());

  test('there are at least 12 named operations', () => {
    expect(operations.length).toBeGreaterThanOrEqual(12);
    expect(operations.every((op) => op.name !== undefined)).toBe(true);
  });

  test.each(operations.map((op) => [op.name?.value ?? '']))('%s answers without errors and with data', async (name) => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: source, operationName: name }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    for (const [field, value] of Object.entries(body.data ?? {})) {
      expect([field, hasData(value)]).toEqual([field, true]);
    }
  });

  test('postGraphQL helper and examples agree on the endpoint', async () => {
    const { status } = await postGraphQL(app.url, '{ apiVersion }');
    expect(status).toBe(200);
  });
});
