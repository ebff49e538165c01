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

function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

export interface AckBucket { bucket: number; volume: number; met: number; acknowledged: number }

/** 3.3.1 — per bucket of creation time: tickets (merged ones excluded), tickets not breached, tickets acknowledged. */
export function ackAggregateQuery(db: Executor, communeId: string, bounds: readonly string[]) {
  return db.selectFrom('tickets')
    .select([
      bucketOf('createdAt', bounds).as('bucket'),
      (eb) => eb.fn.countAll<number>().as('volume'),
      sql<number>`sum(case when ack_breached = 0 then 1 else 0 end)`.as('met'),
      sql<number>`sum(case when acknowledged_at is not null then 1 else 0 end)`.as('acknowledged'),
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

/**
 * Median and 90th percentile by the nearest-rank method (the k-th smallest value with
 * k = ⌈p·n⌉), per group, with ROW_NUMBER()/COUNT() OVER — identical on SQLite ≥ 3.25 and
 * PostgreSQL, and exact values that occurred (no interpolation).
 * `kind` 'ack': ackBusinessSeconds of tickets created in [from,to); 'resolve': resolveBusinessSeconds
 * of tickets resolved in [from,to), grouped by priority plus an overall group `*`.
 */
export function percentilesQuery(db: Executor, communeId: string, kind: 'ack' | 'resolve', from: string, to: string) {
  const valueCol = kind === 'ack' ? 'ackBusinessSeconds' : 'resolveBusinessSeconds';
  const timeCol = kind === 'ack' ? 'createdAt' : 'resolvedAt';
  const base = db.selectFrom('tickets')
    .where('communeId', '=', communeId)
    .where(timeCol, '>=', from)
    .where(timeCol, '<', to)
    .where('mergedIntoId', 'is', null)
    .where(valueCol, 'is not', null);
  const ranked = (partition: 'priority' | null) => base.select([
    partition ? sql<string>`priority`.as('grp') : sql<string>`${sql.lit('*')}`.as('grp'),
    sql<number>`${sql.ref(valueCol)}`.as('v'),
    (partition
      ? sql<number>`row_number() over (partition by priority order by ${sql.ref(valueCol)})`
      : sql<number>`row_number() over (order by ${sql.ref(valueCol)})`).as('rn'),
    (partition ? sql<number>`count(*) over (partition by priority)` : sql<number>`count(*) over ()`).as('cnt'),
  ]);
  return db.selectFrom(ranked('priority').unionAll(ranked(null)).as('r'))
    .select([
      'r.grp',
      sql<number>`max(r.cnt)`.as('cnt'),
      sql<number>`max(case when r.rn = (r.cnt + 1) / 2 then r.v end)`.as('median'),
      sql<number>`max(case when r.rn = (r.cnt * 9 + 9) / 10 then r.v end)`.as('p90'),
    ])
    .where((eb) => eb.or([eb(sql`r.rn`, '=', sql`(r.cnt + 1) / 2`), eb(sql`r.rn`, '=', sql`(r.cnt * 9 + 9) / 10`)]))
    .groupBy('r.grp');
}

export async function percentiles(db: Executor, communeId: string, kind: 'ack' | 'resolve', from: string, to: string): Promise<Percentiles[]> {
  const rows = await percentilesQuery(db, communeId, kind, from, to).execute();
  return rows.map((r) => ({ group: String(r.grp), count: num(r.cnt), median: numOrNull(r.median), p90: numOrNull(r.p90) }));
}

/** Backlog at an instant: tickets created before it and neither resolved nor closed by then. */
export function backlogQuery(db: Executor, communeId: string, at: string) {
  return db.selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('open'))
    .where('communeId', '=', communeId)
    .where('createdAt', '<', at)
    .where('mergedIntoId', 'is', null)
    .where((eb) => eb.and([
      eb.or([eb('resolvedAt', 'is', null), eb('resolvedAt', '>=', at)]),
      eb.or([eb('closedAt', 'is', null), eb('closedAt', '>=', at)]),
    ]));
}

export async function backlog(db: Executor, communeId: string, at: string): Promise<number> {
  const row = await backlogQuery(db, communeId, at).executeTakeFirst();
  return num(row?.open);
}

export interface IntakeRow { channel: string; categoryId: string | null; categoryCode: string | null; subdomain: string | null; volume: number; outsideHours: number }

/** Tickets received in [from,to) by channel, category and sub-domain, with those received outside opening hours (3.2.1). */
export function intakeQuery(db: Executor, communeId: string, from: string, to: string) {
  return db.selectFrom('tickets as t')
    .leftJoin('ticketCategories as c', 'c.id', 't.categoryId')
    .select([
      't.channel', 't.categoryId', 'c.code as categoryCode', 't.subdomain',
      (eb) => eb.fn.countAll<number>().as('volume'),
      sql<number>`sum(t.received_outside_hours)`.as('outsideHours'),
    ])
    .where('t.communeId', '=', communeId)
    .where('t.createdAt', '>=', from)
    .where('t.createdAt', '<', to)
    .where('t.mergedIntoId', 'is', null)
    .groupBy(['t.channel', 't.categoryId', 'c.code', 't.subdomain']);
}

export async function intake(db: Executor, communeId: string, from: string, to: string): Promise<IntakeRow[]> {
  const rows = await intakeQuery(db, communeId, from, to).execute();
  return rows.map((r) => ({ channel: r.channel, categoryId: r.categoryId, categoryCode: r.categoryCode, subdomain: r.subdomain, volume: num(r.volume), outsideHours: num(r.outsideHours) }));
}
