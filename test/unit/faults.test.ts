import { downWindow, judge, parseFaultOptions, type Sample } from '../../bench/faults';

describe('npm run faults: options and goals', () => {
  test('defaults, --short, explicit seconds, and usage errors', () => {
    expect(parseFaultOptions([])).toMatchObject({
      seed: true,
      loadS: 20,
      downS: 15,
      afterS: 10,
      json: null,
      strict: false,
    });
    expect(parseFaultOptions(['--short', '--strict'])).toMatchObject({
      seed: false,
      loadS: 3,
      downS: 3,
      afterS: 2,
      strict: true,
    });
    expect(parseFaultOptions(['--down-s', '30', '--json', 'x.json'])).toMatchObject({ downS: 30, json: 'x.json' });
    expect(() => parseFaultOptions(['--down-s', '0'])).toThrow(/whole seconds/);
    expect(() => parseFaultOptions(['--down-s', 'soon'])).toThrow(/whole seconds/);
    expect(() => parseFaultOptions(['--json'])).toThrow(/needs a file/);
    expect(() => parseFaultOptions(['--fast'])).toThrow(/unknown option --fast/);
  });

  test('each goal fails on its own bound', () => {
    const good = {
      failFastMs: 2000,
      failedUnavailable: true,
      readyz503: true,
      recoveryMs: 10_000,
      lost: 0,
      partial: 0,
      failedAfterRecovery: 0,
    };
    expect(judge(good).every((goal) => goal.pass)).toBe(true);
    const failing = (change: Partial<typeof good> | { recoveryMs: null }): string[] =>
      judge({ ...good, ...change })
        .filter((goal) => !goal.pass)
        .map((goal) => goal.goal);
    expect(failing({ failFastMs: 2001 })).toEqual(['requests while down fail within 2 s']);
    expect(failing({ failedUnavailable: false })).toEqual(['and with DATABASE_UNAVAILABLE']);
    expect(failing({ readyz503: false })).toEqual(['/readyz is 503 while down']);
    expect(failing({ recoveryMs: 10_001 })).toEqual(['served again within 10 s of Neo4j ready']);
    expect(failing({ recoveryMs: null })).toEqual(['served again within 10 s of Neo4j ready']);
    expect(failing({ lost: 1 })).toEqual(['acknowledged writes lost']);
    expect(failing({ partial: 1 })).toEqual(['partial batches']);
    expect(failing({ failedAfterRecovery: 1 })).toEqual(['requests failed once served again']);
  });

  test('the down window runs from the first refusal to the restart, not to the wrapper reporting ready', () => {
    const read = (sent: number, done: number, code: string): Sample => ({ kind: 'read', sent, done, code });
    const killedAt = 1000;
    const restartAt = 5000;
    const samples = [
      read(900, 950, 'OK'), // before the kill
      read(990, 1200, 'QUERY_TIMEOUT'), // in flight at the kill: reported apart
      read(1100, 1150, 'DATABASE_UNAVAILABLE'), // the first refusal: noticed at 1150
      read(3000, 3004, 'DATABASE_UNAVAILABLE'),
      // Neo4j accepts again before the wrapper says ready: answered after the restart began.
      read(5100, 5120, 'OK'),
    ];
    const readyz = [
      { at: 1100, status: 200 }, // before the kill was noticed
      { at: 2000, status: 503 },
      { at: 4900, status: 503 },
      { at: 5300, status: 200 }, // back, before readyAt (once failed CI when the window ended there)
    ];
    const window = downWindow(samples, readyz, killedAt, restartAt);
    expect(window.noticed).toBe(1150);
    expect(window.whileDown.map((s) => s.sent)).toEqual([3000]);
    expect(window.readyzWhileDown).toEqual([503]);
    // Nothing refused after the kill: no window at all, so the goals cannot pass on nothing.
    const none = downWindow([read(1100, 1150, 'OK')], readyz, killedAt, restartAt);
    expect(none.noticed).toBe(Infinity);
    expect(none.whileDown).toEqual([]);
    expect(none.readyzWhileDown).toEqual([]);
  });
});
