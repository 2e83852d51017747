import { spawnSync } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');

function start(env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', NEO4J_URI: 'bolt://127.0.0.1:1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('the server refuses bad configuration at start (built output, as npm start runs it)', () => {
  test.each([
    ['PORT', 'eighty'],
    ['PORT', '99999'],
    ['NEO4J_URI', 'http://localhost:7474'],
    ['NEO4J_URI', 'nonsense'],
    ['API_KEYS', 'garbage'],
    ['API_KEYS', 'alice:superuser:abcd'],
    ['API_KEYS_FILE', '/nonexistent/zonegraph-keys.txt'],
  ])('%s=%s stops the process with a message naming the variable', (variable, value) => {
    const { status, stderr } = start({ [variable]: value });
    expect(status).toBe(2);
    expect(stderr).toContain(`Invalid ${variable}`);
  });
});
