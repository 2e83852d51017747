import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const WRAPPER = path.join(ROOT, 'scripts', 'neo4j.js');

/** Runs scripts/neo4j.js with NEO4J_URI removed, so it manages its own local database. */
export function wrapper(args: string[], timeoutMs = 180_000): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NEO4J_URI;
  return spawnSync(process.execPath, [WRAPPER, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: timeoutMs });
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

/**
 * The same as `wrapper`, without blocking the event loop: needed when the test process also
 * hosts the HTTP server under test, which must keep answering while the wrapper works.
 */
export function wrapperAsync(args: string[]): Promise<{ status: number | null; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NEO4J_URI;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRAPPER, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout }));
  });
}
