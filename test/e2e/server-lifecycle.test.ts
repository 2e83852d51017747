import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

const MAIN = path.resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves when the output contains `text`. */
  printed(text: string, timeoutMs?: number): Promise<void>;
}

/** Starts the built server as `npm start` runs it, and resolves once it says it is ready. */
async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', SEED_ON_START: 'false', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const printed = (text: string, timeoutMs = 30_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never printed ${JSON.stringify(text)}:\n${output}`)), timeoutMs);
      const check = (): void => {
        if (!output.includes(text)) return;
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(check), 1);
        resolve();
      };
      waiters.push(check);
      check();
    });
  await printed('ZoneGraph ready at ');
  const url = /ZoneGraph ready at (\S+)/.exec(output)?.[1] ?? '';
  return { child, url, exited, output: () => output, printed };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no end after ${ms} ms`)), ms)),
    ),
  ]);
}

describe('the built server (as npm start runs it)', () => {
  test('serves GraphQL, then exits 0 on SIGTERM', async () => {
    const server = await startServer();
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ apiVersion }' }),
    });
    expect(await response.json()).toEqual({ data: { apiVersion: '0.2.0' } });
    server.child.kill('SIGTERM');
    expect(await within(server.exited, 15_000, 'exit after SIGTERM')).toBe(0);
    expect(server.output()).toContain('SIGTERM received');
  });

  test('drains: a request in flight when SIGTERM arrives gets its full answer before the process exits', async () => {
    const server = await startServer();
    // One keep-alive connection, so the slow request below goes over a connection the server
    // has certainly accepted (a first request was answered on it).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (text: string, hold: boolean) => {
      const request = http.request(server.url, {
        agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      });
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        request.on('response', (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          response.on('error', reject);
        });
        request.on('error', reject);
      });
      if (hold) request.write(text.slice(0, 10));
      else request.end(text);
      return { request, answer };
    };
    expect((await send(JSON.stringify({ query: '{ apiVersion }' }), false).answer).status).toBe(200);

    // A slow client: the headers and the start of the body now, the rest only after SIGTERM.
    // The request is in flight (the server is reading it) when the signal arrives, and its
    // query reaches Neo4j only after that, so the answer needs the HTTP server and the driver
    // to stay up until it is sent.
    const body = JSON.stringify({ query: '{ apiVersion zones(first: 1) { totalCount } }' });
    const slow = send(body, true);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(slow.request.reusedSocket).toBe(true);
    server.child.kill('SIGTERM');
    await server.printed('SIGTERM received');
    // Draining: the listener closes, so a new connection is refused, while the request in
    // flight is still open...
    expect(await refusedWithin(server.url.replace('/graphql', '/healthz'), 10_000)).toBe(true);
    expect(server.child.exitCode).toBeNull();
    // ...and once its body arrives, it is answered in full, and only then does the process exit.
    slow.request.end(body.slice(10));
    const { status, body: text } = await within(slow.answer, 20_000, 'the answer to the request in flight');
    agent.destroy();
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { apiVersion: '0.2.0', zones: { totalCount: expect.any(Number) } } });
    expect(await within(server.exited, 15_000, 'exit after draining')).toBe(0);
  });
});

/** True once a new connection to `url` is refused, trying every 50 ms for at most `ms`. */
async function refusedWithin(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers: { connection: 'close' } });
      await response.arrayBuffer();
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
