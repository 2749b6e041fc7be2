import { DatabaseOutageTracker } from './database-outage.tracker.ts';

function tracker(probe: () => Promise<unknown>, probeTimeoutMs = 1000) {
  const lines: { level: 'warn' | 'log'; message: string }[] = [];
  const t = new DatabaseOutageTracker({
    probe,
    probeEveryMs: 10,
    probeTimeoutMs,
    retryAfterSeconds: 5,
    log: { warn: (message) => lines.push({ level: 'warn', message }), log: (message) => lines.push({ level: 'log', message }) },
  });
  return { t, lines };
}

const until = async (what: string, check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error(`never: ${what}`);
};

describe('DatabaseOutageTracker', () => {
  it('logs an outage once when it starts and once when a probe gets an answer, with the count of refused requests', async () => {
    let up = false;
    const { t, lines } = tracker(async () => {
      if (!up) throw new Error('ECONNREFUSED');
    });
    for (let i = 0; i < 4512; i++) t.refused('connect ECONNREFUSED 127.0.0.1:5432');
    expect(lines).toEqual([{ level: 'warn', message: expect.stringContaining('(connect ECONNREFUSED 127.0.0.1:5432)') }]);
    expect(t.inOutage).toBe(true);
    up = true;
    await until('the end is logged', () => lines.length === 2);
    expect(lines[1]).toEqual({ level: 'log', message: expect.stringMatching(/^the database answers again after \d+\.\d s; 4,512 requests were answered 503$/) });
    expect(t.inOutage).toBe(false);

    t.refused('57P01 terminating connection');
    expect(lines).toHaveLength(3); // a new outage, logged again
    await until('its end is logged', () => lines.length === 4);
    t.stop();
  });

  it('counts a probe that never answers as failed, and probes no more once stopped', async () => {
    const hung = () => new Promise(() => undefined);
    let probes = 0;
    const { t, lines } = tracker(() => (probes++, hung()), 20);
    let controlProbes = 0;
    const control = tracker(() => (controlProbes++, hung()), 20).t;
    t.refused('Query read timeout');
    control.refused('Query read timeout');
    await until('two probes ran', () => probes >= 2);
    expect(lines).toHaveLength(1);
    t.stop();
    const seen = probes;
    const controlSeen = controlProbes;
    await until('the control tracker probed three more times', () => controlProbes >= controlSeen + 3);
    control.stop();
    expect(probes).toBe(seen);
  });
});
