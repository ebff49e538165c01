import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * The SQL aggregates behind the service-desk indicators. Everything is computed by the database
 * over indexed columns (tickets(commune_id, created_at), (commune_id, resolved_at)); the clock
 * engine's answers (business durations, breach flags) are stored on the ticket row, so no ticket
 * is loaded into memory. Compiled SQL per dialect lives in `__sql__/` (see queries.sql.test.ts).
 *
 * Several sub-periods are measured in one pass: `bounds` are ascending ISO instants
 * [b0, b1, …, bn]; a row whose instant t has b(i) ≤ t < b(i+1) falls in bucket i. The same query
 * thus yields the pieces of a period cut by an amendment and the trend over previous periods.
 */
export type Executor = Kysely<DB> | Transaction<DB>;

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

export interface AckBucket { bucket: number; volume: number; met: number; acknowledged: number }

/** 3.3.1 — per bucket of creation time: tickets (merged ones excluded), tickets not breached, tickets acknowledged. */
export function ackAggregateQuery(db: Executor, communeId: string, bounds: readonly string[]) {
  return db.selectFrom('tickets')
    .select([
      bucketOf('createdAt', bounds).as('bucket'),
      (eb) => eb.fn.countAll<number>().as('volume'),
      sql<number>`sum(case when ack_breached = 0 then 1 else 0 end)`.as('met'),
      // ack_business_seconds is set exactly when the ticket is acknowledged (and sits in the covering index).
      sql<number>`sum(case when ack_business_seconds is not null then 1 else 0 end)`.as('acknowledged'),
    ])
    .where('communeId', '=', communeId)
    .where('createdAt', '>=', bounds[0]!)
    .where('createdAt', '<', bounds[bounds.length - 1]!)
    .where('mergedIntoId', 'is', null)
    .groupBy(sql`bucket`);
}

export async function ackAggregate(db: Executor, communeId: string, bounds: readonly string[]): Promise<AckBucket[]> {
  const rows = await ackAggregateQuery(db, communeId, bounds).execute();
  return rows.map((r) => ({ bucket: num(r.bucket), volume: num(r.volume), met: num(r.met), acknowledged: num(r.acknowledged) }));
}

export interface ResolveBucket {
  bucket: number;
  priority: string;
  volume: number;
  met: number;
  reopened: number;
  firstContact: number;
  satisfactionCount: number;
  satisfactionSum: number;
}

/** 3.3.2, reopen rate, first-contact resolution, satisfaction — per bucket of resolution time and priority. */
export function resolveAggregateQuery(db: Executor, communeId: string, bounds: readonly string[]) {
  return db.selectFrom('tickets')
    .select([
      bucketOf('resolvedAt', bounds).as('bucket'),
      'priority',
      (eb) => eb.fn.countAll<number>().as('volume'),
      sql<number>`sum(case when resolve_breached = 0 then 1 else 0 end)`.as('met'),
      sql<number>`sum(case when reopen_count > 0 then 1 else 0 end)`.as('reopened'),
      sql<number>`sum(first_contact_resolution)`.as('firstContact'),
      sql<number>`count(satisfaction)`.as('satisfactionCount'),
      sql<number>`sum(satisfaction)`.as('satisfactionSum'),
    ])
    .where('communeId', '=', communeId)
    .where('resolvedAt', '>=', bounds[0]!)
    .where('resolvedAt', '<', bounds[bounds.length - 1]!)
    .where('mergedIntoId', 'is', null)
    .groupBy([sql`bucket`, 'priority']);
}

export async function resolveAggregate(db: Executor, communeId: string, bounds: readonly string[]): Promise<ResolveBucket[]> {
  const rows = await resolveAggregateQuery(db, communeId, bounds).execute();
  return rows.map((r) => ({
    bucket: num(r.bucket), priority: r.priority, volume: num(r.volume), met: num(r.met), reopened: num(r.reopened),
    firstContact: num(r.firstContact), satisfactionCount: num(r.satisfactionCount), satisfactionSum: num(r.satisfactionSum),
  }));
}

export interface Percentiles { group: string; count: number; median: number | null; p90: number | null }

/** Nearest-rank ranks k = ⌈p·n⌉ in integer arithmetic (portable): median ⌈n/2⌉, p90 ⌈9n/10⌉. */
const medianRank = (n: RawBuilder<number>) => sql<number>`(${n} + 1) / 2`;
const p90Rank = (n: RawBuilder<number>) => sql<number>`(${n} * 9 + 9) / 10`;

/**
 * Median and 90th percentile by the nearest-rank method (the k-th smallest value with
 * k = ⌈p·n⌉), with ROW_NUMBER()/COUNT() OVER — identical on SQLite ≥ 3.25 and PostgreSQL, exact
 * values that occurred (no interpolation), and one pass over the index: only the rows standing
 * at a wanted rank come back.
 * 'ack': ackBusinessSeconds of tickets created in [from,to), overall.
 * 'resolve': resolveBusinessSeconds of tickets resolved in [from,to), per priority and overall.
 */
export function percentilesQuery(db: Executor, communeId: string, kind: 'ack' | 'resolve', from: string, to: string) {
  const valueCol = kind === 'ack' ? 'ackBusinessSeconds' : 'resolveBusinessSeconds';
  const timeCol = kind === 'ack' ? 'createdAt' : 'resolvedAt';
  const byPriority = kind === 'resolve';
  const v = sql.ref(valueCol);
  const ranked = db.selectFrom('tickets')
    .select([
      byPriority ? sql<string>`priority`.as('grp') : sql<string>`${sql.lit('*')}`.as('grp'),
      sql<number>`${v}`.as('v'),
      (byPriority ? sql<number>`row_number() over (partition by priority order by ${v})` : sql<number>`${sql.lit(0)}`).as('rnP'),
      (byPriority ? sql<number>`count(*) over (partition by priority)` : sql<number>`${sql.lit(0)}`).as('cntP'),
      sql<number>`row_number() over (order by ${v})`.as('rnAll'),
      sql<number>`count(*) over ()`.as('cntAll'),
    ])
    .where('communeId', '=', communeId)
    .where(timeCol, '>=', from)
    .where(timeCol, '<', to)
    .where('mergedIntoId', 'is', null)
    .where(valueCol, 'is not', null);
  const rnP = sql<number>`r.rn_p`, cntP = sql<number>`r.cnt_p`, rnAll = sql<number>`r.rn_all`, cntAll = sql<number>`r.cnt_all`;
  return db.selectFrom(ranked.as('r'))
    .selectAll('r')
    .where((eb) => eb.or([
      eb(rnAll, '=', medianRank(cntAll)), eb(rnAll, '=', p90Rank(cntAll)),
      ...(byPriority ? [eb(rnP, '=', medianRank(cntP)), eb(rnP, '=', p90Rank(cntP))] : []),
    ]));
}

export async function percentiles(db: Executor, communeId: string, kind: 'ack' | 'resolve', from: string, to: string): Promise<Percentiles[]> {
  const rows = await percentilesQuery(db, communeId, kind, from, to).execute();
  const groups = new Map<string, Percentiles>();
  const at = (g: string, n: number) => {
    let e = groups.get(g);
    if (!e) groups.set(g, (e = { group: g, count: n, median: null, p90: null }));
    return e;
  };
  for (const r of rows) {
    const value = num(r.v);
    const [rp, cp, ra, ca] = [num(r.rnP), num(r.cntP), num(r.rnAll), num(r.cntAll)];
    if (kind === 'resolve' && cp > 0) {
      const e = at(String(r.grp), cp);
      if (rp === Math.floor((cp + 1) / 2)) e.median = value;
      if (rp === Math.floor((cp * 9 + 9) / 10)) e.p90 = value;
    }
    const all = at('*', ca);
    if (ra === Math.floor((ca + 1) / 2)) all.median = value;
    if (ra === Math.floor((ca * 9 + 9) / 10)) all.p90 = value;
  }
  return [...groups.values()];
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
  const part = (resolved: 'open' | 'later') => db.selectFrom('tickets')
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

export interface IntakeRow { channel: string; categoryId: string | null; subdomain: string | null; volume: number; outsideHours: number }

/**
 * Tickets received in [from,to) by channel, category and sub-domain, with those received outside
 * opening hours (3.2.1). No join: the category codes are read apart (a small table), so the
 * query is an index-only scan of tickets_indicators_created_idx.
 */
export function intakeQuery(db: Executor, communeId: string, from: string, to: string) {
  return db.selectFrom('tickets')
    .select([
      'channel', 'categoryId', 'subdomain',
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
  return rows.map((r) => ({ channel: r.channel, categoryId: r.categoryId, subdomain: r.subdomain, volume: num(r.volume), outsideHours: num(r.outsideHours) }));
}

/** Category codes by id (the service catalogue, a few dozen rows). */
export async function categoryCodes(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('ticketCategories').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}
