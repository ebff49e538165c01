import { sql } from 'kysely';
import type { Executor } from '../../db/schema';
import type { Actor } from '../../access/actor';
import { scoped } from '../../db/scope';
import type { ApplicationTable, OutageTable } from './tables';

/** Kysely queries of the applications module (tenant tables through the actor's scope). */

export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

export async function findApplication(db: Executor, actor: Actor, id: string) {
  return scoped(db, actor).selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listApplicationRows(
  db: Executor,
  actor: Actor,
  communeId: string,
  q: { q?: string; criticality?: string; status?: string; limit: number; offset: number },
): Promise<{ rows: ApplicationTable[]; total: number }> {
  let query = scoped(db, actor).selectFrom('applications').where('communeId', '=', communeId);
  if (q.criticality) query = query.where('criticality', '=', q.criticality as ApplicationTable['criticality']);
  if (q.status) query = query.where('status', '=', q.status as ApplicationTable['status']);
  if (q.q) {
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or(
        (['name', 'vendor', 'product', 'domain'] as const).map(
          (c) => sql<boolean>`lower(coalesce(${sql.ref(`applications.${c}`)}, '')) like ${like} escape '\\'`,
        ),
      ),
    );
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('name').limit(q.limit).offset(q.offset).execute();
  return { rows, total: Number(total.n) };
}

/** Ids of applications listed in the commune's latest baseline. */
export async function baselineApplicationIds(db: Executor, actor: Actor, communeId: string): Promise<Set<string>> {
  const b = await latestBaseline(db, actor, communeId);
  if (!b) return new Set();
  const items = await scoped(db, actor)
    .selectFrom('applicationBaselineItems')
    .select('applicationId')
    .where('baselineId', '=', b.id)
    .execute();
  return new Set(items.map((i) => i.applicationId).filter((x): x is string => x !== null));
}

export async function latestBaseline(db: Executor, actor: Actor, communeId: string) {
  return scoped(db, actor)
    .selectFrom('applicationBaselines')
    .selectAll()
    .where('communeId', '=', communeId)
    .orderBy('asOf', 'desc')
    .executeTakeFirst();
}

export type OutageRow = OutageTable & {
  applicationName: string;
  criticality: ApplicationTable['criticality'];
  outageCalendar: ApplicationTable['outageCalendar'];
  ticketReference: string | null;
};

export async function listOutageRows(
  db: Executor,
  actor: Actor,
  communeId: string,
  q: {
    fromUtc?: string;
    toUtc?: string;
    applicationId?: string;
    criticality?: ApplicationTable['criticality'];
    limit: number;
    offset: number;
  },
): Promise<{ rows: OutageRow[]; total: number }> {
  let query = scoped(db, actor)
    .selectFrom('outages as o')
    .innerJoin('applications as a', 'a.id', 'o.applicationId')
    .where('o.communeId', '=', communeId);
  if (q.fromUtc) query = query.where('o.startedAt', '>=', q.fromUtc);
  if (q.toUtc) query = query.where('o.startedAt', '<', q.toUtc);
  if (q.applicationId) query = query.where('o.applicationId', '=', q.applicationId);
  if (q.criticality) query = query.where('a.criticality', '=', q.criticality);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .leftJoin('tickets as t', 't.id', 'o.ticketId')
    .selectAll('o')
    .select([
      'a.name as applicationName',
      'a.criticality as criticality',
      'a.outageCalendar as outageCalendar',
      't.reference as ticketReference',
    ])
    .orderBy('o.startedAt', 'desc')
    .orderBy('o.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function findOutage(db: Executor, actor: Actor, id: string): Promise<OutageRow | undefined> {
  return scoped(db, actor)
    .selectFrom('outages as o')
    .innerJoin('applications as a', 'a.id', 'o.applicationId')
    .leftJoin('tickets as t', 't.id', 'o.ticketId')
    .selectAll('o')
    .select([
      'a.name as applicationName',
      'a.criticality as criticality',
      'a.outageCalendar as outageCalendar',
      't.reference as ticketReference',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** Outages of one application overlapping [fromUtc, toUtc). */
export async function outagesOverlapping(
  db: Executor,
  actor: Actor,
  applicationId: string,
  fromUtc: string,
  toUtc: string,
) {
  return scoped(db, actor)
    .selectFrom('outages')
    .select(['startedAt', 'restoredAt'])
    .where('applicationId', '=', applicationId)
    .where('startedAt', '<', toUtc)
    .where((eb) => eb.or([eb('restoredAt', 'is', null), eb('restoredAt', '>', fromUtc)]))
    .execute();
}
