import { spawn } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');

describe('the built server (as npm start runs it)', () => {
  test('serves GraphQL, then drains and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', SEED_ON_START: 'false', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line:\n${output}`)), 30_000);
      child.stdout.on('data', () => {
        const match = /ZoneGraph ready at (\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ apiVersion }' }),
    });
    expect(await response.json()).toEqual({ data: { apiVersion: '0.2.0' } });

    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), 15_000))),
    ]);
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(output).toContain('SIGTERM received');
  });
});
