import { Logger } from '@nestjs/common';
import { deleteNamespace } from '@jingwang/messaging';
import { KEYS, prepareBus, startIntakeApp } from '../test/intake.harness.ts';
import { LoadClient } from './http-load.ts';
Logger.overrideLogger(['error']);
const { db, ns, nc } = await prepareBus();
const { app, url } = await startIntakeApp(db, ns, process.env.RELAY !== '0');
const load = LoadClient.start();
import { loadDistrict } from '@jingwang/district';
const district = loadDistrict();
const addresses: string[] = [];
for (const street of district.streets) for (const r of street.ranges) for (let n = r.from; n <= r.to; n++) { if ((r.parity === 'odd' && n % 2 === 0) || (r.parity === 'even' && n % 2 === 1)) continue; addresses.push(`${street.nameZh}${n}号${1 + (n % 4)}单元`); }
console.log('addresses', addresses.length, new Set(addresses.map(a => district.resolveAddress(a)).map(r => r.resolved ? r.buildingKey : 'unres')).size);
const mix = process.env.REAL ? { keys: { '110': KEYS['110'], '12345': KEYS['12345'], nuannan: KEYS.nuannan }, addresses, gridCodes: district.grids.map(g => g.code), untypedShare: Number(process.env.UNTYPED ?? 0.2) } : { keys: { '110': KEYS['110'] }, addresses: ['香港中路1号', '香港中路3号', '香港中路5号', '香港中路7号'], gridCodes: ['JM-G001','JM-G002','JM-G003'], untypedShare: Number(process.env.UNTYPED ?? 0.2) };
try {
  const r = await load.run({ url, tag: 'x'+Date.now(), mix, mode: 'closed', concurrency: Number(process.env.C ?? 16), seconds: 5, timeoutMs: 5000 });
  const s = Array.from(r.latencies).sort((a,b)=>a-b);
  console.log('accepted', r.accepted, 'per s', (r.accepted/r.seconds).toFixed(0), 'p50', s[s.length>>1].toFixed(1), 'p99', s[Math.floor(s.length*0.99)].toFixed(1), r.sampleError, r.statuses);
} finally {
  await load.close(); await app.close(); await deleteNamespace(nc, ns); await nc.close(); await db.drop();
}
