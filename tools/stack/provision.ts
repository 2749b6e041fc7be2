// `npm run provision`: creates or updates every JetStream stream and consumer (idempotent).
import { pathToFileURL } from 'node:url';
import { connectNats, defaultTopology, provision, type ProvisionReport } from '@jingwang/messaging';

export async function provisionBus(natsUrl: string, prefix = process.env.JW_BUS_PREFIX ?? ''): Promise<ProvisionReport> {
  const nc = await connectNats({ servers: natsUrl, name: 'provision' });
  try {
    return await provision(nc, defaultTopology({ prefix }));
  } finally {
    await nc.drain();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await provisionBus(process.env.NATS_URL ?? 'nats://127.0.0.1:4222');
  for (const s of report.streams) console.log(`stream   ${s.name.padEnd(12)} ${s.action}`);
  for (const c of report.consumers) console.log(`consumer ${c.stream}/${c.durable} ${c.action}`);
}
