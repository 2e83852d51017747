import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CATALOGUE_PATH, importCatalogue } from '../catalogue/import';
import { reportLines } from '../catalogue/report';
import { DEFAULT_BATCH_SIZE } from '../ingest/writer';
import { withDatabase } from './cli-runtime';

/**
 * `npm run import:catalogue [-- --dry-run] [--file FILE] [--batch-size N] [--force]`
 *
 * Loads the national zone catalogue (data/china-zones-2018/catalogue.csv) through the one write
 * path. Progress goes to stderr; the report (defects, matched, ambiguous and new rows, the
 * summary) to stdout. Exit codes: 0 loaded (or valid, with --dry-run); 1 the file has defects
 * that refuse it or the write path refused the batch, and nothing was written; 2 bad options or
 * an unreadable file.
 */

const MAX_BATCH_SIZE = 5000;

const USAGE = `usage: npm run import:catalogue [-- --dry-run] [--file FILE] [--batch-size N] [--force]

  --dry-run          check the file, resolve its rows against the graph and print the report
                     (matched, ambiguous and new rows); write nothing
  --file FILE        the CSV to load (default: ${path.relative(process.cwd(), DEFAULT_CATALOGUE_PATH)})
  --batch-size N     input items per transaction, 1..${MAX_BATCH_SIZE} (default ${DEFAULT_BATCH_SIZE})
  --force            write even the chunks the ledger already holds (MERGE keeps that harmless)`;

class UsageError extends Error {}

interface Options {
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly file?: string;
  readonly batchSize?: number;
}

function parseArgs(argv: readonly string[]): Options | 'help' {
  let dryRun = false;
  let force = false;
  let file: string | undefined;
  let batchSize: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const given = inline ?? argv[(i += 1)];
      if (given === undefined || given === '') throw new UsageError(`${name} needs a value`);
      return given;
    };
    if (name === '--help' || name === '-h') return 'help';
    else if (name === '--dry-run' && inline === undefined) dryRun = true;
    else if (name === '--force' && inline === undefined) force = true;
    else if (name === '--file') file = path.resolve(process.env.INIT_CWD ?? process.cwd(), value());
    else if (name === '--batch-size') {
      const raw = value();
      batchSize = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE)) {
        throw new UsageError(`--batch-size must be an integer from 1 to ${MAX_BATCH_SIZE}, got "${raw}"`);
      }
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  return {
    dryRun,
    force,
    ...(file === undefined ? {} : { file }),
    ...(batchSize === undefined ? {} : { batchSize }),
  };
}

let options: Options;
try {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  options = parsed;
  const file = options.file ?? DEFAULT_CATALOGUE_PATH;
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`cannot read ${file}`);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`import:catalogue: ${error.message}\n\n${USAGE}\n`);
  process.exit(2);
}

void withDatabase(async (executor) => {
  const report = await importCatalogue(executor, {
    ...options,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  for (const line of reportLines(report, { listNew: options.dryRun })) process.stdout.write(`${line}\n`);
  return report.status === 'DEFECTIVE' || report.status === 'REJECTED' ? 1 : 0;
});
