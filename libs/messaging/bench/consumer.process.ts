// The consuming service of `bench:messaging`, in its own process as it is deployed: ROLE=sink is
// the real transport with a batch handler (inbox + one row per event), ROLE=raw is the baseline
// (plain pull consume, one INSERT per message, no inbox). It reports each event's number and
// arrival time (ms since the epoch, sub-millisecond) to the parent over IPC, every 20 ms.
import { Logger } from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import { streamName } from '@jingwang/contracts';
import { connectNats } from '../src/index.ts';
import { openDataSource, probeTopology, startSink } from '../test/probe.fixture.ts';

Logger.overrideLogger(['error']);
const { ROLE, ADMIN_URL, NATS_URL, NS_PREFIX, CONCURRENCY, BATCH } = process.env as Record<string, string>;
const ns = { prefix: NS_PREFIX };
const concurrency = Number(CONCURRENCY);
const now = () => performance.timeOrigin + performance.now();

let pending: number[] = []; // n, arrivedAt, n, arrivedAt, ...
const report = setInterval(() => {
  if (pending.length) process.send!({ arrivals: pending });
  pending = [];
}, 20);
const arrived = (n: number) => void pending.push(n, now());

const dataSource = await openDataSource('sink', ADMIN_URL, concurrency + 2);
const nc = await connectNats({ servers: NATS_URL, name: 'sink' });
let stop: () => Promise<void>;

if (ROLE === 'sink') {
  const topology = probeTopology(ns, { concurrency, batchSize: Number(BATCH), ackWaitSeconds: 30 });
  const sink = await startSink({ nc, dataSource, ns, topology, batchHandler: true, beforeAck: (m) => arrived((m.json() as { data: { n: number } }).data.n) });
  stop = () => sink.close();
} else {
  const consumer = await jetstream(nc).consumers.get(streamName(ns, 'PROBE'), 'raw_baseline');
  const messages = await consumer.consume({ max_messages: concurrency });
  const inFlight = new Set<Promise<void>>();
  const pump = (async () => {
    for await (const m of messages) {
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      const p = (async () => {
        const { n } = m.json() as { n: number };
        await dataSource.query('INSERT INTO sink.raw_items (n) VALUES ($1)', [n]);
        m.ack();
        arrived(n);
      })().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  })();
  stop = async () => {
    messages.stop();
    await pump;
  };
}

process.on('message', async (m: { stop?: boolean }) => {
  if (!m.stop) return;
  await stop();
  await nc.drain();
  await dataSource.destroy();
  clearInterval(report);
  process.disconnect();
});
process.send!({ ready: true });
