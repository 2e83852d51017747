import {
  checkGoals,
  failedGoals,
  parseSoakArgs,
  sessionsLeftOpen,
  SoakUsageError,
  windowStats,
  type GoalInput,
  type Sample,
  type WindowStats,
} from '../../bench/soak-goals';

/** The soak's options, window statistics and goal verdicts, on made-up results (no load, no database). */

describe('parseSoakArgs', () => {
  it('defaults to the full 10-minute run in 60 s windows', () => {
    expect(parseSoakArgs([])).toMatchObject({ durationS: 600, windowS: 60, short: false, json: null, strict: false });
  });

  it('--short is the CI version: 10 s in 5 s windows with short probes', () => {
    expect(parseSoakArgs(['--short'])).toMatchObject({ durationS: 10, windowS: 5, short: true, probeS: 1 });
    expect(parseSoakArgs(['--short', '--duration-s', '30'])).toMatchObject({ durationS: 30, windowS: 5 });
  });

  it('takes values after a space or an equals sign', () => {
    expect(parseSoakArgs(['--duration-s=300', '--window-s', '30', '--json', 'out.json', '--strict'])).toMatchObject({
      durationS: 300,
      windowS: 30,
      json: 'out.json',
      strict: true,
    });
  });

  it.each([
    [['--duration-s', '5'], /--duration-s takes an integer from 10 to 3600/],
    [['--duration-s', '1.5'], /--duration-s/],
    [['--duration-s'], /--duration-s/],
    [['--window-s', '4'], /--window-s takes an integer from 5 to 600/],
    [['--json'], /--json takes a file name/],
    [['--json', '--strict'], /--json takes a file name/],
    [['--size', 'S'], /unknown option --size/],
    [['--duration-s', '60', '--window-s', '60'], /at least two windows/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSoakArgs(argv)).toThrow(SoakUsageError);
    expect(() => parseSoakArgs(argv)).toThrow(message);
  });
});

describe('windowStats', () => {
  it('times successful requests only and counts errors by code', () => {
    const samples: Sample[] = [
      ...Array.from({ length: 98 }, (_, i) => ({ ms: i + 1, code: null, write: i % 10 === 0 })),
      { ms: 5000, code: 'QUERY_TIMEOUT', write: false },
      { ms: 3, code: 'QUERY_TIMEOUT', write: false },
      { ms: 4, code: 'IDEMPOTENCY_KEY_REUSED', write: true },
    ];
    const w = windowStats(2, 10, samples, 1, 300);
    expect(w).toMatchObject({
      index: 2,
      requests: 101,
      rps: 9.8,
      writes: 10,
      p50: 49,
      p99: 98,
      skipped: 1,
      rssMb: 300,
    });
    expect(w.errors).toEqual({ QUERY_TIMEOUT: 2, IDEMPOTENCY_KEY_REUSED: 1 });
  });

  it('has no percentiles for a window without a success', () => {
    expect(windowStats(0, 5, [{ ms: 1, code: 'HTTP_500', write: false }], 0, null)).toMatchObject({
      rps: 0,
      p50: null,
      p99: null,
    });
  });
});

function win(p99: number | null, errors: Record<string, number> = {}, skipped = 0): WindowStats {
  return { index: 0, seconds: 60, requests: 100, rps: 10, writes: 10, p50: 10, p99, errors, skipped, rssMb: 200 };
}

const good: GoalInput = {
  windows: [win(100), win(120), win(150)],
  rss: { afterWarmupMb: 200, endMb: 219 },
  database: { baseline: { transactions: 0, connections: 20 }, after: { transactions: 0, connections: 20 } },
  sessionsAtStop: 0,
};

const verdicts = (input: GoalInput): boolean[] => checkGoals(input).map((goal) => goal.pass);

describe('checkGoals', () => {
  it('passes a run that meets every goal, at the limits', () => {
    expect(checkGoals(good).map((goal) => goal.name)).toEqual([
      'errors',
      'p99 last/first window',
      'RSS growth after warm-up',
      'transactions and driver sessions back to baseline',
    ]);
    expect(verdicts(good)).toEqual([true, true, true, true]);
  });

  it('fails on any error that is not a documented refusal, and on requests not sent', () => {
    expect(verdicts({ ...good, windows: [win(100), win(100, { QUERY_TOO_COMPLEX: 3, HTTP_429: 1 })] })[0]).toBe(true);
    expect(verdicts({ ...good, windows: [win(100), win(100, { QUERY_TIMEOUT: 1 })] })[0]).toBe(false);
    expect(verdicts({ ...good, windows: [win(100, { DATABASE_UNAVAILABLE: 1 }), win(100)] })[0]).toBe(false);
    expect(verdicts({ ...good, windows: [win(100), win(100, {}, 1)] })[0]).toBe(false);
    expect(checkGoals({ ...good, windows: [win(100), win(100, { QUERY_TIMEOUT: 2 })] })[0]?.detail).toContain(
      'QUERY_TIMEOUT ×2',
    );
  });

  it('fails when the last window p99 is more than 1.5 times the first', () => {
    expect(verdicts({ ...good, windows: [win(100), win(151)] })[1]).toBe(false);
    expect(verdicts({ ...good, windows: [win(100), win(150)] })[1]).toBe(true);
    expect(verdicts({ ...good, windows: [win(null), win(150)] })[1]).toBe(false);
  });

  it('fails when RSS grew by 10% or more after warm-up, or was not measured', () => {
    expect(verdicts({ ...good, rss: { afterWarmupMb: 200, endMb: 220 } })[2]).toBe(false);
    expect(verdicts({ ...good, rss: { afterWarmupMb: 200, endMb: 150 } })[2]).toBe(true);
    expect(verdicts({ ...good, rss: { afterWarmupMb: null, endMb: 150 } })[2]).toBe(false);
  });

  it('in --short, judges errors and the return to baseline, and only reports p99 drift and RSS growth', () => {
    const drifting: GoalInput = {
      ...good,
      windows: [win(100), win(400)],
      rss: { afterWarmupMb: 200, endMb: 300 },
      options: { short: true },
    };
    const goals = checkGoals(drifting);
    expect(goals.map((goal) => [goal.judged, goal.pass])).toEqual([
      [true, true],
      [false, false],
      [false, false],
      [true, true],
    ]);
    expect(goals[1]?.detail).toContain('not judged, in --short');
    expect(failedGoals(goals)).toEqual([]);
    // The full run judges the same figures.
    expect(failedGoals(checkGoals({ ...drifting, options: { short: false } })).map((goal) => goal.name)).toEqual([
      'p99 last/first window',
      'RSS growth after warm-up',
    ]);
    // And a short run still fails on an error or a leaked transaction.
    const leaked: GoalInput = {
      ...drifting,
      database: { baseline: { transactions: 0, connections: 20 }, after: { transactions: 2, connections: 20 } },
    };
    expect(failedGoals(checkGoals(leaked)).map((goal) => goal.name)).toEqual([
      'transactions and driver sessions back to baseline',
    ]);
  });

  it('fails when transactions stay above the baseline or the server held a session at stop; reports connections', () => {
    const db = (tx: number, conn: number | null, sessions: number | null = 0): GoalInput => ({
      ...good,
      database: { baseline: { transactions: 0, connections: 20 }, after: { transactions: tx, connections: conn } },
      sessionsAtStop: sessions,
    });
    expect(verdicts(db(1, 20))[3]).toBe(false);
    expect(verdicts(db(0, 20, 1))[3]).toBe(false);
    expect(verdicts(db(0, 20, null))[3]).toBe(false);
    // The pool keeps the idle connections it grew to: reported, not judged.
    expect(verdicts(db(0, 36))[3]).toBe(true);
    expect(verdicts(db(0, null))[3]).toBe(true);
    expect(checkGoals(db(0, 36))[3]?.detail).toBe(
      'transactions 0 -> 0, driver sessions open at stop 0; Bolt connections 20 -> 36 (the pool, reported only)',
    );
  });

  it('reads the sessions the server held at stop from its log', () => {
    expect(sessionsLeftOpen('SIGTERM received: draining requests\ndriver sessions open at stop: 0\n')).toBe(0);
    expect(sessionsLeftOpen('driver sessions open at stop: 3')).toBe(3);
    expect(sessionsLeftOpen('ZoneGraph ready at http://127.0.0.1:1/graphql\n')).toBeNull();
  });
});
