import { businessSeconds, type CompiledCalendar } from '../calendars';
import type { OutageCalendar } from './tables';

/**
 * Pure measurement of outages: delays on the clock that applies to the application (the commune's
 * business hours, or continuous time), percentiles, and availability over a window. No I/O.
 */

/** Seconds between two instants on the application's outage clock (0 when `to` ≤ `from`). */
export function clockSeconds(cal: CompiledCalendar, mode: OutageCalendar, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  return mode === 'continuous' ? (toMs - fromMs) / 1000 : businessSeconds(cal, fromMs, toMs);
}

/** Nearest-rank percentile of an ascending list (q in (0, 1]); null for an empty list. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export interface DelayStats {
  /** Outages measured (the end instant recorded). */
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  worstHours: number | null;
  /** Outages within the delay (null without a delay). */
  withinDelay: number | null;
  /** withinDelay / count (null without a delay or a case). */
  share: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Statistics of delays in seconds against an optional delay in seconds. */
export function delayStats(seconds: readonly number[], delaySeconds: number | null): DelayStats {
  const sorted = [...seconds].sort((a, b) => a - b);
  const h = (x: number | null) => (x === null ? null : round2(x / 3600));
  const within = delaySeconds === null ? null : sorted.filter((s) => s <= delaySeconds).length;
  return {
    count: sorted.length,
    medianHours: h(percentile(sorted, 0.5)),
    p90Hours: h(percentile(sorted, 0.9)),
    worstHours: h(sorted.length ? sorted[sorted.length - 1]! : null),
    withinDelay: within,
    share: within === null || sorted.length === 0 ? null : within / sorted.length,
  };
}

/** met / at_risk / missed for a share against its target (at-risk band: five points below). */
export function shareStatus(share: number | null, target: number): 'met' | 'at_risk' | 'missed' | 'no_data' {
  if (share === null) return 'no_data';
  if (share >= target - 1e-9) return 'met';
  if (share >= target - 0.05 - 1e-9) return 'at_risk';
  return 'missed';
}

export interface Interval {
  from: number;
  to: number;
}

/** Overlapping or touching intervals merged, sorted. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else out.push({ ...i });
  }
  return out;
}

export interface Availability {
  /** Seconds of the window on the application's clock. */
  windowSeconds: number;
  /** Seconds the application was down inside the window, on the same clock. */
  downtimeSeconds: number;
  /** 1 − downtime / window; null when the window has no time on the clock. */
  availability: number | null;
}

/**
 * Availability over [from, to) on the clock: outages clipped to the window (an outage not restored
 * yet runs to `to`), merged so that overlapping outages count once.
 */
export function availability(
  cal: CompiledCalendar,
  mode: OutageCalendar,
  window: Interval,
  outages: ReadonlyArray<{ startedMs: number; restoredMs: number | null }>,
): Availability {
  const windowSeconds = clockSeconds(cal, mode, window.from, window.to);
  const clipped = outages.map((o) => ({
    from: Math.max(o.startedMs, window.from),
    to: Math.min(o.restoredMs ?? window.to, window.to),
  }));
  const downtimeSeconds = mergeIntervals(clipped).reduce((s, i) => s + clockSeconds(cal, mode, i.from, i.to), 0);
  return {
    windowSeconds,
    downtimeSeconds,
    availability: windowSeconds > 0 ? Math.max(0, 1 - downtimeSeconds / windowSeconds) : null,
  };
}
