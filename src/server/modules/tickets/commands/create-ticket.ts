import type { Executor } from '../../../db/schema';
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../../context';
import type { Actor } from '../../../access/actor';
import { authorize, isProvider } from '../../../access/actor';
import { scoped, unscoped } from '../../../db/scope';
import { isUniqueViolation, searchNormalize } from '../../../db/dialect';
import { invalid, notFound } from '../../../errors';
import { newId } from '../../../lib/ids';
import { recordAudit } from '../../audit';
import { loadClockBasis } from '../clock-basis';
import { computeClocks } from '../clocks';
import { formatReference, priorityOf, referencePrefix } from '../priority';
import { matrixFor } from '../matrix';
import type { TicketView } from '../present';
import { appendHistory } from '../repo';
import { setTicketDevices } from '../devices-repo';
import { ticketView } from '../service';
import type { ticketCreate } from '../schemas';
import type { TicketTable } from '../tables';

export type CreateTicketInput = Omit<z.input<typeof ticketCreate>, 'description' | 'channel'> & {
  description?: string;
  channel: TicketTable['channel'];
};

/** Next reference for a commune and local year: a counter per prefix and year, safe under concurrency (upsert). */
export async function nextReference(trx: Executor, slug: string, year: number): Promise<string> {
  const prefix = referencePrefix(slug);
  const row = await trx
    .insertInto('ticketSequences')
    .values({ prefix, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['prefix', 'year']).doUpdateSet({ last: sql<number>`${sql.ref('ticketSequences.last')} + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return formatReference(prefix, year, row.last);
}

/** Who the ticket is for: commune users create for themselves, the call centre names commune and requester. */
async function resolveParties(trx: Executor, actor: Actor, input: CreateTicketInput) {
  const s = scoped(trx, actor);
  if (!isProvider(actor)) {
    const communeId = actor.communeId!;
    if (input.communeId && input.communeId !== communeId) throw notFound('commune');
    return {
      communeId,
      requesterId: actor.kind === 'user' ? actor.id : null,
      entityId: actor.entityId ?? input.entityId ?? null,
    };
  }
  if (!input.communeId) throw invalid('communeId', 'Provider staff must name the commune of the ticket.');
  await s.assertCommune(input.communeId);
  if (input.requesterId) {
    const r = await s
      .selectFrom('users')
      .select(['id', 'entityId'])
      .where('id', '=', input.requesterId)
      .where('communeId', '=', input.communeId)
      .executeTakeFirst();
    if (!r) throw invalid('requesterId', 'The requester must be a user of the ticket’s commune.', 'unknown_reference');
    return { communeId: input.communeId, requesterId: r.id, entityId: input.entityId ?? r.entityId };
  }
  return { communeId: input.communeId, requesterId: null, entityId: input.entityId ?? null };
}

async function insertTicket(
  ctx: AppContext,
  trx: Executor,
  actor: Actor,
  input: CreateTicketInput,
  opts: { idempotencyKey?: string; emailMessageId?: string },
): Promise<TicketTable> {
  const now = ctx.now();
  const at = now.toISOString();
  const parties = await resolveParties(trx, actor, input);
  if (parties.entityId) {
    const e = await scoped(trx, actor)
      .selectFrom('entities')
      .select('id')
      .where('id', '=', parties.entityId)
      .where('communeId', '=', parties.communeId)
      .executeTakeFirst();
    if (!e) throw invalid('entityId', 'The sub-entity must belong to the ticket’s commune.', 'unknown_reference');
  }
  let category: { id: string; subdomain: string; defaultGroupId: string | null } | undefined;
  if (input.categoryId) {
    category = await trx
      .selectFrom('ticketCategories')
      .select(['id', 'subdomain', 'defaultGroupId'])
      .where('id', '=', input.categoryId)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!category) throw invalid('categoryId', 'Unknown or inactive category.', 'unknown_reference');
  }
  const commune = await scoped(trx, actor)
    .selectFrom('communes')
    .select('slug')
    .where('id', '=', parties.communeId)
    .executeTakeFirstOrThrow();
  const basis = await loadClockBasis(trx, parties.communeId, now.getTime());
  const zone = basis.calendar?.timezone ?? 'Europe/Paris';
  const reference = await nextReference(trx, commune.slug, DateTime.fromJSDate(now, { zone }).year);
  const priority = priorityOf(await matrixFor(trx, parties.communeId), input.impact, input.urgency);
  // New tickets land in the category's team, else in the level-1 call centre queue.
  const groupId =
    category?.defaultGroupId ??
    (await trx.selectFrom('supportGroups').select('id').where('level', '=', 1).orderBy('code').executeTakeFirst())
      ?.id ??
    null;
  const description = input.description ?? '';
  const clocks = computeClocks(
    basis,
    { createdAt: at, priority, acknowledgedAt: null, resolvedAt: null, pauses: [] },
    now.getTime(),
  );
  const row: TicketTable = {
    id: newId(now.getTime()),
    communeId: parties.communeId,
    entityId: parties.entityId,
    reference,
    type: input.type,
    title: input.title,
    description,
    categoryId: category?.id ?? null,
    subdomain: category?.subdomain ?? null,
    requesterId: parties.requesterId,
    site: input.site ?? null,
    channel: input.channel,
    impact: input.impact,
    urgency: input.urgency,
    priority,
    status: 'new',
    groupId,
    assigneeId: null,
    referralLevel: 'ordinary',
    createdAt: at,
    updatedAt: at,
    acknowledgedAt: null,
    resolvedAt: null,
    closedAt: null,
    pausedSince: null,
    reopenCount: 0,
    firstContactResolution: 0,
    satisfaction: null,
    mergedIntoId: null,
    searchText: searchNormalize(`${reference} ${input.title} ${description}`),
    emailMessageId: opts.emailMessageId ?? null,
    forceMajeure: 0,
    forceMajeureReason: null,
    forceMajeureAt: null,
    forceMajeureBy: null,
    ...clocks,
  };
  await trx.insertInto('tickets').values(row).execute();
  if (opts.idempotencyKey) {
    await trx
      .insertInto('ticketIdempotency')
      .values({
        actorId: actor.id,
        key: opts.idempotencyKey,
        ticketId: row.id,
        communeId: row.communeId,
        createdAt: at,
      })
      .execute();
  }
  await appendHistory(trx, {
    ticketId: row.id,
    communeId: row.communeId,
    actor,
    kind: 'created',
    at,
    internal: false,
    data: { reference, channel: row.channel, priority, groupId, clockIssue: row.clockIssue },
  });
  // The devices named at creation: checked to be of the ticket's commune, kept in the history.
  const devices = input.deviceIds?.length ? await setTicketDevices(trx, actor, row, input.deviceIds, at) : null;
  await recordAudit(
    trx,
    actor,
    {
      action: 'ticket.create',
      targetType: 'ticket',
      targetId: row.id,
      communeId: row.communeId,
      changes: { reference, title: row.title, priority, ...(devices ? { deviceIds: devices.added } : {}) },
    },
    now,
  );
  return row;
}

async function findReplay(
  ctx: AppContext,
  actor: Actor,
  opts: { idempotencyKey?: string; emailMessageId?: string },
): Promise<string | undefined> {
  if (opts.idempotencyKey) {
    const r = await unscoped(ctx.db, "the caller's own idempotency keys")
      .selectFrom('ticketIdempotency')
      .select('ticketId')
      .where('actorId', '=', actor.id)
      .where('key', '=', opts.idempotencyKey)
      .executeTakeFirst();
    if (r) return r.ticketId;
  }
  if (opts.emailMessageId) {
    const r = await unscoped(ctx.db, "the ticket the caller's own key made")
      .selectFrom('tickets')
      .select('id')
      .where('emailMessageId', '=', opts.emailMessageId)
      .executeTakeFirst();
    if (r) return r.id;
  }
  return undefined;
}

/**
 * Opens a ticket (portal, call centre, email, monitoring). With an idempotency key (per actor)
 * or an email Message-ID, a retry returns the ticket already made and creates nothing, even
 * when the retries race: the unique constraint decides, and the loser reads the winner's ticket.
 */
export async function createTicketWithReplay(
  ctx: AppContext,
  actor: Actor,
  input: CreateTicketInput,
  opts: { idempotencyKey?: string; emailMessageId?: string } = {},
): Promise<{ ticket: TicketView; replayed: boolean }> {
  authorize(actor, 'tickets.create');
  const earlier = await findReplay(ctx, actor, opts);
  if (earlier) return { ticket: await ticketView(ctx, actor, earlier), replayed: true };
  let row: TicketTable;
  try {
    row = await ctx.db.transaction().execute((trx) => insertTicket(ctx, trx, actor, input, opts));
  } catch (err) {
    if (isUniqueViolation(err)) {
      const winner = await findReplay(ctx, actor, opts);
      if (winner) return { ticket: await ticketView(ctx, actor, winner), replayed: true };
    }
    throw err;
  }
  ctx.events.emit('created', {
    ticketId: row.id,
    communeId: row.communeId,
    actorId: actor.kind === 'user' ? actor.id : null,
  });
  return { ticket: await ticketView(ctx, actor, row.id), replayed: false };
}

/**
 * Opens a ticket inside the caller's transaction, for a use case whose own write and its ticket
 * must commit together (a monitoring alert's outage, batched by the alert webhook's group commit).
 * No replay lookup: the caller's own unique key decides that the ticket is made once. The caller
 * calls `announce()` once its transaction committed (listeners must not see an uncommitted ticket).
 */
export async function createTicketInTransaction(
  ctx: AppContext,
  trx: Executor,
  actor: Actor,
  input: CreateTicketInput,
  opts: { idempotencyKey?: string } = {},
): Promise<{ id: string; reference: string; announce(): void }> {
  authorize(actor, 'tickets.create');
  const row = await insertTicket(ctx, trx, actor, input, opts);
  return {
    id: row.id,
    reference: row.reference,
    announce: () =>
      ctx.events.emit('created', {
        ticketId: row.id,
        communeId: row.communeId,
        actorId: actor.kind === 'user' ? actor.id : null,
      }),
  };
}

/** Opens a ticket; see createTicketWithReplay for the idempotency rules. */
export async function createTicket(
  ctx: AppContext,
  actor: Actor,
  input: CreateTicketInput,
  opts: { idempotencyKey?: string; emailMessageId?: string } = {},
): Promise<TicketView> {
  return (await createTicketWithReplay(ctx, actor, input, opts)).ticket;
}
