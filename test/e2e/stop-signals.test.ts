import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launcherPids, ROOT } from '../helpers/wrapper';

/**
 * `npm start` stopped the way process managers stop it: systemd, pm2 and container runtimes
 * send SIGTERM to the process they started (npm itself), and sometimes SIGKILL to what is left.
 * Whatever the moment, nothing may keep running: not the wrapper, not the server, not Neo4j.
 * Each case starts its own local Neo4j in its own home, with NEO4J_URI removed.
 */
const HOME = '.neo4j/e2e-stop';

interface Started {
  readonly npm: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function npmStart(): Started {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    SEED_ON_START: 'false',
    NEO4J_HOME_DIR: HOME,
  };
  delete env.NEO4J_URI;
  // --ignore-scripts skips only `prestart` (the build `npm test` has already done).
  const npm = spawn('npm', ['start', '--ignore-scripts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
  return { npm, output: () => output, exited };
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The pids of this repository's `run` wrapper and server processes for HOME (from /proc). */
function ourProcesses(): { wrappers: number[]; servers: number[] } {
  const wrappers: number[] = [];
  const servers: number[] = [];
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      // Only what this test started: the jest run itself is under another `run` wrapper.
      if (cwd !== ROOT || !fs.readFileSync(`/proc/${entry}/environ`, 'utf8').includes(`NEO4J_HOME_DIR=${HOME}`))
        continue;
      if (cmdline.includes(path.join('scripts', 'neo4j.js')) && cmdline.includes('run')) wrappers.push(Number(entry));
      if (cmdline.includes(path.join('dist', 'src', 'main.js'))) servers.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return { wrappers, servers };
}

function nothingLeft(): boolean {
  const left = ourProcesses();
  return launcherPids(HOME).length === 0 && left.servers.length === 0 && left.wrappers.length === 0;
}

// Each case starts Neo4j (a minute on a busy 2-core machine) and waits for processes to end.
jest.setTimeout(400_000);

describe('stopping npm start', () => {
  afterEach(async () => {
    // Whatever a failed case left behind is stopped, so the next case starts clean.
    for (const pid of [...launcherPids(HOME), ...ourProcesses().servers, ...ourProcesses().wrappers]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  test('SIGTERM to npm once it serves stops the server, the wrapper and Neo4j', async () => {
    const started = npmStart();
    await until('the ready line', () => /ZoneGraph ready at \S+/.test(started.output()), 240_000);
    const url = /ZoneGraph ready at (\S+)/.exec(started.output())?.[1] as string;
    expect((await fetch(url.replace('/graphql', '/readyz'))).status).toBe(200);
    expect(launcherPids(HOME)).toHaveLength(1);

    started.npm.kill('SIGTERM');
    await started.exited;
    await until('everything to stop', nothingLeft, 60_000);
    await expect(fetch(url.replace('/graphql', '/healthz'))).rejects.toThrow();
    expect(started.output()).toContain('SIGTERM received: draining requests');
  });

  test('SIGTERM to npm while Neo4j is still starting stops the start and Neo4j', async () => {
    const started = npmStart();
    await until('Neo4j to be starting', () => started.output().includes('starting Neo4j'), 240_000);
    started.npm.kill('SIGTERM');
    await started.exited;
    await until('everything to stop', nothingLeft, 60_000);
    expect(started.output()).not.toContain('ZoneGraph ready');
  });

  test('SIGKILL to the wrapper: the server and Neo4j stop by themselves', async () => {
    const started = npmStart();
    await until('the ready line', () => /ZoneGraph ready at \S+/.test(started.output()), 240_000);
    const [wrapper] = ourProcesses().wrappers;
    expect(wrapper).toBeDefined();
    process.kill(wrapper as number, 'SIGKILL');
    await until('everything to stop', nothingLeft, 60_000);
    expect(started.output()).toContain('wrapper gone');
    started.npm.kill('SIGTERM');
  });
});
