import type { Availability } from './availability';
import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import {
  AppError,
  BadUserInputError,
  ConflictError,
  DatabaseUnavailableError,
  QueryTimeoutError,
} from '../errors/errors';
import { BOOKMARK_HEADER } from './bookmarks';
import type { CypherRegistry } from './cypher';
import type { QueryName } from './queries';
import type { ReadGate } from './read-gate';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Runs named statements inside one transaction (never raw Cypher: names come from the registry). */
export interface QueryRunner {
  query(name: QueryName, params?: Params): Promise<Row[]>;
}

export interface RunOptions {
  /** Transaction timeout; defaults to the executor's configured timeout. */
  readonly timeoutMs?: number;
  /** A tag recorded in the transaction metadata, visible in Neo4j's query log and `SHOW TRANSACTIONS`. */
  readonly tag?: string;
  /**
   * False for a write that changes no data a reader sees (a schema statement, a boot lease):
   * it does not advance the graph version (graph/bump-version), which a schema statement could
   * not share a transaction with anyway. Default true.
   */
  readonly changesGraph?: boolean;
}

export interface ExecutorOptions {
  readonly database: string;
  readonly defaultTimeoutMs: number;
  /**
   * Bookmarks the first transaction waits for (see `forRequest`); empty by default. On a
   * cluster, a transaction that carries a bookmark starts only on a member that has applied
   * the transaction the bookmark names.
   */
  readonly bookmarks?: readonly string[];
  /**
   * Whether Neo4j answers, watched in the background (src/db/availability.ts): while it is
   * down, units of work are refused at once and reads in flight are given up.
   */
  readonly availability?: Availability;
  /**
   * How long a read that fails with a transient error (a leader switch, a lost connection) is
   * run again, as the driver does for a managed transaction (its maxTransactionRetryTime,
   * NEO4J_MAX_RETRY_MS). Default 30 s, the driver's own default.
   */
  readonly maxRetryMs?: number;
  /**
   * Admission control for reads (src/db/read-gate.ts): each read (an auto-commit read, one try
   * of it; a read transaction) waits for one of its slots. Given to the executor of requests
   * (and so shared by every executor made from it by `forRequest`), not to boot or tools.
   */
  readonly readGate?: ReadGate;
}

/** The driver's retry timing for managed transactions (neo4j-driver's TransactionExecutor defaults). */
const RETRY_INITIAL_DELAY_MS = 1000;
const RETRY_DELAY_MULTIPLIER = 2;
const RETRY_DELAY_JITTER = 0.2;
const DEFAULT_MAX_RETRY_MS = 30_000;

/**
 * Runs `work` until it succeeds, fails with an error the driver does not call retryable (a client
 * error, a syntax error, a timeout the client set), or has been failing for `maxRetryMs`: the
 * driver's rule for a managed transaction (delays of 1 s, 2 s, 4 s... with ±20% jitter), for a
 * unit of work that is not one (an auto-commit read). The last error is thrown unchanged.
 */
export async function retryTransient<T>(work: () => Promise<T>, maxRetryMs: number): Promise<T> {
  const started = Date.now();
  let delay = RETRY_INITIAL_DELAY_MS;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!neo4j.isRetryableError(error) || Date.now() - started >= maxRetryMs) throw error;
      const jittered = delay * (1 - RETRY_DELAY_JITTER + 2 * RETRY_DELAY_JITTER * Math.random());
      await new Promise((resolve) => setTimeout(resolve, jittered));
      delay *= RETRY_DELAY_MULTIPLIER;
    }
  }
}

const CONSTRAINT_CODES = new Set(['Neo.ClientError.Schema.ConstraintValidationFailed']);
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.TransactionTimedOut',
]);
const UNAVAILABLE_CODES = new Set([neo4j.error.SERVICE_UNAVAILABLE, neo4j.error.SESSION_EXPIRED]);
/** The server could not read a bookmark the client sent (it passed our format check). */
const BOOKMARK_CODES = new Set([
  'Neo.ClientError.Transaction.InvalidBookmark',
  'Neo.ClientError.Transaction.InvalidBookmarkMixture',
]);

/**
 * Turns a driver error into one of our typed errors. This is the only place that knows
 * Neo4j's status codes; anything unrecognised is passed on unchanged and later masked as an
 * internal error, so driver messages never reach clients.
 */
export function mapDriverError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (CONSTRAINT_CODES.has(code)) return new ConflictError('The write conflicts with an existing record.');
  if (TIMEOUT_CODES.has(code)) return new QueryTimeoutError();
  if (UNAVAILABLE_CODES.has(code)) return new DatabaseUnavailableError();
  if (BOOKMARK_CODES.has(code)) {
    return new BadUserInputError(
      `The ${BOOKMARK_HEADER} header names no transaction of this database: send back, unchanged, a bookmark this API returned.`,
      { header: BOOKMARK_HEADER },
    );
  }
  // Transient errors (a leader switch, a deadlock, a member still catching up with a bookmark)
  // reach here only after the managed transaction retried them for NEO4J_MAX_RETRY_MS.
  if (code.startsWith('Neo.TransientError.')) {
    return new DatabaseUnavailableError('The database could not serve the request in time; try again.');
  }
  return error;
}

/** Statements sent, shared by an executor and the request executors made from it. */
interface StatementCounter {
  statements: number;
  /** Units of work (managed transactions and auto-commit reads) begun, each on a session of its own. */
  transactions: number;
  /** Of those, the managed transactions (BEGIN ... COMMIT): the rest are auto-commit reads. */
  managed: number;
  /** Sessions opened and not yet closed: 0 whenever no unit of work is running. */
  openSessions: number;
}

/**
 * The only code that touches the driver. It opens a session per unit of work with the
 * configured database, runs managed transactions (so the driver retries transient failures),
 * closes the session in `finally`, tags and times out every transaction, counts statements
 * (tests read the counter to prove batching), and maps driver errors in one place.
 *
 * Reads run in read transactions and writes in write transactions, so that on a cluster
 * (`neo4j://` URIs) the driver routes reads to any member and writes to the leader. Every
 * session of one executor shares one bookmark chain: each transaction waits for the ones
 * before it, so a unit of work reads what it wrote even when its reads go to another member.
 */
export class Executor {
  private readonly chain: BookmarkManager;

  constructor(
    private readonly driver: Driver,
    private readonly cypher: CypherRegistry,
    private readonly options: ExecutorOptions,
    private readonly counter: StatementCounter = { statements: 0, transactions: 0, managed: 0, openSessions: 0 },
  ) {
    this.chain = neo4j.bookmarkManager({ initialBookmarks: options.bookmarks ?? [] });
  }

  /**
   * An executor for one request: the same driver, registry and statement counter, with a
   * bookmark chain of its own that starts at the bookmarks the client sent (none: the request
   * reads whatever the member serving it has, which is eventually consistent).
   */
  forRequest(bookmarks: readonly string[] = []): Executor {
    return new Executor(this.driver, this.cypher, { ...this.options, bookmarks }, this.counter);
  }

  /**
   * The bookmarks after this executor's last transaction: a later transaction (of any process)
   * that waits for them sees everything this executor wrote or read.
   */
  async bookmarks(): Promise<string[]> {
    return [...(await this.chain.getBookmarks())];
  }

  /** The number of statements sent to Neo4j since this executor (or the one it came from) was made. */
  get statementCount(): number {
    return this.counter.statements;
  }

  /**
   * The number of units of work (read or write transactions, each on its own session: a round
   * trip to begin and one to commit) since this executor (or the one it came from) was made.
   * Retries of a unit of work by the driver are not counted again.
   */
  get transactionCount(): number {
    return this.counter.transactions;
  }

  /**
   * Of `transactionCount`, the managed transactions (a BEGIN, and a COMMIT waited for); the
   * others are auto-commit reads, one round trip each (`read`).
   */
  get managedTransactionCount(): number {
    return this.counter.managed;
  }

  /**
   * Driver sessions this executor (and those made from it for requests) opened and has not
   * closed yet. Every unit of work closes its session in `finally`, so once requests have
   * drained this is 0; a higher number at rest is a leak (the server logs it when it stops).
   */
  get openSessions(): number {
    return this.counter.openSessions;
  }

  get database(): string {
    return this.options.database;
  }

  /**
   * One statement as an auto-commit read: one round trip (RUN and PULL) where a managed
   * transaction takes three messages more (BEGIN, COMMIT and the wait for it), which on loopback
   * halves what a short read costs the server and the client. A single statement gains nothing
   * from a transaction around it; it still takes the timeout, the tag, the bookmark chain and,
   * through retryTransient, the driver's retry rules of a managed transaction.
   */
  read(name: QueryName, params: Params = {}, options: RunOptions = {}): Promise<Row[]> {
    const text = this.cypher.get(name);
    const args = sentParams(params, this.cypher.parameters(name));
    const config = this.txConfig({ tag: name, ...options });
    let sent = false;
    const attempt = (): Promise<Row[]> => {
      // Counted once it is sent (a read the gate refuses never is), and not again when retried.
      if (!sent) {
        sent = true;
        this.counter.transactions += 1;
        this.counter.statements += 1;
      }
      return this.autoCommitRead(text, args, config);
    };
    const read = async (): Promise<Row[]> => {
      try {
        return await retryTransient(() => this.gated(attempt), this.options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS);
      } catch (error) {
        throw mapDriverError(error);
      }
    };
    const availability = this.options.availability;
    return availability === undefined ? read() : availability.giveUpWhenDown(read);
  }

  /**
   * Runs `work`, each statement it sends as an auto-commit read of its own (see `read`), side by
   * side when it sends them together: for statements that need not see one transaction (a page
   * and its count: Neo4j reads committed data per statement, so one transaction would not make
   * them agree anyway).
   */
  readEach<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    return work({ query: (name, params = {}) => this.read(name, params) });
  }

  write(name: QueryName, params: Params = {}, options: RunOptions = {}): Promise<Row[]> {
    return this.writeTransaction((tx) => tx.query(name, params), { tag: name, ...options });
  }

  readTransaction<T>(work: (tx: QueryRunner) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const read = (): Promise<T> =>
      this.gated(() =>
        this.withSession('READ', (session) =>
          session.executeRead((tx) => work(this.runner(tx)), this.txConfig(options)),
        ),
      );
    const availability = this.options.availability;
    return availability === undefined ? read() : availability.giveUpWhenDown(read);
  }

  /**
   * Runs `work` in a managed write transaction that ends by advancing the graph version
   * (graph/bump-version), which invalidates every HTTP cache validator (src/http/http-cache.ts).
   */
  async writeTransaction<T>(work: (tx: QueryRunner) => Promise<T>, options: RunOptions = {}): Promise<T> {
    // Refused while Neo4j is down; held while a restarted Neo4j plans the statements again.
    await this.options.availability?.beforeWrite();
    return this.withSession('WRITE', (session) =>
      session.executeWrite(async (tx) => {
        const runner = this.runner(tx);
        const result = await work(runner);
        if (options.changesGraph !== false) await runner.query('graph/bump-version');
        return result;
      }, this.txConfig(options)),
    );
  }

  /**
   * Runs Cypher text that is not a named query: schema migrations, whose statements come from
   * the project's own `cypher/migrations` files and never from a request.
   */
  runMigrationStatement(text: string, params: Params = {}, options: RunOptions = {}): Promise<Row[]> {
    return this.withSession('WRITE', (session) =>
      session.executeWrite(
        async (tx) => {
          this.counter.statements += 1;
          const result = await tx.run(text, params);
          return result.records.map((record) => toNative(record.toObject()) as Row);
        },
        this.txConfig({ tag: 'migration', ...options }),
      ),
    );
  }

  /**
   * Succeeds when Neo4j answers a trivial query within `timeoutMs`, and fails within about that
   * time otherwise. It runs an auto-commit query, not a managed transaction: a managed
   * transaction retries an unreachable server for up to 30 s (the driver's
   * maxTransactionRetryTime), and a readiness probe that hangs that long is worse than none.
   */
  async ping(timeoutMs = 2000): Promise<void> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    this.counter.openSessions += 1;
    try {
      await withDeadline(
        session.run('RETURN 1 AS ok', {}, { timeout: timeoutMs, metadata: { app: 'zonegraph', tag: 'ping' } }),
        timeoutMs,
        () => new DatabaseUnavailableError(),
      );
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      // Not awaited: after a missed deadline the session closes whenever the driver gives up.
      session
        .close()
        .catch(() => undefined)
        .finally(() => (this.counter.openSessions -= 1));
    }
  }

  /** Runs a read through the read gate, when this executor has one. */
  private gated<T>(work: () => Promise<T>): Promise<T> {
    const gate = this.options.readGate;
    return gate === undefined ? work() : gate.run(work);
  }

  private async autoCommitRead(
    text: string,
    params: Params,
    config: { timeout: number; metadata: Record<string, string> },
  ): Promise<Row[]> {
    const session = this.openSession('READ');
    this.counter.openSessions += 1;
    try {
      const result = await runUntraced(session, text, params, config);
      return result.records.map((record) => toNative(record.toObject()) as Row);
    } finally {
      try {
        await session.close();
      } finally {
        this.counter.openSessions -= 1;
      }
    }
  }

  private runner(tx: ManagedTransaction): QueryRunner {
    return {
      query: async (name, params = {}) => {
        this.counter.statements += 1;
        const result = await tx.run(this.cypher.get(name), sentParams(params, this.cypher.parameters(name)));
        return result.records.map((record) => toNative(record.toObject()) as Row);
      },
    };
  }

  private txConfig(options: RunOptions): { timeout: number; metadata: Record<string, string> } {
    return {
      timeout: options.timeoutMs ?? this.options.defaultTimeoutMs,
      metadata: { app: 'zonegraph', tag: options.tag ?? 'unnamed' },
    };
  }

  /** A session on the configured database in `mode`, on this executor's bookmark chain. */
  private openSession(mode: 'READ' | 'WRITE'): Session {
    return this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.chain,
    });
  }

  private async withSession<T>(mode: 'READ' | 'WRITE', work: (session: Session) => Promise<T>): Promise<T> {
    const session = this.openSession(mode);
    this.counter.openSessions += 1;
    this.counter.transactions += 1;
    this.counter.managed += 1;
    try {
      return await work(session);
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      try {
        await session.close();
      } finally {
        this.counter.openSessions -= 1;
      }
    }
  }
}

/**
 * Settles like `work`, or rejects with `onTimeout()` once `ms` have passed, whichever is first.
 * The work is not cancelled; callers use it where a late answer is worthless (health probes).
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    // Promise.race has subscribed to `work`, so its late rejection is not an unhandled one.
    clearTimeout(timer);
  }
}

/**
 * The driver drops parameters whose value is `undefined`, and Cypher then fails with "Expected
 * parameter"; an omitted optional GraphQL argument means null, so it is sent as null.
 */
/**
 * The parameters a statement is sent: those its text names, undefined sent as null. The others
 * are left out: a list read's object carries every filter (null), and each is bytes in the RUN
 * message; past 1,400 bytes the driver writes the message to the socket in two system calls.
 */
function sentParams(params: Params, names: ReadonlySet<string>): Params {
  const sent: Params = {};
  for (const key of Object.keys(params)) {
    if (!names.has(key)) continue;
    const value = params[key];
    sent[key] = value === undefined ? null : value;
  }
  return sent;
}

/**
 * Converts driver values to plain JSON-like values at the boundary: temporal values become
 * ISO strings, nodes and relationships become their property maps, and integers (already
 * numbers because lossless integers are off) pass through.
 */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toNative);
  if (typeof value !== 'object') return value;
  // A map the driver decoded is a plain object; only its own classes (integers, temporal
  // values, nodes, relationships) need the checks below.
  if (Object.getPrototypeOf(value) === Object.prototype) return nativeMap(value as Record<string, unknown>);
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value);
  }
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) {
    return toNative((value as { properties: unknown }).properties);
  }
  return nativeMap(value as Record<string, unknown>);
}

function nativeMap(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = toNative(value[key]);
  return out;
}

/**
 * `session.run` without the stack trace the driver captures for every result (an Error made and
 * formatted per statement, a twentieth of the API's CPU for a read by id), which it only uses to
 * give a failed statement's error the caller's frames. The executor maps every driver error to
 * a typed error with its own stack (mapDriverError), and clients never see stacks, so nothing
 * reads them. The limit is restored before anything else runs: `run` builds its result
 * synchronously.
 */
function runUntraced(
  session: Session,
  text: string,
  params: Params,
  config: { timeout: number; metadata: Record<string, string> },
): ReturnType<Session['run']> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return session.run(text, params, config);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
