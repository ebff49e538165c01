import { randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn from a buffer refilled 4 KiB at a time: one system call per ~400 ids
 * instead of one per id (every request gets an id, every insert one or more).
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomByte(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]!;
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The last counter used for each recent millisecond (ids are made for several clocks: now, a change's instant). */
const counters = new Map<number, number>();

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, then 74 random bits with the
 * variant. Ids sort by creation time, which keeps B-tree inserts local and makes "newest first"
 * an index scan. Within one millisecond the 12 bits after the version are a counter (RFC 9562
 * §6.2, method 1) started at a random value below 2048: ids made in a row in the same
 * millisecond (of the last 256 used) sort in the order they were made (a ticket's history entries written by one
 * change keep their order).
 */
export function newId(now: number = Date.now()): string {
  const b = new Array<number>(16);
  b[0] = Math.floor(now / 2 ** 40) & 0xff;
  b[1] = Math.floor(now / 2 ** 32) & 0xff;
  b[2] = (now >>> 24) & 0xff;
  b[3] = (now >>> 16) & 0xff;
  b[4] = (now >>> 8) & 0xff;
  b[5] = now & 0xff;
  for (let i = 6; i < 16; i++) b[i] = randomByte();
  const last = counters.get(now);
  const seq = last === undefined ? ((b[6]! & 0x07) << 8) | b[7]! : Math.min(last + 1, 0xfff);
  counters.set(now, seq);
  if (counters.size > 256) counters.delete(counters.keys().next().value!);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => hex[x]!);
  return `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`;
}

/** The current instant in the stored form (ISO-8601 UTC with milliseconds). */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
