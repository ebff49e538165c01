import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import { openStatuses } from './lifecycle';

/** "At risk" / "breaching soon": open, not paused, and a deadline within this many hours. */
export const BREACHING_SOON_HOURS = 8;

type TicketRow = ExpressionBuilder<DB & { t: DB['tickets'] }, 't'>;

/**
 * A ticket's SLA state as SQL conditions on `tickets as t`, at `now`: the ticket list's `sla`
 * filter and the desk summary count with the same rules.
 * - breached: a deadline was missed (flagged when the ticket changed), or passed since while open;
 * - at risk: open, not paused, not breached, and a deadline falls within BREACHING_SOON_HOURS;
 * - paused: waiting on the requester (`pending`).
 */
export function slaConditions(eb: TicketRow, now: Date) {
  const at = now.toISOString();
  const soon = new Date(now.getTime() + BREACHING_SOON_HOURS * 3_600_000).toISOString();
  const open = [...openStatuses];
  const breached = eb.or([
    eb('t.ackBreached', '=', 1),
    eb('t.resolveBreached', '=', 1),
    eb.and([eb('t.status', 'in', open), eb('t.resolveDueAt', '<', at)]),
    eb.and([eb('t.status', 'in', open), eb('t.acknowledgedAt', 'is', null), eb('t.acknowledgeDueAt', '<', at)]),
  ]);
  const atRisk = eb.and([
    eb(
      't.status',
      'in',
      open.filter((x) => x !== 'pending'),
    ),
    eb.not(breached),
    eb.or([
      eb('t.resolveDueAt', '<', soon),
      eb.and([eb('t.acknowledgedAt', 'is', null), eb('t.acknowledgeDueAt', '<', soon)]),
    ]),
  ]);
  const paused = eb('t.status', '=', 'pending');
  return { breached, atRisk, paused };
}
