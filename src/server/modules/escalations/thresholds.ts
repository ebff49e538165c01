import { businessSeconds, deadline, type CompiledCalendar } from '../calendars';

/**
 * The instant a warning fires: when `threshold` of the business-time budget between the start
 * and the deadline is consumed, pauses already taken deducted from the budget. Computed in
 * BUSINESS time, so a ticket filed at night is not warned (or escalated) at creation because the
 * office was closed (glpi#15429). Null when there is no budget to warn about.
 */
export function warningInstant(
  cal: CompiledCalendar,
  startMs: number,
  dueMs: number,
  pausedSeconds: number,
  threshold: number,
): number | null {
  const span = businessSeconds(cal, startMs, dueMs);
  const budget = span - pausedSeconds;
  if (budget <= 0) return null;
  // Remaining business time at the warning: (1 - threshold) of the budget, counted back from the deadline.
  const remaining = (1 - threshold) * budget;
  return deadline(cal, startMs, Math.max(0, span - remaining));
}
