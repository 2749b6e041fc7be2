import { backoffDelay, exponentialDelay } from './backoff.ts';
import { Semaphore } from './semaphore.ts';

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

describe('Semaphore', () => {
  it('never lets more than its size run at once', async () => {
    const sem = new Semaphore(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        await sem.acquire();
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        sem.release();
      }),
    );
    expect(peak).toBe(3);
  });
});
