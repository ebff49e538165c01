import type { Transaction } from 'kysely';
import type { DB, Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import { can, type Actor } from '../../access/actor';
import { AppError, conflict, forbidden } from '../../errors';
import { recordAudit } from '../audit';
import { queueEmail, recipientsOf } from '../notifications';
import { ticketFacts } from '../notifications';
import type { TicketTable } from '../tickets';
import { appendHistory, getTicketForChange, getVisibleTicket } from '../tickets';
import { isClosedForEscalation, mayEscalate } from '../tickets';
import { isAbove, matrixInForce, nextLevel, referralLevels, rolesFor, type ReferralLevel, type Side } from './matrix';
import { parisDate, usersForRoles } from './directory';
import { scoped } from '../../db/scope';
import { addInboxItems } from '../inbox';

export interface EscalationInput {
  reason: string;
  level?: ReferralLevel;
}

export interface NotifiedPerson {
  userId: string;
  name: string;
  email: string;
  side: Side;
  role: string;
}

export interface EscalationView {
  id: string;
  ticketId: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  from: ReferralLevel;
  to: ReferralLevel;
  reason: string;
  automatic: boolean;
  notified: NotifiedPerson[];
}

/** What an `escalated` history entry holds: written by this one function, read by listEscalations. */
export function escalationHistoryData(e: {
  from: ReferralLevel;
  to: ReferralLevel;
  reason: string;
  automatic: boolean;
  notified: NotifiedPerson[];
}) {
  return { from: e.from, to: e.to, reason: e.reason, automatic: e.automatic, notified: e.notified };
}

/** Reads a ticket the actor may see (the service desk's visibility rules); 404 otherwise. */
const ticketInScope = (db: Executor, actor: Actor, ticketId: string): Promise<TicketTable> =>
  getVisibleTicket(db, actor, ticketId);

/** Who may escalate: the same predicate gives the ticket's `canEscalate` ability. */
function checkMayEscalate(actor: Actor): void {
  if (!mayEscalate(actor)) throw forbidden('Missing permission tickets.escalate.');
}

/**
 * Raises a ticket's referral level (ordinary → urgent → exceptional) inside the caller's
 * transaction: stores the level, writes the "escalated" history entry, and queues an urgent
 * email to every user the commune's directory maps to the matrix roles of the ticket's
 * sub-domain at the new level, on both sides. Returns the escalation, or null when an automatic
 * escalation finds the ticket already at or above the level (no second firing).
 */
export async function escalateInTransaction(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  ticket: TicketTable,
  input: EscalationInput & { automatic: boolean },
  now: Date,
): Promise<EscalationView | null> {
  const from = ticket.referralLevel;
  const to = input.level ?? nextLevel(from);
  if (!to || !isAbove(to, from)) {
    if (input.automatic) return null;
    throw new AppError(
      'conflict',
      to ? `The ticket is already at level ${from}.` : 'The ticket is already at the exceptional level.',
      { level: from },
    );
  }
  const { cells } = await matrixInForce(trx, ticket.communeId, parisDate(now));
  const roles = rolesFor(cells, to, ticket.subdomain);
  const holders = await usersForRoles(trx, ticket.communeId, roles);
  const people = await recipientsOf(
    trx,
    holders.map((h) => h.userId),
  );
  const notified: NotifiedPerson[] = holders.flatMap((h) => {
    const p = people.find((x) => x.userId === h.userId);
    return p ? [{ userId: p.userId, name: p.name, email: p.address, side: h.side, role: h.role }] : [];
  });
  const at = now.toISOString();
  await scoped(trx, actor)
    .updateTable('tickets')
    .set({ referralLevel: to, updatedAt: at })
    .where('id', '=', ticket.id)
    .execute();
  const data = escalationHistoryData({ from, to, reason: input.reason, automatic: input.automatic, notified });
  await appendHistory(trx, {
    ticketId: ticket.id,
    communeId: ticket.communeId,
    actor,
    kind: 'escalated',
    data,
    internal: false,
    at,
  });
  // Each level is reached once, so the entry is the one escalating to `to` (ids within one millisecond do not sort).
  const entries = await scoped(trx, actor)
    .selectFrom('ticketHistory')
    .select(['id', 'data'])
    .where('ticketId', '=', ticket.id)
    .where('kind', '=', 'escalated')
    .execute();
  const entry = entries.find((e) => (JSON.parse(e.data) as { to: string }).to === to)!;
  await addInboxItems(
    trx,
    {
      kind: 'escalation',
      ticket,
      userIds: people.map((p) => p.userId),
      authorId: actor.kind === 'user' ? actor.id : null,
      data: { level: to, automatic: input.automatic },
    },
    now,
  );
  const facts = await ticketFacts(trx, ctx, ticket);
  const sent = new Set<string>();
  for (const p of people) {
    if (sent.has(p.userId)) continue;
    sent.add(p.userId);
    const theirRoles = holders.filter((h) => h.userId === p.userId).map((h) => h.role);
    await queueEmail(
      trx,
      ctx,
      {
        to: p,
        content: {
          template: 'escalation',
          ticket: facts,
          from,
          to,
          reason: input.reason,
          automatic: input.automatic,
          roles: theirRoles,
        },
        communeId: ticket.communeId,
        ticketId: ticket.id,
        urgent: true,
      },
      now,
    );
  }
  await recordAudit(
    trx,
    actor,
    {
      action: 'ticket.escalate',
      targetType: 'ticket',
      targetId: ticket.id,
      communeId: ticket.communeId,
      changes: { from, to, reason: input.reason, automatic: input.automatic },
    },
    now,
  );
  return {
    id: entry.id,
    ticketId: ticket.id,
    at,
    actorId: actor.kind === 'system' ? null : actor.id,
    actorLabel: actor.label,
    from,
    to,
    reason: input.reason,
    automatic: input.automatic,
    notified,
  };
}

/** POST /tickets/{id}/escalations: a manual escalation. 409 when already exceptional. */
export async function escalateTicket(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: EscalationInput,
): Promise<EscalationView> {
  checkMayEscalate(actor);
  const now = ctx.now();
  const { view, communeId } = await ctx.db.transaction().execute(async (trx) => {
    const ticket = await getTicketForChange(trx, actor, ticketId);
    if (isClosedForEscalation(ticket))
      throw conflict(`A ${ticket.status} ticket cannot be escalated.`, { status: ticket.status });
    return {
      view: (await escalateInTransaction(trx, ctx, actor, ticket, { ...input, automatic: false }, now))!,
      communeId: ticket.communeId,
    };
  });
  ctx.events.emit('escalated', { ticketId, communeId, level: view.to, automatic: false, actorId: actor.id });
  return view;
}

/** GET /tickets/{id}/escalations: the ticket's escalations, oldest first. */
export async function listEscalations(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
): Promise<{ items: EscalationView[]; total: number }> {
  if (!can(actor, 'tickets.read')) throw forbidden('Missing permission tickets.read.');
  await ticketInScope(ctx.db, actor, ticketId);
  const rows = await scoped(ctx.db, actor)
    .selectFrom('ticketHistory')
    .selectAll()
    .where('ticketId', '=', ticketId)
    .where('kind', '=', 'escalated')
    .orderBy('at')
    .orderBy('id')
    .execute();
  const items = rows.map((r) => {
    const d = JSON.parse(r.data) as {
      from: ReferralLevel;
      to: ReferralLevel;
      reason: string;
      automatic: boolean;
      notified?: NotifiedPerson[];
    };
    return {
      id: r.id,
      ticketId: r.ticketId,
      at: r.at,
      actorId: r.actorId,
      actorLabel: r.actorLabel,
      from: d.from,
      to: d.to,
      reason: d.reason,
      automatic: Boolean(d.automatic),
      notified: d.notified ?? [],
    };
  });
  // Levels only rise, so level order is chronological order even within one millisecond.
  items.sort((a, b) => referralLevels.indexOf(a.to) - referralLevels.indexOf(b.to));
  return { items, total: items.length };
}
