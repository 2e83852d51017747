import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config';
import { coalesceBoltWrites } from './bolt-writes';

/**
 * Creates the one driver of the process. Integers come back as JS numbers because every
 * integer we store is a count or an offset far below 2^53; money and measures are stored as
 * exact decimal strings and never pass through Neo4j integers.
 */
export function createDriver(config: Config['neo4j']): Driver {
  // A flush of the driver goes to the socket in one system call (src/db/bolt-writes.ts).
  coalesceBoltWrites();
  const auth = config.password === '' ? undefined : neo4j.auth.basic(config.user, config.password);
  return neo4j.driver(config.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    // The driver's default is 30 s, made for cluster fail-over; a request to a single server
    // that is down should fail with DATABASE_UNAVAILABLE sooner (NEO4J_MAX_RETRY_MS).
    maxTransactionRetryTime: config.maxRetryMs,
    userAgent: 'zonegraph/0.1',
  });
}
