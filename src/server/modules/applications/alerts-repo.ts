import type { Executor } from '../../db/schema';
import type { Actor } from '../../access/actor';
import { scoped, unscoped } from '../../db/scope';
import type { ApplicationTable, OutageTable } from './tables';
import { nameKey } from './repo';

/** Queries of the alert webhook: the application an alert names, the outage of an alert firing. */

/** What the webhook needs of an alert's application (its ticket's title, commune and levels). */
export type AlertApplication = Pick<ApplicationTable, 'id' | 'communeId' | 'name' | 'criticality'>;
const alertApplicationColumns = ['id', 'communeId', 'name', 'criticality'] as const;

/** How an alert's labels named its application. */
export type AlertMatch =
  | { by: 'id' | 'name'; app: AlertApplication }
  | { by: 'rule'; app: AlertApplication; rule: { label: string; value: string; position: number } };

/**
 * The application an alert's labels name, in the caller's communes (or in `communeId` only);
 * undefined when none or ambiguous. In order: the label `mutualis_application_id` (else
 * `application`) as an id, `application` as an exact name (case-insensitive), then the communes'
 * own rules (label = value, first match in order).
 */
export async function matchAlertApplication(
  db: Executor,
  actor: Actor,
  labels: Record<string, string>,
  communeId?: string,
): Promise<AlertMatch | undefined> {
  const s = scoped(db, actor);
  const commune = communeId ?? labels.commune;
  const byId = labels.mutualis_application_id ?? labels.application;
  if (byId) {
    let q = s.selectFrom('applications').select(alertApplicationColumns).where('id', '=', byId);
    if (communeId) q = q.where('communeId', '=', communeId);
    const r = await q.executeTakeFirst();
    if (r) return { by: 'id', app: r };
  }
  const name = labels.application;
  if (name) {
    let q = s.selectFrom('applications').select(alertApplicationColumns).where('nameKey', '=', nameKey(name));
    if (commune) q = q.where('communeId', '=', commune);
    const rows = await q.limit(2).execute();
    if (rows.length === 1) return { by: 'name', app: rows[0]! };
    if (rows.length > 1) return undefined;
  }
  const keys = Object.keys(labels);
  if (keys.length === 0) return undefined;
  let rq = s
    .selectFrom('alertLabelRules')
    .select(['label', 'value', 'applicationId', 'communeId', 'position'])
    .where('label', 'in', keys);
  if (commune) rq = rq.where('communeId', '=', commune);
  const rules = await rq.orderBy('position').execute();
  const hits = rules.filter((r) => labels[r.label] === r.value);
  // A label set matching the rules of two communes names no application (the token sees both).
  if (new Set(hits.map((h) => h.communeId)).size !== 1) return undefined;
  const hit = hits[0]!;
  const app = await s
    .selectFrom('applications')
    .select(alertApplicationColumns)
    .where('id', '=', hit.applicationId)
    .executeTakeFirst();
  return app ? { by: 'rule', app, rule: { label: hit.label, value: hit.value, position: hit.position } } : undefined;
}

/** The application an alert's labels name in the caller's communes; undefined when none or ambiguous. */
export async function resolveAlertApplication(
  db: Executor,
  actor: Actor,
  labels: Record<string, string>,
): Promise<AlertApplication | undefined> {
  return (await matchAlertApplication(db, actor, labels))?.app;
}

/**
 * A repeat's shortcut, in one statement: counts the notification on the outage the alert key already
 * has (with its ticket) in the caller's commune, without mapping the labels again; answers its id.
 * Only for a caller of one commune, where the key is unique; undefined otherwise, or when no such
 * outage exists yet (the full path runs).
 */
export async function noteKnownAlert(
  db: Executor,
  actor: Actor,
  key: string,
  at: string,
  restoredAt: string | null,
): Promise<string | undefined> {
  if (actor.communes === 'all' || actor.communes.length !== 1) return undefined;
  const row = await scoped(db, actor)
    .updateTable('outages')
    .set((eb) => ({
      notifications: eb('notifications', '+', 1),
      lastNotifiedAt: at,
      updatedAt: at,
      ...(restoredAt ? { restoredAt: eb.fn.coalesce('restoredAt', eb.val(restoredAt)) } : {}),
    }))
    .where('alertKey', '=', key)
    .where('ticketId', 'is not', null)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Inserts the outage of an alert firing unless one exists for its key; the row inserted, else undefined. */
export async function insertAlertOutage(
  db: Executor,
  row: OutageTable,
): Promise<{ id: string; ticketId: string | null } | undefined> {
  const r = await db
    .insertInto('outages')
    .values(row)
    .onConflict((oc) => oc.columns(['communeId', 'alertKey']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0 ? { id: row.id, ticketId: null } : undefined;
}

export async function alertOutage(db: Executor, communeId: string, key: string) {
  return unscoped(db, 'the webhook resolved the commune from the token’s own applications')
    .selectFrom('outages')
    .select(['id', 'ticketId'])
    .where('communeId', '=', communeId)
    .where('alertKey', '=', key)
    .executeTakeFirst();
}

/**
 * Counts a notification of an alert's outage; a resolved one records the restoration, once (a
 * repeated `resolved` keeps the first restoration time).
 */
export async function noteAlertNotification(
  db: Executor,
  outageId: string,
  at: string,
  restoredAt: string | null,
): Promise<void> {
  await db
    .updateTable('outages')
    .set((eb) => ({
      notifications: eb('notifications', '+', 1),
      lastNotifiedAt: at,
      updatedAt: at,
      ...(restoredAt ? { restoredAt: eb.fn.coalesce('restoredAt', eb.val(restoredAt)) } : {}),
    }))
    .where('id', '=', outageId)
    .execute();
}

export async function linkOutageTicket(db: Executor, outageId: string, ticketId: string): Promise<void> {
  await db.updateTable('outages').set({ ticketId }).where('id', '=', outageId).execute();
}

/**
 * The provider's first intervention on an outage opened with a ticket: when the ticket is first
 * taken into account (acknowledged), unless someone recorded the intervention already.
 */
export async function interventionFromTicket(db: Executor, ticketId: string): Promise<void> {
  const t = await unscoped(db, 'listener: a ticket event names its ticket')
    .selectFrom('tickets')
    .select(['acknowledgedAt'])
    .where('id', '=', ticketId)
    .executeTakeFirst();
  if (!t?.acknowledgedAt) return;
  await db
    .updateTable('outages')
    .set({ intervenedAt: t.acknowledgedAt, updatedAt: t.acknowledgedAt })
    .where('ticketId', '=', ticketId)
    .where('intervenedAt', 'is', null)
    .where('startedAt', '<=', t.acknowledgedAt)
    .execute();
}
