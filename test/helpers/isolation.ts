import type { Driver } from 'neo4j-driver';
import { cypher } from './db';

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
