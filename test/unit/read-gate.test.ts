import { ReadGate } from '../../src/db/read-gate';
import { ErrorCode } from '../../src/errors/error-code';

/** A promise and the function that settles it, to hold a slot for as long as a test wants. */
function deferred(): { promise: Promise<void>; release: () => void } {
  let release = (): void => undefined;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('ReadGate', () => {
  test('runs at most `limit` reads at once and admits the waiting ones first come, first served', async () => {
    const gate = new ReadGate(2, 60_000);
    const holds = [deferred(), deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = holds.map((hold, index) =>
      gate.run(async () => {
        started.push(index);
        await hold.promise;
        return index;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect([gate.inFlight, gate.queued]).toEqual([2, 3]);

    holds[1]?.release();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    expect([gate.inFlight, gate.queued]).toEqual([2, 2]);

    for (const hold of holds) hold.release();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([gate.inFlight, gate.queued, gate.peak, gate.refused]).toEqual([0, 0, 2, 0]);
  });

  test('frees the slot of a read that fails', async () => {
    const gate = new ReadGate(1, 60_000);
    await expect(gate.run(() => Promise.reject(new Error('statement failed')))).rejects.toThrow('statement failed');
    await expect(gate.run(() => Promise.resolve('next'))).resolves.toBe('next');
    expect(gate.inFlight).toBe(0);
  });

  test('refuses a read that waited queueTimeoutMs with DATABASE_UNAVAILABLE, and never runs it', async () => {
    const gate = new ReadGate(1, 30);
    const hold = deferred();
    const holding = gate.run(() => hold.promise);
    let ran = false;
    const waiting = gate.run(() => {
      ran = true;
      return Promise.resolve();
    });
    await expect(waiting).rejects.toMatchObject({
      extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      message: expect.stringContaining('busy'),
    });
    expect([gate.queued, gate.refused]).toEqual([0, 1]);
    hold.release();
    await holding;
    expect(ran).toBe(false);
    // The refused read left no trace: the next one runs at once.
    await expect(gate.run(() => Promise.resolve(1))).resolves.toBe(1);
    expect(gate.inFlight).toBe(0);
  });

  test('a limit of 0 admits every read', async () => {
    const gate = new ReadGate(0, 10);
    const hold = deferred();
    const runs = Array.from({ length: 50 }, () => gate.run(() => hold.promise));
    await new Promise((resolve) => setImmediate(resolve));
    expect([gate.inFlight, gate.queued]).toEqual([50, 0]);
    hold.release();
    await Promise.all(runs);
    expect(gate.peak).toBe(50);
  });

  test('refuses a limit that is not a whole number ≥ 0', () => {
    expect(() => new ReadGate(-1, 10)).toThrow(RangeError);
    expect(() => new ReadGate(1.5, 10)).toThrow(RangeError);
  });
});
