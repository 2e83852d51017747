import fs from 'node:fs';
import path from 'node:path';
import type { ServerName, Targets } from './cases';
import type { Machine } from './machine';
import type { Sequential, Throughput } from './measure';

/** The repository root (this file runs from dist/bench or, under jest, from bench/). */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
export const RESULTS_DIR = path.join(ROOT, '.bench', 'results');

export interface ServerResult {
  readonly status: 'measured' | 'unsupported' | 'failed';
  /** Why the peer cannot express the case, or the error that stopped the measurement. */
  readonly reason?: string;
  /** The answer's ids equal the floor's (null for the floor itself, or when not compared). */
  readonly sameAsFloor?: boolean | null;
  readonly sequential?: Sequential;
  readonly throughput?: Throughput[];
}

export interface CaseResult {
  readonly name: string;
  readonly title: string;
  readonly grows: string | null;
  readonly servers: Record<ServerName, ServerResult>;
}

export interface RunResult {
  readonly version: 1;
  readonly size: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Machine;
  readonly options: {
    readonly iterations: number;
    readonly durationS: number;
    readonly sequentialCapS: number;
    readonly clients: readonly number[];
    readonly only: readonly string[] | null;
  };
  readonly data: { readonly counts: Record<string, number> };
  readonly targets: Targets;
  readonly cases: CaseResult[];
  /** Resident set size of each server process, in MB: after start-up, and after the run. */
  readonly memory: Partial<Record<ServerName, { readonly rssBeforeMb: number; readonly rssAfterMb: number }>>;
}

export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return a / b;
}

const fmt = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined ? '–' : value.toFixed(digits);
const times = (value: number | null): string => (value === null ? '–' : `${value.toFixed(2)}×`);

export function p50Of(result: ServerResult | undefined): number | null {
  return result?.status === 'measured' ? (result.sequential?.p50 ?? null) : null;
}

export function rpsOf(result: ServerResult | undefined, clients: number): number | null {
  if (result?.status !== 'measured') return null;
  return result.throughput?.find((t) => t.clients === clients)?.rps ?? null;
}

function answerMark(result: ServerResult): string {
  if (result.status === 'unsupported') return 'n/a';
  if (result.status === 'failed') return 'failed';
  if (result.sameAsFloor === null || result.sameAsFloor === undefined) return '';
  return result.sameAsFloor ? 'same' : '**different**';
}

/** Errors other than timeouts (a refusal, a wrong answer's error): what `--strict` fails on. */
export function errorsBesidesTimeouts(result: ServerResult): number {
  const all = [result.sequential, ...(result.throughput ?? [])].filter((x) => x !== undefined);
  return all.reduce((sum, x) => sum + x.errors - x.timeouts, 0);
}

function failures(result: ServerResult): string {
  const all = [result.sequential, ...(result.throughput ?? [])].filter((x) => x !== undefined);
  const errors = all.reduce((sum, x) => sum + x.errors, 0);
  const timeouts = all.reduce((sum, x) => sum + x.timeouts, 0);
  return errors === 0 ? '0' : `${errors} (${timeouts} timeouts)`;
}

/** The markdown of one run: header, the ratio table, every server's numbers, memory, notes. */
export function toMarkdown(run: RunResult): string {
  const m = run.machine;
  const [low, high] = [run.options.clients[0] ?? 8, run.options.clients[1] ?? run.options.clients[0] ?? 32];
  const lines: string[] = [
    `## ZoneGraph read bench, size ${run.size}, ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}; Node ${m.node}; ${m.neo4j} (heap ${m.neo4jHeap}, page cache ${m.neo4jPageCache}). A shared development machine: compare the ratios, not the milliseconds.`,
    `- data: ${Object.entries(run.data.counts)
      .map(([label, count]) => `${count.toLocaleString('en-US')} ${label}`)
      .join(', ')}`,
    `- targets: biggest zone ${run.targets.biggestZone}, hub bank ${run.targets.hubBank}, hub-financed firm ${run.targets.hubFirm}, paths to ${run.targets.pathTo}, common term "${run.targets.commonTerm}", rare term "${run.targets.rareTerm}", deep page ${run.targets.deepPage}`,
    `- sequential: ${run.options.iterations} requests per case and server after a warm-up (at most ${run.options.sequentialCapS} s); throughput: ${run.options.durationS} s at ${run.options.clients.join(' and ')} concurrent clients; ZoneGraph with NODE_ENV=production; all over HTTP on loopback`,
    '',
    `| case | ZG p50 ms | ZG p99 ms | × F1 p50 | × peer p50 | ZG rps@${low} | × F1 | ZG rps@${high} | × F1 | ZG answer |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const c of run.cases) {
    const zg = c.servers.zonegraph;
    const floor = c.servers.floor;
    const peer = c.servers.peer;
    lines.push(
      `| ${c.name} | ${fmt(p50Of(zg), 2)} | ${fmt(zg.status === 'measured' ? zg.sequential?.p99 : null, 2)} | ${times(ratio(p50Of(zg), p50Of(floor)))} | ${times(ratio(p50Of(zg), p50Of(peer)))} | ${fmt(rpsOf(zg, low))} | ${times(ratio(rpsOf(zg, low), rpsOf(floor, low)))} | ${fmt(rpsOf(zg, high))} | ${times(ratio(rpsOf(zg, high), rpsOf(floor, high)))} | ${answerMark(zg)} |`,
    );
  }
  lines.push(
    '',
    `| case | server | n | p50 ms | p99 ms | rps@${low} | rps@${high} | errors | answer |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  );
  for (const c of run.cases) {
    for (const name of ['zonegraph', 'floor', 'peer'] as const) {
      const r = c.servers[name];
      if (r.status !== 'measured') {
        lines.push(`| ${c.name} | ${name} | | | | | | | ${answerMark(r)} |`);
        continue;
      }
      lines.push(
        `| ${c.name} | ${name} | ${r.sequential?.n ?? 0}${r.sequential?.capped ? ' (capped)' : ''} | ${fmt(r.sequential?.p50, 2)} | ${fmt(r.sequential?.p99, 2)} | ${fmt(rpsOf(r, low))} | ${fmt(rpsOf(r, high))} | ${failures(r)} | ${answerMark(r)} |`,
      );
    }
  }
  lines.push(
    '',
    '- memory (RSS MB, after start-up → after the run): ' +
      (['zonegraph', 'floor', 'peer'] as const)
        .map((name) => {
          const mem = run.memory[name];
          return mem ? `${name} ${mem.rssBeforeMb} → ${mem.rssAfterMb}` : `${name} –`;
        })
        .join('; '),
  );
  const notes: string[] = [];
  for (const c of run.cases) {
    for (const name of ['zonegraph', 'floor', 'peer'] as const) {
      const r = c.servers[name];
      if (r.status === 'failed') notes.push(`- ${c.name} / ${name} failed: ${r.reason ?? 'unknown error'}`);
      else if (r.status === 'measured' && r.sequential?.firstError)
        notes.push(`- ${c.name} / ${name}: ${failures(r)} errors, first: ${r.sequential.firstError}`);
      else if (r.status === 'measured') {
        const first = r.throughput?.find((t) => t.firstError !== null)?.firstError;
        if (first) notes.push(`- ${c.name} / ${name}: ${failures(r)} errors under load, first: ${first}`);
      }
    }
  }
  const unsupported = run.cases.filter((c) => c.servers.peer.status === 'unsupported');
  if (unsupported.length > 0) {
    notes.push(...unsupported.map((c) => `- ${c.name}: the peer cannot express it: ${c.servers.peer.reason ?? ''}`));
  }
  if (notes.length > 0) lines.push('', '### Notes', '', ...notes);
  return `${lines.join('\n')}\n`;
}

/** Writes `<size>-<timestamp>.json` and `.md` into .bench/results and returns their paths. */
export function saveRun(run: RunResult, dir = RESULTS_DIR): { json: string; md: string } {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = run.startedAt.replace(/[:.]/g, '-');
  const base = path.join(dir, `${run.size}-${stamp}`);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(run, null, 2)}\n`);
  fs.writeFileSync(`${base}.md`, toMarkdown(run));
  return { json: `${base}.json`, md: `${base}.md` };
}

/** Every stored run, oldest first. */
export function loadRuns(dir = RESULTS_DIR): RunResult[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json') && !file.startsWith('report'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as RunResult)
    .filter((run) => run.version === 1)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
