import fs from 'node:fs';
import path from 'node:path';
import { auditExportProblem, restoreAudit, type AuditExport } from '../audit/audit';
import { JSONL_RECORD_TAGS, type JsonlRecordTag } from '../ingest/export';
import type { Executor } from '../db/executor';
import { graphLookup, PendingWrites } from '../ingest/graph-lookup';
import type { IngestBatch } from '../ingest/types';
import type { GraphLookup, IngestIssue } from '../ingest/validate';
import { FILE_BATCH_SIZE, ingestBatch, type IngestResult } from '../ingest/writer';
import { loadConfig } from '../config';
import { withDatabase } from './cli-runtime';

/**
 * `npm run ingest -- <file.json|file.jsonl> [--dry-run] [--batch-size N] [--key KEY]`
 *
 * Loads one batch through the shared write path (src/ingest/writer.ts): the whole file is
 * validated before anything is written, then written in chunks of N input items, one
 * transaction and one ledger row per chunk. A killed ingest leaves only whole chunks behind,
 * and running the same command again skips the chunks the ledger holds and writes the rest.
 *
 * Input formats, chosen by the file name:
 *
 *   file.json    one batch, as in data/seed/*.json:
 *                {"idempotencyKey"?: "...", "sources": [...], "entities": [...], "relations": [...]}
 *
 *   file.jsonl   one JSON object per line, each with exactly one key naming what it holds:
 *                  {"source": {...}}           a Source record
 *                  {"entity": {...}}           an Entity record (with facts and evidence)
 *                  {"relation": {...}}         a Relation record
 *                  {"idempotencyKey": "..."}   optional, at most once
 *                Blank lines are skipped. The whole file is one batch: records are collected
 *                per tag in file order, so a relation may name an entity further down. This is
 *                the format `npm run export` writes.
 *
 *   DIR          a directory: its numbered batch files (NN-name.json, NN-name.jsonl, as in
 *                data/seed and as `npm run bench:data` writes them; other files such as a
 *                README or manifest.json are not read), in name order, each its own batch. A file refused stops the load; the
 *                files before it stay in the graph. With --dry-run, each file is validated as if
 *                the files before it had been written.
 *
 * Output: progress per chunk on stderr (`chunk 3/12 written (1500/6000 items)` or
 * `... already loaded ...`); validation issues on stderr, one per line, `path: CODE message`
 * (for .jsonl, `line N: path: CODE message` with the path inside that line's record); the
 * summary on stdout.
 *
 * Exit codes: 0 written (or valid, with --dry-run); 1 the batch is invalid and nothing was
 * written, or the database failed; 2 bad options, or a file that is missing or not JSON.
 */

const MAX_BATCH_SIZE = 5000;

/**
 * A chunk's transaction may take this long per item before it is stopped; never less than the
 * configured timeout (NEO4J_TX_TIMEOUT_MS) or 120 s.
 */
const TIMEOUT_MS_PER_ITEM = 60;

const USAGE = `usage: npm run ingest -- <file.json|file.jsonl|DIR> [--dry-run] [--batch-size N] [--key KEY]

  <file.json>        one batch: {"sources": [...], "entities": [...], "relations": [...]}
  <file.jsonl>       one record per line: {"source": {...}}, {"entity": {...}},
                     {"relation": {...}} or {"idempotencyKey": "..."}; the file is one batch
  <DIR>              the numbered files of DIR (NN-name.json/.jsonl) in name order, each its own batch
  --dry-run          validate and print what would be written; write nothing
  --batch-size N     input items per transaction, 1..${MAX_BATCH_SIZE} (default ${FILE_BATCH_SIZE})
  --key KEY          idempotency key of the batch (default: the file's, else a hash of its content);
                     chunks already recorded under this key are skipped, so a re-run resumes
                     (one file only: each file of a directory has its own)`;

class UsageError extends Error {}
class InputError extends Error {}

interface CliOptions {
  readonly file: string;
  readonly dryRun: boolean;
  readonly batchSize: number;
  readonly key?: string;
}

/** A relative path is taken from the directory `npm run` was started in, not the package root. */
function resolvePath(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

function parseArgs(argv: readonly string[]): CliOptions | 'help' {
  const files: string[] = [];
  let dryRun = false;
  let batchSize = FILE_BATCH_SIZE;
  let key: string | undefined;
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
    else if (name === '--batch-size') {
      const raw = value();
      batchSize = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE)) {
        throw new UsageError(`--batch-size must be an integer from 1 to ${MAX_BATCH_SIZE}, got "${raw}"`);
      }
    } else if (name === '--key') {
      key = value();
      if (key.length > 200) throw new UsageError('--key must be at most 200 characters');
      if (key.includes('#'))
        throw new UsageError('--key may not contain "#", which marks the keys of chunks (KEY#i/n)');
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? 'no input file given' : 'give one input file');
  const [file] = files as [string];
  if (isDirectory(file)) {
    if (key !== undefined) throw new UsageError('--key applies to one file; each file of a directory has its own key');
  } else if (!/\.jsonl?$/.test(file)) {
    throw new UsageError(`the input file must end in .json or .jsonl (or be a directory of them): ${file}`);
  }
  return { file, dryRun, batchSize, ...(key === undefined ? {} : { key }) };
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(resolvePath(file)).isDirectory();
  } catch {
    return false;
  }
}

/** Batch files of a directory: numbered like the seed's (`01-geography.jsonl`, `02-regions.json`). */
const BATCH_FILE = /^\d{2,}-[a-z0-9-]+\.jsonl?$/;

/** The batch files of a directory, in name order (the order they are loaded in). */
function directoryFiles(dir: string): string[] {
  const names = fs
    .readdirSync(resolvePath(dir))
    .filter((name) => BATCH_FILE.test(name))
    .sort();
  if (names.length === 0) throw new InputError(`${dir}: no batch files (NN-name.json or NN-name.jsonl)`);
  return names.map((name) => path.join(dir, name));
}

/**
 * The offset of the first syntax error in `text`, by a strict JSON scan. V8's messages give a
 * position for most errors but not all ("Unexpected token 'a', ... is not valid JSON"), so the
 * position is found here instead of from the message.
 */
function jsonErrorOffset(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at += 1;
  };
  const string = (): void => {
    at += 1;
    for (;;) {
      if (at >= text.length) fail();
      const ch = text.charCodeAt(at);
      if (ch === 0x22) {
        at += 1;
        return;
      }
      if (ch < 0x20) fail();
      if (ch === 0x5c) {
        const next = text[at + 1] ?? '';
        if ('"\\/bfnrt'.includes(next) && next !== '') at += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) at += 6;
        else {
          at += 1;
          fail();
        }
      } else at += 1;
    }
  };
  const value = (): void => {
    space();
    const ch = text[at];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      at += 1;
      space();
      if (text[at] === close) {
        at += 1;
        return;
      }
      for (;;) {
        if (close === '}') {
          space();
          if (text[at] !== '"') fail();
          string();
          space();
          if (text[at] !== ':') fail();
          at += 1;
        }
        value();
        space();
        if (text[at] === ',') at += 1;
        else if (text[at] === close) {
          at += 1;
          return;
        } else fail();
      }
    }
    if (ch === '"') return string();
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = at;
    if (number.test(text)) {
      at = number.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return;
      }
    }
    fail();
  };
  try {
    value();
    space();
    if (at < text.length) fail();
  } catch (offset) {
    if (typeof offset === 'number') return Math.min(offset, text.length);
    throw offset;
  }
  return -1;
}

/** `line L, column C` (both from 1) of an offset into `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseError(error: unknown, text: string): { message: string; offset: number } {
  const message = (error instanceof Error ? error.message : String(error)).replace(/ in JSON at position \d+.*$/, '');
  const offset = jsonErrorOffset(text);
  return { message, offset: offset === -1 ? 0 : offset };
}

/** The batch read from a file, and how to show an issue path against that file. */
interface LoadedInput {
  readonly batch: unknown;
  readonly items: number;
  /** Issues found while splitting a .jsonl file into records (bad tags); nothing is written. */
  readonly formatIssues: readonly string[];
  readonly describe: (issue: IngestIssue) => string;
  /** Entries of an exported audit log ({"audit": ...} lines), restored after the batch is written. */
  readonly audit: readonly AuditExport[];
}

function readText(file: string, shown: string): string {
  try {
    // A UTF-8 byte-order mark (as some Windows editors write) is not part of the JSON.
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `${shown}: no such file` : `${shown}: cannot read (${code ?? String(error)})`,
    );
  }
}

function countItems(batch: unknown): number {
  if (batch === null || typeof batch !== 'object') return 0;
  const record = batch as Record<string, unknown>;
  return ['sources', 'entities', 'relations'].reduce(
    (sum, name) => sum + (Array.isArray(record[name]) ? (record[name] as unknown[]).length : 0),
    0,
  );
}

function readJson(file: string, shown: string): LoadedInput {
  const text = readText(file, shown);
  let batch: unknown;
  try {
    batch = JSON.parse(text);
  } catch (error) {
    const { message, offset } = parseError(error, text);
    const { line, column } = lineColumn(text, offset);
    throw new InputError(`${shown}:${line}:${column}: not valid JSON: ${message}`);
  }
  return {
    batch,
    items: countItems(batch),
    formatIssues: [],
    audit: [],
    describe: (issue) => `${issue.path}: ${issue.code} ${issue.message}`,
  };
}

const RECORD_PATH = /^(sources|entities|relations)\[(\d+)\]/;

function readJsonl(file: string, shown: string): LoadedInput {
  const text = readText(file, shown);
  const batch: { idempotencyKey?: unknown; sources: unknown[]; entities: unknown[]; relations: unknown[] } = {
    sources: [],
    entities: [],
    relations: [],
  };
  const lines: Record<'sources' | 'entities' | 'relations', number[]> = { sources: [], entities: [], relations: [] };
  const tagOf = { sources: 'source', entities: 'entity', relations: 'relation' } as const;
  const formatIssues: string[] = [];
  const audit: AuditExport[] = [];
  let keyLine: number | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (content.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(content);
    } catch (error) {
      const { message, offset } = parseError(error, content);
      const column = offset + 1;
      throw new InputError(`${shown}:${line}:${column}: not valid JSON: ${message}`);
    }
    const keys = record !== null && typeof record === 'object' && !Array.isArray(record) ? Object.keys(record) : [];
    const tag = keys.length === 1 ? keys[0] : undefined;
    const value = tag === undefined ? undefined : (record as Record<string, unknown>)[tag];
    if (tag === 'idempotencyKey') {
      if (keyLine !== undefined) {
        formatIssues.push(`line ${line}: idempotencyKey: SCHEMA_VIOLATION the key is already given on line ${keyLine}`);
      }
      keyLine ??= line;
      batch.idempotencyKey = value;
    } else if (tag === 'audit') {
      const problem = auditExportProblem(value);
      if (problem === null) audit.push(value as AuditExport);
      else formatIssues.push(`line ${line}: audit: SCHEMA_VIOLATION ${problem}`);
    } else if (tag !== undefined && Object.hasOwn(JSONL_RECORD_TAGS, tag)) {
      const array = JSONL_RECORD_TAGS[tag as JsonlRecordTag];
      batch[array].push(value);
      lines[array].push(line);
    } else {
      const found = keys.length === 0 ? 'not an object with one key' : `keys ${keys.map((k) => `"${k}"`).join(', ')}`;
      formatIssues.push(
        `line ${line}: (record): SCHEMA_VIOLATION expected {"source": ...}, {"entity": ...}, {"relation": ...}, ` +
          `{"audit": ...} or {"idempotencyKey": ...}, found ${found}`,
      );
    }
  });
  // An issue path names a record by its index in the batch; show the line and the path inside it.
  const lineOf = (array: keyof typeof lines, index: string): number | undefined => lines[array][Number(index)];
  const relocate = (message: string): string =>
    message.replace(
      /\b(sources|entities|relations)\[(\d+)\]([\w.[\]]*)/g,
      (whole, array: keyof typeof lines, index: string, rest: string) => {
        const line = lineOf(array, index);
        return line === undefined ? whole : `line ${line} (${tagOf[array]}${rest})`;
      },
    );
  return {
    batch,
    items: batch.sources.length + batch.entities.length + batch.relations.length,
    formatIssues,
    audit,
    describe: (issue) => {
      const match = RECORD_PATH.exec(issue.path);
      if (match !== null) {
        const array = match[1] as keyof typeof lines;
        const line = lineOf(array, match[2] as string);
        if (line !== undefined) {
          return `line ${line}: ${tagOf[array]}${issue.path.slice(match[0].length)}: ${issue.code} ${relocate(issue.message)}`;
        }
      }
      if (issue.path === 'idempotencyKey' && keyLine !== undefined) {
        return `line ${keyLine}: idempotencyKey: ${issue.code} ${issue.message}`;
      }
      return `${issue.path}: ${issue.code} ${relocate(issue.message)}`;
    },
  };
}

function readInput(file: string): LoadedInput {
  const absolute = resolvePath(file);
  return file.endsWith('.jsonl') ? readJsonl(absolute, file) : readJson(absolute, file);
}

function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)}s`;
}

/** Sets the key given on the command line on the batch read from the file. */
function withKey(batch: unknown, key: string | undefined): unknown {
  if (key !== undefined && batch !== null && typeof batch === 'object' && !Array.isArray(batch)) {
    (batch as Record<string, unknown>).idempotencyKey = key;
  }
  return batch;
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Chunk progress for the SIGINT message. */
const progress = { done: 0, total: 0 };

/**
 * Ingests one file's batch, printing chunk progress and, on a refusal, its issues (with `where`,
 * the file's place in a directory load, in front). Returns the result; refusals are printed here.
 */
async function ingestFile(
  executor: Executor,
  shown: string,
  input: LoadedInput,
  options: CliOptions,
  extra: { where?: string; lookup?: GraphLookup } = {},
): Promise<IngestResult> {
  const prefix = extra.where === undefined ? '' : `${extra.where} `;
  const result = await ingestBatch(executor, input.batch, {
    origin: 'cli',
    batchSize: options.batchSize,
    timeoutMs: Math.max(120_000, loadConfig().limits.txTimeoutMs, options.batchSize * TIMEOUT_MS_PER_ITEM),
    dryRun: options.dryRun,
    ...(extra.lookup === undefined ? {} : { lookup: extra.lookup }),
    onProgress: (chunk, chunks, skipped) => {
      progress.done = chunk;
      progress.total = chunks;
      // The planner fills every chunk to the batch size except the last, so this is exact.
      const items = Math.min(chunk * options.batchSize, input.items);
      log(
        `${prefix}chunk ${chunk}/${chunks} ${skipped ? 'already loaded' : 'written'} (${items}/${input.items} items)`,
      );
    },
  });
  if (result.status === 'REJECTED') {
    for (const issue of result.issues) log(`${prefix}${input.describe(issue)}`);
    const kept = result.chunksApplied + result.chunksSkipped;
    log(
      kept === 0
        ? `ingest rejected: ${result.issues.length} issue(s) in ${shown}; nothing was written`
        : `ingest stopped at chunk ${kept + 1}/${progress.total}: ${result.issues.length} issue(s) in ${shown}; ` +
            `the ${kept} chunk(s) before it are in the graph, each whole (${result.chunksApplied} written now), ` +
            'nothing of the rest was written',
    );
  }
  return result;
}

function summary(
  title: string,
  options: CliOptions,
  started: number,
  status: string,
  counts: IngestResult['counts'],
  chunks: { applied: number; skipped: number; planned: number },
  extra: readonly string[],
): string {
  return [
    `ingest ${title}`,
    ...extra.filter((line) => line.startsWith('  files')),
    `  status      ${status}${options.dryRun ? ' (dry run: nothing was written)' : ''}`,
    `  sources     ${counts.sources}`,
    `  entities    ${counts.entities}`,
    `  facts       ${counts.facts}`,
    `  relations   ${counts.relations}`,
    `  evidence    ${counts.evidence}`,
    options.dryRun
      ? `  chunks      ${chunks.planned} planned (batch size ${options.batchSize})`
      : `  chunks      ${chunks.applied} written, ${chunks.skipped} already loaded (batch size ${options.batchSize})`,
    ...extra.filter((line) => !line.startsWith('  files')),
    `  elapsed     ${seconds(started)}`,
    '',
  ].join('\n');
}

function exitOnInputError(error: unknown): never {
  if (error instanceof UsageError) {
    process.stderr.write(`ingest: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (error instanceof InputError) {
    process.stderr.write(`ingest: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

/** One file: read and checked before the database is touched. */
function ingestOneFile(options: CliOptions, started: number): void {
  let input: LoadedInput;
  try {
    input = readInput(options.file);
  } catch (error) {
    exitOnInputError(error);
  }
  if (input.formatIssues.length > 0) {
    for (const line of input.formatIssues) log(line);
    log(`ingest rejected: ${input.formatIssues.length} issue(s) in ${options.file}; nothing was written`);
    process.exit(1);
  }
  withKey(input.batch, options.key);
  void withDatabase(async (executor) => {
    log(`ingest: validating ${options.file} (${input.items} items)`);
    const result = await ingestFile(executor, options.file, input, options);
    if (result.status === 'REJECTED') return 1;
    const chunks = {
      applied: result.chunksApplied,
      skipped: result.chunksSkipped,
      planned: Math.ceil(input.items / options.batchSize),
    };
    // An export's audit log is restored as history once its graph is written (found by id).
    const restored = options.dryRun ? 0 : await restoreAudit(executor, input.audit);
    const audit =
      input.audit.length === 0
        ? []
        : options.dryRun
          ? [`  audit       ${input.audit.length} entries checked`]
          : [`  audit       ${restored} of ${input.audit.length} entries restored (the others were here already)`];
    process.stdout.write(
      summary(options.file, options, started, result.status, result.counts, chunks, [
        `  key         ${result.idempotencyKey}`,
        ...audit,
      ]),
    );
    return 0;
  });
}

/**
 * A directory: its files in name order, each its own batch, read one at a time (a national
 * graph does not fit in memory at once). A dry run validates each file as if the ones before it
 * had been written.
 */
function ingestDirectory(options: CliOptions, started: number, files: readonly string[]): void {
  void withDatabase(async (executor) => {
    const pending = options.dryRun ? new PendingWrites() : undefined;
    const base = graphLookup(executor);
    const counts = { sources: 0, entities: 0, facts: 0, relations: 0, evidence: 0 };
    const chunks = { applied: 0, skipped: 0, planned: 0 };
    const statuses: string[] = [];
    for (const [index, file] of files.entries()) {
      const where = `file ${index + 1}/${files.length} ${path.basename(file)}:`;
      const stopped = `ingest stopped at ${where} the ${index} file(s) before it are ${options.dryRun ? 'valid' : 'in the graph'}`;
      let input: LoadedInput;
      try {
        input = readInput(file);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        log(`ingest: ${error.message}`);
        log(stopped);
        return 2;
      }
      if (input.formatIssues.length > 0) {
        for (const line of input.formatIssues) log(`${where} ${line}`);
        log(stopped);
        return 1;
      }
      const fileStarted = performance.now();
      log(`${where} validating (${input.items} items)`);
      const result = await ingestFile(executor, file, input, options, {
        where,
        ...(pending === undefined ? {} : { lookup: pending.over(base) }),
      });
      if (result.status === 'REJECTED') {
        if (index > 0) log(stopped);
        return 1;
      }
      pending?.add(input.batch as IngestBatch);
      for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += result.counts[key];
      chunks.applied += result.chunksApplied;
      chunks.skipped += result.chunksSkipped;
      chunks.planned += Math.ceil(input.items / options.batchSize);
      statuses.push(result.status);
      log(`${where} ${result.status} (${input.items} items, ${seconds(fileStarted)})`);
    }
    const status = statuses.includes('VALIDATED')
      ? 'VALIDATED'
      : statuses.includes('APPLIED')
        ? 'APPLIED'
        : 'ALREADY_APPLIED';
    const byStatus = [...new Set(statuses)].map(
      (one) =>
        `${statuses.filter((other) => other === one).length} ${one === 'ALREADY_APPLIED' ? 'already loaded' : one.toLowerCase()}`,
    );
    process.stdout.write(
      summary(options.file, options, started, status, counts, chunks, [
        `  files       ${files.length} (${byStatus.join(', ')})`,
      ]),
    );
    return 0;
  });
}

function main(): void {
  const started = performance.now();
  let options: CliOptions;
  let files: string[] | null = null;
  try {
    const parsed = parseArgs(process.argv.slice(2));
    if (parsed === 'help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    options = parsed;
    if (isDirectory(options.file)) files = directoryFiles(options.file);
  } catch (error) {
    exitOnInputError(error);
  }
  process.once('SIGINT', () => {
    log(
      `ingest interrupted after chunk ${progress.done}/${progress.total}: whole chunks are kept; run the same command to resume`,
    );
    process.exit(130);
  });
  if (files === null) ingestOneFile(options, started);
  else ingestDirectory(options, started, files);
}

main();
