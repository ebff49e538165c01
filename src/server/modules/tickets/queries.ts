import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize, isProvider } from '../../access/actor';
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { selective, ticketFtsMatch, ticketFtsNewestFirst, ticketTextSearch } from '../../db/dialect';
import { preparedQuery } from '../../db/prepared';
import type { DB } from '../../db/schema';
import { calendarsForDisplay } from './clock-basis';
import { openStatuses } from './lifecycle';
import { BREACHING_SOON_HOURS, slaConditions } from './sla-state';
import { presentSummary, summaryColumns, type TicketSummaryRow } from './present';
import { seesInternal } from './policy';
import { getVisibleTicket, visibleTickets } from './repo';
import { overCapMemo } from './over-cap';
import { unscoped } from '../../db/scope';
import type { sortKeys, ticketQuery } from './schemas';
import { DateTime } from 'luxon';

/** Days typed in filters are days in France: the instant a day starts there. */
const dayStart = (day: string, plusDays = 0) =>
  DateTime.fromISO(day, { zone: 'Europe/Paris' }).plus({ days: plusDays }).toUTC().toISO()!;

/** A ticket reference typed in the search box (`BOU-2026-000123`) is looked up exactly. */
const referencePattern = /^[a-z]{3}-\d{4}-\d{1,9}$/i;

/**
 * Lists count matching tickets exactly up to this number, then say `totalCapped` (`count=exact`
 * asks for the full count). Counting is a walk over every matching index entry: 10,000 of them
 * cost more than the page itself, for a figure nobody pages through (40 pages of 25).
 */
export const COUNT_CAP = 1_000;

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
  if (q.assignee === 'me') base = base.where('t.assigneeId', '=', actor.id);
  if (q.assignee === 'none') base = base.where('t.assigneeId', 'is', null);
  if (q.channel) base = base.where('t.channel', 'in', q.channel);
  if (q.subdomain) base = base.where('t.subdomain', 'in', q.subdomain);
  if (q.createdFrom) base = base.where('t.createdAt', '>=', dayStart(q.createdFrom));
  if (q.createdTo) base = base.where('t.createdAt', '<', dayStart(q.createdTo, 1));
  if (q.dueFrom) base = base.where('t.resolveDueAt', '>=', dayStart(q.dueFrom));
  if (q.dueTo) base = base.where('t.resolveDueAt', '<', dayStart(q.dueTo, 1));
  if (q.sla) {
    const states = q.sla;
    base = base.where((eb) => {
      const c = slaConditions(eb, now);
      return eb.or([
        ...(states.includes('breached') ? [c.breached] : []),
        ...(states.includes('at_risk') ? [c.atRisk] : []),
        ...(states.includes('paused') ? [c.paused] : []),
      ]);
    });
  }
  // A queue is worked in the order tickets fall due; any other list shows the newest first.
  const byDue = q.queue !== undefined && q.sort === undefined;
  const sort = q.sort ?? (byDue ? 'resolveDueAt' : 'createdAt');
  const order = q.order ?? (byDue ? 'asc' : 'desc');
  // Newest matches first on SQLite: read from the FTS5 index in rowid order (db/dialect.ts).
  let newestByRowid: NonNullable<ReturnType<typeof ticketFtsNewestFirst>> | null = null;
  // PostgreSQL full-text search: the matches are read first (see below).
  let textSearchFirst = false;
  if (q.q && referencePattern.test(q.q)) {
    base = base.where('t.reference', '=', q.q.toUpperCase());
  } else if (q.q) {
    const fts = ctx.dialect === 'sqlite' && sort === 'createdAt' && order === 'desc' ? ticketFtsNewestFirst(q.q) : null;
    if (fts) {
      base = base
        .innerJoin(sql<{ rowid: number }>`tickets_fts`.as('f'), (j) => j.on(sql<SqlBool>`${fts.rowid} = t.rowid`))
        .where(fts.match);
      newestByRowid = fts;
    } else {
      const cond = ticketTextSearch('t', q.q, ctx.dialect);
      if (cond) base = base.where(cond);
      textSearchFirst = cond !== null && ctx.dialect === 'postgres';
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
  const exact = q.count === 'exact';
  // Search, newest matches first, on each engine's full-text index (see each function).
  if (newestByRowid && !exact && q.offset + q.limit <= COUNT_CAP + 1)
    return present(ctx, ...(await newestMatchesSqlite(ctx, actor, q, base, newestByRowid)), now);
  if (textSearchFirst && !exact)
    return present(ctx, ...(await matchesFirstPostgres(ctx, actor, q, base, sort, order)), now);
  // The whole desk's newest tickets (the director's and the call centre's list as it opens), in
  // a statement prepared once; any other list is built for its filters.
  const wholeDesk = seesWholeDesk(actor, q) && !q.q;
  const rows =
    wholeDesk && !exact && sort === 'createdAt' && order === 'desc'
      ? await wholeDeskNewest.execute(ctx.db, { limit: q.limit, offset: q.offset })
      : await pageOf(ctx.db, base, {
          sort: newestByRowid ? 'rowid' : sort,
          order,
          limit: q.limit,
          offset: q.offset,
          exact,
        }).execute();
  // A page past the end has no row to carry the count: ask for it alone (0 on the first page).
  const n = rows.length
    ? Number(rows[0]!.matching)
    : q.offset === 0
      ? 0
      : Number((await countOf(ctx.db, base, exact).executeTakeFirstOrThrow()).n);
  return present(ctx, rows, exact ? n : Math.min(n, COUNT_CAP), !exact && n > COUNT_CAP, now);
}

type TicketBase = ReturnType<typeof visibleTickets>;
type SortKey = (typeof sortKeys)[number];

/**
 * The number of tickets a list matches, stopping at COUNT_CAP + 1 unless `exact`: an exact count
 * of every ticket of 30 communes costs a full scan per page (67 ms at 100,000 on PostgreSQL).
 */
function countOf(db: Db, base: TicketBase, exact: boolean) {
  const counted = exact ? base.select('t.id') : base.select('t.id').limit(COUNT_CAP + 1);
  return db.selectFrom(counted.as('c')).select((eb) => eb.fn.countAll<number>().as('n'));
}

/**
 * A list page: each row's summary and names, sorted (ties by id), with the count riding along as
 * an uncorrelated subquery (computed once by both engines): one round trip, not two. `rowid`
 * sorts by the joined search index `f`, newest first.
 */
function pageOf(
  db: Db,
  base: TicketBase,
  p: {
    sort: SortKey | 'rowid';
    order: 'asc' | 'desc';
    limit: number;
    offset: number;
    exact: boolean;
    /** false: the caller knows the count (the page's `matching` is then meaningless). */
    counted?: boolean;
  },
) {
  return base
    .leftJoin('users as r', 'r.id', 't.requesterId')
    .leftJoin('users as a', 'a.id', 't.assigneeId')
    .select(summaryColumns.map((c) => `t.${c}` as const))
    .select(['r.name as requesterName', 'a.name as assigneeName'])
    .select(p.counted === false ? sql<number>`0`.as('matching') : countOf(db, base, p.exact).as('matching'))
    .$call((qb) =>
      p.sort === 'rowid'
        ? qb.orderBy(sql`f.rowid`, 'desc')
        : qb.orderBy(`t.${p.sort}`, p.order).orderBy('t.id', p.order),
    )
    .limit(p.limit)
    .offset(p.offset);
}

/** The newest tickets of the whole desk, for an actor who sees them all: only the page changes. */
const wholeDeskNewest = preparedQuery(['limit', 'offset'], (db, arg) =>
  pageOf(db, unscoped(db, 'the whole desk, for an actor who sees every ticket').selectFrom('tickets as t'), {
    sort: 'createdAt',
    order: 'desc',
    limit: arg.limit,
    offset: arg.offset,
    exact: false,
  }),
);

type Found = [rows: TicketSummaryRow[], total: number, totalCapped: boolean];
type ListQuery = z.infer<typeof ticketQuery>;

/**
 * SQLite, newest matches first, a page within the capped count: the matches are read once from
 * the index, newest first, up to the cap (FTS5 builds a prefix word's whole list of matches on
 * each query, so one pass instead of two); they give the count and the page's rowids, whose rows
 * are read in the same statement.
 */
async function newestMatchesSqlite(
  ctx: AppContext,
  actor: Actor,
  q: ListQuery,
  base: TicketBase,
  fts: NonNullable<ReturnType<typeof ticketFtsNewestFirst>>,
): Promise<Found> {
  // Every ticket visible and no filter: the index alone answers, in a statement prepared once.
  // Otherwise the join to the tickets keeps the scope and the filters.
  const wholeDesk = seesWholeDesk(actor, q);
  const matches = () =>
    wholeDesk
      ? searchIndexAlone(ctx.db, fts.terms)
      : base
          .select(sql<number>`t.rowid`.as('rid'))
          .orderBy(fts.rowid, 'desc')
          .limit(COUNT_CAP + 1);
  const rows = wholeDesk
    ? await wholeDeskSearch.execute(ctx.db, { terms: fts.terms, limit: q.limit, offset: q.offset })
    : await pageOfMatches(ctx.db, matches(), q.limit, q.offset).execute();
  // A page past the last match has no row to carry the count: ask for it alone.
  const n = rows.length
    ? Number(rows[0]!.matching)
    : q.offset === 0
      ? 0
      : Number(
          (
            await ctx.db
              .selectFrom(matches().as('m'))
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
  return [rows, Math.min(n, COUNT_CAP), n > COUNT_CAP];
}

/**
 * PostgreSQL search: how many tickets hold the words decides the plan, and the planner can only
 * guess it. So the newest matches are read first, at most COUNT_CAP + 1 of them, by ids: for a
 * word it knows to be common PostgreSQL walks the tickets newest first and stops there (15 ms
 * among 2,000,000 tickets); for a rare or unknown one it reads the GIN index and sorts the few
 * matches (a walk would have crossed every ticket). Fewer than the cap: they are all known, and
 * the page is taken from them, sorted as asked and counted exactly. The newest-first page within
 * the cap is a slice of them. Otherwise the page is read with the condition, the count saying
 * "over 1,000". A search found over the cap is remembered for a minute (over-cap.ts): its next
 * newest-first pages read only their own matches.
 */
async function matchesFirstPostgres(
  ctx: AppContext,
  actor: Actor,
  q: ListQuery,
  base: TicketBase,
  sort: SortKey,
  order: 'asc' | 'desc',
): Promise<Found> {
  const newestFirst = sort === 'createdAt' && order === 'desc';
  const newest = base.select('t.id').orderBy('t.createdAt', 'desc').orderBy('t.id', 'desc');
  // A search known to be over the cap a moment ago needs only its page's matches (over-cap.ts).
  const memo = overCapMemo(ctx.db);
  const probe = newest.compile();
  const key = `${probe.sql}\u0000${JSON.stringify(probe.parameters)}`;
  const wanted = q.offset + q.limit;
  if (newestFirst && wanted <= COUNT_CAP && memo.knows(key)) {
    const page = (await newest.limit(wanted).execute()).map((r) => r.id);
    if (page.length === wanted) {
      const rows = await pageOf(ctx.db, visibleTickets(ctx.db, actor).where('t.id', 'in', page.slice(q.offset)), {
        sort,
        order,
        limit: q.limit,
        offset: 0,
        exact: false,
        counted: false,
      }).execute();
      return [rows, COUNT_CAP, true];
    }
    memo.forget(key);
  }
  const found = (await newest.limit(COUNT_CAP + 1).execute()).map((r) => r.id);
  if (!found.length) return [[], 0, false];
  const common = found.length > COUNT_CAP;
  if (common) memo.remember(key);
  else memo.forget(key);
  const fromFound = !common || (newestFirst && q.offset + q.limit <= found.length);
  const ids = newestFirst ? found.slice(q.offset, q.offset + q.limit) : found;
  const rows = !fromFound
    ? await pageOf(ctx.db, base, {
        sort,
        order,
        limit: q.limit,
        offset: q.offset,
        exact: false,
        counted: false,
      }).execute()
    : ids.length
      ? await pageOf(ctx.db, visibleTickets(ctx.db, actor).where('t.id', 'in', ids), {
          sort,
          order,
          limit: q.limit,
          offset: newestFirst ? 0 : q.offset,
          exact: false,
          counted: false,
        }).execute()
      : [];
  return [rows, Math.min(found.length, COUNT_CAP), common];
}

/** A list page as answered: each row with its remaining business time, and the count. */
async function present(ctx: AppContext, rows: TicketSummaryRow[], total: number, totalCapped: boolean, now: Date) {
  const cals = await calendarsForDisplay(
    ctx,
    rows.map((r) => r.communeId),
  );
  const nowMs = now.getTime();
  return { items: rows.map((r) => presentSummary(r, cals.get(r.communeId), nowMs)), total, totalCapped };
}

/**
 * The list parameters that narrow which tickets match (a filter or a queue); the others choose the
 * words searched, the order and the page. Every parameter of `ticketQuery` is one or the other
 * (a unit test keeps this list whole).
 */
export const narrowingParams = [
  'status',
  'priority',
  'communeId',
  'categoryId',
  'assigneeId',
  'groupId',
  'requesterId',
  'type',
  'dueBefore',
  'assignee',
  'channel',
  'subdomain',
  'createdFrom',
  'createdTo',
  'dueFrom',
  'dueTo',
  'sla',
  'queue',
] as const satisfies ReadonlyArray<keyof z.infer<typeof ticketQuery>>;

/** Whether the list holds every ticket there is: an actor who sees them all, and no filter. */
function seesWholeDesk(actor: Actor, q: z.infer<typeof ticketQuery>): boolean {
  return actor.communes === 'all' && isProvider(actor) && !narrowingParams.some((k) => q[k] !== undefined);
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

type Db = AppContext['db'];

/**
 * A page of search matches `m` (their ticket rowids, newest first, at most COUNT_CAP + 1, which
 * carry the caller's scope) with each row's summary and names, and the number of matches.
 */
function pageOfMatches(db: Db, matches: SelectQueryBuilder<DB, never, { rid: number }>, limit: number, offset: number) {
  return unscoped(db, 'the rows of the matches m, which hold the scope')
    .with(
      (w) => w('m').materialized(),
      () => matches,
    )
    .selectFrom('tickets as t')
    .leftJoin('users as r', 'r.id', 't.requesterId')
    .leftJoin('users as a', 'a.id', 't.assigneeId')
    .select(summaryColumns.map((c) => `t.${c}` as const))
    .select(['r.name as requesterName', 'a.name as assigneeName'])
    .select((eb) => eb.selectFrom('m').select(eb.fn.countAll<number>().as('n')).as('matching'))
    .where(sql<number>`t.rowid`, 'in', (eb) =>
      eb.selectFrom('m').select('m.rid').orderBy('m.rid', 'desc').limit(limit).offset(offset),
    )
    .orderBy(sql`t.rowid`, 'desc');
}

/** The newest matches (up to COUNT_CAP + 1) from the search index alone: for an actor who sees every ticket and filters none. */
function searchIndexAlone(db: Db, terms: string) {
  return unscoped(db, 'the search index alone, for an actor who sees every ticket and filters none')
    .selectFrom(sql`tickets_fts`.as('f'))
    .select(sql<number>`f.rowid`.as('rid'))
    .where(ticketFtsMatch(terms))
    .orderBy(sql`f.rowid`, 'desc')
    .limit(COUNT_CAP + 1);
}

/** The desk's search for such an actor, prepared once: only the terms and the page change. */
const wholeDeskSearch = preparedQuery(['terms', 'limit', 'offset'], (db, arg) =>
  pageOfMatches(db, searchIndexAlone(db, arg.terms), arg.limit, arg.offset),
);
