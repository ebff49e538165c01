import type { AppContext } from '../../../context';
import type { Actor } from '../../../access/actor';
import { authorize } from '../../../access/actor';
import { forbidden } from '../../../errors';
import { recordAudit } from '../../audit';
import { isCommuneSide, seesInternal } from '../policy';
import { presentComment, type CommentView } from '../present';
import { getTicketForChange, getVisibleTicket } from '../repo';
import { insertComment, resumeOnRequesterReply } from './transition-ticket';
import { scoped } from '../../../db/scope';

/**
 * Adds a public reply or an internal note. Anyone who sees the ticket may reply; internal notes
 * are for provider staff only. With an email Message-ID, the same message never makes two replies.
 * A reply from the commune's side (portal or email) to a ticket waiting on it (`pending`) resumes
 * the ticket: back to `in_progress`, clocks running again.
 */
export async function addComment(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: { body: string; internal: boolean; bodyHtml?: string },
  opts: { emailMessageId?: string } = {},
): Promise<CommentView> {
  authorize(actor, 'tickets.reply');
  if (opts.emailMessageId) {
    const dup = await scoped(ctx.db, actor)
      .selectFrom('ticketComments')
      .selectAll()
      .where('emailMessageId', '=', opts.emailMessageId)
      .executeTakeFirst();
    if (dup) return presentComment(dup);
  }
  const at = ctx.now().toISOString();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const t = await getTicketForChange(trx, actor, ticketId);
    if (input.internal && !seesInternal(actor)) throw forbidden('Internal notes are for the shared service’s staff.');
    const c = await insertComment(
      trx,
      actor,
      t,
      {
        body: input.body,
        internal: input.internal,
        bodyHtml: input.bodyHtml ?? null,
        emailMessageId: opts.emailMessageId ?? null,
      },
      at,
    );
    await scoped(trx, actor).updateTable('tickets').set({ updatedAt: at }).where('id', '=', t.id).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: input.internal ? 'ticket.note' : 'ticket.comment',
        targetType: 'ticket',
        targetId: t.id,
        communeId: t.communeId,
        changes: { commentId: c.id },
      },
      ctx.now(),
    );
    const resumed =
      !input.internal && t.status === 'pending' && isCommuneSide(actor, t)
        ? await resumeOnRequesterReply(trx, actor, t, at, ctx.now())
        : null;
    return { c, resumed };
  });
  const ev = ctx.events;
  const actorId = actor.kind === 'user' ? actor.id : null;
  const c = row.c;
  ev.emit('commented', { ticketId, communeId: c.communeId, commentId: c.id, internal: input.internal, actorId });
  if (row.resumed) {
    ev.emit('transitioned', { ticketId, communeId: c.communeId, from: 'pending', to: 'in_progress', actorId });
    if (row.resumed.deadlinesChanged) ev.emit('deadlinesChanged', { ticketId, communeId: c.communeId });
  }
  return presentComment(c);
}

/** The replies of a ticket as the actor may see them (internal notes for staff only). */
export async function listComments(ctx: AppContext, actor: Actor, ticketId: string) {
  authorize(actor, 'tickets.read');
  await getVisibleTicket(ctx.db, actor, ticketId);
  let q = scoped(ctx.db, actor).selectFrom('ticketComments').selectAll().where('ticketId', '=', ticketId);
  if (!seesInternal(actor)) q = q.where('internal', '=', 0);
  const items = (await q.orderBy('createdAt').orderBy('id').execute()).map(presentComment);
  return { items, total: items.length };
}
