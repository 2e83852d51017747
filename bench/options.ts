import { CASES } from './cases';

/** The options of `npm run bench` (bench/run.ts). */
export const USAGE = `usage: npm run bench -- --size S|M|L [--iterations N] [--duration-s N] [--only CASE[,CASE...]]
  --iterations N     sequential requests per case and server (default 100; 1..100000)
  --duration-s N     seconds of each throughput phase (default 10; 1..600)
  --clients A,B      concurrent clients of the two throughput phases (default 8,32)
  --only CASE        only these cases (repeatable or comma-separated): ${CASES.map((c) => c.name).join(', ')}
  --seq-cap-s N      at most this many seconds of sequential requests per case and server (default 60)
  --strict           exit 1 when a ZoneGraph case fails, answers with errors other than timeouts,
                     or answers differently from the floor (for CI)`;

export class UsageError extends Error {}

export interface RunOptions {
  readonly size: string;
  readonly iterations: number;
  readonly durationS: number;
  readonly clients: number[];
  readonly only: string[] | null;
  readonly sequentialCapS: number;
  readonly strict: boolean;
}

function int(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function parseRunArgs(argv: readonly string[]): RunOptions {
  let size: string | null = null;
  let iterations = 100;
  let durationS = 10;
  let sequentialCapS = 60;
  let clients = [8, 32];
  let strict = false;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[(i += 1)];
    if (name === '--size') size = value() ?? '';
    else if (name === '--iterations') iterations = int('--iterations', value(), 1, 100_000);
    else if (name === '--duration-s') durationS = int('--duration-s', value(), 1, 600);
    else if (name === '--seq-cap-s') sequentialCapS = int('--seq-cap-s', value(), 1, 3600);
    else if (name === '--clients') {
      clients = (value() ?? '').split(',').map((part) => int('--clients', part, 1, 256));
    } else if (name === '--strict' && inline === undefined) strict = true;
    else if (name === '--only') only.push(...(value() ?? '').split(',').filter((part) => part !== ''));
    else throw new UsageError(`unknown option ${arg}`);
  }
  if (size === null || !/^[A-Za-z0-9_-]{1,20}$/.test(size)) throw new UsageError('--size S|M|L is required');
  const unknown = only.filter((name) => !CASES.some((c) => c.name === name));
  if (unknown.length > 0) throw new UsageError(`unknown case ${unknown.join(', ')}`);
  return { size, iterations, durationS, clients, only: only.length > 0 ? only : null, sequentialCapS, strict };
}
