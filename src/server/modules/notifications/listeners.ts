import type { AppContext } from '../../context';
import type { TicketEvents } from '../tickets/events';
import { track } from '../scheduler/runner';
import { queueEmail, recipientsOf } from './outbox';
import { surveyUrl, ticketFacts } from './facts';
import { scheduleSurveyReminder } from './survey';

/** Statuses the requester hears about (PRODUCT.md §3: acknowledged, pending, resolved with the survey, closed). */
const announced = new Set(['acknowledged', 'pending', 'resolved', 'closed']);

const urgentPriority = (p: string) => p === 'P1' || p === 'P2';

/** Requester: ticket created, with its reference. */
export async function notifyCreated(ctx: AppContext, ticketId: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
    if (!t?.requesterId) return;
    const [to] = await recipientsOf(trx, [t.requesterId]);
    if (!to) return;
    await queueEmail(trx, ctx, { to, content: { template: 'ticket_created', ticket: await ticketFacts(trx, ctx, t), acknowledgeDueAt: t.acknowledgeDueAt }, communeId: t.communeId, ticketId, urgent: urgentPriority(t.priority) }, now);
  });
}

/** A public reply: to the requester, or to the assignee when the requester wrote it. Internal notes: nobody. */
export async function notifyReply(ctx: AppContext, ticketId: string, commentId: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('ticketComments').selectAll().where('id', '=', commentId).executeTakeFirst();
    const t = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
    if (!c || !t || c.internal) return;
    const target = c.authorId && c.authorId === t.requesterId ? t.assigneeId : t.requesterId;
    if (!target || target === c.authorId) return;
    const [to] = await recipientsOf(trx, [target]);
    if (!to) return;
    const author = c.authorId ? (await trx.selectFrom('users').select('name').where('id', '=', c.authorId).executeTakeFirst())?.name ?? c.authorLabel : c.authorLabel;
    await queueEmail(trx, ctx, { to, content: { template: 'reply_added', ticket: await ticketFacts(trx, ctx, t), author, body: c.body }, communeId: t.communeId, ticketId, urgent: urgentPriority(t.priority) }, now);
  });
}

function commentOf(data: string): string | null {
  try {
    return (JSON.parse(data) as { comment?: string | null }).comment ?? null;
  } catch {
    return null;
  }
}

/** Requester: acknowledged, pending, resolved (with the survey link), closed. */
export async function notifyStatus(ctx: AppContext, ticketId: string, to: string): Promise<void> {
  if (!announced.has(to)) return;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
    if (!t?.requesterId) return;
    const [r] = await recipientsOf(trx, [t.requesterId]);
    if (!r) return;
    // The comment of the latest move to this status (ids within one millisecond do not sort, so match on `to`).
    const moves = await trx.selectFrom('ticketHistory').select('data').where('ticketId', '=', ticketId).where('kind', '=', 'status').where('internal', '=', 0).orderBy('at').execute();
    const last = moves.filter((m) => m.data.includes(`"to":"${to}"`)).pop();
    const comment = last ? commentOf(last.data) : null;
    await queueEmail(trx, ctx, {
      to: r,
      content: { template: 'status_changed', ticket: await ticketFacts(trx, ctx, t), to, comment, surveyUrl: to === 'resolved' ? surveyUrl(ctx, ticketId) : null },
      communeId: t.communeId,
      ticketId,
      urgent: urgentPriority(t.priority),
    }, now);
  });
}

/** Subscribes the requester notifications to the service-desk events (after commit, tracked for tests). */
export function subscribeNotifications(ctx: AppContext, events: TicketEvents): void {
  events.on('created', (e) => track(notifyCreated(ctx, e.ticketId)));
  events.on('commented', async (e) => {
    if (!e.internal) await track(notifyReply(ctx, e.ticketId, e.commentId));
  });
  events.on('transitioned', async (e) => {
    await track(notifyStatus(ctx, e.ticketId, e.to));
    if (e.to === 'resolved') await track(scheduleSurveyReminder(ctx, e.ticketId));
  });
}
