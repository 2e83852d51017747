import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { emptyExportStats, exportLines } from '../ingest/export';
import { withDatabase } from './cli-runtime';

/**
 * `npm run export -- <file.jsonl>`: writes the whole graph in the .jsonl ingest format (see
 * src/ingest/export.ts), so that `npm run ingest -- <file.jsonl>` into an empty database
 * reproduces it. The file is written under a temporary name and renamed when complete, so an
 * interrupted export never leaves a truncated file under the requested name.
 *
 * Exit codes: 0 written; 1 written, but some records are incomplete (listed on stderr) or the
 * database failed; 2 bad arguments or an unwritable path.
 */

const USAGE = `usage: npm run export -- <file.jsonl>

Writes every source (with its text and origin), entity (with its facts and the evidence of its
mentions) and relation (except the derived MENTIONED_IN), with their evidence, as one JSON
record per line: {"source": {...}}, then {"entity": {...}}, then {"relation": {...}}, each in
id order. Two exports of the same graph are byte-identical; "npm run ingest -- <file.jsonl>"
loads the file back.`;

class UsageError extends Error {}

/** A relative path is taken from the directory `npm run` was started in, not the package root. */
function resolvePath(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

function parseArgs(argv: readonly string[]): { file: string } | 'help' {
  const files: string[] = [];
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    files.push(arg);
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? 'no output file given' : 'give one output file');
  const [file] = files as [string];
  if (!file.endsWith('.jsonl')) throw new UsageError(`the output file must end in .jsonl: ${file}`);
  const target = resolvePath(file);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UsageError(`the directory of ${file} does not exist: ${dir}`);
  }
  if (fs.existsSync(target) && !fs.statSync(target).isFile()) {
    throw new UsageError(`${file} exists and is not a file`);
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(target)) fs.accessSync(target, fs.constants.W_OK);
  } catch {
    throw new UsageError(`${file} cannot be written here (no write permission)`);
  }
  return { file: target };
}

function main(): void {
  const started = performance.now();
  let target: string;
  try {
    const parsed = parseArgs(process.argv.slice(2));
    if (parsed === 'help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    target = parsed.file;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`export: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }

  void withDatabase(async (executor) => {
    const stats = emptyExportStats();
    const temporary = `${target}.${process.pid}.tmp`;
    const log = (line: string): void => {
      process.stderr.write(`${line}\n`);
    };
    try {
      await pipeline(
        Readable.from(
          exportLines(executor, stats, { onPage: (what, written) => log(`export: ${written} ${what} written`) }),
        ),
        fs.createWriteStream(temporary, { encoding: 'utf8' }),
      );
      fs.renameSync(temporary, target);
    } finally {
      fs.rmSync(temporary, { force: true });
    }
    const lines = stats.sources + stats.entities + stats.relations + stats.audit;
    process.stdout.write(
      [
        `exported ${target}`,
        `  sources     ${stats.sources}`,
        `  entities    ${stats.entities}`,
        `  facts       ${stats.facts}`,
        `  relations   ${stats.relations}`,
        `  evidence    ${stats.evidence}`,
        `  audit       ${stats.audit} entries`,
        ...(stats.deferred > 0
          ? [
              `  deferred    ${stats.deferred} relations to entities written during the export (the next export has them)`,
            ]
          : []),
        `  lines       ${lines}`,
        `  bytes       ${fs.statSync(target).size}`,
        `  elapsed     ${((performance.now() - started) / 1000).toFixed(1)}s`,
        '',
      ].join('\n'),
    );
    if (stats.problems.length > 0) {
      for (const problem of stats.problems) log(`  ${problem}`);
      log(`export: ${stats.problems.length} record(s) written incomplete; the file will not re-ingest as it is`);
      return 1;
    }
    return 0;
  });
}

main();
