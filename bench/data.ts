import path from 'node:path';
import { defaultOutDir, generateNationalGraph, MAX_FIRMS, SIZES } from './national/generate';

/**
 * `npm run bench:data -- --firms N | --size S|M|L [--seed S] [--out DIR]`
 *
 * Writes a synthetic national graph (bench/national/generate.ts) in the ingest format: several
 * `.jsonl` files, each one batch with its own idempotency key, to be loaded in file-name order
 * (`npm run ingest -- DIR` does), and a manifest.json with the counts, the arguments, the
 * generator version and the sha256 of each file. The same arguments give byte-identical files.
 * Progress goes to stderr, a summary to stdout. Needs no database.
 */

const USAGE = `usage: npm run bench:data -- (--firms N | --size S|M|L) [--seed S] [--out DIR]

  --firms N     firms to generate, 1..${MAX_FIRMS}
  --size X      S = ${SIZES.S}, M = ${SIZES.M}, L = ${SIZES.L} firms
  --seed S      random seed, a non-negative integer (default 1); another seed gives other data
  --out DIR     output directory (default .bench/data/firms-<N>-seed-<S>/)`;

class UsageError extends Error {}

interface Options {
  readonly firms: number;
  readonly seed: number;
  readonly out: string;
}

function parseArgs(argv: readonly string[]): Options | 'help' {
  let firms: number | undefined;
  let size: number | undefined;
  let seed = 1;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const given = inline ?? argv[(i += 1)];
      if (given === undefined || given === '') throw new UsageError(`${name} needs a value`);
      return given;
    };
    const integer = (raw: string, min: number, max: number): number => {
      const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(parsed >= min && parsed <= max))
        throw new UsageError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return parsed;
    };
    if (name === '--help' || name === '-h') return 'help';
    else if (name === '--firms') firms = integer(value(), 1, MAX_FIRMS);
    else if (name === '--size') {
      const raw = value();
      if (!Object.hasOwn(SIZES, raw)) throw new UsageError(`--size must be S, M or L, got "${raw}"`);
      size = SIZES[raw as keyof typeof SIZES];
    } else if (name === '--seed') seed = integer(value(), 0, 2 ** 32 - 1);
    else if (name === '--out') out = value();
    else throw new UsageError(`unknown argument ${arg}`);
  }
  if (firms !== undefined && size !== undefined && firms !== size) {
    throw new UsageError(`--firms ${firms} and --size (${size} firms) disagree; give one`);
  }
  const count = firms ?? size;
  if (count === undefined) throw new UsageError('give --firms N or --size S|M|L');
  // A relative --out is taken from the directory `npm run` was started in.
  const dir = out === undefined ? defaultOutDir(count, seed) : path.resolve(process.env.INIT_CWD ?? process.cwd(), out);
  return { firms: count, seed, out: dir };
}

function main(): void {
  let options: Options;
  try {
    const parsed = parseArgs(process.argv.slice(2));
    if (parsed === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    options = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench:data: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const started = performance.now();
  process.stderr.write(`bench:data: ${options.firms} firms, seed ${options.seed}, into ${options.out}\n`);
  const manifest = generateNationalGraph({
    firms: options.firms,
    seed: options.seed,
    outDir: options.out,
    onProgress: (line) => process.stderr.write(`  ${line}\n`),
  });
  const { counts } = manifest;
  const list = (map: Record<string, number>): string =>
    Object.entries(map)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
  const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
  process.stdout.write(
    [
      `bench:data ${options.out}`,
      `  files       ${manifest.files.length} (${(bytes / 1e6).toFixed(1)} MB) + manifest.json`,
      `  sources     ${counts.sources}`,
      `  entities    ${counts.entities} (${list(counts.entitiesByKind)})`,
      `  facts       ${counts.facts}`,
      `  relations   ${counts.relations} (${list(counts.relationsByType)})`,
      `  evidence    ${counts.evidence}`,
      `  elapsed     ${((performance.now() - started) / 1000).toFixed(1)}s`,
      `  load with   npm run ingest -- ${path.relative(process.env.INIT_CWD ?? process.cwd(), options.out) || '.'}`,
      '',
    ].join('\n'),
  );
}

main();
