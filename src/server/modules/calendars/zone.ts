import { IANAZone } from 'luxon';

/**
 * A time zone's UTC offsets over the engine's horizon, as a step function: `offsets[0]` applies
 * before `transitions[0]`, `offsets[k]` from `transitions[k - 1]` (inclusive) to `transitions[k]`.
 * Built once per zone from the IANA database (through Luxon/Intl) and cached, so the clock engine
 * converts between instants and wall-clock time with a binary search instead of Intl calls.
 */
export interface ZoneOffsets {
  readonly timezone: string;
  /** Instants (epoch ms) at which the offset changes, ascending. */
  readonly transitions: Float64Array;
  /** Offsets in ms (local = instant + offset); one more entry than `transitions`. */
  readonly offsets: Float64Array;
}

const DAY = 86_400_000;
/** Scanned span: a few days around the engine's horizon (2000–2100) so every local day of it is covered. */
const SCAN_FROM = Date.UTC(1999, 11, 20);
const SCAN_TO = Date.UTC(2101, 0, 12);
/**
 * Sampling step. Two offset changes closer together than a week would be missed; no zone has
 * had such a pair since 2000 (the closest, Morocco's Ramadan suspensions, are weeks apart).
 */
const STEP = 7 * DAY;

const cache = new Map<string, ZoneOffsets>();

/** True when the name is a time zone of the IANA database known to this runtime. */
export function isValidTimeZone(timezone: string): boolean {
  return typeof timezone === 'string' && timezone.length > 0 && IANAZone.isValidZone(timezone);
}

/** The offsets of a zone over the horizon (cached per zone). Throws on an unknown zone. */
export function zoneOffsets(timezone: string): ZoneOffsets {
  const hit = cache.get(timezone);
  if (hit) return hit;
  if (!isValidTimeZone(timezone)) throw new RangeError(`Unknown time zone ${timezone}`);
  const zone = IANAZone.create(timezone);
  const offsetMs = (t: number) => Math.round(zone.offset(t) * 60_000);
  const transitions: number[] = [];
  const offsets: number[] = [offsetMs(SCAN_FROM)];
  let prevT = SCAN_FROM;
  let prevO = offsets[0]!;
  for (let t = SCAN_FROM + STEP; prevT < SCAN_TO; t = Math.min(t + STEP, SCAN_TO)) {
    const o = offsetMs(t);
    // Bisect every change inside (prevT, t] down to the millisecond; loop in case of several.
    while (o !== prevO) {
      let lo = prevT;
      let hi = t;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMs(mid) === prevO) lo = mid;
        else hi = mid;
      }
      prevO = offsetMs(hi);
      transitions.push(hi);
      offsets.push(prevO);
      prevT = hi;
    }
    prevT = t;
  }
  const z: ZoneOffsets = { timezone, transitions: Float64Array.from(transitions), offsets: Float64Array.from(offsets) };
  cache.set(timezone, z);
  return z;
}

/** Index of the offset segment holding the instant: the number of transitions at or before it. */
export function segmentAt(z: ZoneOffsets, ms: number): number {
  const tr = z.transitions;
  let lo = 0;
  let hi = tr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tr[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The zone's offset (ms) at an instant. */
export function offsetAt(z: ZoneOffsets, ms: number): number {
  return z.offsets[segmentAt(z, ms)]!;
}

/** The local day number (days since 1970-01-01 in the zone's wall-clock calendar) of an instant. */
export function localDayNumber(z: ZoneOffsets, ms: number): number {
  return Math.floor((ms + offsetAt(z, ms)) / DAY);
}

/**
 * The instants whose local wall-clock time lies in `[localStart, localEnd)` (both given as "local
 * ms": the wall-clock reading written as if it were UTC). Usually one interval; around a DST change
 * the part inside a skipped hour has no instant, and the part inside a repeated hour has two.
 * Appends non-empty `[start, end)` pairs to `out` and returns the largest end, or -Infinity.
 */
export function preimage(z: ZoneOffsets, localStart: number, localEnd: number, out: number[]): number {
  // |offset| ≤ 14 h everywhere, so only segments overlapping this window can contribute.
  const windowStart = localStart - 15 * 3_600_000;
  const windowEnd = localEnd + 15 * 3_600_000;
  const tr = z.transitions;
  let maxEnd = -Infinity;
  for (let k = segmentAt(z, windowStart); ; k++) {
    const segStart = k === 0 ? -Infinity : tr[k - 1]!;
    if (segStart >= windowEnd) break;
    const segEnd = k < tr.length ? tr[k]! : Infinity;
    const o = z.offsets[k]!;
    const lo = Math.max(segStart, localStart - o);
    const hi = Math.min(segEnd, localEnd - o);
    if (lo < hi) {
      out.push(lo, hi);
      if (hi > maxEnd) maxEnd = hi;
    }
    if (k >= tr.length) break;
  }
  return maxEnd;
}
