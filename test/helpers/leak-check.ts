/*
 * Every integration and e2e test file must leave the shared test database as it found it.
 * Registered for every file by jest.config.js (setupFilesAfterEnv); it acts only on files under
 * test/integration/ and test/e2e/. Before the file's own hooks it reads the database, after
 * them it reads it again, and the file fails when:
 *
 * - any node or relationship that is not the seed's was added or removed (counted by label
 *   and by relationship type: entities, facts, evidence, name claims, ledger rows, merge and
 *   deletion records, and any label to come), or
 * - the seed's part of the graph changed (a digest of every property but timestamps), unless
 *   the seed was not loaded at all before the file: the seed is the one shared fixture, loaded
 *   by whichever file needs it first and never changed by any.
 *
 * The seed's part is what data/seed names: its entities and sources by id, their facts and
 * name claims, the evidence in its sources, the seed's ledger rows, and the relationships
 * between those. Migrations are schema, not data, and are not counted; nor are boot leases
 * (BootLock, src/db/boot-lock.ts), which the first app on a fresh database leaves behind; nor is
 * the audit log (AuditEntry): it is append-only history that every write adds to, the cleanup's
 * own deletions included (test/integration/audit.test.ts checks its entries); nor is the one
 * GraphVersion node, the token every write replaces (src/http/http-cache.ts).
 */
import { createHash } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { createDriver } from '../../src/db/driver';
import { readSeed } from '../../src/ingest/seed';
import { testConfig } from './env';
import { canonicalJson } from './ingest-fixtures';

interface Snapshot {
  /** Nodes and relationships that are not the seed's, by label and by type. */
  readonly others: Record<string, number>;
  /** Digest of the seed's part, and how many of its nodes there are. */
  readonly seed: { readonly digest: string; readonly nodes: number };
}

const TIMESTAMPS = ['createdAt', 'updatedAt', 'at', 'reappliedAt'];

async function snapshot(driver: Driver, database: string): Promise<Snapshot> {
  const seed = readSeed();
  const params = {
    ids: [...(seed.entities ?? []), ...(seed.sources ?? [])].map((node) => node.id),
    sources: (seed.sources ?? []).map((source) => source.id),
  };
  const owner = `CASE
      WHEN n:IngestLedger THEN n.origin = 'seed'
      WHEN n:Fact OR n:NameClaim THEN n.entityId IN $ids
      WHEN n:Evidence THEN n.sourceId IN $sources
      ELSE n.id IN $ids
    END`;
  const run = async (query: string) =>
    (await driver.executeQuery(query, params, { database, routing: 'READ' })).records.map((record) =>
      record.toObject(),
    );
  const nodes = await run(
    `MATCH (n) WHERE NOT n:Migration AND NOT n:BootLock AND NOT n:AuditEntry AND NOT n:GraphVersion
     WITH n, ${owner} AS seed
     CALL (n, seed) {
       WITH n WHERE NOT seed UNWIND labels(n) AS label RETURN 'node:' + label AS key, null AS row
       UNION ALL
       WITH n WHERE seed
       RETURN 'seed' AS key,
              [labels(n), CASE WHEN n:IngestLedger THEN {key: n.key} ELSE properties(n) END] AS row
     }
     RETURN key, row`,
  );
  const relationships = await run(
    `MATCH (a)-[r]->(b) WHERE NOT a:Migration AND NOT b:Migration
     WITH a, r, b, ${owner.replaceAll('n:', 'a:').replaceAll('n.', 'a.')} AS seedA,
          ${owner.replaceAll('n:', 'b:').replaceAll('n.', 'b.')} AS seedB
     RETURN CASE WHEN seedA AND seedB THEN 'seed' ELSE 'rel:' + type(r) END AS key,
            CASE WHEN seedA AND seedB THEN [type(r), a.id, b.id, properties(r)] END AS row`,
  );
  const others: Record<string, number> = {};
  const rows: string[] = [];
  for (const { key, row } of [...nodes, ...relationships] as { key: string; row: unknown }[]) {
    if (key === 'seed') rows.push(canonicalJson(withoutTimestamps(row)));
    else others[key] = (others[key] ?? 0) + 1;
  }
  return {
    others: Object.fromEntries(Object.entries(others).sort(([a], [b]) => (a < b ? -1 : 1))),
    seed: {
      digest: createHash('sha256').update(rows.sort().join('\n')).digest('hex'),
      nodes: nodes.filter((row) => row.key === 'seed').length,
    },
  };
}

function withoutTimestamps(row: unknown): unknown {
  if (!Array.isArray(row)) return row;
  return row.map((part) =>
    part !== null && typeof part === 'object' && !Array.isArray(part) && !neo4j.isInt(part)
      ? Object.fromEntries(Object.entries(part as Record<string, unknown>).filter(([key]) => !TIMESTAMPS.includes(key)))
      : part,
  );
}

const testPath = expect.getState().testPath ?? '';
const shared = /[\\/]test[\\/](integration|e2e)[\\/]/.test(testPath) && process.env.NEO4J_URI !== undefined;

if (shared) {
  let driver: Driver;
  let database: string;
  let before: Snapshot;

  beforeAll(async () => {
    const config = testConfig();
    database = config.neo4j.database;
    driver = createDriver(config.neo4j);
    before = await snapshot(driver, database);
  });

  afterAll(async () => {
    try {
      const after = await snapshot(driver, database);
      // The seed may appear (the first file to need it loads it), never change once there.
      const seed = before.seed.nodes === 0 ? before.seed : after.seed;
      expect({ file: testPath, others: after.others, seed: seed.digest }).toEqual({
        file: testPath,
        others: before.others,
        seed: before.seed.digest,
      });
    } finally {
      await driver.close();
    }
  });
}
