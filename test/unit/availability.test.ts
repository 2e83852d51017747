import { Availability } from '../../src/db/availability';

/** A ping that answers as `up` says. */
function monitor(options: { writeWaitMs?: number; onRecovered?: () => Promise<void> | void } = {}) {
  const state = { up: true };
  const availability = new Availability({
    ping: () => (state.up ? Promise.resolve() : Promise.reject(new Error('refused'))),
    intervalMs: 1000,
    timeoutMs: 1000,
    ...options,
  });
  return { state, availability };
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** Neo4j answers no more, then again: the second check starts the recovery work. */
async function downThenUp(state: { up: boolean }, availability: Availability): Promise<void> {
  state.up = false;
  await availability.check();
  state.up = true;
  await availability.check();
}

/** Lets pending promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Availability: writes after Neo4j comes back', () => {
  test('while Neo4j is down a write is refused at once with DATABASE_UNAVAILABLE', async () => {
    const { state, availability } = monitor();
    state.up = false;
    await availability.check();
    await expect(availability.beforeWrite()).rejects.toMatchObject({ extensions: { code: 'DATABASE_UNAVAILABLE' } });
  });

  test('a write waits for the planning started on recovery, and goes once it is done', async () => {
    const planning = deferred();
    let calls = 0;
    const { state, availability } = monitor({
      onRecovered: () => {
        calls += 1;
        return planning.promise;
      },
    });
    await downThenUp(state, availability);
    expect(calls).toBe(1);
    expect(availability.isRecovering).toBe(true);

    let went = false;
    const write = availability.beforeWrite().then(() => (went = true));
    await settle();
    expect(went).toBe(false);
    planning.resolve();
    await write;
    expect(went).toBe(true);
    expect(availability.isRecovering).toBe(false);
    // Later writes do not wait.
    await availability.beforeWrite();
  });

  test('reads are not held while it plans', async () => {
    const planning = deferred();
    const { state, availability } = monitor({ onRecovered: () => planning.promise });
    await downThenUp(state, availability);
    await expect(availability.giveUpWhenDown(() => Promise.resolve('read'))).resolves.toBe('read');
    expect(availability.isRecovering).toBe(true);
    planning.resolve();
  });

  test('the wait is bounded by writeWaitMs: a write goes when planning takes longer', async () => {
    jest.useFakeTimers();
    try {
      const planning = deferred();
      const { state, availability } = monitor({ writeWaitMs: 5000, onRecovered: () => planning.promise });
      await downThenUp(state, availability);
      let went = false;
      const write = availability.beforeWrite().then(() => (went = true));
      await jest.advanceTimersByTimeAsync(4999);
      expect(went).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await write;
      expect(went).toBe(true);
      planning.resolve();
    } finally {
      jest.useRealTimers();
    }
  });

  test('a planning that fails does not fail the writes waiting for it', async () => {
    const planning = deferred();
    const { state, availability } = monitor({ onRecovered: () => planning.promise });
    await downThenUp(state, availability);
    const write = availability.beforeWrite();
    planning.reject(new Error('planning stopped'));
    await expect(write).resolves.toBeUndefined();
    expect(availability.isRecovering).toBe(false);
  });

  test('a write that waited is refused if Neo4j went down again meanwhile', async () => {
    const planning = deferred();
    const { state, availability } = monitor({ onRecovered: () => planning.promise });
    await downThenUp(state, availability);
    const write = availability.beforeWrite();
    state.up = false;
    await availability.check();
    planning.resolve();
    await expect(write).rejects.toMatchObject({ extensions: { code: 'DATABASE_UNAVAILABLE' } });
  });

  test('without recovery work (the first start) writes never wait', async () => {
    const { availability } = monitor();
    await availability.check();
    expect(availability.isRecovering).toBe(false);
    await expect(availability.beforeWrite()).resolves.toBeUndefined();
  });

  describe('a slow ping is not a dead server', () => {
    /** A ping that fails at its deadline (Neo4j too busy to answer RETURN 1 in time) or at once. */
    function pinging(mode: { current: 'slow' | 'refused' | 'up' }): Availability {
      return new Availability({
        ping: (timeoutMs) =>
          mode.current === 'up'
            ? Promise.resolve()
            : mode.current === 'refused'
              ? Promise.reject(new Error('connection refused'))
              : new Promise<void>((_, reject) => setTimeout(() => reject(new Error('deadline')), timeoutMs)),
        intervalMs: 1000,
        timeoutMs: 1000,
      });
    }

    test('three pings in a row that miss their deadline mark Neo4j down; fewer do not', async () => {
      jest.useFakeTimers();
      try {
        const mode = { current: 'slow' as 'slow' | 'refused' | 'up' };
        const availability = pinging(mode);
        const slowCheck = async (): Promise<boolean> => {
          const result = availability.check();
          await jest.advanceTimersByTimeAsync(1000);
          return result;
        };
        expect(await slowCheck()).toBe(true);
        expect(await slowCheck()).toBe(true);
        expect(availability.isDown).toBe(false);
        // Requests still reach the busy database meanwhile.
        await expect(availability.beforeWrite()).resolves.toBeUndefined();
        // An answer in between starts the count again.
        mode.current = 'up';
        await availability.check();
        mode.current = 'slow';
        expect(await slowCheck()).toBe(true);
        expect(await slowCheck()).toBe(true);
        expect(await slowCheck()).toBe(false);
        expect(availability.isDown).toBe(true);
        await expect(availability.beforeWrite()).rejects.toMatchObject({
          extensions: { code: 'DATABASE_UNAVAILABLE' },
        });
      } finally {
        jest.useRealTimers();
      }
    });

    test('a refused connection marks it down at once, even after slow pings', async () => {
      jest.useFakeTimers();
      try {
        const mode = { current: 'slow' as 'slow' | 'refused' | 'up' };
        const availability = pinging(mode);
        const first = availability.check();
        await jest.advanceTimersByTimeAsync(1000);
        expect(await first).toBe(true);
        mode.current = 'refused';
        expect(await availability.check()).toBe(false);
        expect(availability.isDown).toBe(true);
      } finally {
        jest.useRealTimers();
      }
    });
  });
});
