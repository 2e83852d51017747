import type http from 'node:http';

export interface RateLimitConfig {
  /** Requests per second each client address may make on average; 0 turns the limit off. */
  readonly ipPerSecond: number;
  /** How many requests an address may make at once before the average applies. */
  readonly ipBurst: number;
  /** The same for each API key (keyed requests count against their address too). */
  readonly keyPerSecond: number;
  readonly keyBurst: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  readonly trustProxy: boolean;
}

/** How many clients' buckets are kept at most; the idlest go first (a full bucket loses nothing). */
const MAX_BUCKETS = 20_000;

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * Token buckets, one per client address and one per API key: a bucket holds up to `burst`
 * tokens, refills at `perSecond`, and each request takes one. Kept in this process's memory,
 * so the limits apply per replica (docs/operations.md). `now` is injectable for tests.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Takes a token from the request's address bucket and, for a keyed request, from its key's
   * bucket. Returns null when the request may proceed, or the seconds to wait.
   */
  take(address: string, keyName: string | null): number | null {
    const byAddress = this.takeFrom(`ip:${address}`, this.config.ipPerSecond, this.config.ipBurst);
    if (byAddress !== null) return byAddress;
    if (keyName === null) return null;
    return this.takeFrom(`key:${keyName}`, this.config.keyPerSecond, this.config.keyBurst);
  }

  /** The client's address: the socket's, or the first X-Forwarded-For hop when a proxy is trusted. */
  address(req: http.IncomingMessage): string {
    if (this.config.trustProxy) {
      const forwarded = req.headers['x-forwarded-for'];
      const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
      if (first) return first;
    }
    return req.socket.remoteAddress ?? 'unknown';
  }

  private takeFrom(id: string, perSecond: number, burst: number): number | null {
    if (perSecond <= 0) return null;
    const now = this.now();
    const bucket = this.buckets.get(id) ?? { tokens: burst, updated: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updated) / 1000) * perSecond);
    bucket.updated = now;
    // Re-inserted, so the map's order is least recently used first.
    this.buckets.delete(id);
    this.buckets.set(id, bucket);
    if (this.buckets.size > MAX_BUCKETS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.ceil((1 - bucket.tokens) / perSecond);
  }
}
