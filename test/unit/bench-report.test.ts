import type { ServerName } from '../../bench/cases';
import { quantile, type Sequential, type Throughput } from '../../bench/measure';
import { latestBySize, misses, reportMarkdown } from '../../bench/report';
import { errorsBesidesTimeouts, type CaseResult, type RunResult, type ServerResult } from '../../bench/results';
import { parseRunArgs, UsageError } from '../../bench/options';
import { commonBigram } from '../../bench/targets';

/** The bench's arithmetic and its verdicts, on made-up results (no timing, no database). */

function seq(p50: number, timeouts = 0): Sequential {
  return { n: 100, p50, p99: p50 * 2, mean: p50, capped: false, errors: timeouts, timeouts, firstError: null };
}

function tput(clients: number, rps: number): Throughput {
  return { clients, rps, completed: rps * 10, seconds: 10, errors: 0, timeouts: 0, firstError: null };
}

function measured(p50: number, rps32: number, extra: Partial<ServerResult> = {}): ServerResult {
  return {
    status: 'measured',
    sameAsFloor: true,
    sequential: seq(p50),
    throughput: [tput(8, rps32), tput(32, rps32)],
    ...extra,
  };
}

function benchCase(name: string, servers: Record<ServerName, ServerResult>, grows: string | null = null): CaseResult {
  return { name, title: name, grows, servers };
}

function run(size: string, startedAt: string, cases: CaseResult[]): RunResult {
  return {
    version: 1,
    size,
    startedAt,
    finishedAt: startedAt,
    machine: {
      date: startedAt,
      cpu: 'cpu',
      cores: 2,
      ramGb: 8,
      os: 'os',
      node: 'v20',
      neo4j: '5.26',
      neo4jHeap: '1g',
      neo4jPageCache: '512m',
    },
    options: { iterations: 100, durationS: 10, sequentialCapS: 60, clients: [8, 32], only: null },
    data: { counts: { Enterprise: 10 } },
    targets: {
      biggestZone: 'z',
      hubBank: 'b',
      hubFirm: 'f',
      pathTo: 't',
      commonTerm: '科技',
      rareTerm: 'x',
      deepPage: 50,
    },
    cases,
    memory: {},
  };
}

const unsupported: ServerResult = { status: 'unsupported', reason: 'no' };

describe('bench report: misses against the targets of issue 8', () => {
  test('flags p50 over 1.5× F1 and over 0.8× the peer at M and L, not at S', () => {
    const slow = benchCase('node-by-id', {
      zonegraph: measured(4, 100),
      floor: measured(2, 100),
      peer: measured(4.5, 100),
    });
    const found = misses(latestBySize([run('S', '2026-01-01', [slow]), run('M', '2026-01-02', [slow])]));
    expect(found.map((m) => `${m.size} ${m.target}`)).toEqual(['M p50 ≤ 1.5× F1', 'M p50 ≤ 0.8× peer']);
  });

  test('within every target: no miss', () => {
    const good = benchCase('node-by-id', {
      zonegraph: measured(2.9, 90),
      floor: measured(2, 100),
      peer: measured(4, 50),
    });
    expect(misses(latestBySize([run('L', '2026-01-01', [good])]))).toEqual([]);
  });

  test('flags throughput at 32 clients under 0.8× F1, timeouts at L, a different answer and a failed case', () => {
    const found = misses(
      latestBySize([
        run('L', '2026-01-01', [
          benchCase('a', { zonegraph: measured(1, 70), floor: measured(1, 100), peer: unsupported }),
          benchCase('b', {
            zonegraph: { ...measured(1, 100), sequential: seq(1, 3) },
            floor: measured(1, 100),
            peer: unsupported,
          }),
          benchCase('c', {
            zonegraph: measured(1, 100, { sameAsFloor: false }),
            floor: measured(1, 100),
            peer: unsupported,
          }),
          benchCase('d', {
            zonegraph: { status: 'failed', reason: 'boom' },
            floor: measured(1, 100),
            peer: unsupported,
          }),
        ]),
      ]),
    );
    expect(found.map((m) => `${m.caseName}: ${m.target}`)).toEqual([
      'a: rps@32 ≥ 0.8× F1',
      'b: no timeouts at L',
      'c: same answer as F1',
      'd: measured',
    ]);
  });

  test('growth L/S over 2 is a miss only for a case whose answer does not grow', () => {
    const at = (p50: number, grows: string | null) =>
      benchCase(
        grows === null ? 'flat' : 'growing',
        { zonegraph: measured(p50, 100), floor: measured(p50, 100), peer: unsupported },
        grows,
      );
    const found = misses(
      latestBySize([
        run('S', '2026-01-01', [at(1, null), at(1, 'hub')]),
        run('L', '2026-01-02', [at(3, null), at(3, 'hub')]),
      ]),
    );
    expect(found).toEqual([{ size: 'L/S', caseName: 'flat', target: 'p50(L)/p50(S) ≤ 2', detail: '3.00×' }]);
  });

  test('the newest run of a size counts, and the table shows the growth', () => {
    const at = (p50: number) =>
      benchCase('x', { zonegraph: measured(p50, 100), floor: measured(p50, 100), peer: unsupported });
    const latest = latestBySize([
      run('S', '2026-01-01', [at(9)]),
      run('S', '2026-01-03', [at(1)]),
      run('L', '2026-01-02', [at(1.5)]),
    ]);
    expect(latest.get('S')?.startedAt).toBe('2026-01-03');
    expect(reportMarkdown(latest)).toContain('| x | 1.00 | 1.00 | – | 1.50 | 1.00 | – | 1.50 | no |');
  });
});

describe('bench helpers', () => {
  test('quantile is the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.5)).toBe(50);
    expect(quantile(sorted, 0.99)).toBe(99);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  test('the common term is the most frequent Han bigram that at most 5% of the names hold', () => {
    const names = [
      ...Array.from({ length: 100 }, (_, i) => `公司${i}`),
      ...Array.from({ length: 4 }, (_, i) => `科技${i}`),
      ...Array.from({ length: 3 }, (_, i) => `安百${i}`),
    ];
    expect(commonBigram(names)).toBe('科技');
    // Not a pair of the legal form, nor one across its edge (品有 of 食品有限公司).
    const firms = [
      ...Array.from({ length: 40 }, (_, i) => `${i}食品有限公司`),
      ...Array.from({ length: 60 }, (_, i) => `${i}安百轮胎${i % 2 === 0 ? '股份有限公司' : '集团'}`),
    ];
    expect(commonBigram(firms, 0.5)).toBe('食品');
  });

  test('run options: defaults, bounds and unknown cases', () => {
    expect(parseRunArgs(['--size', 'S'])).toEqual({
      size: 'S',
      iterations: 100,
      durationS: 10,
      clients: [8, 32],
      only: null,
      sequentialCapS: 60,
      strict: false,
    });
    expect(parseRunArgs(['--size=M', '--only', 'paths,node-by-id', '--iterations', '5']).only).toEqual([
      'paths',
      'node-by-id',
    ]);
    expect(() => parseRunArgs([])).toThrow(UsageError);
    expect(() => parseRunArgs(['--size', 'S', '--iterations', '0'])).toThrow(UsageError);
    expect(() => parseRunArgs(['--size', 'S', '--only', 'nope'])).toThrow(UsageError);
  });
});

describe('errorsBesidesTimeouts (what --strict fails on)', () => {
  test('counts refusals and other errors in every phase, not timeouts', () => {
    expect(errorsBesidesTimeouts(measured(10, 100))).toBe(0);
    expect(errorsBesidesTimeouts(measured(10, 100, { sequential: seq(10, 3) }))).toBe(0);
    const refused: Throughput = { ...tput(32, 100), errors: 15_071, timeouts: 2, firstError: 'RATE_LIMITED' };
    expect(errorsBesidesTimeouts(measured(10, 100, { throughput: [tput(8, 100), refused] }))).toBe(15_069);
    expect(errorsBesidesTimeouts({ ...measured(10, 100), sequential: { ...seq(10), errors: 1 } })).toBe(1);
  });
});
