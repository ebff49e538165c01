import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize, can } from '../../access/actor';
import type { Executor } from '../../db/schema';
import { scoped } from '../../db/scope';
import { conflict, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import {
  appendHistory,
  deviceRow,
  entityInCommune,
  entityNames,
  findByKeys,
  historyOf,
  insertDevice,
  replacedByOf,
  updateDeviceRow,
  type DeviceRow,
} from './repo';
import { presentDevice } from './present';
import type { DeviceCreate, DeviceDetailView, DevicePatch, DeviceQuery, DeviceView } from './schemas';
import type { DeviceSource } from './model';

/** Today as a local date in the communes' zone. */
export function localToday(now: Date, zone = 'Europe/Paris'): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

const columnOf: Record<string, string> = {
  name: 'name',
  kind: 'kind',
  status: 'status',
  serial: 'serial',
  purchaseDate: 'purchase_date',
  warrantyEnd: 'warranty_end',
  inServiceFrom: 'in_service_from',
  assignedTo: 'assigned_to',
};

/** The devices of a commune matching a list's filters (kind, status, sub-entity, search …), sorted. */
function filteredDevices(s: ReturnType<typeof scoped>, communeId: string, q: Omit<DeviceQuery, 'limit' | 'offset'>) {
  let base = s.selectFrom('devices').where('communeId', '=', communeId);
  if (q.kind) base = base.where('kind', '=', q.kind);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.entityId) base = base.where('entityId', '=', q.entityId);
  if (q.renewedIn !== undefined)
    base = base
      .where('renewal', '=', 1)
      .where('inServiceFrom', '>=', `${q.renewedIn}-01-01`)
      .where('inServiceFrom', '<', `${q.renewedIn + 1}-01-01`);
  if (q.inServiceAt)
    base = base
      .where('inServiceFrom', '<', q.inServiceAt)
      .where((eb) => eb.or([eb('retiredOn', 'is', null), eb('retiredOn', '>=', q.inServiceAt!)]));
  if (q.q) {
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or(
        ['serial', 'inventory_number', 'name', 'model', 'manufacturer', 'assigned_to', 'site'].map((c) =>
          eb(sql`lower(${sql.ref(c)})`, 'like', sql<string>`${like} escape '\\'`),
        ),
      ),
    );
  }
  const desc = q.sort.startsWith('-');
  const col = columnOf[desc ? q.sort.slice(1) : q.sort]!;
  return {
    base,
    sorted: base
      .selectAll()
      .orderBy(sql.ref(col), desc ? 'desc' : 'asc')
      .orderBy('name')
      .orderBy('id'),
  };
}

export async function listDevices(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: DeviceQuery,
): Promise<{ items: DeviceView[]; total: number }> {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'fleet.read');
  const { base, sorted } = filteredDevices(s, communeId, q);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await sorted.limit(q.limit).offset(q.offset).execute();
  const entities = await entityNames(ctx.db, communeId);
  const today = localToday(ctx.now());
  const canEdit = can(actor, 'fleet.manage');
  return { items: rows.map((r) => presentDevice(r, { entities, today, canEdit })), total };
}

/** Every device matching a list's filters, in the list's order (the export: no page). */
export async function allFilteredDevices(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: Omit<DeviceQuery, 'limit' | 'offset'>,
): Promise<DeviceView[]> {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'fleet.read');
  const rows = await filteredDevices(s, communeId, q).sorted.execute();
  const entities = await entityNames(ctx.db, communeId);
  const today = localToday(ctx.now());
  const canEdit = can(actor, 'fleet.manage');
  return rows.map((r) => presentDevice(r, { entities, today, canEdit }));
}

/** A device the actor may see, or 404. */
async function visibleDevice(db: Executor, actor: Actor, id: string): Promise<DeviceRow> {
  const row = await scoped(db, actor).selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('device');
  return row;
}

export async function getDevice(ctx: AppContext, actor: Actor, id: string): Promise<DeviceDetailView> {
  const row = await visibleDevice(ctx.db, actor, id);
  authorize(actor, 'fleet.read');
  return detail(ctx, ctx.db, actor, row);
}

async function detail(ctx: AppContext, db: Executor, actor: Actor, row: DeviceRow): Promise<DeviceDetailView> {
  const history = await historyOf(db, row.communeId, row.id);
  return {
    ...presentDevice(row, {
      entities: await entityNames(db, row.communeId),
      today: localToday(ctx.now()),
      canEdit: can(actor, 'fleet.manage'),
    }),
    replacedBy: await replacedByOf(db, row.communeId, row.id),
    history: history.map((h) => ({
      id: h.id,
      at: h.at,
      actorLabel: h.actorLabel,
      action: h.action as DeviceDetailView['history'][number]['action'],
      source: h.source as DeviceSource,
      changes: JSON.parse(h.changes) as Record<string, [unknown, unknown]>,
    })),
  };
}

/** The stored columns a patch sets (cost in cents). */
function columnsOf(p: DevicePatch): Partial<DeviceRow> {
  const out: Partial<DeviceRow> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if (k === 'cost') out.costCents = v === null ? null : Math.round((v as number) * 100);
    else if (k === 'renewal') out.renewal = v ? 1 : 0;
    else (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/**
 * Applies a change to a device (or creates it when `row` is undefined) inside the caller's
 * transaction: checks the references and the unique keys, derives the dates a status implies,
 * retires the device a renewal replaces, writes the history entry. Answers the row after.
 */
export async function applyDeviceChange(
  trx: Executor,
  actor: Actor,
  communeId: string,
  row: DeviceRow | undefined,
  patch: DevicePatch,
  opts: { source: DeviceSource; now: Date; today: string; extra?: Partial<DeviceRow>; action?: string },
): Promise<{ row: DeviceRow; changed: boolean }> {
  const set: Partial<DeviceRow> = { ...columnsOf(patch), ...opts.extra };
  const merged = { ...row, ...set } as DeviceRow;
  if (set.entityId) {
    if (!(await entityInCommune(trx, communeId, set.entityId)))
      throw invalid('entityId', 'No such sub-entity in this commune.', 'unknown_reference');
  }
  if (set.replacesId) {
    if (set.replacesId === row?.id) throw invalid('replacesId', 'A device cannot renew itself.');
    if (!(await deviceRow(trx, communeId, set.replacesId)))
      throw invalid('replacesId', 'No such device in this commune.', 'unknown_reference');
    if (patch.renewal === undefined) set.renewal = 1;
  }
  if (set.serial !== undefined || set.inventoryNumber !== undefined) {
    const other = await findByKeys(
      trx,
      communeId,
      { serial: set.serial ?? null, inventoryNumber: set.inventoryNumber ?? null },
      row?.id,
    );
    if (other)
      throw conflict('Another device of the commune has this serial or inventory number.', {
        deviceId: other.id,
        fields: [set.serial && other.serial?.toLowerCase() === set.serial.toLowerCase() ? 'serial' : 'inventoryNumber'],
      });
  }
  if (set.status === 'retired' && !merged.retiredOn) set.retiredOn = opts.today;
  if ((set.status === 'deployed' || set.status === 'in_repair') && !merged.inServiceFrom)
    set.inServiceFrom = opts.today;
  if (set.status && set.status !== 'retired' && merged.retiredOn && set.retiredOn === undefined) set.retiredOn = null;
  const after = { ...row, ...set } as DeviceRow;
  if (after.inServiceFrom && after.retiredOn && after.retiredOn < after.inServiceFrom)
    throw invalid('retiredOn', 'retiredOn is before inServiceFrom.');

  const changes: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(set)) {
    const before = row ? (row as unknown as Record<string, unknown>)[k] : null;
    if (row ? JSON.stringify(before ?? null) !== JSON.stringify(v ?? null) : v !== null)
      changes[k] = [before ?? null, v];
  }
  const at = opts.now.toISOString();
  let result: DeviceRow;
  if (!row) {
    result = {
      id: newId(opts.now.getTime()),
      communeId,
      entityId: null,
      kind: 'desktop',
      name: null,
      serial: null,
      inventoryNumber: null,
      manufacturer: null,
      model: null,
      purchaseDate: null,
      warrantyEnd: null,
      costCents: null,
      site: null,
      assignedTo: null,
      status: 'in_stock',
      inServiceFrom: null,
      retiredOn: null,
      renewal: 0,
      replacesId: null,
      source: opts.source,
      agentDeviceId: null,
      hardware: null,
      lastInventoryAt: null,
      notes: null,
      createdAt: at,
      updatedAt: at,
      ...set,
    };
    await insertDevice(trx, result);
  } else {
    if (Object.keys(changes).length === 0) return { row, changed: false };
    result = { ...row, ...set, updatedAt: at };
    await updateDeviceRow(trx, row.id, { ...set, updatedAt: at });
  }
  const action = opts.action ?? (!row ? 'created' : set.status === 'retired' ? 'retired' : 'updated');
  await appendHistory(trx, {
    communeId,
    deviceId: result.id,
    actor,
    action,
    source: opts.source,
    changes,
    at: opts.now,
  });
  // A renewal retires the device it replaces, the day it goes into service.
  if (set.replacesId && result.inServiceFrom) {
    const old = await deviceRow(trx, communeId, set.replacesId);
    if (old && !old.retiredOn) {
      await updateDeviceRow(trx, old.id, { status: 'retired', retiredOn: result.inServiceFrom, updatedAt: at });
      await appendHistory(trx, {
        communeId,
        deviceId: old.id,
        actor,
        action: 'renewed',
        source: opts.source,
        changes: {
          status: [old.status, 'retired'],
          retiredOn: [null, result.inServiceFrom],
          replacedBy: [null, result.id],
        },
        at: opts.now,
      });
    }
  }
  return { row: result, changed: true };
}

export async function updateDevice(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: DevicePatch,
): Promise<DeviceDetailView> {
  await visibleDevice(ctx.db, actor, id);
  authorize(actor, 'fleet.manage');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await visibleDevice(trx, actor, id);
    const r = await applyDeviceChange(trx, actor, row.communeId, row, patch, {
      source: 'manual',
      now,
      today: localToday(now),
    });
    if (r.changed)
      await recordAudit(
        trx,
        actor,
        { action: 'device.update', targetType: 'device', targetId: id, communeId: row.communeId, changes: patch },
        now,
      );
    return detail(ctx, trx, actor, r.row);
  });
}

export async function createDevice(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  body: DeviceCreate,
): Promise<DeviceDetailView> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'fleet.manage');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const r = await applyDeviceChange(trx, actor, communeId, undefined, body, {
      source: 'manual',
      now,
      today: localToday(now),
    });
    await recordAudit(
      trx,
      actor,
      { action: 'device.create', targetType: 'device', targetId: r.row.id, communeId, changes: body },
      now,
    );
    return detail(ctx, trx, actor, r.row);
  });
}
