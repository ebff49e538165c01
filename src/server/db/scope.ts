import { sql, type DeleteQueryBuilder, type SelectQueryBuilder, type UpdateQueryBuilder } from 'kysely';
import type { Actor } from '../access/actor';
import type { DB, Executor } from './schema';
import { notFound } from '../errors';

/**
 * Commune isolation, applied in one place.
 *
 * Every tenant-owned table carries its commune id. Repositories reach tenant data through
 * `scoped(db, actor)`, whose `selectFrom`, `updateTable` and `deleteFrom` add the actor's commune
 * filter before anything else can be written; an object outside the scope is simply not found
 * (404), never "forbidden". Unscoped access is `db` itself, used by system jobs by explicit name.
 */

/** Tenant tables and the column that holds their commune. Add your table here. */
const tenantColumn: Record<string, string> = {
  communes: 'id',
  entities: 'communeId',
  users: 'communeId',
  assignments: 'communeId',
  auditLog: 'communeId',
  tickets: 'communeId',
  ticketPauses: 'communeId',
  calendars: 'communeId',
  calendarVersions: 'communeId',
  oncallPeriods: 'communeId',
  oncallAgents: 'communeId',
  ticketHistory: 'communeId',
  ticketComments: 'communeId',
  ticketAttachments: 'communeId',
  ticketSurveys: 'communeId',
  indicatorSnapshots: 'communeId',
  indicatorManualValues: 'communeId',
  indicatorEvidence: 'communeId',
  escalationDirectory: 'communeId',
  contracts: 'communeId',
  annexVersions: 'communeId',
  amendments: 'communeId',
};

function splitAlias(from: string): { table: string; alias: string } {
  const m = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(from);
  if (!m) throw new Error(`scoped: unsupported table expression ${from}`);
  return { table: m[1]!, alias: m[2] ?? m[1]! };
}

/** The SQL condition "this row's commune is in scope" for a column reference. */
export function communeCondition(actor: Actor, columnRef: string) {
  if (actor.communes === 'all') return sql<boolean>`1 = 1`;
  if (actor.communes.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`${sql.ref(columnRef)} in (${sql.join(actor.communes.map((c) => sql.val(c)))})`;
}

function conditionFor(actor: Actor, from: string) {
  const { table, alias } = splitAlias(from);
  const column = tenantColumn[table];
  if (!column) throw new Error(`scoped: ${table} is not a tenant table; register it or use the unscoped db explicitly`);
  // Commune users restricted to a sub-entity see their commune's shared objects but only
  // their branch's tickets (glpi#22311); that finer rule lives in the tickets repository.
  return communeCondition(actor, `${alias}.${column}`);
}

export interface Scoped {
  readonly actor: Actor;
  readonly db: Executor;
  /** `db.selectFrom` on a tenant table, filtered to the actor's communes. */
  selectFrom: Executor['selectFrom'];
  /** `db.updateTable` on a tenant table, filtered to the actor's communes. */
  updateTable: Executor['updateTable'];
  /** `db.deleteFrom` on a tenant table, filtered to the actor's communes. */
  deleteFrom: Executor['deleteFrom'];
  /** Throws 404 unless the commune exists and is inside the scope. */
  assertCommune(communeId: string): Promise<void>;
  /** True when the commune id is inside the scope (no database access). */
  includes(communeId: string): boolean;
}

/** The actor's view of the database. */
export function scoped(db: Executor, actor: Actor): Scoped {
  const selectFrom = ((from: string) =>
    (db.selectFrom(from as never) as unknown as SelectQueryBuilder<DB, never, object>).where(
      conditionFor(actor, from),
    )) as unknown as Executor['selectFrom'];
  const updateTable = ((from: string) =>
    (db.updateTable(from as never) as unknown as UpdateQueryBuilder<DB, never, never, never>).where(
      conditionFor(actor, from),
    )) as unknown as Executor['updateTable'];
  const deleteFrom = ((from: string) =>
    (db.deleteFrom(from as never) as unknown as DeleteQueryBuilder<DB, never, never>).where(
      conditionFor(actor, from),
    )) as unknown as Executor['deleteFrom'];
  const includes = (communeId: string) => actor.communes === 'all' || actor.communes.includes(communeId);
  return {
    actor,
    db,
    selectFrom,
    updateTable,
    deleteFrom,
    includes,
    async assertCommune(communeId: string) {
      if (!includes(communeId)) throw notFound('commune');
      const row = await db.selectFrom('communes').select('id').where('id', '=', communeId).executeTakeFirst();
      if (!row) throw notFound('commune');
    },
  };
}
