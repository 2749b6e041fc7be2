import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KB at a time: one call to the system's generator per 256 ids. */
const pool = Buffer.alloc(4096);
let used = pool.length;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Ids made one
 * after another sort one after another, so a primary key of them takes each new row at the right
 * edge of its index (where Postgres inserts without a descent and where the pages are warm),
 * rather than at a random page of an index that, for a city's alerts, outgrows memory. The time
 * it reveals is the record's creation time, which every record here shows anyway.
 */
export function timeOrderedId(now = Date.now()): string {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const r = used;
  used += 10;
  const h = (n: number) => HEX[n & 0xff];
  const ms = Math.floor(now);
  const hi = Math.floor(ms / 0x1000000); // the top 24 of 48 bits
  return (
    h(hi >> 16) + h(hi >> 8) + h(hi) + h(ms >> 16) + '-' + h(ms >> 8) + h(ms) + '-' +
    h(0x70 | (pool[r] & 0x0f)) + h(pool[r + 1]) + '-' + h(0x80 | (pool[r + 2] & 0x3f)) + h(pool[r + 3]) + '-' +
    h(pool[r + 4]) + h(pool[r + 5]) + h(pool[r + 6]) + h(pool[r + 7]) + h(pool[r + 8]) + h(pool[r + 9])
  );
}
