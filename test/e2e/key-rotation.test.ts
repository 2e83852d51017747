import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashKey } from '../../src/auth/api-keys';

const MAIN = path.resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');

/**
 * Key rotation without a restart, on the built server: API_KEYS_FILE is re-read on SIGHUP, a
 * key removed from it is refused from the next request on, and a file that no longer parses
 * leaves the keys in force as they were.
 */
describe('API keys are re-read on SIGHUP', () => {
  let child: ChildProcess;
  let output = '';
  let url = '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zg-keys-'));
  const file = path.join(dir, 'keys');
  const alice = 'zg_alice-test-key';
  const bob = 'zg_bob-test-key';

  const status = async (key: string): Promise<number> =>
    (
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ apiVersion }' }),
      })
    ).status;

  async function hangUp(expected: RegExp): Promise<void> {
    const before = output.length;
    child.kill('SIGHUP');
    const deadline = Date.now() + 20_000;
    while (!expected.test(output.slice(before))) {
      if (Date.now() > deadline) throw new Error(`no reload line:\n${output.slice(before)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    fs.writeFileSync(file, `alice:editor:${hashKey(alice)}\nbob:reader:${hashKey(bob)}\n`);
    child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', SEED_ON_START: 'false', API_KEYS_FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const deadline = Date.now() + 240_000;
    while (!/ZoneGraph ready at (\S+)/.test(output)) {
      if (Date.now() > deadline) throw new Error(`no ready line:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    url = /ZoneGraph ready at (\S+)/.exec(output)?.[1] as string;
  }, 300_000);

  afterAll(() => {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a revoked key is refused at once, the others keep working', async () => {
    expect(await status(alice)).toBe(200);
    expect(await status(bob)).toBe(200);
    fs.writeFileSync(file, `bob:reader:${hashKey(bob)}\n`);
    // Until the server is told, the file is not read again.
    expect(await status(alice)).toBe(200);
    await hangUp(/SIGHUP received: 1 API keys in force/);
    expect(await status(alice)).toBe(401);
    expect(await status(bob)).toBe(200);
  });

  test('a file that does not parse is refused and the keys in force stay', async () => {
    fs.writeFileSync(file, `bob:superuser:${hashKey(bob)}\n`);
    await hangUp(/the API keys were not reloaded, the previous ones stay in force/);
    expect(await status(bob)).toBe(200);
    fs.writeFileSync(file, `alice:editor:${hashKey(alice)}\n`);
    await hangUp(/SIGHUP received: 1 API keys in force/);
    expect(await status(alice)).toBe(200);
    expect(await status(bob)).toBe(401);
  });
});
