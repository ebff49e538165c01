import type { z } from 'zod';
import type { AppContext } from '../../context';
import { authorize, can, type Actor } from '../../access/actor';
import { forbidden, invalid, notFound } from '../../errors';
import { scoped, unscoped } from '../../db/scope';
import type { Executor } from '../../db/schema';
import { loadUserActor } from '../auth';
import { findVisibleTicket, getVisibleTicket } from './repo';
import type { watcherBody } from './schemas';

/**
 * Watchers (CC) of a ticket: besides its requester, the people told of its public replies and
 * status changes (notifications/listeners.ts reads them). Anyone who sees a ticket may follow it
 * (add themselves) and stop; staff who work tickets add or remove others. A watcher must be able
 * to see the ticket (their own scope, checked when added and again when told). Read through the
 * ticket: outside the caller's scope, 404.
 */

async function watchersOf(ctx: AppContext, actor: Actor, ticketId: string) {
  return scoped(ctx.db, actor)
    .selectFrom('ticketWatchers')
    .innerJoin('users', 'users.id', 'ticketWatchers.userId')
    .select(['ticketWatchers.userId', 'users.name', 'ticketWatchers.addedBy', 'ticketWatchers.createdAt'])
    .where('ticketWatchers.ticketId', '=', ticketId)
    .orderBy('ticketWatchers.createdAt')
    .orderBy('ticketWatchers.userId')
    .execute();
}

export async function listWatchers(ctx: AppContext, actor: Actor, ticketId: string) {
  authorize(actor, 'tickets.read');
  await getVisibleTicket(ctx.db, actor, ticketId);
  const items = await watchersOf(ctx, actor, ticketId);
  return { items, total: items.length };
}

export async function addWatcher(ctx: AppContext, actor: Actor, ticketId: string, body: z.infer<typeof watcherBody>) {
  authorize(actor, 'tickets.read');
  const t = await getVisibleTicket(ctx.db, actor, ticketId);
  if (actor.kind !== 'user') throw forbidden('Watchers are people.');
  if (body.userId !== actor.id && !can(actor, 'tickets.work'))
    throw forbidden('Only the service desk adds someone else as a watcher.');
  const person = await loadUserActor(ctx.db, body.userId);
  if (!person || !(await findVisibleTicket(ctx.db, person, ticketId)))
    throw invalid('userId', 'This person cannot see the ticket.', 'invalid_option');
  await ctx.db
    .insertInto('ticketWatchers')
    .values({
      ticketId,
      userId: body.userId,
      communeId: t.communeId,
      addedBy: actor.id,
      createdAt: ctx.now().toISOString(),
    })
    .onConflict((oc) => oc.columns(['ticketId', 'userId']).doNothing())
    .execute();
  const items = await watchersOf(ctx, actor, ticketId);
  return { items, total: items.length };
}

export async function removeWatcher(ctx: AppContext, actor: Actor, ticketId: string, userId: string): Promise<void> {
  authorize(actor, 'tickets.read');
  await getVisibleTicket(ctx.db, actor, ticketId);
  if (userId !== actor.id && !can(actor, 'tickets.work'))
    throw forbidden('Only the service desk removes someone else from the watchers.');
  const r = await scoped(ctx.db, actor)
    .deleteFrom('ticketWatchers')
    .where('ticketId', '=', ticketId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound('watcher');
}

/**
 * The watchers to tell of a ticket's change (notifications/listeners.ts), inside its delivery
 * transaction: active people whose commune is the ticket's (or provider staff); the others'
 * scope no longer covers the ticket.
 */
export async function watcherIdsToTell(db: Executor, t: { id: string; communeId: string }): Promise<string[]> {
  const rows = await unscoped(db, 'system: the watchers of a ticket being notified')
    .selectFrom('ticketWatchers as w')
    .innerJoin('users as u', 'u.id', 'w.userId')
    .select('w.userId')
    .where('w.ticketId', '=', t.id)
    .where('u.active', '=', 1)
    .where((eb) => eb.or([eb('u.communeId', 'is', null), eb('u.communeId', '=', t.communeId)]))
    .orderBy('w.createdAt')
    .execute();
  return rows.map((r) => r.userId);
}
