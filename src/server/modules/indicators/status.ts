/**
 * Status of a measurement against its target.
 *
 * For a share target (3.3.1, 3.3.2 …: "at least 95 % of tickets within the delay"):
 * - `met` when value ≥ targetShare;
 * - `at_risk` when targetShare − 0.05 ≤ value < targetShare: within five points below the target,
 *   the band in which the contract's committee is warned before the commitment is missed;
 * - `missed` below that;
 * - `no_data` when nothing was measured (no ticket in the period), which is not a success.
 */
export type Status = 'met' | 'at_risk' | 'missed' | 'no_data';

/** Width of the at-risk band below a share target (five percentage points). */
export const AT_RISK_BAND = 0.05;

/** Tolerance for floating point shares (e.g. 19/20 compared with 0.95). */
const EPS = 1e-9;

/** The status of a share against its target share. */
export function shareStatus(value: number | null, targetShare: number | null, volume: number): Status {
  if (value === null || volume === 0 || targetShare === null) return 'no_data';
  if (value + EPS >= targetShare) return 'met';
  if (value + EPS >= targetShare - AT_RISK_BAND) return 'at_risk';
  return 'missed';
}

/** A share as a number in [0,1], or null when the denominator is zero. */
export function share(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** The worst of several statuses (missed > at_risk > met), ignoring info and no_data unless all are (info before no_data). */
export function worstStatus<S extends Status | 'info'>(list: S[]): S {
  const order = ['missed', 'at_risk', 'met', 'info'] as S[];
  for (const s of order) if (list.includes(s)) return s;
  return 'no_data' as S;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type WeeklyRanges = Partial<Record<Weekday, Array<[string, string]>>>;
export const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Seconds per week of a weekly opening pattern (overlapping ranges counted once). */
export function weeklySeconds(weekly: WeeklyRanges): number {
  let total = 0;
  for (const d of weekdays) total += merge(weekly[d] ?? []).reduce((s, [a, b]) => s + (b - a) * 60, 0);
  return total;
}

function merge(ranges: Array<[string, string]>): Array<[number, number]> {
  const r = ranges
    .map(([a, b]) => [minutes(a), b === '24:00' ? 1440 : minutes(b)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of r) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * 3.2.1 — true when the configured calendar is open at least whenever the contract promises
 * support (every promised range lies inside the configured ranges of the same weekday).
 */
export function coversWeekly(configured: WeeklyRanges, promised: WeeklyRanges): boolean {
  return missingRanges(configured, promised).length === 0;
}

/** The promised ranges (per weekday, `HH:MM`) the configured calendar does not cover. */
export function missingRanges(
  configured: WeeklyRanges,
  promised: WeeklyRanges,
): Array<{ day: Weekday; from: string; to: string }> {
  const out: Array<{ day: Weekday; from: string; to: string }> = [];
  const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  for (const d of weekdays) {
    const conf = merge(configured[d] ?? []);
    for (const [a, b] of merge(promised[d] ?? [])) {
      // Walk the promised range and subtract the configured ones.
      let cursor = a;
      for (const [ca, cb] of conf) {
        if (cb <= cursor || ca >= b) continue;
        if (ca > cursor) out.push({ day: d, from: fmt(cursor), to: fmt(Math.min(ca, b)) });
        cursor = Math.max(cursor, cb);
        if (cursor >= b) break;
      }
      if (cursor < b) out.push({ day: d, from: fmt(cursor), to: fmt(b) });
    }
  }
  return out;
}
