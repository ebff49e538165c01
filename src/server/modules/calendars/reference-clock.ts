import { IANAZone } from 'luxon';
import { weekdays, type CalendarDefinition } from './clock';
import { holidaysOf } from './holidays';

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

/**
 * A deliberately naive business clock, written independently of the engine to check it (property
 * tests) and to measure it against (bench:sla). It asks minute after minute "is the calendar open
 * now?", reading the wall-clock time straight from the IANA zone. Exact for instants and opening
 * ranges on whole minutes in zones whose offsets change on quarter hours of UTC (all of today's).
 */
export class ReferenceClock {
  private readonly zone: IANAZone;
  private readonly ranges: Array<Array<[number, number]>>;
  private readonly holidays = new Map<number, Set<string>>();
  private readonly closures: Set<string>;
  private readonly worked: Set<string>;
  private readonly offsets = new Map<number, number>();
  private readonly dates = new Map<number, string>();

  constructor(private readonly def: CalendarDefinition) {
    this.zone = IANAZone.create(def.timezone);
    const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
    this.ranges = weekdays.map((d) => (def.weekly[d] ?? []).map(([a, b]) => [minutes(a), minutes(b)]));
    this.closures = new Set(def.closures);
    this.worked = new Set(def.workedDates);
  }

  /** Offset in minutes; offsets only change on UTC quarter hours, so one lookup per quarter. */
  private offsetMinutes(ms: number): number {
    const q = Math.floor(ms / QUARTER);
    let o = this.offsets.get(q);
    if (o === undefined) {
      o = this.zone.offset(q * QUARTER);
      this.offsets.set(q, o);
    }
    return o;
  }

  /** The local wall-clock reading of an instant: date, ISO weekday index (0 = Monday), minute of day. */
  local(ms: number): { date: string; weekday: number; minute: number } {
    const localMs = ms + this.offsetMinutes(ms) * MINUTE;
    const day = Math.floor(localMs / 86_400_000);
    let date = this.dates.get(day);
    if (date === undefined) {
      date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      this.dates.set(day, date);
    }
    return { date, weekday: (((day + 3) % 7) + 7) % 7, minute: Math.floor((localMs - day * 86_400_000) / MINUTE) };
  }

  /** True when the local date is a business day (weekday with ranges, not closed, not a holiday unless worked). */
  isBusinessDay(date: string, weekday: number): boolean {
    if (this.ranges[weekday]!.length === 0 || this.closures.has(date)) return false;
    const year = Number(date.slice(0, 4));
    let hs = this.holidays.get(year);
    if (!hs) {
      hs = new Set(holidaysOf(year, this.def.holidays).map((h) => h.date));
      this.holidays.set(year, hs);
    }
    return !hs.has(date) || this.worked.has(date);
  }

  /** True when the minute starting at `ms` is business time. */
  isOpenMinute(ms: number): boolean {
    const l = this.local(ms);
    if (!this.isBusinessDay(l.date, l.weekday)) return false;
    return this.ranges[l.weekday]!.some(([a, b]) => l.minute >= a && l.minute < b);
  }

  /** Business minutes in `[from, to)`, minute by minute. */
  businessMinutes(fromMs: number, toMs: number): number {
    let n = 0;
    for (let t = fromMs; t < toMs; t += MINUTE) if (this.isOpenMinute(t)) n++;
    return n;
  }

  /** The end of the `minutes`-th business minute after `fromMs`; `fromMs` for 0. Gives up (null) past `limitMinutes`. */
  deadline(fromMs: number, minutes: number, limitMinutes = 5_000_000): number | null {
    let t = fromMs;
    for (let left = minutes, steps = 0; left > 0; t += MINUTE, steps++) {
      if (steps > limitMinutes) return null;
      if (this.isOpenMinute(t)) left--;
    }
    return t;
  }

  /**
   * End of the last business minute of the first business day (with business time) strictly
   * after the local date of `fromMs`, scanning each candidate day's instants minute by minute.
   */
  nextBusinessDayEnd(fromMs: number): number | null {
    const d0 = this.local(fromMs).date;
    // Every instant of a local day lies within 14 h of its UTC midnight.
    for (let day = Date.parse(`${d0}T00:00:00Z`) + 86_400_000, i = 0; i < 400; day += 86_400_000, i++) {
      const date = new Date(day).toISOString().slice(0, 10);
      if (!this.isBusinessDay(date, (new Date(day).getUTCDay() + 6) % 7)) continue;
      let end: number | null = null;
      for (let t = day - 15 * 3_600_000; t < day + 39 * 3_600_000; t += MINUTE) {
        const l = this.local(t);
        if (l.date === date && this.isOpenMinute(t)) end = t + MINUTE;
      }
      if (end !== null) return end;
    }
    return null;
  }
}
