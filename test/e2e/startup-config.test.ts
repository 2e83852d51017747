import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
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
    ['CORS_ORIGINS', 'app.example.com'],
    ['CORS_ORIGINS', 'https://app.example.com/path'],
  ])('%s=%s stops the process with a message naming the variable', (variable, value) => {
    const { status, stderr } = start({ [variable]: value });
    expect(status).toBe(2);
    expect(stderr).toContain(`Invalid ${variable}`);
  });
});

describe('values found wrong only on use still stop the process with exit 2, naming the variable', () => {
  test.each([
    ['HOST', 'not-a-host.invalid'],
    ['NEO4J_DATABASE', 'nosuchdb'],
  ])('%s=%s', (variable, value) => {
    const { status, stderr } = start({
      NEO4J_URI: process.env.NEO4J_URI ?? '',
      PORT: '0',
      SEED_ON_START: 'false',
      [variable]: value,
    });
    expect(stderr).toContain(`Invalid ${variable}`);
    expect(status).toBe(2);
  });
});

describe('a PORT another process holds', () => {
  test('stops the process with exit 2 naming PORT', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [MAIN], {
          env: {
            PATH: process.env.PATH ?? '',
            NEO4J_URI: process.env.NEO4J_URI ?? '',
            PORT: String(port),
            SEED_ON_START: 'false',
          },
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (status) => resolve({ status, stderr }));
      });
      expect(result.stderr).toContain('Invalid PORT');
      expect(result.status).toBe(2);
    } finally {
      holder.close();
    }
  }, 30_000);
});

describe('npm run seed refuses arguments it does not know, before touching a database', () => {
  test('an unknown argument is a usage error with exit 2; --help prints the usage', () => {
    const seed = path.resolve(__dirname, '..', '..', 'dist', 'src', 'tools', 'seed.js');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [seed, ...args], {
        env: { PATH: process.env.PATH ?? '', NEO4J_URI: 'bolt://127.0.0.1:1' },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const bad = run(['--frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown argument --frobnicate');
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: npm run seed');
  });
});
