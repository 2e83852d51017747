import type { Driver } from 'neo4j-driver';
import type { Targets } from './cases';

async function one(driver: Driver, database: string, query: string, params: Record<string, unknown> = {}) {
  const result = await driver.executeQuery(query, params, { database, routing: 'READ' });
  return result.records[0]?.toObject() ?? null;
}

/**
 * Picks what the cases ask about, deterministically from the data, with queries run once before
 * any timing (they may scan: at L a few seconds):
 *
 * - the biggest zone: most member enterprises (LOCATED_IN it or its parks, or HOSTED by it), ties by id;
 * - the hub bank: most FINANCED_BY relations, ties by id;
 * - the hub-financed firm: the hub's first client by name;
 * - the deep page: page 50, or the last full page when there are fewer than 1,000 firms;
 * - the other end of the paths case: the first firm by name of the second-biggest zone;
 * - the common term: among the first 5,000 firm names by id (a sample, so the choice costs the
 *   same at every size), the most frequent run of two Han characters that at most 5% of them
 *   contain (有限, 公司 are in nearly all: that would be every firm, not a common term); the rare
 *   term: the hub-financed firm's full name.
 */
export async function pickTargets(driver: Driver, database: string): Promise<Targets> {
  const zones = await driver.executeQuery(
    `MATCH (z:Zone)
     WITH z, COUNT { (z)<-[:LOCATED_IN]-(:Enterprise) } + COUNT { (z)-[:HOSTS]->(:Enterprise) }
            + COUNT { (z)<-[:PART_OF]-(:Park)<-[:LOCATED_IN]-(:Enterprise) } AS members
     ORDER BY members DESC, z.id LIMIT 2
     RETURN z.id AS id, members`,
    {},
    { database, routing: 'READ' },
  );
  const [biggest, second] = zones.records.map((record) => String(record.get('id')));
  if (biggest === undefined || second === undefined) throw new Error('the graph has fewer than two zones');
  const hub = await one(
    driver,
    database,
    `MATCH (b:Bank) WITH b, COUNT { (b)<-[:FINANCED_BY]-(:Enterprise) } AS clients
     ORDER BY clients DESC, b.id LIMIT 1 RETURN b.id AS id, clients`,
  );
  if (hub === null || Number(hub.clients) === 0) throw new Error('no bank finances an enterprise');
  const firm = await one(
    driver,
    database,
    `MATCH (:Entity {id: $hub})<-[:FINANCED_BY]-(f:Enterprise)
     RETURN f.id AS id, f.name AS name ORDER BY f.sortName, f.id LIMIT 1`,
    { hub: hub.id },
  );
  const other = await one(
    driver,
    database,
    `MATCH (z:Entity {id: $zone})
     CALL (z) {
       MATCH (z)<-[:LOCATED_IN]-(m:Enterprise) RETURN m
       UNION MATCH (z)-[:HOSTS]->(m:Enterprise) RETURN m
       UNION MATCH (z)<-[:PART_OF]-(:Park)<-[:LOCATED_IN]-(m:Enterprise) RETURN m
     }
     RETURN m.id AS id ORDER BY m.sortName, m.id LIMIT 1`,
    { zone: second },
  );
  // Page 50, or the last full page of a smaller graph.
  const firms = await one(driver, database, 'MATCH (f:Enterprise) RETURN count(f) AS n');
  const deepPage = Math.max(2, Math.min(50, Math.floor(Number(firms?.n ?? 0) / 20)));
  const names = await driver.executeQuery(
    'MATCH (f:Enterprise) WITH f.name AS name ORDER BY f.id LIMIT 5000 RETURN collect(name) AS names',
    {},
    { database, routing: 'READ' },
  );
  if (firm === null || other === null) throw new Error('the hub bank or the second zone has no firm');
  return {
    biggestZone: biggest,
    hubBank: String(hub.id),
    hubFirm: String(firm.id),
    pathTo: String(other.id),
    commonTerm: commonBigram((names.records[0]?.get('names') as string[] | undefined) ?? []),
    rareTerm: String(firm.name),
    deepPage,
  };
}

const LEGAL_FORM = /(股份有限公司|有限责任公司|有限公司|集团|公司)$/u;

/**
 * The most frequent run of two Han characters that at most `share` of the names contain (ties:
 * the smaller string).
 */
export function commonBigram(names: readonly string[], share = 0.05): string {
  const counts = new Map<string, number>();
  for (const name of names) {
    // The legal form is no search term (its pairs, and those across its edge such as 品有 of
    // 食品有限公司, would win otherwise).
    const chars = [...name.replace(LEGAL_FORM, '')];
    const seen = new Set<string>();
    for (let i = 0; i + 1 < chars.length; i += 1) {
      const pair = `${chars[i]}${chars[i + 1]}`;
      if (/^\p{Script=Han}{2}$/u.test(pair)) seen.add(pair);
    }
    for (const pair of seen) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  let best: [string, number] | null = null;
  for (const entry of counts) {
    if (entry[1] > Math.max(1, share * names.length)) continue;
    if (best === null || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  }
  if (best === null) throw new Error('no firm name has two Han characters in a row');
  return best[0];
}
