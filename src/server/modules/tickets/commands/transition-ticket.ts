import type { Executor } from '../../../db/schema';
import type { AppContext } from '../../../context';
import type { Actor } from '../../../access/actor';
import { authorize } from '../../../access/actor';
import { AppError } from '../../../errors';
import { newId } from '../../../lib/ids';
import { recordAudit } from '../../audit';
import { recomputeDeadlines } from '../clock-basis';
import { allowedTargets, endsPause, startsPause, transitionEffects, type Status } from '../lifecycle';
import { isRequesterOf, isStaff } from '../policy';
import type { TicketView } from '../present';
import { appendHistory, getTicketForChange, rebuildSearchText } from '../repo';
import { ticketView } from '../service';
import type { TicketTable } from '../tables';
import { scoped } from '../../../db/scope';

/**
 * First-contact resolution (stored on the ticket for the indicators): the ticket came by phone or
 * walk-in, is resolved by a member of a level-1 group, was never routed to a level-2+ group nor
 * reopened. Reopening clears it.
 */
async function isFirstContactResolution(trx: Executor, actor: Actor, t: TicketTable): Promise<boolean> {
  if (t.channel !== 'phone' && t.channel !== 'walk_in') return false;
  if (t.reopenCount > 0 || actor.kind !== 'user') return false;
  const levelOne = await trx
    .selectFrom('supportGroupMembers as m')
    .innerJoin('supportGroups as g', 'g.id', 'm.groupId')
    .select('g.id')
    .where('m.userId', '=', actor.id)
    .where('g.level', '=', 1)
    .executeTakeFirst();
  if (!levelOne) return false;
  const routed = await scoped(trx, actor)
    .selectFrom('ticketHistory as h')
    .select('h.id')
    .where('h.ticketId', '=', t.id)
    .where('h.kind', '=', 'assigned')
    .execute();
  if (routed.length === 0) return t.groupId === null || (await groupLevel(trx, t.groupId)) === 1;
  return false;
}

async function groupLevel(trx: Executor, groupId: string): Promise<number | undefined> {
  return (await trx.selectFrom('supportGroups').select('level').where('id', '=', groupId).executeTakeFirst())?.level;
}

/**
 * Adds a reply or note inside a transaction. `notify: false` when the change it belongs to
 * notifies by itself (a status change's email quotes its comment).
 */
export async function insertComment(
  trx: Executor,
  actor: Actor,
  t: Pick<TicketTable, 'id' | 'communeId'>,
  c: { body: string; internal: boolean; bodyHtml?: string | null; emailMessageId?: string | null; notify?: boolean },
  at: string,
) {
  const id = newId(Date.parse(at));
  const row = {
    id,
    ticketId: t.id,
    communeId: t.communeId,
    authorId: actor.kind === 'user' ? actor.id : null,
    authorLabel: actor.label,
    body: c.body,
    bodyHtml: c.bodyHtml ?? null,
    internal: c.internal ? 1 : 0,
    createdAt: at,
    emailMessageId: c.emailMessageId ?? null,
  };
  await trx.insertInto('ticketComments').values(row).execute();
  await appendHistory(trx, {
    ticketId: t.id,
    communeId: t.communeId,
    actor,
    kind: c.internal ? 'note' : 'comment',
    at,
    internal: c.internal,
    notify: c.notify,
    data: { commentId: id, body: c.body.slice(0, 500) },
  });
  if (!c.internal) await rebuildSearchText(trx, t.id);
  return row;
}

/**
 * The requester answered while the ticket waited on them: it goes back to `in_progress`, the
 * pause ends and the deadlines move by the paused business time. Inside the caller's
 * transaction; the caller emits `transitioned` and `deadlinesChanged` after commit.
 */
export async function resumeOnRequesterReply(
  trx: Executor,
  actor: Actor,
  t: TicketTable,
  at: string,
  now: Date,
): Promise<{ deadlinesChanged: boolean }> {
  const set: Partial<TicketTable> = { status: 'in_progress', updatedAt: at, pausedSince: null };
  await scoped(trx, actor)
    .updateTable('ticketPauses')
    .set({ endedAt: at })
    .where('ticketId', '=', t.id)
    .where('endedAt', 'is', null)
    .execute();
  await scoped(trx, actor).updateTable('tickets').set(set).where('id', '=', t.id).execute();
  await appendHistory(trx, {
    ticketId: t.id,
    communeId: t.communeId,
    actor,
    kind: 'status',
    at,
    internal: false,
    data: { from: 'pending', to: 'in_progress', comment: null, reason: 'requester_reply' },
  });
  const clocks = await recomputeDeadlines(trx, { ...t, ...set }, now);
  await recordAudit(
    trx,
    actor,
    {
      action: 'ticket.transition',
      targetType: 'ticket',
      targetId: t.id,
      communeId: t.communeId,
      changes: { from: 'pending', to: 'in_progress', reason: 'requester_reply' },
    },
    now,
  );
  return { deadlinesChanged: clocks.deadlinesChanged };
}

/**
 * Moves a ticket through its lifecycle. Staff work the ticket; its requester may close or reopen
 * it once resolved. A move that makes no sense answers 409 invalid_transition listing the allowed
 * targets. Entering `pending` opens a pause interval, leaving it closes it; deadlines are then
 * recomputed (pauses deducted), and resolution sends the satisfaction survey.
 */
export async function transitionTicket(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: { to: Status; comment?: string },
): Promise<TicketView> {
  await applyTransition(ctx, actor, ticketId, input);
  return ticketView(ctx, actor, ticketId);
}

/**
 * The move itself, in its own transaction, events emitted after commit: what the single route
 * and the bulk route (bulk.ts) both run. Answers the ticket as it was before the move.
 */
export async function applyTransition(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: { to: Status; comment?: string },
): Promise<Pick<TicketTable, 'id' | 'reference' | 'communeId' | 'status'>> {
  authorize(actor, 'tickets.read');
  const at = ctx.now().toISOString();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const t = await getTicketForChange(trx, actor, ticketId);
    const allowed = allowedTargets(t.status, { staff: isStaff(actor), requester: isRequesterOf(actor, t) });
    if (!allowed.includes(input.to)) {
      throw new AppError(
        'invalid_transition',
        `A ticket cannot go from ${t.status} to ${input.to}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}.`,
        { from: t.status, to: input.to, allowed },
      );
    }
    const set: Partial<TicketTable> = { status: input.to, updatedAt: at, ...transitionEffects(t, input.to, at) };
    if (startsPause(t.status, input.to)) {
      await trx
        .insertInto('ticketPauses')
        .values({
          id: newId(),
          ticketId: t.id,
          communeId: t.communeId,
          startedAt: at,
          endedAt: null,
          reason: input.comment ?? null,
        })
        .execute();
      set.pausedSince = at;
    }
    if (endsPause(t.status, input.to)) {
      await scoped(trx, actor)
        .updateTable('ticketPauses')
        .set({ endedAt: at })
        .where('ticketId', '=', t.id)
        .where('endedAt', 'is', null)
        .execute();
      set.pausedSince = null;
    }
    if (input.to === 'resolved') set.firstContactResolution = (await isFirstContactResolution(trx, actor, t)) ? 1 : 0;
    if (input.to === 'reopened') set.firstContactResolution = 0;
    await scoped(trx, actor).updateTable('tickets').set(set).where('id', '=', t.id).execute();
    await appendHistory(trx, {
      ticketId: t.id,
      communeId: t.communeId,
      actor,
      kind: 'status',
      at,
      internal: false,
      data: { from: t.status, to: input.to, comment: input.comment ?? null },
    });
    if (input.comment) await insertComment(trx, actor, t, { body: input.comment, internal: false, notify: false }, at);
    if (input.to === 'resolved' && t.requesterId) {
      await trx
        .insertInto('ticketSurveys')
        .values({
          id: newId(),
          ticketId: t.id,
          communeId: t.communeId,
          requesterId: t.requesterId,
          sentAt: at,
          answeredAt: null,
          score: null,
          comment: null,
          remindedAt: null,
        })
        .execute();
      await appendHistory(trx, {
        ticketId: t.id,
        communeId: t.communeId,
        actor: null,
        kind: 'survey_sent',
        at,
        internal: false,
        data: {},
      });
    }
    const next = { ...t, ...set };
    const clocks = await recomputeDeadlines(trx, next, ctx.now());
    await recordAudit(
      trx,
      actor,
      {
        action: 'ticket.transition',
        targetType: 'ticket',
        targetId: t.id,
        communeId: t.communeId,
        changes: { from: t.status, to: input.to },
      },
      ctx.now(),
    );
    return { t, deadlinesChanged: clocks.deadlinesChanged };
  });
  const ev = ctx.events;
  const actorId = actor.kind === 'user' ? actor.id : null;
  ev.emit('transitioned', { ticketId, communeId: result.t.communeId, from: result.t.status, to: input.to, actorId });
  if (result.deadlinesChanged) ev.emit('deadlinesChanged', { ticketId, communeId: result.t.communeId });
  return result.t;
}
