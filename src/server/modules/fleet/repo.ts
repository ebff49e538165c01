import { sql } from 'kysely';
import type { Executor } from '../../db/schema';
import type { Actor } from '../../access/actor';
import { newId } from '../../lib/ids';
import type { DeviceHistoryTable, DevicesTable } from './tables';
import type { ServiceSpan } from './renewal-rate';

/** Raw reads and writes of the fleet tables (callers checked the commune's scope). */

export type DeviceRow = DevicesTable;

export async function deviceRow(db: Executor, communeId: string, id: string): Promise<DeviceRow | undefined> {
  return db
    .selectFrom('devices')
    .selectAll()
    .where('communeId', '=', communeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function devicesOfCommune(db: Executor, communeId: string): Promise<DeviceRow[]> {
  return db.selectFrom('devices').selectAll().where('communeId', '=', communeId).execute();
}

/** The dates of service of a commune's devices: all indicator 3.1.1 reads. */
export async function serviceSpans(db: Executor, communeId: string): Promise<ServiceSpan[]> {
  const rows = await db
    .selectFrom('devices')
    .select(['kind', 'inServiceFrom', 'retiredOn', 'renewal'])
    .where('communeId', '=', communeId)
    .where('inServiceFrom', 'is not', null)
    .execute();
  return rows.map((r) => ({ ...r, renewal: Number(r.renewal) === 1 }));
}

/** The device whose serial or inventory number is this one, in the commune. */
export async function findByKeys(
  db: Executor,
  communeId: string,
  keys: { serial?: string | null; inventoryNumber?: string | null; agentDeviceId?: string | null },
  exceptId?: string,
): Promise<DeviceRow | undefined> {
  const ors = [
    keys.serial ? sql<boolean>`lower(serial) = ${keys.serial.toLowerCase()}` : null,
    keys.inventoryNumber ? sql<boolean>`lower(inventory_number) = ${keys.inventoryNumber.toLowerCase()}` : null,
    keys.agentDeviceId ? sql<boolean>`agent_device_id = ${keys.agentDeviceId}` : null,
  ].filter((x) => x !== null);
  if (ors.length === 0) return undefined;
  let q = db
    .selectFrom('devices')
    .selectAll()
    .where('communeId', '=', communeId)
    .where((eb) => eb.or(ors));
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.orderBy('createdAt').executeTakeFirst();
}

export async function insertDevice(db: Executor, row: DeviceRow): Promise<void> {
  await db.insertInto('devices').values(row).execute();
}

export async function updateDeviceRow(db: Executor, id: string, set: Partial<DeviceRow>): Promise<void> {
  await db.updateTable('devices').set(set).where('id', '=', id).execute();
}

export async function appendHistory(
  db: Executor,
  e: {
    communeId: string;
    deviceId: string;
    actor: Actor;
    action: string;
    source: string;
    changes: Record<string, [unknown, unknown]>;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('deviceHistory')
    .values({
      id: newId(e.at.getTime()),
      communeId: e.communeId,
      deviceId: e.deviceId,
      at: e.at.toISOString(),
      actorId: e.actor.kind === 'system' ? null : e.actor.id,
      actorLabel: e.actor.label,
      action: e.action,
      source: e.source,
      changes: JSON.stringify(e.changes),
    })
    .execute();
}

export async function historyOf(db: Executor, communeId: string, deviceId: string) {
  return db
    .selectFrom('deviceHistory')
    .selectAll()
    .where('communeId', '=', communeId)
    .where('deviceId', '=', deviceId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function replacedByOf(db: Executor, communeId: string, deviceId: string): Promise<string | null> {
  const r = await db
    .selectFrom('devices')
    .select('id')
    .where('communeId', '=', communeId)
    .where('replacesId', '=', deviceId)
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function entityNames(db: Executor, communeId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('entities').select(['id', 'name']).where('communeId', '=', communeId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function entityInCommune(db: Executor, communeId: string, entityId: string): Promise<boolean> {
  const e = await db
    .selectFrom('entities')
    .select('id')
    .where('id', '=', entityId)
    .where('communeId', '=', communeId)
    .executeTakeFirst();
  return Boolean(e);
}

export async function entitiesOfCommune(db: Executor, communeId: string) {
  return db.selectFrom('entities').select(['id', 'name']).where('communeId', '=', communeId).execute();
}

/** Inserts devices in batches (a statement's parameters stay under the databases' limits). */
export async function insertDevices(db: Executor, rows: DeviceRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('devices')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function insertHistory(db: Executor, rows: DeviceHistoryTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('deviceHistory')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** The commune an agent's TAG names (by slug or id), if any. */
export async function communeByTag(db: Executor, tag: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('communes')
    .select('id')
    .where((eb) => eb.or([eb('slug', '=', tag.toLowerCase()), eb('id', '=', tag)]))
    .executeTakeFirst();
  return r?.id;
}
