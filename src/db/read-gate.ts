import { DatabaseUnavailableError } from '../errors/errors';

/**
 * Admission control for the reads of requests: at most `limit` run in Neo4j at once; the others
 * wait, first come first served, for at most `queueTimeoutMs`, and are then refused with
 * DATABASE_UNAVAILABLE ("busy, try again").
 *
 * Why: Neo4j runs every transaction it is given side by side, sharing its cores. A statement that
 * takes 0.35 s alone on a 2-core server takes 32 × 0.35 / 2 ≈ 5.6 s when 32 clients ask for it at
 * once, so every one of them reaches the 5 s transaction timeout, and the work done for each is
 * thrown away. Run 16 at a time, each takes about 2.8 s: the same throughput, none timed out.
 * The transaction timeout counts from BEGIN, so the wait here is not part of it.
 *
 * Light reads (a page, an id) pass through at once below the limit; the limit only bites when
 * that many reads are in Neo4j at once, which on a small server means it is saturated anyway.
 */
export class ReadGate {
  private running = 0;
  private readonly waiting: { admit: () => void }[] = [];
  /** The most reads that ran at once since the gate was made (tests and operators read it). */
  peak = 0;
  /** Reads refused after waiting `queueTimeoutMs` for a slot. */
  refused = 0;

  constructor(
    /** How many reads may run at once; 0 admits every read (no limit). */
    readonly limit: number,
    readonly queueTimeoutMs: number,
  ) {
    if (!Number.isInteger(limit) || limit < 0)
      throw new RangeError(`ReadGate limit must be an integer ≥ 0, not ${limit}`);
  }

  /** Reads running now. */
  get inFlight(): number {
    return this.running;
  }

  /** Reads waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `work` once a slot is free, and frees it when `work` settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.limit === 0 || this.running < this.limit) {
      this.running += 1;
      this.peak = Math.max(this.peak, this.running);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        this.refused += 1;
        reject(
          new DatabaseUnavailableError(
            `The server is busy: ${this.limit} reads are running and none finished within ${this.queueTimeoutMs} ms; try again shortly.`,
          ),
        );
      }, this.queueTimeoutMs);
      this.waiting.push(entry);
    });
  }

  /** Hands the slot to the longest waiting read, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.running -= 1;
    else next.admit();
  }
}
