import type http from 'node:http';
import { RateLimiter, type RateLimitConfig } from '../../src/http/rate-limit';

const CONFIG: RateLimitConfig = { ipPerSecond: 2, ipBurst: 3, keyPerSecond: 1, keyBurst: 2, trustProxy: false };

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('RateLimiter (token buckets)', () => {
  test('an address gets its burst at once, then waits for the refill, told how long', () => {
    const time = clock();
    const limiter = new RateLimiter(CONFIG, time.now);
    expect([1, 2, 3].map(() => limiter.take('10.0.0.1', null))).toEqual([null, null, null]);
    expect(limiter.take('10.0.0.1', null)).toBe(1);
    time.advance(499);
    expect(limiter.take('10.0.0.1', null)).toBe(1);
    time.advance(1);
    expect(limiter.take('10.0.0.1', null)).toBeNull();
    // Another address has its own bucket.
    expect(limiter.take('10.0.0.2', null)).toBeNull();
  });

  test('a keyed request counts against its address and its key, and keys are apart', () => {
    const time = clock();
    const limiter = new RateLimiter(CONFIG, time.now);
    expect(limiter.take('a', 'alice')).toBeNull();
    expect(limiter.take('b', 'alice')).toBeNull();
    // Alice's key is empty (burst 2) although each address still has tokens.
    expect(limiter.take('c', 'alice')).toBe(1);
    expect(limiter.take('c', 'bob')).toBeNull();
  });

  test('a rate of 0 turns a limit off', () => {
    const limiter = new RateLimiter({ ...CONFIG, ipPerSecond: 0, keyPerSecond: 0 }, clock().now);
    for (let i = 0; i < 1000; i += 1) expect(limiter.take('a', 'alice')).toBeNull();
  });

  test('X-Forwarded-For names the client only behind a trusted proxy', () => {
    const req = {
      headers: { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' },
      socket: { remoteAddress: '127.0.0.1' },
    } as unknown as http.IncomingMessage;
    expect(new RateLimiter(CONFIG).address(req)).toBe('127.0.0.1');
    expect(new RateLimiter({ ...CONFIG, trustProxy: true }).address(req)).toBe('203.0.113.9');
  });

  test('memory is bounded: the least recently seen buckets go first', () => {
    const time = clock();
    const limiter = new RateLimiter(CONFIG, time.now);
    for (let i = 0; i < 3; i += 1) limiter.take('first', null);
    expect(limiter.take('first', null)).toBe(1);
    for (let i = 0; i < 20_000; i += 1) limiter.take(`other-${i}`, null);
    // 'first' was evicted: it starts again with a full bucket.
    expect(limiter.take('first', null)).toBeNull();
  });
});
