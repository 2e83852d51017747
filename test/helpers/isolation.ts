import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { cypher } from './db';
import { canonicalJson } from './ingest-fixtures';

/**
 * A run token for one test file: a prefix, the time in base 36 and a random tail, so two runs
 * started in the same millisecond (or a re-run after a crash) never share ids, names or keys.
 */
export function runToken(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
}

/**
 * Deletes everything a test file wrote under its run token: entities (sources included) whose
 * id contains it, with their facts; facts, evidence and name claims that name it; merge and
 * deletion records of its ids; and its ledger rows. A batch sent without an idempotency key is
 * recorded under a hash of its content, which does not name the run, so ledger rows recorded
 * since `since` (the file's start) other than the seed's are removed too: test files run one
 * at a time (`--runInBand`), so those rows are the file's own. Returns what is left that still
 * names the run, which should be nothing.
 */
export async function removeRun(driver: Driver, run: string, since: Date): Promise<number> {
  await cypher(
    driver,
    `MATCH (n:Entity) WHERE n.id CONTAINS $run
     OPTIONAL MATCH (n)-[:HAS_FACT]->(f:Fact)
     DETACH DELETE n, f`,
    { run },
  );
  await cypher(driver, 'MATCH (f:Fact) WHERE f.entityId CONTAINS $run DETACH DELETE f', { run });
  await cypher(driver, 'MATCH (e:Evidence) WHERE e.sourceId CONTAINS $run DETACH DELETE e', { run });
  await cypher(driver, 'MATCH (c:NameClaim) WHERE c.entityId CONTAINS $run OR c.text CONTAINS $run DELETE c', {
    run,
  });
  await cypher(driver, 'MATCH (m:MergeRecord) WHERE m.merged CONTAINS $run OR m.keep CONTAINS $run DELETE m', {
    run,
  });
  await cypher(
    driver,
    `MATCH (d:DeletionRecord) WHERE d.fromId CONTAINS $run OR d.toId CONTAINS $run OR d.relationId CONTAINS $run
     DELETE d`,
    { run },
  );
  await cypher(
    driver,
    `MATCH (l:IngestLedger)
     WHERE l.key CONTAINS $run OR (l.at >= datetime($since) AND l.origin <> 'seed')
     DELETE l`,
    { run, since: since.toISOString() },
  );
  const [left] = await cypher(
    driver,
    `MATCH (n)
     WHERE n.id CONTAINS $run OR n.entityId CONTAINS $run OR n.sourceId CONTAINS $run OR n.key CONTAINS $run
        OR n.text CONTAINS $run
     RETURN count(n) AS n`,
    { run },
  );
  return Number(left?.n);
}

export interface DatabaseState {
  /** Nodes by label, every label in the database (a node with several labels counts under each). */
  readonly labels: Record<string, number>;
  /** Relationships by type, every type in the database. */
  readonly relationships: Record<string, number>;
  readonly nodes: number;
  /** sha256 of every property (timestamps included) of the nodes and relationships naming `run`. */
  readonly ours: string;
}

/**
 * What a write could change, for "nothing was written" checks: the count of every label and
 * every relationship type in the whole database (entities, facts, evidence, name claims,
 * ledger rows, merge and deletion records, migrations, and whatever comes next), and a digest
 * of everything that names the run, so an update in place shows as well as a creation.
 */
export async function databaseState(driver: Driver, run: string): Promise<DatabaseState> {
  const labels = await cypher(driver, 'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label');
  const relationships = await cypher(driver, 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
  const [nodes] = await cypher(driver, 'MATCH (n) RETURN count(n) AS n');
  const ours = await cypher(
    driver,
    `CALL () {
       MATCH (n)
       WHERE any(key IN ['id', 'entityId', 'sourceId', 'key', 'merged', 'keep', 'relationId', 'fromId', 'toId', 'text']
                 WHERE toString(n[key]) CONTAINS $run)
       RETURN 'node' AS what, labels(n) AS kind, properties(n) AS props
       UNION ALL
       MATCH (a)-[r]->(b) WHERE a.id CONTAINS $run OR b.id CONTAINS $run
       RETURN 'rel' AS what, [type(r), a.id, b.id] AS kind, properties(r) AS props
     }
     RETURN what, kind, props`,
    { run },
  );
  const rows = ours.map((row) => canonicalJson(row)).sort();
  return {
    labels: Object.fromEntries(labels.map((row) => [String(row.label), Number(row.n)])),
    relationships: Object.fromEntries(relationships.map((row) => [String(row.type), Number(row.n)])),
    nodes: Number(nodes?.n),
    ours: createHash('sha256').update(rows.join('\n')).digest('hex'),
  };
}
