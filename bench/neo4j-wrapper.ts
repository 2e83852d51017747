import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './results';

/**
 * The local Neo4j wrapper (scripts/neo4j.js) driven from TypeScript: by the fault scenario
 * (bench/faults.ts) and by the tests that stop, kill and restart a database
 * (test/helpers/wrapper.ts re-exports these).
 */

const WRAPPER = path.join(ROOT, 'scripts', 'neo4j.js');

function wrapperEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NEO4J_URI;
  return env;
}

/** Runs scripts/neo4j.js with NEO4J_URI removed, so it manages its own local database. */
export function wrapper(args: string[], timeoutMs = 180_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [WRAPPER, ...args], {
    cwd: ROOT,
    env: wrapperEnv(),
    encoding: 'utf8',
    timeout: timeoutMs,
  });
}

/**
 * The same as `wrapper`, without blocking the event loop: needed when the same process also
 * hosts the HTTP server under test, or sends the load, which must go on while the wrapper works.
 */
export function wrapperAsync(args: string[]): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRAPPER, ...args], {
      cwd: ROOT,
      env: wrapperEnv(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

/** The last line the wrapper printed on stdout (`start` prints the Bolt URI last). */
export function lastLine(stdout: string): string {
  return stdout.trim().split('\n').pop() ?? '';
}

/** Pids of launcher JVMs started for `home`, read from /proc so nothing else is counted. */
export function launcherPids(home: string): number[] {
  const absolute = path.resolve(ROOT, home);
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return cmdline.includes('zonegraph.EmbeddedNeo4j') && cmdline.includes(`-Dzonegraph.home=${absolute}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}
