import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize } from '../../access/actor';
import { calendarsForDisplay } from './clock-basis';
import { openStatuses } from './lifecycle';
import { presentDetail, type TicketRowWithNames, type TicketView } from './present';
import { ticketExtras, visibleTickets } from './repo';
import { notFound } from '../../errors';
import { seesInternal } from './policy';
import { unscoped } from '../../db/scope';
import { displayNames } from './queries';
import { devicesOfTicket } from './devices-repo';

/**
 * The ticket's row with requester and assignee names, for presenters; with `visibleTo`, only if
 * that actor may see it (repo.ts visibleTickets: the scope check and the read in one query).
 */
async function ticketWithNames(db: Executor, id: string, visibleTo?: Actor): Promise<TicketRowWithNames | undefined> {
  const from = visibleTo
    ? visibleTickets(db, visibleTo)
    : unscoped(db, 'a ticket already known visible to the caller').selectFrom('tickets as t');
  return from
    .leftJoin('users as r', 'r.id', 't.requesterId')
    .leftJoin('users as a', 'a.id', 't.assigneeId')
    .selectAll('t')
    .select(['r.name as requesterName', 'a.name as assigneeName'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** The ticket page as the actor may see it: replies (internal notes for staff only), attachments, abilities. */
export async function getTicket(ctx: AppContext, actor: Actor, id: string): Promise<TicketView> {
  authorize(actor, 'tickets.read');
  const row = await ticketWithNames(ctx.db, id, actor);
  if (!row) throw notFound('ticket');
  return ticketView(ctx, actor, id, row);
}

/**
 * Builds the view of a ticket already known to be visible to the actor (no scope check), from
 * its row with names when the caller has just read it.
 */
export async function ticketView(
  ctx: AppContext,
  actor: Actor,
  id: string,
  known?: TicketRowWithNames,
): Promise<TicketView> {
  const row = known ?? (await ticketWithNames(ctx.db, id));
  if (!row) throw notFound('ticket');
  const [extras, cals, devices] = await Promise.all([
    ticketExtras(ctx.db, ctx.dialect, id, seesInternal(actor)),
    calendarsForDisplay(ctx, [row.communeId]),
    devicesOfTicket(ctx.db, id, row.communeId),
  ]);
  // Replies show their author's name (the stored label is the e-mail of the time, or the sender of a mail).
  const names = await displayNames(
    ctx.db,
    extras.comments.map((c) => c.authorId),
  );
  const comments = extras.comments.map((c) =>
    c.authorId && names.has(c.authorId) ? { ...c, authorLabel: names.get(c.authorId)! } : c,
  );
  const surveyOpen = extras.surveyWaiting && (row.status === 'resolved' || row.status === 'closed');
  return presentDetail(
    actor,
    row,
    { comments, attachments: extras.attachments, surveyOpen, devices },
    cals.get(row.communeId),
    ctx.now().getTime(),
  );
}

export { openStatuses };
