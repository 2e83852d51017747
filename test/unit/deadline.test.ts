import { withDeadline } from '../../src/db/executor';

describe('withDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('passes on the result of work that settles in time', async () => {
    const answer = withDeadline(Promise.resolve(42), 1000, () => new Error('late'));
    await expect(answer).resolves.toBe(42);
  });

  test('passes on the rejection of work that fails in time', async () => {
    const answer = withDeadline(Promise.reject(new Error('refused')), 1000, () => new Error('late'));
    await expect(answer).rejects.toThrow('refused');
  });

  test('rejects with the timeout error when the work is still pending at the deadline', async () => {
    const never = new Promise<number>(() => undefined);
    const answer = withDeadline(never, 1000, () => new Error('late'));
    const settled = expect(answer).rejects.toThrow('late');
    jest.advanceTimersByTime(999);
    await Promise.resolve();
    jest.advanceTimersByTime(1);
    await settled;
  });
});
