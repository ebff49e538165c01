import { sql, type DeleteQueryBuilder, type SelectQueryBuilder, type UpdateQueryBuilder } from 'kysely';
import type { Actor } from '../access/actor';
import type { DB, Executor } from './schema';
import { notFound } from '../errors';

/**
 * Commune isolation, applied in one place.
 *
 * Every tenant-owned table carries its commune id. Services reach tenant data through
 * `scoped(db, actor)`, whose `selectFrom`, `updateTable` and `deleteFrom` add the actor's commune
 * filter before anything else can be written; an object outside the scope is simply not found
 * (404), never "forbidden". Repositories and scheduled jobs may query tenant tables directly;
 * anywhere else an unscoped query names its reason: `unscoped(db, 'why')`. The lint rule
 * `mutualis/no-raw-tenant-query` (eslint/mutualis.js) fails on any other raw query of a table
 * listed here.
 */

/** The column of each table's row that holds its commune; keyed by table, so a typo fails to compile. */
type TenantColumns = { [T in keyof DB]?: keyof DB[T] & string };

/**
 * Tenant tables and the column that holds their commune. Add your table here (a test fails
 * for a table with a `commune_id` column that is neither here nor in `communeWideTables`).
 */
export const tenantColumn = {
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
  ticketWatchers: 'communeId',
  ticketLinks: 'communeId',
  ticketAttachments: 'communeId',
  ticketSurveys: 'communeId',
  indicatorSnapshots: 'communeId',
  indicatorManualValues: 'communeId',
  indicatorEvidence: 'communeId',
  escalationDirectory: 'communeId',
  contracts: 'communeId',
  annexVersions: 'communeId',
  amendments: 'communeId',
  ticketIdempotency: 'communeId',
  indicatorDataVersions: 'communeId',
  indicatorTrendCache: 'communeId',
  inboundMessages: 'communeId',
  targetProposals: 'communeId',
  targetApprovals: 'communeId',
  applications: 'communeId',
  applicationHistory: 'communeId',
  applicationBaselines: 'communeId',
  applicationBaselineItems: 'communeId',
  outages: 'communeId',
  digitalPlans: 'communeId',
  digitalPlanVersions: 'communeId',
  digitalPlanSchedule: 'communeId',
  projects: 'communeId',
  projectPlannedLoad: 'communeId',
  projectTimeEntries: 'communeId',
  projectTimeDays: 'communeId',
  projectTickets: 'communeId',
  projectDocuments: 'communeId',
  devices: 'communeId',
  deviceHistory: 'communeId',
  ticketDevices: 'communeId',
  renewalPolicies: 'communeId',
  renewalPlans: 'communeId',
  renewalPlanLines: 'communeId',
  alertLabelRules: 'communeId',
} as const satisfies TenantColumns;

/**
 * Tables with a `commune_id` that are not tenant tables: the column only labels a row that may
 * belong to the provider (null) or is reached through its owner, never listed by commune.
 */
export const communeWideTables = {
  jobs: 'background work of the whole platform; the commune only labels a job',
  outbox: 'emails reached through their ticket or by system jobs',
  mailboxes: 'provider-managed configuration (a shared mailbox has no commune)',
  apiTokens: 'provider tokens have no commune; tokens are listed by their own rules',
  priorityMatrices: 'the provider-wide matrix has no commune; a commune override is read with it',
  operatingTargets: 'provider-wide operating targets have no commune; a commune override is read with them',
  inboxItems: "a person's own notifications, reached by their user id and read through the ticket's visibility",
} as const satisfies { [T in keyof DB]?: string };

export type TenantTable = keyof typeof tenantColumn;

/**
 * Unscoped access to the database, by explicit name: a scheduled job, a system read after the
 * scope was checked, a lookup across communes by design. `reason` says which (it is for readers
 * and reviewers: the function returns the executor unchanged).
 */
export function unscoped<E extends Executor>(db: E, reason: string): E {
  void reason;
  return db;
}

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
  const column = (tenantColumn as Record<string, string>)[table];
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
