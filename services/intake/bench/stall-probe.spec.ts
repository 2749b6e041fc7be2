import { stallCells, startStallProbe } from './stall-probe.ts';

describe('stall probe', () => {
  it('puts the longest lag and the GC total of each window in its cell, and ignores what falls outside', () => {
    const cells = stallCells(
      {
        lags: [
          { at: 1_000 + 10, ms: 3 },
          { at: 1_000 + 200, ms: 12 },
          { at: 1_000 + 260, ms: 40 },
          { at: 1_000 - 5, ms: 99 },
          { at: 1_000 + 750, ms: 99 },
        ],
        gcs: [
          { at: 1_000 + 20, ms: 2.5 },
          { at: 1_000 + 30, ms: 4 },
          { at: 1_000 + 600, ms: 7 },
        ],
      },
      1_000,
      250,
      3,
    );
    expect(cells).toEqual(['12/7', '40/0', '0/7']);
  });

  it('sees the event loop held by a synchronous task', async () => {
    const probe = startStallProbe();
    await new Promise((r) => setTimeout(r, 20));
    const until = performance.now() + 60;
    while (performance.now() < until); // hold the loop for 60 ms
    await new Promise((r) => setTimeout(r, 20));
    const { lags } = probe.stop();
    expect(Math.max(...lags.map((l) => l.ms))).toBeGreaterThanOrEqual(50);
  });
});
