import type { Call, Vars } from './cases';
import { isTimeout, RequestError } from './client';

export interface Failures {
  /** Requests that failed, timeouts included. */
  readonly errors: number;
  /** Failures that were a transaction timeout (QUERY_TIMEOUT) or no answer in time. */
  readonly timeouts: number;
  /** The first failure's message, to say what went wrong. */
  readonly firstError: string | null;
}

export interface Sequential extends Failures {
  /** Successful requests timed. */
  readonly n: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly mean: number | null;
  /** True when the time cap stopped the loop before `iterations`. */
  readonly capped: boolean;
}

export interface Throughput extends Failures {
  readonly clients: number;
  /** Successful requests per second over the phase. */
  readonly rps: number;
  readonly completed: number;
  readonly seconds: number;
}

/** The value below which `q` of the sorted samples lie (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

class FailureCount {
  errors = 0;
  timeouts = 0;
  firstError: string | null = null;

  add(error: unknown): void {
    this.errors += 1;
    const code = error instanceof RequestError ? error.code : '';
    if (isTimeout(code)) this.timeouts += 1;
    this.firstError ??= error instanceof Error ? `${code ? `${code}: ` : ''}${error.message}` : String(error);
  }
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** One server's side of an interleaved sequential measurement. */
export interface Contender {
  readonly call: Call;
  readonly variables: Vars;
}

/**
 * One request after another, `iterations` rounds or until `capMs` has passed, timing each with a
 * monotonic clock. Each round sends one request to every contender, starting with a different
 * one each round, so that the servers of a case share the machine's ups and downs (it is
 * shared) instead of each getting a window of its own: their ratio is what counts. Failed
 * requests are counted, not timed.
 */
export async function sequential(
  contenders: readonly Contender[],
  iterations: number,
  capMs: number,
): Promise<Sequential[]> {
  const samples = contenders.map((): number[] => []);
  const failures = contenders.map(() => new FailureCount());
  const deadline = performance.now() + capMs;
  let capped = false;
  for (let round = 0; round < iterations; round += 1) {
    if (performance.now() > deadline) {
      capped = true;
      break;
    }
    for (let k = 0; k < contenders.length; k += 1) {
      const index = (round + k) % contenders.length;
      const contender = contenders[index] as Contender;
      const start = performance.now();
      try {
        await contender.call(contender.variables);
        samples[index]?.push(performance.now() - start);
      } catch (error) {
        failures[index]?.add(error);
      }
    }
  }
  return contenders.map((_, index) => {
    const sorted = [...(samples[index] ?? [])].sort((a, b) => a - b);
    const failed = failures[index] as FailureCount;
    const p50 = quantile(sorted, 0.5);
    const p99 = quantile(sorted, 0.99);
    return {
      n: sorted.length,
      p50: p50 === null ? null : round(p50),
      p99: p99 === null ? null : round(p99),
      mean: sorted.length === 0 ? null : round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
      capped,
      errors: failed.errors,
      timeouts: failed.timeouts,
      firstError: failed.firstError,
    };
  });
}

/**
 * `clients` concurrent loops of requests for `durationMs` (a request under way at the end is
 * waited for and counted), at most `maxRequests` in all. Throughput is the successful requests
 * per second of the phase.
 */
export async function throughput(
  call: Call,
  variables: Vars,
  clients: number,
  durationMs: number,
  maxRequests: number,
): Promise<Throughput> {
  const failures = new FailureCount();
  let started = 0;
  let completed = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline && started < maxRequests) {
      started += 1;
      try {
        await call(variables);
        completed += 1;
      } catch (error) {
        failures.add(error);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const seconds = (performance.now() - start) / 1000;
  return {
    clients,
    rps: Math.round((completed / seconds) * 10) / 10,
    completed,
    seconds: Math.round(seconds * 100) / 100,
    errors: failures.errors,
    timeouts: failures.timeouts,
    firstError: failures.firstError,
  };
}
