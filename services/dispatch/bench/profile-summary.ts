// Summarises a V8 CPU profile of the dispatch process (BENCH_CPU_PROFILE=<dir> of bench:dispatch):
// where its thread's time went, by area (dispatch's own code, the messaging lib, pg, TypeORM, nats,
// Nest, GC, idle), by function (self time) and, for the functions named on the command line or the
// default ones below, inclusive time (their synchronous part: an async function's awaits are not
// counted). `node --import ./tools/runtime/register.mjs services/dispatch/bench/profile-summary.ts <file.cpuprofile> [function ...]`
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, ...wanted] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [function ...]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const INCLUSIVE = wanted.length
  ? wanted
  : ['received', 'route', 'dutyAt', 'read', 'apply', 'insertNew', 'appendTimeline', 'runBatch', 'handleBatch', 'publish', 'parse', 'validateEvent', 'createEvent', 'planAssignment', 'query'];

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<number, number>(); // node id -> µs
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function area(n: Node): string {
  const { functionName, url } = n.callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'program (V8, natives)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1].startsWith('@nestjs') ? '@nestjs/*' : m[1].startsWith('@nats-io') ? '@nats-io/*' : m[1];
  const own = /\/(services\/[^/]+\/src\/[^/]+|libs\/[^/]+)\//.exec(url);
  if (own) return own[1];
  if (url.startsWith('node:') || url === '') return 'node internals';
  return url;
}

const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;

const areas = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  areas.set(area(n), (areas.get(area(n)) ?? 0) + us);
  const f = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${n.callFrame.lineNumber + 1}`;
  fns.set(f, (fns.get(f) ?? 0) + us);
}
const idle = areas.get('idle') ?? 0;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${pct(total - idle).trim()} busy (${((total - idle) / 1000).toFixed(0)} ms)\n\nself time by area (share of all samples):`);
for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`${pct(us)} ${ms(us)}  ${a}`);
console.log('\nself time by function (top 40):');
for (const [f, us] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, 40)) console.log(`${pct(us)} ${ms(us)}  ${f}`);

// Inclusive: a sample counts for a function when the function is on its stack (once per stack).
console.log('\ninclusive (synchronous) time of:');
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!;
    const key = `${n.callFrame.functionName} ${area(n)}`;
    if (INCLUSIVE.includes(n.callFrame.functionName) && !seen.has(key)) {
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
}
for (const [k, us] of [...inclusive].sort((x, y) => y[1] - x[1]).slice(0, 40)) console.log(`${pct(us)} ${ms(us)}  ${k}`);
