import { sql } from 'kysely';
import type { Executor } from '../../db/schema';
import type { PlanVersionFact, ScheduledProject } from './domain';

/**
 * Raw queries of the digital plan and project tables: by commune id the caller has already
 * checked against the scope, or across communes for the service-wide figures of 2.1.1 and the
 * workload view (given the list of communes in scope, or every commune for a provider-wide total).
 */

/** Every version of every plan of a commune, oldest first. */
export async function planVersionFacts(db: Executor, communeId: string): Promise<PlanVersionFact[]> {
  const rows = await db
    .selectFrom('digitalPlanVersions as v')
    .innerJoin('digitalPlans as p', 'p.id', 'v.planId')
    .select([
      'v.planId',
      'p.title as planTitle',
      'v.id as versionId',
      'v.version',
      'v.startYear',
      'v.endYear',
      'v.approvedOn',
    ])
    .where('v.communeId', '=', communeId)
    .orderBy('v.approvedOn')
    .orderBy('v.version')
    .execute();
  return rows.map((r) => ({
    ...r,
    version: Number(r.version),
    startYear: Number(r.startYear),
    endYear: Number(r.endYear),
  }));
}

/** The projects a version scheduled for a year, with their current state. */
export async function scheduledFor(db: Executor, versionId: string, year: number): Promise<ScheduledProject[]> {
  const rows = await db
    .selectFrom('digitalPlanSchedule as s')
    .innerJoin('projects as p', 'p.id', 's.projectId')
    .select(['p.id as projectId', 'p.title', 's.priority', 'p.status', 'p.goLiveOn', 'p.plannedYear'])
    .where('s.versionId', '=', versionId)
    .where('s.year', '=', year)
    .orderBy('s.priority')
    .orderBy('p.title')
    .execute();
  return rows.map((r) => ({
    ...r,
    priority: Number(r.priority),
    plannedYear: r.plannedYear === null ? null : Number(r.plannedYear),
  }));
}

/** Communes filter: a list of ids, or every commune. */
export type CommuneFilter = readonly string[] | 'all';

/** Planned person-days per month and key (team or commune) for months in [from, to]. */
export async function plannedByMonth(
  db: Executor,
  communes: CommuneFilter,
  from: string,
  to: string,
  groupBy: 'team' | 'commune',
): Promise<Array<{ key: string; month: string; days: number }>> {
  if (communes !== 'all' && communes.length === 0) return [];
  const key = groupBy === 'team' ? 'team' : 'communeId';
  let q = db
    .selectFrom('projectPlannedLoad')
    .select([`${key} as key`, 'month', (eb) => eb.fn.sum<number>('days').as('days')])
    .where('month', '>=', from)
    .where('month', '<=', to);
  if (communes !== 'all') q = q.where('communeId', 'in', communes);
  const rows = await q.groupBy([key, 'month']).execute();
  return rows.map((r) => ({ key: String(r.key), month: r.month, days: Number(r.days) }));
}

/** Recorded person-days per month and key, for entries of the given statuses, days in [fromDate, toDate). */
export async function recordedByMonth(
  db: Executor,
  communes: CommuneFilter,
  fromDate: string,
  toDate: string,
  groupBy: 'team' | 'commune',
  statuses: ReadonlyArray<'submitted' | 'approved' | 'rejected'> = ['approved'],
): Promise<Array<{ key: string; month: string; days: number }>> {
  if (communes !== 'all' && communes.length === 0) return [];
  const key = groupBy === 'team' ? 'team' : 'communeId';
  const month = sql<string>`substr(work_date, 1, 7)`;
  let q = db
    .selectFrom('projectTimeDays')
    .select([sql<string>`${sql.ref(key)}`.as('key'), month.as('month'), (eb) => eb.fn.sum<number>('days').as('days')])
    .where('status', 'in', statuses)
    .where('workDate', '>=', fromDate)
    .where('workDate', '<', toDate);
  if (communes !== 'all') q = q.where('communeId', 'in', communes);
  const rows = await q.groupBy([sql.ref(key), month]).execute();
  return rows.map((r) => ({ key: String(r.key), month: r.month, days: Number(r.days) }));
}

/** Planned and recorded person-days per project (all months). */
export async function projectTotals(
  db: Executor,
  projectIds: readonly string[],
): Promise<Map<string, { planned: number; actual: number }>> {
  const out = new Map<string, { planned: number; actual: number }>();
  if (!projectIds.length) return out;
  const get = (id: string) => {
    let v = out.get(id);
    if (!v) out.set(id, (v = { planned: 0, actual: 0 }));
    return v;
  };
  for (let i = 0; i < projectIds.length; i += 500) {
    const ids = projectIds.slice(i, i + 500);
    const planned = await db
      .selectFrom('projectPlannedLoad')
      .select(['projectId', (eb) => eb.fn.sum<number>('days').as('days')])
      .where('projectId', 'in', ids)
      .groupBy('projectId')
      .execute();
    for (const r of planned) get(r.projectId).planned = Number(r.days);
    const actual = await db
      .selectFrom('projectTimeEntries')
      .select(['projectId', (eb) => eb.fn.sum<number>('totalDays').as('days')])
      .where('projectId', 'in', ids)
      .where('status', '=', 'approved')
      .groupBy('projectId')
      .execute();
    for (const r of actual) get(r.projectId).actual = Number(r.days);
  }
  return out;
}

/** Names of people by id (provider staff and commune users alike). */
export async function peopleNames(db: Executor, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A user's commune and whether they are active, for owner checks. */
export async function userFacts(db: Executor, id: string) {
  return db.selectFrom('users').select(['id', 'communeId', 'active', 'roles']).where('id', '=', id).executeTakeFirst();
}

/** Commune names by id. */
export async function communeNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('communes')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
