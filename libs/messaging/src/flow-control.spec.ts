import { backoffDelay, exponentialDelay } from './backoff.ts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { BatchQueue } from './batch-queue.ts';

/** Lets every callback already due run (a few turns of the event loop): what would happen without a timer has happened. */
const eventLoopTurns = async () => {
  for (let i = 0; i < 5; i++) await nextTurn();
};

describe('backoffDelay', () => {
  it('takes the n-th step and repeats the last', () => {
    const steps = [1000, 5000, 15000];
    expect([1, 2, 3, 4, 9].map((n) => backoffDelay(steps, n))).toEqual([1000, 5000, 15000, 15000, 15000]);
    expect(backoffDelay([], 3)).toBe(0);
  });
});

describe('exponentialDelay', () => {
  it('grows, is jittered within [ceiling/2, ceiling] and is capped', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(10_000, 200 * 2 ** (attempt - 1));
      const d = exponentialDelay(attempt, 200, 10_000);
      expect(d).toBeGreaterThanOrEqual(ceiling / 2);
      expect(d).toBeLessThanOrEqual(ceiling);
    }
  });
});

describe('BatchQueue', () => {
  it('gives a taker what is waiting, up to the batch size, without waiting for more', async () => {
    const q = new BatchQueue<number>(10);
    for (const n of [1, 2, 3]) await q.put(n);
    expect(await q.take(2)).toEqual([1, 2]);
    expect(await q.take(2)).toEqual([3]);
  });

  it('makes the producer wait while full, and a taker wait while empty', async () => {
    const q = new BatchQueue<number>(2);
    await q.put(1);
    await q.put(2);
    let third = false;
    const put3 = q.put(3).then(() => (third = true));
    await eventLoopTurns();
    expect(third).toBe(false);
    expect(await q.take(5)).toEqual([1, 2]);
    await put3;
    const waiting = q.take(5);
    await q.put(4);
    expect(await waiting).toEqual([3]); // already waiting, so taken at once without 4
    expect(await q.take(5)).toEqual([4]);
  });

  it('gives a taker woken from empty the whole burst that arrived in the same turn', async () => {
    const q = new BatchQueue<number>(10);
    const [first, second] = [q.take(5), q.take(5)];
    for (const n of [1, 2, 3, 4, 5, 6]) void q.put(n);
    expect(await first).toEqual([1, 2, 3, 4, 5]);
    expect(await second).toEqual([6]);
  });

  it('keeps a woken taker waiting when another took the burst, rather than handing it nothing', async () => {
    const q = new BatchQueue<number>(10);
    const takers = [q.take(5), q.take(5), q.take(5)];
    for (const n of [1, 2]) void q.put(n);
    expect(await takers[0]).toEqual([1, 2]);
    let settled = false;
    void Promise.race([takers[1], takers[2]]).then(() => (settled = true));
    await eventLoopTurns();
    expect(settled).toBe(false);
    await q.put(3);
    expect(await Promise.race([takers[1], takers[2]])).toEqual([3]);
  });

  it('returns what was never taken when closed, and wakes everyone', async () => {
    const q = new BatchQueue<number>(5);
    const idle = q.take(5);
    await q.put(7);
    expect(await idle).toEqual([7]);
    await q.put(8);
    expect(q.close()).toEqual([8]);
    expect(await q.take(5)).toEqual([]);
    expect(await q.put(9)).toBe(false);
  });
});
