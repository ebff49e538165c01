import type { TicketTable } from './tables';
import { openTicketStatuses, ticketStatuses, type TicketStatus } from '../../../shared/service-desk';

/**
 * The ticket lifecycle (ITIL-inspired): new → acknowledged (prise en compte) →
 * in_progress → pending (clocks paused) → resolved → closed, with reopened from resolved.
 * Pure: who may move a ticket where, and what a move implies for the clocks.
 */
export type Status = TicketStatus;
export const statuses = ticketStatuses;
export const openStatuses: readonly Status[] = openTicketStatuses;

/** Where staff may move a ticket from each status. `closed` is final; a merge closes from anywhere. */
export const staffTransitions: Record<Status, readonly Status[]> = {
  new: ['acknowledged', 'in_progress', 'pending', 'resolved'],
  acknowledged: ['in_progress', 'pending', 'resolved'],
  in_progress: ['pending', 'resolved'],
  pending: ['in_progress', 'resolved'],
  resolved: ['closed', 'reopened'],
  reopened: ['in_progress', 'pending', 'resolved'],
  closed: [],
};

/** What the requester of a ticket may do: accept the resolution (close) or refuse it (reopen). */
export const requesterTransitions: Record<Status, readonly Status[]> = {
  new: [],
  acknowledged: [],
  in_progress: [],
  pending: [],
  resolved: ['closed', 'reopened'],
  reopened: [],
  closed: [],
};

/** The statuses the caller may move the ticket to. */
export function allowedTargets(from: Status, who: { staff: boolean; requester: boolean }): Status[] {
  const set = new Set<Status>();
  if (who.staff) for (const s of staffTransitions[from]) set.add(s);
  if (who.requester) for (const s of requesterTransitions[from]) set.add(s);
  return statuses.filter((s) => set.has(s));
}

/** Field changes implied by a move, besides the status itself (timestamps of the lifecycle). */
export function transitionEffects(
  row: Pick<TicketTable, 'acknowledgedAt' | 'resolvedAt' | 'closedAt' | 'reopenCount'>,
  to: Status,
  at: string,
) {
  const set: Partial<Pick<TicketTable, 'acknowledgedAt' | 'resolvedAt' | 'closedAt' | 'reopenCount'>> = {};
  // Any staff move out of `new` is the acknowledgement (3.3.1 "prise en compte").
  if (!row.acknowledgedAt && to !== 'closed' && to !== 'reopened') set.acknowledgedAt = at;
  if (to === 'resolved') set.resolvedAt = at;
  if (to === 'closed') {
    set.closedAt = at;
    if (!row.resolvedAt) set.resolvedAt = at;
  }
  if (to === 'reopened') {
    // The resolution did not hold: the resolution clock runs again from the original creation.
    set.resolvedAt = null;
    set.closedAt = null;
    set.reopenCount = row.reopenCount + 1;
  }
  return set;
}

/** True when entering `to` starts a pause, and when leaving `from` ends one. */
export const startsPause = (from: Status, to: Status): boolean => to === 'pending' && from !== 'pending';
export const endsPause = (from: Status, to: Status): boolean => from === 'pending' && to !== 'pending';
