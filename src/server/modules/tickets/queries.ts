import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize } from '../../access/actor';
import { sql, type SqlBool } from 'kysely';
import { selective, ticketFtsNewestFirst, ticketTextSearch } from '../../db/dialect';
import { calendarsForDisplay } from './clock-basis';
import { openStatuses } from './lifecycle';
import { presentSummary, summaryColumns, type TicketSummaryRow } from './present';
import { seesInternal } from './policy';
import { getVisibleTicket, visibleTickets } from './repo';
import { unscoped } from '../../db/scope';
import type { ticketQuery } from './schemas';

/** A ticket reference typed in the search box (`BOU-2026-000123`) is looked up exactly. */
const referencePattern = /^[a-z]{3}-\d{4}-\d{1,9}$/i;

/**
 * Lists count matching tickets exactly up to this number, then say `totalCapped` (`count=exact`
 * asks for the full count). Counting is a walk over every matching index entry: 10,000 of them
 * cost more than the page itself, for a figure nobody pages through (40 pages of 25).
 */
export const COUNT_CAP = 1_000;

/** "Breaching soon": open, not paused, and a deadline within this many hours (or already passed). */
export const BREACHING_SOON_HOURS = 8;

/**
 * The ticket list: filters on indexed columns, search (db/dialect.ts textSearch), sort, offset
 * pagination; the count runs on the same filtered query without joins or ordering.
 */
export async function listTickets(ctx: AppContext, actor: Actor, q: z.infer<typeof ticketQuery>) {
  authorize(actor, 'tickets.read');
  const now = ctx.now();
  let base = visibleTickets(ctx.db, actor);
  if (q.status) {
    const statuses = q.status;
    // Closed tickets are nearly all of a desk's history; any other status is a small slice.
    base = statuses.includes('closed')
      ? base.where('t.status', 'in', statuses)
      : base.where((eb) => selective(eb('t.status', 'in', statuses), ctx.dialect));
  }
  if (q.priority) base = base.where('t.priority', 'in', q.priority);
  if (q.communeId) base = base.where('t.communeId', '=', q.communeId);
  if (q.categoryId) base = base.where('t.categoryId', '=', q.categoryId);
  if (q.assigneeId) base = base.where('t.assigneeId', '=', q.assigneeId);
  if (q.groupId) base = base.where('t.groupId', '=', q.groupId);
  if (q.requesterId) base = base.where('t.requesterId', '=', q.requesterId);
  if (q.type) base = base.where('t.type', '=', q.type);
  if (q.dueBefore) base = base.where('t.resolveDueAt', '<', new Date(q.dueBefore).toISOString());
  // A queue is worked in the order tickets fall due; any other list shows the newest first.
  const byDue = q.queue !== undefined && q.sort === undefined;
  const sort = q.sort ?? (byDue ? 'resolveDueAt' : 'createdAt');
  const order = q.order ?? (byDue ? 'asc' : 'desc');
  // Newest matches first on SQLite: read from the FTS5 index in rowid order (db/dialect.ts).
  let newestByRowid = false;
  if (q.q && referencePattern.test(q.q)) {
    base = base.where('t.reference', '=', q.q.toUpperCase());
  } else if (q.q) {
    const fts = ctx.dialect === 'sqlite' && sort === 'createdAt' && order === 'desc' ? ticketFtsNewestFirst(q.q) : null;
    if (fts) {
      base = base
        .innerJoin(sql<{ rowid: number }>`tickets_fts`.as('f'), (j) => j.on(sql<SqlBool>`${fts.rowid} = t.rowid`))
        .where(fts.match);
      newestByRowid = true;
    } else {
      const cond = ticketTextSearch('t', q.q, ctx.dialect);
      if (cond) base = base.where(cond);
    }
  }
  const open = openStatuses.filter((s) => s !== 'pending');
  if (q.queue === 'mine') base = base.where('t.assigneeId', '=', actor.id).where('t.status', 'in', [...openStatuses]);
  if (q.queue === 'unassigned')
    base = base.where('t.assigneeId', 'is', null).where('t.status', 'in', [...openStatuses]);
  if (q.queue === 'group') {
    base = base
      .where('t.status', 'in', [...openStatuses])
      .where('t.groupId', 'in', (eb) =>
        eb
          .selectFrom('supportGroupMembers')
          .select('supportGroupMembers.groupId')
          .where('supportGroupMembers.userId', '=', actor.id),
      );
  }
  if (q.queue === 'breaching_soon') {
    const soon = new Date(now.getTime() + BREACHING_SOON_HOURS * 3_600_000).toISOString();
    base = base
      .where('t.status', 'in', open)
      .where((eb) =>
        eb.or([
          eb('t.resolveDueAt', '<', soon),
          eb.and([eb('t.acknowledgedAt', 'is', null), eb('t.acknowledgeDueAt', '<', soon)]),
        ]),
      );
  }
  // The count stops at COUNT_CAP unless asked otherwise: an exact count of every ticket of 30
  // communes costs a full scan per page (67 ms at 100,000 on PostgreSQL). It rides along with the
  // page as an uncorrelated subquery (computed once by both engines): one round trip, not two.
  const exact = q.count === 'exact';
  const counted = exact ? base.select('t.id') : base.select('t.id').limit(COUNT_CAP + 1);
  const countQuery = ctx.db.selectFrom(counted.as('c')).select((eb) => eb.fn.countAll<number>().as('n'));
  const rows = await base
    .leftJoin('users as r', 'r.id', 't.requesterId')
    .leftJoin('users as a', 'a.id', 't.assigneeId')
    .select(summaryColumns.map((c) => `t.${c}` as const))
    .select(['r.name as requesterName', 'a.name as assigneeName'])
    .select(countQuery.as('matching'))
    .$call((qb) =>
      newestByRowid ? qb.orderBy(sql`f.rowid`, 'desc') : qb.orderBy(`t.${sort}`, order).orderBy('t.id', order),
    )
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  // A page past the end has no row to carry the count: ask for it alone (0 on the first page).
  const n = rows.length
    ? Number(rows[0]!.matching)
    : q.offset === 0
      ? 0
      : Number((await countQuery.executeTakeFirstOrThrow()).n);
  const cals = await calendarsForDisplay(
    ctx,
    rows.map((r) => r.communeId),
  );
  const nowMs = now.getTime();
  return {
    items: (rows as TicketSummaryRow[]).map((r) => presentSummary(r, cals.get(r.communeId), nowMs)),
    total: exact ? n : Math.min(n, COUNT_CAP),
    totalCapped: !exact && n > COUNT_CAP,
  };
}

/** Display names of users and support groups, by id (history and replies show names, not e-mails). */
export async function displayNames(
  db: AppContext['db'],
  userIds: Iterable<string | null | undefined>,
  groupIds: Iterable<string | null | undefined> = [],
): Promise<Map<string, string>> {
  const users = [...new Set([...userIds].filter((v): v is string => Boolean(v)))];
  const groups = [...new Set([...groupIds].filter((v): v is string => Boolean(v)))];
  const names = new Map<string, string>();
  // Names of people and groups the caller already sees on a ticket it may read.
  const raw = unscoped(db, 'names of the people and groups named by a ticket visible to the caller');
  const [us, gs] = await Promise.all([
    users.length ? raw.selectFrom('users').select(['id', 'name']).where('id', 'in', users).execute() : [],
    groups.length ? raw.selectFrom('supportGroups').select(['id', 'name']).where('id', 'in', groups).execute() : [],
  ]);
  for (const u of us) names.set(u.id, u.name);
  for (const g of gs) names.set(g.id, g.name);
  return names;
}

type AssignmentData = { groupId?: string | null; assigneeId?: string | null; from?: AssignmentData };

/** The full history of a ticket; internal entries (notes, internal routing) for provider staff only. */
export async function ticketHistory(ctx: AppContext, actor: Actor, ticketId: string) {
  authorize(actor, 'tickets.read');
  await getVisibleTicket(ctx.db, actor, ticketId);
  let q = ctx.db.selectFrom('ticketHistory').selectAll().where('ticketId', '=', ticketId);
  if (!seesInternal(actor)) q = q.where('internal', '=', 0);
  const rows = await q.orderBy('at').orderBy('id').execute();
  const parsed = rows.map((h) => ({ h, data: JSON.parse(h.data) as unknown }));
  const userIds: Array<string | null | undefined> = [];
  const groupIds: Array<string | null | undefined> = [];
  for (const { h, data } of parsed) {
    userIds.push(h.actorId);
    if (h.kind === 'assigned' && data && typeof data === 'object') {
      const d = data as AssignmentData;
      userIds.push(d.assigneeId, d.from?.assigneeId);
      groupIds.push(d.groupId, d.from?.groupId);
    }
  }
  const names = await displayNames(ctx.db, userIds, groupIds);
  const items = parsed.map(({ h, data }) => {
    const own: Record<string, string> = {};
    for (const id of h.kind === 'assigned' ? Object.values(flatIds(data)) : [])
      if (names.has(id)) own[id] = names.get(id)!;
    return {
      id: h.id,
      at: h.at,
      actorId: h.actorId,
      actorLabel: (h.actorId && names.get(h.actorId)) || h.actorLabel,
      kind: h.kind,
      data,
      names: own,
      internal: h.internal === 1,
    };
  });
  return { items, total: items.length };
}

/** The ids an assignment entry names (group and assignee, before and after). */
function flatIds(data: unknown): Record<string, string> {
  const d = (data ?? {}) as AssignmentData;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    groupId: d.groupId,
    assigneeId: d.assigneeId,
    fromGroupId: d.from?.groupId,
    fromAssigneeId: d.from?.assigneeId,
  }))
    if (typeof v === 'string') out[k] = v;
  return out;
}

/** The service catalogue, labels in the caller's language. */
export async function listCategories(ctx: AppContext, actor: Actor) {
  authorize(actor, 'tickets.read');
  const rows = await ctx.db
    .selectFrom('ticketCategories')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('subdomain')
    .orderBy('code')
    .execute();
  const items = rows.map((c) => ({
    id: c.id,
    code: c.code,
    label: actor.locale === 'en' ? c.labelEn : c.labelFr,
    labelFr: c.labelFr,
    labelEn: c.labelEn,
    subdomain: c.subdomain,
    defaultType: c.defaultType,
    defaultGroupId: c.defaultGroupId,
  }));
  return { items, total: items.length };
}

/** Support groups and their members (staff see members; commune users see the groups only). */
export async function listGroups(ctx: AppContext, actor: Actor) {
  authorize(actor, 'tickets.read');
  const groups = await ctx.db.selectFrom('supportGroups').selectAll().orderBy('level').orderBy('name').execute();
  const members = seesInternal(actor) ? await ctx.db.selectFrom('supportGroupMembers').selectAll().execute() : [];
  const items = groups.map((g) => ({
    id: g.id,
    code: g.code,
    name: g.name,
    level: g.level,
    memberIds: members.filter((m) => m.groupId === g.id).map((m) => m.userId),
  }));
  return { items, total: items.length };
}

/** Summaries of the given visible tickets (in the given order). */
export async function summariesByIds(ctx: AppContext, actor: Actor, ids: readonly string[]) {
  if (!ids.length) return [];
  const rows = (await visibleTickets(ctx.db, actor)
    .leftJoin('users as r', 'r.id', 't.requesterId')
    .leftJoin('users as a', 'a.id', 't.assigneeId')
    .select(summaryColumns.map((c) => `t.${c}` as const))
    .select(['r.name as requesterName', 'a.name as assigneeName'])
    .where('t.id', 'in', [...ids])
    .execute()) as TicketSummaryRow[];
  const cals = await calendarsForDisplay(
    ctx,
    rows.map((r) => r.communeId),
  );
  const nowMs = ctx.now().getTime();
  const byId = new Map(rows.map((r) => [r.id, presentSummary(r, cals.get(r.communeId), nowMs)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
