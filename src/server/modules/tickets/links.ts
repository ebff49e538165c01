import type { z } from 'zod';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { invalid, notFound } from '../../errors';
import { scoped } from '../../db/scope';
import type { Executor } from '../../db/schema';
import {
  appendHistory,
  findVisibleTicket,
  findVisibleTicketByReference,
  getVisibleTicket,
  visibleTickets,
} from './repo';
import type { linkBody } from './schemas';

/**
 * Links between tickets ("see also"): two reports of one outage by different services, a request
 * that follows an incident. Both tickets belong to one commune (a link never shows a commune
 * another's ticket); a link is stored in both directions and written in both histories. Anyone who
 * sees a ticket reads its links to the tickets they also see; the service desk (tickets.work)
 * links and unlinks. Outside the caller's scope, 404.
 */

async function linksOf(ctx: AppContext, actor: Actor, ticketId: string) {
  return visibleTickets(ctx.db, actor)
    .innerJoin('ticketLinks as l', 'l.linkedId', 't.id')
    .select(['t.id as ticketId', 't.reference', 't.title', 't.status', 'l.addedBy', 'l.createdAt'])
    .where('l.ticketId', '=', ticketId)
    .orderBy('l.createdAt')
    .orderBy('t.reference')
    .execute();
}

export async function listLinks(ctx: AppContext, actor: Actor, ticketId: string) {
  authorize(actor, 'tickets.read');
  await getVisibleTicket(ctx.db, actor, ticketId);
  const items = await linksOf(ctx, actor, ticketId);
  return { items, total: items.length };
}

export async function addLink(ctx: AppContext, actor: Actor, ticketId: string, body: z.infer<typeof linkBody>) {
  authorize(actor, 'tickets.work');
  const t = await getVisibleTicket(ctx.db, actor, ticketId);
  if ((body.linkedId === undefined) === (body.reference === undefined))
    throw invalid('linkedId', 'Give the ticket to link by linkedId or by reference (one of them).', 'invalid_type');
  const field = body.linkedId !== undefined ? 'linkedId' : 'reference';
  const other =
    body.linkedId !== undefined
      ? await findVisibleTicket(ctx.db, actor, body.linkedId)
      : await findVisibleTicketByReference(ctx.db, actor, body.reference!.toUpperCase());
  if (!other) throw invalid(field, 'No ticket you can see has this identifier.', 'invalid_option');
  if (other.id === t.id) throw invalid(field, 'A ticket is not linked to itself.', 'invalid_option');
  if (other.communeId !== t.communeId)
    throw invalid(field, 'Only tickets of the same commune are linked.', 'invalid_option');
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const rows = [
      { ticketId: t.id, linkedId: other.id },
      { ticketId: other.id, linkedId: t.id },
    ].map((r) => ({ ...r, communeId: t.communeId, addedBy: actor.id, createdAt: at }));
    const added = await trx
      .insertInto('ticketLinks')
      .values(rows)
      .onConflict((oc) => oc.columns(['ticketId', 'linkedId']).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return; // already linked: nothing changes
    await writeBothHistories(trx, actor, 'linked', t, other, at);
  });
  const items = await linksOf(ctx, actor, ticketId);
  return { items, total: items.length };
}

export async function removeLink(ctx: AppContext, actor: Actor, ticketId: string, linkedId: string): Promise<void> {
  authorize(actor, 'tickets.work');
  const t = await getVisibleTicket(ctx.db, actor, ticketId);
  const other = await findVisibleTicket(ctx.db, actor, linkedId);
  if (!other) throw notFound('link');
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await scoped(trx, actor)
      .deleteFrom('ticketLinks')
      .where((eb) =>
        eb.or([
          eb.and([eb('ticketId', '=', t.id), eb('linkedId', '=', other.id)]),
          eb.and([eb('ticketId', '=', other.id), eb('linkedId', '=', t.id)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('link');
    await writeBothHistories(trx, actor, 'unlinked', t, other, at);
  });
}

type Linked = { id: string; communeId: string; reference: string; title: string };

/** A link made or removed, in the history of each ticket, naming the other. */
async function writeBothHistories(
  trx: Executor,
  actor: Actor,
  kind: 'linked' | 'unlinked',
  t: Linked,
  other: Linked,
  at: string,
): Promise<void> {
  for (const [a, b] of [
    [t, other],
    [other, t],
  ] as const)
    await appendHistory(trx, {
      ticketId: a.id,
      communeId: a.communeId,
      actor,
      kind,
      at,
      internal: false,
      data: { ticketId: b.id, reference: b.reference, title: b.title },
    });
}
