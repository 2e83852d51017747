import { quantile } from './measure';

/**
 * The pure parts of `npm run soak` (bench/soak.ts): its options, the statistics of a window of
 * requests, the goals checked on a finished run, and the summary table. No I/O here, so the
 * unit test (test/unit/soak.test.ts) checks them on made-up results.
 */

export const SOAK_USAGE = `usage: npm run soak -- [--duration-s N] [--short] [--window-s N] [--json FILE] [--strict]
  --duration-s N   seconds of load at 80% of the measured maximum (10..3600; default 600, --short 10)
  --short          the CI version (about a minute): the fixture without the seed page, 1 s probes,
                   5 s windows, 10 s of load; judges
                   errors and the return to baseline, and only reports p99 drift and RSS growth
                   (a run that short is still warming up)
  --window-s N     seconds per reported window (5..600; default 60, --short 5)
  --json FILE      also write the results as JSON to FILE
  --strict         exit 1 when a goal fails (otherwise the verdicts are only printed)`;

export class SoakUsageError extends Error {}

export interface SoakOptions {
  readonly durationS: number;
  readonly windowS: number;
  readonly short: boolean;
  readonly json: string | null;
  readonly strict: boolean;
  /** Seconds of closed-loop load per concurrency level when measuring the maximum. */
  readonly probeS: number;
  /** Firms in the bench fixture loaded next to the seed (bench/fixture.ts; its targets are chosen for 240). */
  readonly fixtureFirms: number;
  /** Load the seed page too (not in --short: the fixture holds what the cases need). */
  readonly seed: boolean;
}

function integer(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new SoakUsageError(`${name} takes an integer from ${min} to ${max}`);
  }
  return n;
}

/** Parses the soak's arguments (after `--`); throws SoakUsageError for anything it does not know. */
export function parseSoakArgs(argv: readonly string[]): SoakOptions {
  let short = false;
  let strict = false;
  let json: string | null = null;
  let durationS: number | null = null;
  let windowS: number | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i] as string;
    const eq = raw.indexOf('=');
    const name = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      i += 1;
      return argv[i];
    };
    switch (name) {
      case '--short':
        short = true;
        break;
      case '--strict':
        strict = true;
        break;
      case '--duration-s':
        durationS = integer('--duration-s', value(), 10, 3600);
        break;
      case '--window-s':
        windowS = integer('--window-s', value(), 5, 600);
        break;
      case '--json': {
        const file = value();
        if (file === undefined || file === '' || file.startsWith('--'))
          throw new SoakUsageError('--json takes a file name');
        json = file;
        break;
      }
      default:
        throw new SoakUsageError(`unknown option ${raw}`);
    }
  }
  const duration = durationS ?? (short ? 10 : 600);
  const window = windowS ?? (short ? 5 : 60);
  if (window * 2 > duration) {
    throw new SoakUsageError(`--duration-s ${duration} must hold at least two windows of ${window} s`);
  }
  return {
    durationS: duration,
    windowS: window,
    short,
    json,
    strict,
    probeS: short ? 1 : 15,
    fixtureFirms: 240,
    seed: !short,
  };
}

/** What one request of the load came to. */
export interface Sample {
  /** Milliseconds from send to answer (failures too). */
  readonly ms: number;
  /** null when it succeeded, else `extensions.code`, a write's issue code, HTTP_<n> or CLIENT_TIMEOUT. */
  readonly code: string | null;
  readonly write: boolean;
}

export interface WindowStats {
  readonly index: number;
  readonly seconds: number;
  readonly requests: number;
  /** Successful requests per second. */
  readonly rps: number;
  readonly writes: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly errors: Record<string, number>;
  /** Requests not sent because too many were still in flight (the server fell behind). */
  readonly skipped: number;
  readonly rssMb: number | null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The statistics of one window of samples; p50 and p99 are over successful requests. */
export function windowStats(
  index: number,
  seconds: number,
  samples: readonly Sample[],
  skipped: number,
  rssMb: number | null,
): WindowStats {
  const ok = samples.filter((s) => s.code === null);
  const sorted = ok.map((s) => s.ms).sort((a, b) => a - b);
  const errors: Record<string, number> = {};
  for (const s of samples) if (s.code !== null) errors[s.code] = (errors[s.code] ?? 0) + 1;
  const p50 = quantile(sorted, 0.5);
  const p99 = quantile(sorted, 0.99);
  return {
    index,
    seconds: round1(seconds),
    requests: samples.length,
    rps: seconds > 0 ? round1(ok.length / seconds) : 0,
    writes: samples.filter((s) => s.write && s.code === null).length,
    p50: p50 === null ? null : round1(p50),
    p99: p99 === null ? null : round1(p99),
    errors,
    skipped,
    rssMb,
  };
}

/** Neo4j's view of the server: open transactions and Bolt connections (the soak's own excluded). */
export interface DatabaseState {
  readonly transactions: number;
  /** null when the database cannot list connections. */
  readonly connections: number | null;
}

export interface SoakResult {
  readonly version: 1;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly options: SoakOptions;
  readonly machine: { readonly cpus: number; readonly loadAverage: readonly number[] };
  readonly setupS: number;
  readonly data: Record<string, number>;
  /** Closed-loop throughput of the mix per concurrency level, and the best. */
  readonly probe: { readonly clients: number; readonly rps: number; readonly errors: number }[];
  readonly maxRps: number;
  readonly targetRps: number;
  readonly windows: WindowStats[];
  readonly rss: { readonly afterWarmupMb: number | null; readonly endMb: number | null };
  readonly database: { readonly baseline: DatabaseState; readonly after: DatabaseState };
  /**
   * Driver sessions the server still held open when it stopped after the load (its log line
   * "driver sessions open at stop: N"); null when the line was not found.
   */
  readonly sessionsAtStop: number | null;
  readonly writes: { readonly applied: number; readonly alreadyApplied: number; readonly replays: number };
  readonly goals: Goal[];
}

export interface Goal {
  readonly name: string;
  readonly pass: boolean;
  /** False for a goal only reported, not judged (p99 drift and RSS growth in --short). */
  readonly judged: boolean;
  readonly detail: string;
}

/** The count in the server's "driver sessions open at stop: N" log line (src/app.ts), or null. */
export function sessionsLeftOpen(serverLog: string): number | null {
  const match = /driver sessions open at stop: (\d+)/.exec(serverLog);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** The goals a run is judged by: `--strict` fails on these. */
export function failedGoals(goals: readonly Goal[]): Goal[] {
  return goals.filter((goal) => goal.judged && !goal.pass);
}

/**
 * Refusals the API documents as answers to a request it will not serve (docs/api.md): limits
 * on the query's shape and size, and a rate limit. The soak's requests are all within limits,
 * so none is expected; they are still not counted as failures of the server.
 */
export const DOCUMENTED_REFUSALS: readonly string[] = [
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'TOO_MANY_ALIASES',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'HTTP_429',
];

export type GoalInput = Pick<SoakResult, 'windows' | 'rss' | 'database' | 'sessionsAtStop'> & {
  readonly options?: Pick<SoakOptions, 'short'>;
};

const NOT_JUDGED_SHORT = ' (reported, not judged, in --short: the full run judges it)';

/** The four goals of issue 11 ("Soak"), checked on a finished run. */
export function checkGoals(result: GoalInput): Goal[] {
  const goals: Goal[] = [];
  const errors: Record<string, number> = {};
  for (const w of result.windows)
    for (const [code, n] of Object.entries(w.errors)) errors[code] = (errors[code] ?? 0) + n;
  const unexpected = Object.entries(errors).filter(([code]) => !DOCUMENTED_REFUSALS.includes(code));
  const skipped = result.windows.reduce((sum, w) => sum + w.skipped, 0);
  const drift = !(result.options?.short ?? false);
  goals.push({
    name: 'errors',
    judged: true,
    pass: unexpected.length === 0 && skipped === 0,
    detail:
      unexpected.length === 0 && skipped === 0
        ? `0 errors other than documented refusals (${Object.values(errors).reduce((a, b) => a + b, 0)} refusals)`
        : `${unexpected.map(([code, n]) => `${code} ×${n}`).join(', ') || 'none'}${skipped > 0 ? `; ${skipped} requests not sent (server behind)` : ''}`,
  });
  const first = result.windows[0]?.p99 ?? null;
  const last = result.windows[result.windows.length - 1]?.p99 ?? null;
  const ratio = first !== null && last !== null && first > 0 ? last / first : null;
  goals.push({
    name: 'p99 last/first window',
    judged: drift,
    pass: ratio !== null && ratio <= 1.5,
    detail:
      (ratio === null
        ? 'no p99 in the first or last window'
        : `${last} ms / ${first} ms = ${ratio.toFixed(2)} (≤ 1.5)`) + (drift ? '' : NOT_JUDGED_SHORT),
  });
  const { afterWarmupMb, endMb } = result.rss;
  const growth =
    afterWarmupMb !== null && endMb !== null && afterWarmupMb > 0 ? (endMb - afterWarmupMb) / afterWarmupMb : null;
  goals.push({
    name: 'RSS growth after warm-up',
    judged: drift,
    pass: growth !== null && growth < 0.1,
    detail:
      (growth === null
        ? 'RSS not measured'
        : `${afterWarmupMb} MB -> ${endMb} MB (${(growth * 100).toFixed(1)}%, < 10%)`) +
      (drift ? '' : NOT_JUDGED_SHORT),
  });
  // A leaked session would hold a transaction open on Neo4j, or stay counted by the server's
  // executor (which closes every session in `finally`). Bolt connections are only reported:
  // the driver keeps the idle connections its pool grew to under load (until their lifetime
  // ends), so more of them after a burst is the pool, not a leak.
  const { baseline, after } = result.database;
  const sessions = result.sessionsAtStop;
  goals.push({
    name: 'transactions and driver sessions back to baseline',
    judged: true,
    pass: after.transactions <= baseline.transactions && sessions === 0,
    detail:
      `transactions ${baseline.transactions} -> ${after.transactions}, ` +
      `driver sessions open at stop ${sessions ?? 'not reported'}; ` +
      `Bolt connections ${baseline.connections ?? 'n/a'} -> ${after.connections ?? 'n/a'} (the pool, reported only)`,
  });
  return goals;
}

const pad = (value: unknown, width: number): string => String(value).padStart(width);

/** The summary printed on stdout: one row per window, then the goals. */
export function soakTable(result: SoakResult): string {
  const lines: string[] = [];
  lines.push(
    `soak: ${result.options.durationS} s at ${result.targetRps} req/s (80% of ${result.maxRps} measured), ` +
      `windows of ${result.options.windowS} s; setup ${result.setupS} s; ` +
      `load average ${result.machine.loadAverage.map((n) => n.toFixed(2)).join(' ')} on ${result.machine.cpus} cores`,
  );
  lines.push(
    `probe: ${result.probe.map((p) => `${p.rps} req/s at ${p.clients} clients (${p.errors} errors)`).join(', ')}`,
  );
  lines.push('');
  lines.push(
    `${'window'.padEnd(7)}${pad('req', 7)}${pad('ok/s', 8)}${pad('writes', 8)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('RSS MB', 8)}  errors`,
  );
  for (const w of result.windows) {
    const errors = Object.entries(w.errors)
      .map(([code, n]) => `${code} ×${n}`)
      .join(', ');
    lines.push(
      `${String(w.index + 1).padEnd(7)}${pad(w.requests, 7)}${pad(w.rps, 8)}${pad(w.writes, 8)}${pad(w.p50 ?? '-', 9)}${pad(w.p99 ?? '-', 9)}${pad(w.rssMb ?? '-', 8)}  ${errors || '0'}${w.skipped > 0 ? `; ${w.skipped} not sent` : ''}`,
    );
  }
  lines.push('');
  lines.push(
    `writes: ${result.writes.applied} applied, ${result.writes.alreadyApplied} ALREADY_APPLIED (${result.writes.replays} replays sent)`,
  );
  lines.push(
    `Neo4j: baseline ${result.database.baseline.transactions} transactions / ${result.database.baseline.connections ?? 'n/a'} connections; ` +
      `after ${result.database.after.transactions} / ${result.database.after.connections ?? 'n/a'}`,
  );
  lines.push('');
  for (const goal of result.goals) {
    const verdict = goal.judged ? (goal.pass ? 'PASS' : 'FAIL') : 'INFO';
    lines.push(`${verdict}  ${goal.name}: ${goal.detail}`);
  }
  return `${lines.join('\n')}\n`;
}
