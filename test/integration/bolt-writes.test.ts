import net from 'node:net';
import type { Driver } from 'neo4j-driver';
import { coalesceBoltWrites } from '../../src/db/bolt-writes';
import { createDriver } from '../../src/db/driver';
import { testConfig } from '../helpers/env';

/**
 * The driver writes a message in 1,400-byte buffers, one socket write each; src/db/bolt-writes.ts
 * corks the socket for the tick, so a flush reaches the kernel as one writev. Observed on the
 * real Bolt socket of a real Neo4j: `_write` is one system call per buffer, `_writev` one for
 * all the buffers held while corked.
 */
describe('Bolt socket writes on real Neo4j', () => {
  let driver: Driver;
  let boltPort: number;
  const calls: string[] = [];

  beforeAll(() => {
    const config = testConfig();
    boltPort = Number(new URL(config.neo4j.uri).port);
    driver = createDriver(config.neo4j);
    for (const method of ['_write', '_writev'] as const) {
      const original = net.Socket.prototype[method] as (...args: unknown[]) => unknown;
      jest.spyOn(net.Socket.prototype, method).mockImplementation(function (this: net.Socket, ...args: unknown[]) {
        if (this.remotePort === boltPort) calls.push(method);
        return original.apply(this, args);
      });
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await driver.close();
  });

  const database = (): string => testConfig().neo4j.database;

  test('a statement of several buffers goes to the socket in one system call, answered in full', async () => {
    const session = driver.session({ database: database(), defaultAccessMode: 'READ' });
    try {
      await session.run('RETURN 1 AS warm'); // the connection is open and idle before counting
      calls.length = 0;
      // RUN and PULL come to about 6 KB: five buffers of the driver's 1,400 bytes.
      const text = 'x'.repeat(6000);
      const result = await session.run('RETURN size($text) AS n, substring($text, 5990) AS tail', { text });
      expect(result.records[0]?.get('n')).toBe(6000);
      expect(result.records[0]?.get('tail')).toBe('xxxxxxxxxx');
      expect(calls).toEqual(['_writev']);
    } finally {
      await session.close();
    }
  });

  test('a transaction function writes each of its flushes once and commits what it wrote', async () => {
    const session = driver.session({ database: database() });
    const id = `bolt-writes-${Date.now()}`;
    try {
      await session.run('RETURN 1 AS warm');
      calls.length = 0;
      const text = 'y'.repeat(4000);
      await session.executeWrite((tx) => tx.run('CREATE (:BoltWritesProbe {id: $id, text: $text})', { id, text }));
      // BEGIN, then RUN with PULL (4 KB: three buffers and a fourth), then COMMIT: three
      // flushes in three ticks, one system call each (one buffer goes by _write). Unwrapped, the
      // RUN alone took four.
      expect(calls).toEqual(['_write', '_writev', '_write']);
      const read = await session.run('MATCH (p:BoltWritesProbe {id: $id}) RETURN size(p.text) AS n', { id });
      expect(read.records[0]?.get('n')).toBe(4000);
    } finally {
      await session.run('MATCH (p:BoltWritesProbe {id: $id}) DELETE p', { id });
      await session.close();
    }
  });

  test('wrapping is once per process: the driver made again does not wrap the channel twice', () => {
    expect(coalesceBoltWrites()).toBe(false);
    const second = createDriver(testConfig().neo4j);
    return second.close();
  });
});
