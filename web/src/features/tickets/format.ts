import type { TFunction } from 'i18next';

/** Remaining business time as "3 h 20" (negative: "en retard de …"); null → "—". */
export function remainingText(t: TFunction, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const text = h ? `${h} h ${String(m).padStart(2, '0')}` : `${m} min`;
  return seconds < 0 ? t('tickets:remaining.overdue', { time: text }) : t('tickets:remaining.left', { time: text });
}

export const priorityColor: Record<string, string> = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'gray' };

/** How pressing an open deadline is: from the share of its business-time budget already used. */
export type Urgency = 'overdue' | 'critical' | 'warning' | 'ok' | 'none';

/**
 * Shares of the budget used from which a deadline is "warning" then "critical", by priority: a
 * P1 turns orange at a quarter of its (short) budget and red at half; a P4 only near the end.
 */
export const urgencyThresholds: Record<string, { warning: number; critical: number }> = {
  P1: { warning: 0.25, critical: 0.5 },
  P2: { warning: 0.5, critical: 0.75 },
  P3: { warning: 0.75, critical: 0.9 },
  P4: { warning: 0.8, critical: 0.95 },
};

/** The share of the budget used (0–1, more when overdue); null without a deadline or a budget. */
export function budgetUsed(remaining: number | null | undefined, budget: number | null | undefined): number | null {
  if (remaining === null || remaining === undefined) return null;
  if (remaining < 0) return 1 + (budget ? -remaining / budget : 0);
  if (!budget) return remaining > 0 ? 0 : 1;
  return Math.min(1, Math.max(0, 1 - remaining / budget));
}

/** The urgency of an open deadline from its remaining time, its budget and the ticket's priority. */
export function urgencyOf(
  remaining: number | null | undefined,
  budget: number | null | undefined,
  priority: string,
): Urgency {
  const used = budgetUsed(remaining, budget);
  if (used === null) return 'none';
  if (remaining! < 0) return 'overdue';
  const th = urgencyThresholds[priority] ?? urgencyThresholds.P3!;
  return used >= th.critical ? 'critical' : used >= th.warning ? 'warning' : 'ok';
}

/** Badge look per urgency; always shown with the remaining time and the share used in words. */
export const urgencyStyle: Record<Urgency, { color: string; variant: 'filled' | 'outline' }> = {
  overdue: { color: 'red', variant: 'filled' },
  critical: { color: 'red.9', variant: 'outline' },
  warning: { color: 'orange.9', variant: 'outline' },
  ok: { color: 'teal.9', variant: 'outline' },
  none: { color: 'gray.9', variant: 'outline' },
};

/** The deadline a list shows: acknowledgement while it is pending, else resolution. */
export function nextDeadline(x: {
  remainingBusinessSeconds: { acknowledge: number | null; resolve: number | null };
  budgetBusinessSeconds?: { acknowledge: number | null; resolve: number | null };
}): { which: 'ack' | 'resolve'; remaining: number | null; budget: number | null } {
  const ack = x.remainingBusinessSeconds.acknowledge;
  return ack !== null
    ? { which: 'ack', remaining: ack, budget: x.budgetBusinessSeconds?.acknowledge ?? null }
    : {
        which: 'resolve',
        remaining: x.remainingBusinessSeconds.resolve,
        budget: x.budgetBusinessSeconds?.resolve ?? null,
      };
}
