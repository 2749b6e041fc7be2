// A child process the fault tests kill on purpose: `consumer` dies after its transaction
// committed and before the ack; `relay` dies after publishing and before marking rows sent.
import { connectNats, OutboxRelay } from '../src/index.ts';
import { openDataSource, probeTopology, startSink } from './probe.fixture.ts';

const { ROLE, ADMIN_URL, NATS_URL, NS_PREFIX } = process.env as Record<string, string>;
const ns = { prefix: NS_PREFIX };
const die = (): void => void process.kill(process.pid, 'SIGKILL');

if (ROLE === 'consumer') {
  const dataSource = await openDataSource('sink', ADMIN_URL);
  const nc = await connectNats({ servers: NATS_URL, name: 'sink' });
  await startSink({ nc, dataSource, ns, topology: probeTopology(ns), beforeAck: die });
  console.log('ready');
} else if (ROLE === 'relay') {
  const dataSource = await openDataSource('probe', ADMIN_URL);
  const nc = await connectNats({ servers: NATS_URL, name: 'probe' });
  const relay = new OutboxRelay({ service: 'probe', dataSource, nc, ns, afterPublish: die, claimLeaseSeconds: 1 });
  relay.start();
  console.log('ready');
}
