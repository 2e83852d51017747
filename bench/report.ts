import fs from 'node:fs';
import path from 'node:path';
import { loadRuns, p50Of, ratio, RESULTS_DIR, rpsOf, type RunResult } from './results';

/**
 * `npm run bench:report [-- --dir DIR]`: combines the newest stored run of each size
 * (.bench/results/<size>-*.json) into one table, with the growth p50(L)/p50(S) per case, and
 * checks the targets of issue 8's "Done when":
 *
 *   - at M and L, ZoneGraph's p50 ≤ 1.5 × the F1 floor's, and ≤ 0.8 × the peer's where the peer
 *     expresses the case;
 *   - p50(L) / p50(S) ≤ 2 for every case whose answer does not grow (BenchCase.grows is null);
 *   - no request at L reached the transaction timeout;
 *   - throughput at 32 clients ≥ 0.8 × the floor's;
 *   - every measured answer equals the floor's (a ratio of different answers means nothing).
 *
 * Prints markdown to stdout and writes it to .bench/results/report-<timestamp>.md. Exit code 0
 * whatever the misses (they are the report); 2 for bad options or no stored run.
 */

export interface Miss {
  readonly size: string;
  readonly caseName: string;
  readonly target: string;
  readonly detail: string;
}

const F1_P50 = 1.5;
const PEER_P50 = 0.8;
const GROWTH = 2;
const F1_RPS32 = 0.8;
const HIGH_CLIENTS = 32;

const fmt = (value: number | null, digits = 2): string => (value === null ? '–' : value.toFixed(digits));

/** The newest run of each size. */
export function latestBySize(runs: readonly RunResult[]): Map<string, RunResult> {
  const latest = new Map<string, RunResult>();
  for (const run of runs) latest.set(run.size, run);
  return latest;
}

/** Every target the stored runs miss. */
export function misses(latest: ReadonlyMap<string, RunResult>): Miss[] {
  const found: Miss[] = [];
  for (const [size, run] of latest) {
    for (const c of run.cases) {
      const zg = c.servers.zonegraph;
      const add = (target: string, detail: string): void => {
        found.push({ size, caseName: c.name, target, detail });
      };
      if (zg.status === 'failed') {
        add('measured', `failed: ${zg.reason ?? ''}`);
        continue;
      }
      if (zg.sameAsFloor === false) add('same answer as F1', 'ZoneGraph answers differently from the floor');
      if (c.servers.peer.status === 'measured' && c.servers.peer.sameAsFloor === false) {
        add('same answer as F1', 'the peer answers differently from the floor: its ratio is not comparable');
      }
      if (size === 'M' || size === 'L') {
        const f1 = ratio(p50Of(zg), p50Of(c.servers.floor));
        if (f1 !== null && f1 > F1_P50) add(`p50 ≤ ${F1_P50}× F1`, `${f1.toFixed(2)}×`);
        const peer = c.servers.peer;
        if (peer.status === 'measured' && peer.sameAsFloor !== false) {
          const p = ratio(p50Of(zg), p50Of(peer));
          if (p !== null && p > PEER_P50) add(`p50 ≤ ${PEER_P50}× peer`, `${p.toFixed(2)}×`);
        }
      }
      if (size === 'L') {
        const timeouts = [zg.sequential, ...(zg.throughput ?? [])].reduce((sum, x) => sum + (x?.timeouts ?? 0), 0);
        if (timeouts > 0) add('no timeouts at L', `${timeouts} requests timed out`);
      }
      const rps = ratio(rpsOf(zg, HIGH_CLIENTS), rpsOf(c.servers.floor, HIGH_CLIENTS));
      if (rps !== null && rps < F1_RPS32) add(`rps@${HIGH_CLIENTS} ≥ ${F1_RPS32}× F1`, `${rps.toFixed(2)}×`);
    }
  }
  const small = latest.get('S');
  const large = latest.get('L');
  if (small && large) {
    for (const c of large.cases) {
      if (c.grows !== null) continue;
      const growth = ratio(
        p50Of(c.servers.zonegraph),
        p50Of(small.cases.find((s) => s.name === c.name)?.servers.zonegraph),
      );
      if (growth !== null && growth > GROWTH)
        found.push({
          size: 'L/S',
          caseName: c.name,
          target: `p50(L)/p50(S) ≤ ${GROWTH}`,
          detail: `${growth.toFixed(2)}×`,
        });
    }
  }
  return found;
}

export function reportMarkdown(latest: ReadonlyMap<string, RunResult>): string {
  const sizes = ['S', 'M', 'L', ...[...latest.keys()].filter((s) => !['S', 'M', 'L'].includes(s))].filter((s) =>
    latest.has(s),
  );
  const names = [...new Set([...latest.values()].flatMap((run) => run.cases.map((c) => c.name)))];
  const lines: string[] = ['## ZoneGraph read bench: all sizes', ''];
  for (const size of sizes) {
    const run = latest.get(size) as RunResult;
    lines.push(
      `- ${size}: ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${(run.data.counts.Enterprise ?? 0).toLocaleString('en-US')} firms, ${run.machine.cpu} × ${run.machine.cores}, ${run.machine.ramGb} GB, Node ${run.machine.node}, ${run.machine.neo4j}`,
    );
  }
  lines.push(
    '',
    `| case | ${sizes.map((s) => `${s} p50 ms | ${s} × F1 | ${s} × peer`).join(' | ')} | L/S | answer grows |`,
    `| --- | ${sizes.map(() => '---: | ---: | ---:').join(' | ')} | ---: | --- |`,
  );
  for (const name of names) {
    const cells = sizes.map((size) => {
      const c = latest.get(size)?.cases.find((x) => x.name === name);
      if (!c) return '– | – | –';
      const zg = c.servers.zonegraph;
      if (zg.status === 'failed') return 'failed | – | –';
      return `${fmt(p50Of(zg))} | ${fmt(ratio(p50Of(zg), p50Of(c.servers.floor)))} | ${fmt(ratio(p50Of(zg), p50Of(c.servers.peer)))}`;
    });
    const s = latest.get('S')?.cases.find((x) => x.name === name);
    const l = latest.get('L')?.cases.find((x) => x.name === name);
    const growth = ratio(p50Of(l?.servers.zonegraph), p50Of(s?.servers.zonegraph));
    const grows = (l ?? s)?.grows ?? null;
    lines.push(`| ${name} | ${cells.join(' | ')} | ${fmt(growth)} | ${grows === null ? 'no' : `yes: ${grows}`} |`);
  }
  const found = misses(latest);
  lines.push('', `### Misses against issue 8's targets (${found.length})`, '');
  if (found.length === 0) lines.push('None.');
  for (const miss of found) lines.push(`- ${miss.size} ${miss.caseName}: ${miss.target}: ${miss.detail}`);
  return `${lines.join('\n')}\n`;
}

function main(): void {
  const argv = process.argv.slice(2);
  let dir = RESULTS_DIR;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--dir' && argv[i + 1] !== undefined)
      dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), argv[(i += 1)] as string);
    else {
      process.stderr.write(`unknown option ${argv[i]}\nusage: npm run bench:report [-- --dir DIR]\n`);
      process.exit(2);
    }
  }
  const latest = latestBySize(loadRuns(dir));
  if (latest.size === 0) {
    process.stderr.write(`no stored run in ${dir}: run npm run bench -- --size S first\n`);
    process.exit(2);
  }
  const markdown = reportMarkdown(latest);
  const file = path.join(dir, `report-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  fs.writeFileSync(file, markdown);
  process.stdout.write(markdown);
  process.stderr.write(`[bench] wrote ${path.relative(process.cwd(), file)}\n`);
}

if (require.main === module) main();
