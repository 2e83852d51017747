import { DatabaseUnavailableError } from '../errors/errors';

export interface AvailabilityOptions {
  /** Succeeds when Neo4j answers within the timeout (Executor.ping). */
  readonly ping: (timeoutMs: number) => Promise<void>;
  /** How often to ask, in ms. */
  readonly intervalMs: number;
  /** How long one ping may take, in ms. */
  readonly timeoutMs: number;
  readonly log?: (line: string) => void;
  /**
   * Called when Neo4j answers again after being down: a restarted database has lost its query
   * plans, and the app plans its statements again before clients' requests do. Reads are served
   * at once; writes wait for the promise it returns (see `beforeWrite`).
   */
  readonly onRecovered?: () => Promise<void> | void;
  /**
   * Missed pings in a row (each failing at its deadline, not before) that mark Neo4j down
   * (default 3). A refused or reset connection marks it down at once; a ping that only misses
   * its deadline may be a busy database, which requests should reach, and time out on their own
   * if they must, rather than be refused as if it were gone.
   */
  readonly slowPingsToDown?: number;
  /**
   * How long a write waits, at most, for that work before it runs anyway, in ms (default 10 s:
   * about a cold Neo4j's planning of the write path, and no more than NEO4J_MAX_RETRY_MS).
   */
  readonly writeWaitMs?: number;
}

/**
 * Whether Neo4j answers, asked in the background, so that requests fail fast while it is down
 * instead of each waiting out the driver's retries (NEO4J_MAX_RETRY_MS): a circuit breaker.
 *
 * A ping (an auto-commit `RETURN 1` with a deadline) runs every `intervalMs`. When one fails
 * before its deadline (the connection refused or reset: the server is gone), or
 * `slowPingsToDown` in a row miss it (a server so busy it cannot answer `RETURN 1` in time),
 * the database is marked down: new units of work are refused at once with
 * DATABASE_UNAVAILABLE, and reads in flight are given up (writes in flight are left to finish
 * or fail on their own, so that what a client is told about a write is what happened). The
 * first ping that succeeds marks it up again, so the API recovers within one interval of Neo4j
 * being ready, without a restart. At most one ping is in flight.
 */
export class Availability {
  private down = false;
  private timer: NodeJS.Timeout | undefined;
  private pinging = false;
  private readonly waiting = new Set<(error: Error) => void>();
  /** Pings in a row that failed at their deadline. */
  private slowPings = 0;
  /** The work started by `onRecovered`, until it settles. */
  private recovering: Promise<void> | null = null;

  constructor(private readonly options: AvailabilityOptions) {}

  get isDown(): boolean {
    return this.down;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => void this.check(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Asks Neo4j once and records the answer; resolves with whether it is up. */
  async check(): Promise<boolean> {
    if (this.pinging) return !this.down;
    this.pinging = true;
    const started = Date.now();
    try {
      await this.options.ping(this.options.timeoutMs);
      this.slowPings = 0;
      const recovered = this.down;
      if (recovered) this.options.log?.('neo4j: answering again; requests are served');
      this.down = false;
      if (recovered) this.startRecovery();
    } catch {
      // Failed at (about) its deadline: slow, not refused. Only enough of those in a row count.
      const slow = Date.now() - started >= this.options.timeoutMs * 0.9;
      this.slowPings = slow ? this.slowPings + 1 : 0;
      const gone = !slow || this.slowPings >= (this.options.slowPingsToDown ?? 3);
      if (gone && !this.down) {
        this.options.log?.('neo4j: not answering; requests fail with DATABASE_UNAVAILABLE until it does');
        this.down = true;
        const error = new DatabaseUnavailableError();
        for (const reject of this.waiting) reject(error);
        this.waiting.clear();
      }
    } finally {
      this.pinging = false;
    }
    return !this.down;
  }

  /** Whether the work started when Neo4j came back (planning again) is still running. */
  get isRecovering(): boolean {
    return this.recovering !== null;
  }

  private startRecovery(): void {
    const work = this.options.onRecovered?.();
    if (work === undefined) return;
    const settled: Promise<void> = work
      .catch(() => undefined)
      .finally(() => {
        if (this.recovering === settled) this.recovering = null;
      });
    this.recovering = settled;
  }

  /**
   * Called before a write starts: refuses it at once while Neo4j is down, and right after Neo4j
   * came back waits (at most `writeWaitMs`) for the statements to be planned again. A write's
   * chunk runs about twenty statements in one transaction with the request timeout; on a cold,
   * restarted database planning them all inside it ended in QUERY_TIMEOUT, so the first writes
   * after a restart failed. Waiting, they succeed late instead. Reads are not held: each runs one
   * or two statements and is planned within its timeout.
   */
  async beforeWrite(): Promise<void> {
    this.assertUp();
    const recovering = this.recovering;
    if (recovering === null) return;
    let timer: NodeJS.Timeout | undefined;
    const waitMs = this.options.writeWaitMs ?? 10_000;
    try {
      await Promise.race([recovering, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    } finally {
      clearTimeout(timer);
    }
    this.assertUp();
  }

  /** Throws DATABASE_UNAVAILABLE at once while Neo4j is known to be down. */
  assertUp(): void {
    if (this.down) throw new DatabaseUnavailableError();
  }

  /**
   * Settles like `work`, or rejects with DATABASE_UNAVAILABLE as soon as Neo4j is found down
   * while it runs. The work is not cancelled (its session closes when the driver gives up).
   */
  async giveUpWhenDown<T>(start: () => Promise<T>): Promise<T> {
    this.assertUp();
    const work = start();
    let reject: ((error: Error) => void) | undefined;
    const downed = new Promise<never>((_, rejectWith) => {
      reject = rejectWith;
    });
    const waiter = (error: Error): void => reject?.(error);
    this.waiting.add(waiter);
    try {
      return await Promise.race([work, downed]);
    } finally {
      this.waiting.delete(waiter);
    }
  }
}
