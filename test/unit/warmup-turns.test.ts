/*
 * The warm-up's reads run a few at a time (src/db/warmup.ts, inTurn): all at once they took
 * more driver connections than the pool holds, and on a cold Neo4j the last ones waited past the
 * acquisition timeout and failed the start.
 */
import { inTurn } from '../../src/db/warmup';

/** A task that records how many run at once and ends after `ms`. */
function tracked(state: { running: number; most: number; done: number[] }, id: number, ms: number) {
  return async (): Promise<void> => {
    state.running += 1;
    state.most = Math.max(state.most, state.running);
    await new Promise((resolve) => setTimeout(resolve, ms));
    state.running -= 1;
    state.done.push(id);
  };
}

describe('inTurn', () => {
  test('runs every task, never more than the limit at once, each as soon as a slot is free', async () => {
    const state = { running: 0, most: 0, done: [] as number[] };
    const tasks = Array.from({ length: 20 }, (_, id) => tracked(state, id, id % 3 === 0 ? 15 : 5));
    await inTurn(tasks, 4);
    expect(state.most).toBe(4);
    expect([...state.done].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, id) => id));
  });

  test('fails as the first task that fails', async () => {
    const state = { running: 0, most: 0, done: [] as number[] };
    const tasks = [tracked(state, 0, 5), () => Promise.reject(new Error('no plan')), tracked(state, 2, 5)];
    await expect(inTurn(tasks, 2)).rejects.toThrow('no plan');
  });
});
