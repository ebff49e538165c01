import type { AppContext } from '../../../context';
import type { Actor } from '../../../access/actor';
import { authorize } from '../../../access/actor';
import { AppError, forbidden, invalid } from '../../../errors';
import { recordAudit } from '../../audit';
import { isStaff } from '../policy';
import type { TicketView } from '../present';
import { appendHistory, getTicketForChange, getVisibleTicket, rebuildSearchText } from '../repo';
import type { TicketTable } from '../tables';
import { ticketView } from '../service';
import { scoped } from '../../../db/scope';

/**
 * Merges a duplicate into another ticket of the same commune: its replies, notes and attachments
 * move to the target (history entries on both sides say so), and the duplicate is closed with
 * `mergedIntoId`. Merged tickets are left out of the indicators.
 */
export async function mergeTicket(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: { intoId: string },
): Promise<TicketView> {
  await applyMerge(ctx, actor, ticketId, input);
  return ticketView(ctx, actor, ticketId);
}

/**
 * The merge itself, in its own transaction, the event emitted after commit: what the single route
 * and the bulk route (bulk.ts) both run. Answers the duplicate as it was before the merge.
 */
export async function applyMerge(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: { intoId: string },
): Promise<TicketTable> {
  authorize(actor, 'tickets.read');
  const at = ctx.now().toISOString();
  const source = await ctx.db.transaction().execute(async (trx) => {
    if (!isStaff(actor)) {
      await getVisibleTicket(trx, actor, ticketId);
      throw forbidden();
    }
    if (input.intoId === ticketId) {
      await getVisibleTicket(trx, actor, ticketId);
      throw invalid('intoId', 'A ticket cannot be merged into itself.');
    }
    // Both rows locked, in id order (two opposite merges at once cannot deadlock).
    const locked = new Map<string, TicketTable>();
    for (const id of [ticketId, input.intoId].sort()) locked.set(id, await getTicketForChange(trx, actor, id));
    const src = locked.get(ticketId)!;
    const into = locked.get(input.intoId)!;
    if (into.communeId !== src.communeId) throw invalid('intoId', 'Both tickets must belong to the same commune.');
    if (src.status === 'closed' || src.mergedIntoId)
      throw new AppError('invalid_transition', 'This ticket is already closed.', {
        from: src.status,
        to: 'closed',
        allowed: [],
      });
    if (into.status === 'closed' || into.mergedIntoId) throw invalid('intoId', 'The target ticket is closed.');
    const moved = {
      comments: (
        await scoped(trx, actor)
          .updateTable('ticketComments')
          .set({ ticketId: into.id })
          .where('ticketId', '=', src.id)
          .executeTakeFirst()
      ).numUpdatedRows,
      attachments: (
        await scoped(trx, actor)
          .updateTable('ticketAttachments')
          .set({ ticketId: into.id })
          .where('ticketId', '=', src.id)
          .executeTakeFirst()
      ).numUpdatedRows,
    };
    await scoped(trx, actor)
      .updateTable('ticketPauses')
      .set({ endedAt: at })
      .where('ticketId', '=', src.id)
      .where('endedAt', 'is', null)
      .execute();
    await scoped(trx, actor)
      .updateTable('tickets')
      .set({ status: 'closed', closedAt: at, mergedIntoId: into.id, pausedSince: null, updatedAt: at })
      .where('id', '=', src.id)
      .execute();
    await scoped(trx, actor).updateTable('tickets').set({ updatedAt: at }).where('id', '=', into.id).execute();
    await appendHistory(trx, {
      ticketId: src.id,
      communeId: src.communeId,
      actor,
      kind: 'merged',
      at,
      internal: false,
      data: {
        intoId: into.id,
        intoReference: into.reference,
        comments: Number(moved.comments),
        attachments: Number(moved.attachments),
      },
    });
    await appendHistory(trx, {
      ticketId: into.id,
      communeId: into.communeId,
      actor,
      kind: 'merged_from',
      at,
      internal: false,
      data: { fromId: src.id, fromReference: src.reference, title: src.title },
    });
    await rebuildSearchText(trx, into.id);
    await rebuildSearchText(trx, src.id);
    await recordAudit(
      trx,
      actor,
      {
        action: 'ticket.merge',
        targetType: 'ticket',
        targetId: src.id,
        communeId: src.communeId,
        changes: { intoId: into.id },
      },
      ctx.now(),
    );
    return src;
  });
  ctx.events.emit('transitioned', {
    ticketId: source.id,
    communeId: source.communeId,
    from: source.status,
    to: 'closed',
    actorId: actor.kind === 'user' ? actor.id : null,
  });
  return source;
}
