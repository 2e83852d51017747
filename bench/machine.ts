import os from 'node:os';
import type { Driver } from 'neo4j-driver';

export interface Machine {
  readonly date: string;
  readonly cpu: string;
  readonly cores: number;
  readonly ramGb: number;
  readonly os: string;
  readonly node: string;
  readonly neo4j: string;
  readonly neo4jHeap: string;
  readonly neo4jPageCache: string;
}

/** What the numbers were measured on, for the header of every result. */
export async function describeMachine(driver: Driver, database: string): Promise<Machine> {
  let neo4j = 'unknown';
  try {
    const result = await driver.executeQuery(
      'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition',
      {},
      { database },
    );
    const record = result.records[0];
    if (record)
      neo4j = `${String(record.get('name'))} ${String(record.get('version'))} ${String(record.get('edition'))}`;
  } catch {
    // An older server without dbms.components: the version stays unknown.
  }
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    neo4j,
    neo4jHeap: process.env.NEO4J_HEAP ?? '1g (wrapper default)',
    neo4jPageCache: process.env.NEO4J_PAGECACHE ?? '256m (wrapper default)',
  };
}
