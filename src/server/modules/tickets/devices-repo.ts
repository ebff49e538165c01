import type { Executor } from '../../db/schema';
import type { Actor } from '../../access/actor';
import { invalid } from '../../errors';
import { appendHistory, visibleTickets } from './repo';
import type { TicketTable } from './tables';

/**
 * The devices a ticket is about. The fleet (modules/fleet) owns the devices; the service desk
 * owns the link and reads a device's id, commune and labels from the fleet's table, here only:
 * a ticket may name devices of its own commune, never another's (400 on `deviceIds`).
 */

export interface TicketDeviceView {
  id: string;
  kind: string;
  name: string | null;
  serial: string | null;
  inventoryNumber: string | null;
  model: string | null;
  status: string;
}

/** The devices named, checked to be of the commune (400 naming `deviceIds` otherwise). */
async function checkDevices(db: Executor, communeId: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const found = await db
    .selectFrom('devices')
    .select('id')
    .where('communeId', '=', communeId)
    .where('id', 'in', [...ids])
    .execute();
  const known = new Set(found.map((d) => d.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length)
    throw invalid('deviceIds', `No such device in the ticket’s commune: ${missing.join(', ')}.`, 'unknown_reference');
}

/**
 * Sets the devices of a ticket inside the caller's transaction: links the new ones, unlinks
 * those left out, and records the change in the ticket's history (kind `devices`). Answers the
 * change, or null when the list is the same.
 */
export async function setTicketDevices(
  trx: Executor,
  actor: Actor,
  t: Pick<TicketTable, 'id' | 'communeId'>,
  deviceIds: readonly string[],
  at: string,
  opts: { history?: boolean } = {},
): Promise<{ added: string[]; removed: string[] } | null> {
  const wanted = [...new Set(deviceIds)];
  await checkDevices(trx, t.communeId, wanted);
  const current = (await trx.selectFrom('ticketDevices').select('deviceId').where('ticketId', '=', t.id).execute()).map(
    (r) => r.deviceId,
  );
  const added = wanted.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !wanted.includes(id));
  if (!added.length && !removed.length) return null;
  if (removed.length)
    await trx.deleteFrom('ticketDevices').where('ticketId', '=', t.id).where('deviceId', 'in', removed).execute();
  if (added.length)
    await trx
      .insertInto('ticketDevices')
      .values(
        added.map((deviceId) => ({
          ticketId: t.id,
          deviceId,
          communeId: t.communeId,
          linkedAt: at,
          linkedBy: actor.label,
        })),
      )
      .execute();
  if (opts.history !== false)
    await appendHistory(trx, {
      ticketId: t.id,
      communeId: t.communeId,
      actor,
      kind: 'devices',
      at,
      internal: false,
      data: { added, removed, labels: await labelsOf(trx, t.communeId, [...added, ...removed]) },
    });
  return { added, removed };
}

/** A short label per device (name, inventory number or serial), for history entries. */
async function labelsOf(db: Executor, communeId: string, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await db
    .selectFrom('devices')
    .select(['id', 'name', 'inventoryNumber', 'serial', 'kind'])
    .where('communeId', '=', communeId)
    .where('id', 'in', ids)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name ?? r.inventoryNumber ?? r.serial ?? r.kind]));
}

/** The devices a ticket names (its commune's), ordered by kind then label. */
export async function devicesOfTicket(db: Executor, ticketId: string, communeId: string): Promise<TicketDeviceView[]> {
  return db
    .selectFrom('ticketDevices as td')
    .innerJoin('devices as d', 'd.id', 'td.deviceId')
    .select(['d.id', 'd.kind', 'd.name', 'd.serial', 'd.inventoryNumber', 'd.model', 'd.status'])
    .where('td.ticketId', '=', ticketId)
    .where('td.communeId', '=', communeId)
    .where('d.communeId', '=', communeId)
    .orderBy('d.kind')
    .orderBy('d.serial')
    .execute();
}

export interface DeviceTicketView {
  id: string;
  reference: string;
  type: string;
  title: string;
  status: string;
  priority: string;
  createdAt: string;
  resolvedAt: string | null;
}

/** The tickets about a device that the actor may see, newest first. */
export async function ticketsOfDevice(db: Executor, actor: Actor, deviceId: string): Promise<DeviceTicketView[]> {
  return visibleTickets(db, actor)
    .innerJoin('ticketDevices as td', 'td.ticketId', 't.id')
    .select(['t.id', 't.reference', 't.type', 't.title', 't.status', 't.priority', 't.createdAt', 't.resolvedAt'])
    .where('td.deviceId', '=', deviceId)
    .orderBy('t.createdAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(200)
    .execute();
}

/**
 * Incidents per device of a commune (tickets of type incident naming it, opened before
 * `before`, merged duplicates left out): what the renewal plan ranks "most incidents first" by.
 */
export async function incidentCountsByDevice(
  db: Executor,
  communeId: string,
  before: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ticketDevices as td')
    .innerJoin('tickets as t', 't.id', 'td.ticketId')
    .select(['td.deviceId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('td.communeId', '=', communeId)
    .where('t.communeId', '=', communeId)
    .where('t.type', '=', 'incident')
    .where('t.mergedIntoId', 'is', null)
    .where('t.createdAt', '<', before)
    .groupBy('td.deviceId')
    .execute();
  return new Map(rows.map((r) => [r.deviceId, Number(r.n)]));
}
