import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/schema';

/**
 * The SQL aggregates behind the service-desk indicators. Everything is computed by the database
 * over indexed columns (tickets(commune_id, created_at), (commune_id, resolved_at)); the clock
 * engine's answers (business durations, breach flags) are stored on the ticket row, so no ticket
 * is loaded into memory. Compiled SQL per dialect lives in `__sql__/` (see queries.sql.test.ts).
 *
 * Several sub-periods are measured in one pass: `bounds` are ascending ISO instants
 * [b0, b1, …, bn]; a row whose instant t has b(i) ≤ t < b(i+1) falls in bucket i. The same query
 * thus yields the pieces of a period cut by an amendment and the trend over previous periods.
 * The rows of the ack and resolve aggregates of closed trend periods are cached (trend-cache.ts):
 * a change to their columns or meaning needs a migration that empties indicator_trend_cache, and
 * a new ticket column read by them belongs in the watched list of migration 2026112812.
 */
/** `CASE WHEN col < b1 THEN 0 WHEN col < b2 THEN 1 … END` over ascending bounds (the WHERE clause bounds b0 and bn). */
export function bucketOf(column: string, bounds: readonly string[]): RawBuilder<number> {
  if (bounds.length < 2) throw new Error('bucketOf: at least two bounds');
  const whens = bounds.slice(1, -1).map((b, i) => sql`when ${sql.ref(column)} < ${b} then ${sql.lit(i)}`);
  if (whens.length === 0) return sql<number>`${sql.lit(0)}`;
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(bounds.length - 2)} end`;
}

function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

export interface AckBucket {
  bucket: number;
  volume: number;
  met: number;
  acknowledged: number;
  /** Tickets ruled force majeure (3.3.1 "sauf cas de force majeure"): left out of 3.3.1. */
  excluded: number;
}

/**
 * 3.3.1 — per bucket of creation time: tickets (merged ones excluded), tickets not breached, tickets
 * acknowledged, tickets ruled force majeure (only a breached one can be: they are never in `met`).
 */
export function ackAggregateQuery(db: Executor, communeId: string, bounds: readonly string[]) {
  return db
    .selectFrom('tickets')
    .select([
      bucketOf('createdAt', bounds).as('bucket'),
      (eb) => eb.fn.countAll<number>().as('volume'),
      sql<number>`sum(case when ack_breached = 0 then 1 else 0 end)`.as('met'),
      // ack_business_seconds is set exactly when the ticket is acknowledged (and sits in the covering index).
      sql<number>`sum(case when ack_business_seconds is not null then 1 else 0 end)`.as('acknowledged'),
      sql<number>`sum(force_majeure)`.as('excluded'),
    ])
    .where('communeId', '=', communeId)
    .where('createdAt', '>=', bounds[0]!)
    .where('createdAt', '<', bounds[bounds.length - 1]!)
    .where('mergedIntoId', 'is', null)
    .groupBy(sql`bucket`);
}

export async function ackAggregate(db: Executor, communeId: string, bounds: readonly string[]): Promise<AckBucket[]> {
  const rows = await ackAggregateQuery(db, communeId, bounds).execute();
  return rows.map((r) => ({
    bucket: num(r.bucket),
    volume: num(r.volume),
    met: num(r.met),
    acknowledged: num(r.acknowledged),
    excluded: num(r.excluded),
  }));
}

export interface ResolveBucket {
  bucket: number;
  /** incident or request: 3.3.2 counts incidents only. */
  type: string;
  priority: string;
  /** Where the resolution delay came from: contract, agreed, operating (null: no deadline). */
  origin: string | null;
  volume: number;
  met: number;
  reopened: number;
  firstContact: number;
  satisfactionCount: number;
  satisfactionSum: number;
  timed: number;
}

/**
 * 3.3.2, requests' resolution, reopen rate, first-contact resolution, satisfaction — per bucket of
 * resolution time, ticket type, priority and origin of the resolution target.
 */
export function resolveAggregateQuery(db: Executor, communeId: string, bounds: readonly string[]) {
  return db
    .selectFrom('tickets')
    .select([
      bucketOf('resolvedAt', bounds).as('bucket'),
      'type',
      'priority',
      'resolveTargetOrigin',
      (eb) => eb.fn.countAll<number>().as('volume'),
      sql<number>`sum(case when resolve_breached = 0 then 1 else 0 end)`.as('met'),
      sql<number>`sum(case when reopen_count > 0 then 1 else 0 end)`.as('reopened'),
      sql<number>`sum(first_contact_resolution)`.as('firstContact'),
      sql<number>`count(satisfaction)`.as('satisfactionCount'),
      sql<number>`sum(satisfaction)`.as('satisfactionSum'),
      // Tickets with a resolution duration: the count behind the resolution percentiles.
      sql<number>`count(resolve_business_seconds)`.as('timed'),
    ])
    .where('communeId', '=', communeId)
    .where('resolvedAt', '>=', bounds[0]!)
    .where('resolvedAt', '<', bounds[bounds.length - 1]!)
    .where('mergedIntoId', 'is', null)
    .groupBy([sql`bucket`, 'type', 'priority', 'resolveTargetOrigin']);
}

export async function resolveAggregate(
  db: Executor,
  communeId: string,
  bounds: readonly string[],
): Promise<ResolveBucket[]> {
  const rows = await resolveAggregateQuery(db, communeId, bounds).execute();
  return rows.map((r) => ({
    bucket: num(r.bucket),
    type: r.type,
    priority: r.priority,
    origin: r.resolveTargetOrigin,
    volume: num(r.volume),
    met: num(r.met),
    reopened: num(r.reopened),
    firstContact: num(r.firstContact),
    satisfactionCount: num(r.satisfactionCount),
    satisfactionSum: num(r.satisfactionSum),
    timed: num(r.timed),
  }));
}

export interface Percentiles {
  group: string;
  count: number;
  median: number | null;
  p80: number | null;
  p90: number | null;
  p95: number | null;
}

/** Nearest-rank ranks k = ⌈p·n⌉ in integer arithmetic: median ⌈n/2⌉, p80 ⌈4n/5⌉, p90 ⌈9n/10⌉, p95 ⌈19n/20⌉. */
export const medianRank = (n: number) => Math.floor((n + 1) / 2);
export const p80Rank = (n: number) => Math.floor((n * 4 + 4) / 5);
export const p90Rank = (n: number) => Math.floor((n * 9 + 9) / 10);
export const p95Rank = (n: number) => Math.floor((n * 19 + 19) / 20);
const ranksOf = (n: number) => [...new Set([medianRank(n), p80Rank(n), p90Rank(n), p95Rank(n)])];

/**
 * Median and 90th percentile by the nearest-rank method (the k-th smallest value with
 * k = ⌈p·n⌉): exact values that occurred (no interpolation), identical on SQLite ≥ 3.25 and
 * PostgreSQL. The counts n come from the aggregates already computed (`acknowledged`, `timed`),
 * so the ranks are known beforehand: one sort of the period's values along one window, where
 * ROW_NUMBER() gives the overall rank and a running count per group (priority) the rank inside
 * the group, and only the rows standing at a wanted rank come back. (COUNT(*) OVER partitions,
 * and a second sort per priority, cost twice as much on SQLite.)
 * 'ack': ackBusinessSeconds of tickets created in [from,to), overall ('*' in `counts`).
 * 'resolve': resolveBusinessSeconds of incidents (3.3.2's population) resolved in [from,to), per
 * priority (`counts` by priority) and overall.
 */
export function percentilesQuery(
  db: Executor,
  communeId: string,
  kind: 'ack' | 'resolve',
  from: string,
  to: string,
  counts: ReadonlyMap<string, number>,
) {
  const valueCol = kind === 'ack' ? 'ackBusinessSeconds' : 'resolveBusinessSeconds';
  const timeCol = kind === 'ack' ? 'createdAt' : 'resolvedAt';
  const groups =
    kind === 'resolve'
      ? [...counts.entries()].filter(([g, n]) => g !== '*' && n > 0).sort(([a], [b]) => a.localeCompare(b))
      : [];
  const total = kind === 'resolve' ? groups.reduce((s, [, n]) => s + n, 0) : (counts.get('*') ?? 0);
  // Rows ordered by value; ties in any order (the k-th smallest value is the same).
  const w = sql`over (order by ${sql.ref(valueCol)} rows between unbounded preceding and current row)`;
  const ranked = db
    .selectFrom('tickets')
    .select([
      kind === 'resolve' ? sql<string>`priority`.as('grp') : sql<string>`${sql.lit('*')}`.as('grp'),
      sql<number>`${sql.ref(valueCol)}`.as('v'),
      sql<number>`row_number() ${w}`.as('rnAll'),
      ...groups.map(([g], i) => sql<number>`sum(case when priority = ${g} then 1 else 0 end) ${w}`.as(`rn${i}`)),
    ])
    .where('communeId', '=', communeId)
    .where(timeCol, '>=', from)
    .where(timeCol, '<', to)
    .where('mergedIntoId', 'is', null)
    .where(valueCol, 'is not', null)
    .$if(kind === 'resolve', (q) => q.where('type', '=', 'incident'));
  return db
    .selectFrom(ranked.as('r'))
    .selectAll('r')
    .where((eb) =>
      eb.or([
        eb(sql.ref('r.rnAll'), 'in', ranksOf(total)),
        ...groups.map(([g, n], i) => eb.and([eb(sql.ref('r.grp'), '=', g), eb(sql.ref(`r.rn${i}`), 'in', ranksOf(n))])),
      ]),
    );
}

/** The percentiles of the period; `counts` as for percentilesQuery (nothing is read when they are zero). */
export async function percentiles(
  db: Executor,
  communeId: string,
  kind: 'ack' | 'resolve',
  from: string,
  to: string,
  counts: ReadonlyMap<string, number>,
): Promise<Percentiles[]> {
  const groups =
    kind === 'resolve'
      ? [...counts.entries()].filter(([g, n]) => g !== '*' && n > 0).sort(([a], [b]) => a.localeCompare(b))
      : [];
  const total = kind === 'resolve' ? groups.reduce((s, [, n]) => s + n, 0) : (counts.get('*') ?? 0);
  if (total === 0) return [];
  const rows = await percentilesQuery(db, communeId, kind, from, to, counts).execute();
  const empty = (group: string, count: number): Percentiles => ({
    group,
    count,
    median: null,
    p80: null,
    p90: null,
    p95: null,
  });
  const out: Percentiles[] = [empty('*', total), ...groups.map(([g, n]) => empty(g, n))];
  const set = (p: Percentiles, n: number, rank: number, value: number) => {
    if (rank === medianRank(n)) p.median = value;
    if (rank === p80Rank(n)) p.p80 = value;
    if (rank === p90Rank(n)) p.p90 = value;
    if (rank === p95Rank(n)) p.p95 = value;
  };
  for (const r of rows) {
    const value = num(r.v);
    set(out[0]!, total, num(r.rnAll), value);
    groups.forEach(([g, n], i) => {
      if (r.grp === g) set(out[i + 1]!, n, num((r as Record<string, unknown>)[`rn${i}`]), value);
    });
  }
  return out;
}

/**
 * Backlog at an instant: tickets created before it and neither resolved nor closed by then.
 * Counted as two ranges of tickets_indicators_resolved_idx — still unresolved (`resolved_at` null)
 * and resolved at or after the instant — rather than one OR over every ticket the commune ever
 * had (five years of history scanned for a few dozen open ones: 10 ms a commune on SQLite).
 * A closed ticket has a resolution instant no later than its closing one, so the closing
 * condition only filters within these ranges.
 */
export function backlogQuery(db: Executor, communeId: string, at: string) {
  const part = (resolved: 'open' | 'later') =>
    db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('communeId', '=', communeId)
      .where('resolvedAt', resolved === 'open' ? 'is' : '>=', resolved === 'open' ? null : at)
      // Wrapped so that no index on created_at is chosen for it: SQLite's statistics rate both
      // ranges alike and took (commune_id, created_at) — five years of rows — over the few here.
      .where(sql<string>`coalesce(${sql.ref('createdAt')}, '')`, '<', at)
      .where('mergedIntoId', 'is', null)
      .where((eb) => eb.or([eb('closedAt', 'is', null), eb('closedAt', '>=', at)]));
  return db.selectNoFrom([part('open').as('unresolved'), part('later').as('resolvedLater')]);
}

export async function backlog(db: Executor, communeId: string, at: string): Promise<number> {
  const row = await backlogQuery(db, communeId, at).executeTakeFirst();
  return num(row?.unresolved) + num(row?.resolvedLater);
}

export interface IntakeRow {
  channel: string;
  categoryId: string | null;
  subdomain: string | null;
  volume: number;
  outsideHours: number;
}

/**
 * Tickets received in [from,to) by channel, category and sub-domain, with those received outside
 * opening hours (3.2.1). No join: the category codes are read apart (a small table), so the
 * query is an index-only scan of tickets_indicators_created_idx.
 */
export function intakeQuery(db: Executor, communeId: string, from: string, to: string) {
  return db
    .selectFrom('tickets')
    .select([
      'channel',
      'categoryId',
      'subdomain',
      (eb) => eb.fn.countAll<number>().as('volume'),
      sql<number>`sum(received_outside_hours)`.as('outsideHours'),
    ])
    .where('communeId', '=', communeId)
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .where('mergedIntoId', 'is', null)
    .groupBy(['channel', 'categoryId', 'subdomain']);
}

export async function intake(db: Executor, communeId: string, from: string, to: string): Promise<IntakeRow[]> {
  const rows = await intakeQuery(db, communeId, from, to).execute();
  return rows.map((r) => ({
    channel: r.channel,
    categoryId: r.categoryId,
    subdomain: r.subdomain,
    volume: num(r.volume),
    outsideHours: num(r.outsideHours),
  }));
}

/** Category codes by id (the service catalogue, a few dozen rows). */
export async function categoryCodes(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('ticketCategories').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}
