/**
 * The service-level clock engine (docs/calendars.md). Pure: no I/O, no clock reads.
 *
 * Semantics, pinned by clock.test.ts and checked against a minute-by-minute reference:
 * - An instant is **business time** when its local wall-clock time in the calendar's zone lies in
 *   one of the opening ranges `[start, end)` of its local date, and that date is a business day.
 *   A business day is a day whose weekday has ranges, that is not a closure, and that is not a
 *   holiday unless it is a worked date (a closure wins over a worked date).
 * - Durations are real elapsed seconds. DST days are not special beyond their local ranges: a
 *   range containing the skipped hour (last Sunday of March in Paris) lasts one hour less, a range
 *   containing the repeated hour (last Sunday of October) one hour more, and a range lying wholly
 *   inside the skipped hour never occurs.
 * - `businessSeconds(from, to)`: business time in `[from, to)`; 0 when `to ≤ from`.
 * - `deadline(from, d)`: `from` when `d = 0`; otherwise the earliest `t` with
 *   `businessSeconds(from, t) = d`. A deadline landing exactly on the end of a range stays there
 *   (12:00, not 13:00 after lunch).
 * - `nextBusinessDayEnd(from)`: with D the local date of `from`, the end of the last range of the
 *   first business day strictly after D that has business time (commitment 3.3.1, "lendemain au
 *   maximum").
 *
 * How: `compileCalendar` turns the weekly pattern, holidays, closures and worked dates into one
 * sorted array of opening intervals in epoch ms over 2000–2100 with prefix sums of business time.
 * A query is an O(1) jump through a per-day index plus a galloping binary search over the prefix
 * sums — never a walk over days — so any question outside the horizon fails with a
 * `CalendarHorizonError` instead of looping (glpi#8250: no runaway loop, no deadline in 2038).
 */
import { holidayDayNumbers, dayNumberOf, parseIsoDate, type HolidayPreset } from './holidays';
import { localDayNumber, preimage, zoneOffsets, type ZoneOffsets } from './zone';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
export type { HolidayPreset } from './holidays';

/** The JSON form of a calendar (API, storage, demo). Times are `HH:MM`, `24:00` allowed as an end. */
export interface CalendarDefinition {
  name: string;
  /** IANA time zone, e.g. `Europe/Paris`. */
  timezone: string;
  /** Opening ranges per weekday, ordered and non-overlapping, e.g. `[["08:30","12:00"],["13:00","17:00"]]`. */
  weekly: Record<Weekday, Array<[string, string]>>;
  holidays: HolidayPreset;
  /** Local dates on which the calendar is closed (`YYYY-MM-DD`). */
  closures: string[];
  /** Holidays worked anyway, e.g. Whit Monday as *journée de solidarité* (`YYYY-MM-DD`). */
  workedDates: string[];
}

/** A calendar ready for queries. Treat as opaque; build with `compileCalendar`. */
export interface CompiledCalendar {
  readonly timezone: string;
  /** Instants the engine answers for: `[horizonStart, horizonEnd)`. */
  readonly horizonStart: number;
  readonly horizonEnd: number;
  /** Number of opening intervals. */
  readonly count: number;
  /**
   * The opening intervals, interleaved so that one cache line serves a lookup: for interval i,
   * `iv[3i]` its start and `iv[3i + 1]` its end (epoch ms; ascending, disjoint, non-empty, adjacent
   * ones merged), `iv[3i + 2]` the business ms from the first interval up to its end (increasing).
   */
  readonly iv: Float64Array;
  /** Per UTC day of the horizon, the first interval ending after that day's first instant. */
  readonly dayFirst: Int32Array;
  /** Business days having business time (local day numbers, ascending) and their last range's end. */
  readonly businessDays: Int32Array;
  readonly businessDayEnds: Float64Array;
  readonly zone: ZoneOffsets;
}

/** A question the compiled horizon cannot answer (instant or deadline outside 2000–2100). */
export class CalendarHorizonError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarHorizonError';
  }
}

export const HORIZON_FIRST_YEAR = 2000;
export const HORIZON_LAST_YEAR = 2100;
const DAY = 86_400_000;
const MINUTE = 60_000;
const HORIZON_START = Date.UTC(HORIZON_FIRST_YEAR, 0, 1);
const HORIZON_END = Date.UTC(HORIZON_LAST_YEAR + 1, 0, 1);

/** Minutes since midnight of `HH:MM` (`24:00` → 1440), or NaN. */
export function parseClockTime(s: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(s);
  if (!m) return NaN;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v <= 1440 ? v : NaN;
}

/** Promised opening time of one nominal week, in seconds (commitment 3.2.1); DST is not counted. */
export function weeklyOpeningSeconds(def: Pick<CalendarDefinition, 'weekly'>): number {
  let minutes = 0;
  for (const d of weekdays) for (const [a, b] of def.weekly[d] ?? []) minutes += parseClockTime(b) - parseClockTime(a);
  return minutes * 60;
}

/**
 * Compiles a definition (assumed valid, see `calendarProblems`) for the years 2000–2100. Takes a
 * few milliseconds; callers cache the result (see service.ts, keyed by calendar id and version).
 */
export function compileCalendar(def: CalendarDefinition): CompiledCalendar {
  const zone = zoneOffsets(def.timezone);
  const ranges = weekdays.map((d) =>
    (def.weekly[d] ?? []).map(([a, b]) => [parseClockTime(a) * MINUTE, parseClockTime(b) * MINUTE] as const),
  );
  const holidays = holidayDayNumbers(def.holidays, HORIZON_FIRST_YEAR - 1, HORIZON_LAST_YEAR + 1);
  const closures = new Set(def.closures.map(parseIsoDate));
  const worked = new Set(def.workedDates.map(parseIsoDate));

  // Local days covering the horizon whatever the zone's offset (±14 h).
  const firstDay = dayNumberOf(HORIZON_FIRST_YEAR - 1, 12, 30);
  const lastDay = dayNumberOf(HORIZON_LAST_YEAR + 1, 1, 3);
  const flat: number[] = [];
  const bdays: number[] = [];
  const bdayEnds: number[] = [];
  const tr = zone.transitions;
  const margin = 15 * 3_600_000; // |offset| ≤ 14 h: a local day's instants lie within [midnight − 15 h, midnight + 39 h)
  let k = 0;
  for (let day = firstDay; day < lastDay; day++) {
    const rs = ranges[(day + 3) % 7]!; // day 0 (1970-01-01) was a Thursday; index 0 is Monday
    if (rs.length === 0 || closures.has(day) || (holidays.has(day) && !worked.has(day))) continue;
    const base = day * DAY;
    while (k < tr.length && tr[k]! <= base - margin) k++;
    let dayEnd = -Infinity;
    if (k >= tr.length || tr[k]! >= base + DAY + margin) {
      // No offset change near this day (all but a few days a year): local → UTC is one subtraction.
      const o = zone.offsets[k]!;
      for (const [a, b] of rs) {
        flat.push(base + a - o, base + b - o);
        dayEnd = base + b - o;
      }
    } else {
      for (const [a, b] of rs) dayEnd = Math.max(dayEnd, preimage(zone, base + a, base + b, flat));
    }
    if (dayEnd > -Infinity) {
      bdays.push(day);
      bdayEnds.push(dayEnd);
    }
  }

  // Intervals of different local days can interleave only around a DST change crossing midnight.
  let order: number[] | null = null;
  for (let i = 2; i < flat.length; i += 2) {
    if (flat[i]! < flat[i - 2]!) {
      order = Array.from({ length: flat.length / 2 }, (_, k) => k).sort((x, y) => flat[2 * x]! - flat[2 * y]!);
      break;
    }
  }
  const starts: number[] = [];
  const ends: number[] = [];
  for (let k = 0; k < flat.length / 2; k++) {
    const p = order ? order[k]! : k;
    const s = flat[2 * p]!;
    const e = flat[2 * p + 1]!;
    const last = ends.length - 1;
    if (last >= 0 && s <= ends[last]!) ends[last] = Math.max(ends[last]!, e);
    else {
      starts.push(s);
      ends.push(e);
    }
  }
  const n = starts.length;
  const iv = new Float64Array(3 * n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += ends[i]! - starts[i]!;
    iv[3 * i] = starts[i]!;
    iv[3 * i + 1] = ends[i]!;
    iv[3 * i + 2] = acc;
  }
  const days = Math.ceil((HORIZON_END - HORIZON_START) / DAY) + 1;
  const dayFirst = new Int32Array(days);
  for (let d = 0, i = 0; d < days; d++) {
    const t = HORIZON_START + d * DAY;
    while (i < n && ends[i]! <= t) i++;
    dayFirst[d] = i;
  }
  return {
    timezone: def.timezone,
    horizonStart: HORIZON_START,
    horizonEnd: HORIZON_END,
    count: n,
    iv,
    dayFirst,
    businessDays: Int32Array.from(bdays),
    businessDayEnds: Float64Array.from(bdayEnds),
    zone,
  };
}

/** True when the engine answers for this instant (2000-01-01 to 2100-12-31 UTC). */
export function inHorizon(cal: CompiledCalendar, ms: number): boolean {
  return ms >= cal.horizonStart && ms < cal.horizonEnd;
}

/** The message of an instant outside the horizon. */
export function horizonMessage(what: string): string {
  return `${what} must lie between ${HORIZON_FIRST_YEAR}-01-01 and ${HORIZON_LAST_YEAR}-12-31 (UTC), the span business calendars are compiled for.`;
}

function checkInstant(cal: CompiledCalendar, ms: number, what: string): void {
  if (!inHorizon(cal, ms)) throw new CalendarHorizonError(horizonMessage(what));
}

/** Index of the first interval whose end is after `ms` (count when none). */
function indexAfter(cal: CompiledCalendar, ms: number): number {
  let i = cal.dayFirst[Math.floor((ms - cal.horizonStart) / DAY)]!;
  const iv = cal.iv;
  const n = cal.count;
  while (i < n && iv[3 * i + 1]! <= ms) i++;
  return i;
}

/** Business ms from the first interval up to `ms`, given `i = indexAfter(ms)`. */
function cumAt(cal: CompiledCalendar, ms: number, i: number): number {
  const iv = cal.iv;
  if (i === cal.count) return i === 0 ? 0 : iv[3 * i - 1]!;
  const s = iv[3 * i]!;
  return iv[3 * i + 2]! - (iv[3 * i + 1]! - (ms > s ? ms : s));
}

/** True when the instant is business time. */
export function isOpenAt(cal: CompiledCalendar, ms: number): boolean {
  checkInstant(cal, ms, 'The instant');
  const i = indexAfter(cal, ms);
  return i < cal.count && cal.iv[3 * i]! <= ms;
}

/** Business seconds in `[fromMs, toMs)`; 0 when `toMs ≤ fromMs`. */
export function businessSeconds(cal: CompiledCalendar, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  checkInstant(cal, fromMs, 'The start');
  checkInstant(cal, toMs, 'The end');
  return (cumAt(cal, toMs, indexAfter(cal, toMs)) - cumAt(cal, fromMs, indexAfter(cal, fromMs))) / 1000;
}

/**
 * The earliest instant `t` with `businessSeconds(fromMs, t) = durationSeconds` (epoch ms);
 * `fromMs` itself for a zero duration. Durations are rounded to the millisecond.
 */
export function deadline(cal: CompiledCalendar, fromMs: number, durationSeconds: number): number {
  checkInstant(cal, fromMs, 'The start');
  if (!(durationSeconds >= 0) || !Number.isFinite(durationSeconds))
    throw new RangeError('The duration must be a finite number of seconds ≥ 0.');
  const dur = Math.round(durationSeconds * 1000);
  if (dur === 0) return fromMs;
  const iv = cal.iv;
  const n = cal.count;
  const i = indexAfter(cal, fromMs);
  const target = cumAt(cal, fromMs, i) + dur;
  if (n === 0 || target > iv[3 * n - 1]!) throw beyondHorizon();
  // Gallop from the start's interval (short durations end a few intervals later), then bisect.
  let j: number;
  if (iv[3 * i + 2]! >= target) j = i;
  else {
    let lo = i;
    let step = 1;
    let hi = i + 1;
    while (hi < n && iv[3 * hi + 2]! < target) {
      lo = hi;
      step *= 2;
      hi = i + step;
    }
    if (hi >= n) hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (iv[3 * mid + 2]! >= target) hi = mid;
      else lo = mid;
    }
    j = hi;
  }
  const due = iv[3 * j + 1]! - (iv[3 * j + 2]! - target);
  if (due > cal.horizonEnd) throw beyondHorizon();
  return due;
}

function beyondHorizon(): CalendarHorizonError {
  return new CalendarHorizonError(
    `The deadline falls after ${HORIZON_LAST_YEAR}-12-31: the calendar does not open often enough for this duration.`,
  );
}

/** The end of the last range of the first business day strictly after the local date of `fromMs` (3.3.1). */
export function nextBusinessDayEnd(cal: CompiledCalendar, fromMs: number): number {
  checkInstant(cal, fromMs, 'The start');
  const d = localDayNumber(cal.zone, fromMs);
  const days = cal.businessDays;
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! <= d) lo = mid + 1;
    else hi = mid;
  }
  if (lo === days.length || cal.businessDayEnds[lo]! > cal.horizonEnd) throw beyondHorizon();
  return cal.businessDayEnds[lo]!;
}

/** The local date (`YYYY-MM-DD`) of an instant in the calendar's zone. */
export function localDateOf(cal: CompiledCalendar, ms: number): string {
  return new Date(localDayNumber(cal.zone, ms) * DAY).toISOString().slice(0, 10);
}

/** A pause of a clock (ticket pending), `[startMs, endMs)`; `endMs` null while still paused. */
export interface Pause {
  startMs: number;
  endMs: number | null;
}

function normalisePauses(pauses: readonly Pause[]): Pause[] {
  const sorted = [...pauses].sort((a, b) => a.startMs - b.startMs);
  const out: Pause[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && (last.endMs === null || p.startMs <= last.endMs)) {
      last.endMs = last.endMs === null || p.endMs === null ? null : Math.max(last.endMs, p.endMs);
    } else out.push({ ...p });
  }
  return out;
}

/**
 * A deadline whose clock stops during pauses (a ticket waiting on its requester): the earliest
 * `t` at which the business time of `[fromMs, t)` outside the pauses equals the duration. The
 * business time left when a pause starts is carried over and counted again from its end, so a
 * pause in closed hours changes nothing and a pause during opening hours pushes the deadline by
 * exactly the business time it covered. Returns null while an open pause holds the clock before
 * the deadline is reached (the deadline is then unknown). Pauses may overlap or be unsorted.
 */
export function deadlineWithPauses(
  cal: CompiledCalendar,
  fromMs: number,
  durationSeconds: number,
  pauses: readonly Pause[],
): number | null {
  let cursor = fromMs;
  let remaining = durationSeconds;
  if (remaining === 0) return fromMs;
  for (const p of normalisePauses(pauses)) {
    const pauseEnd = p.endMs;
    if (pauseEnd !== null && pauseEnd <= cursor) continue;
    if (p.startMs > cursor) {
      const due = deadline(cal, cursor, remaining);
      if (due <= p.startMs) return due;
      remaining -= businessSeconds(cal, cursor, p.startMs);
    }
    if (pauseEnd === null) return null;
    cursor = pauseEnd;
  }
  return deadline(cal, cursor, remaining);
}

/** Business seconds of `[fromMs, toMs)` outside the pauses (an open pause runs to `toMs`). */
export function elapsedBusinessSeconds(
  cal: CompiledCalendar,
  fromMs: number,
  toMs: number,
  pauses: readonly Pause[],
): number {
  let total = businessSeconds(cal, fromMs, toMs);
  for (const p of normalisePauses(pauses)) {
    const s = Math.max(p.startMs, fromMs);
    const e = Math.min(p.endMs ?? toMs, toMs);
    if (e > s) total -= businessSeconds(cal, s, e);
  }
  return total;
}

/** Business seconds left before a deadline at `atMs` (0 once it has passed): what a pause carries over. */
export function remainingBusinessSeconds(cal: CompiledCalendar, atMs: number, dueMs: number): number {
  return businessSeconds(cal, atMs, dueMs);
}
