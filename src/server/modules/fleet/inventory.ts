import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize } from '../../access/actor';
import { forbidden, invalid } from '../../errors';
import { newId } from '../../lib/ids';
import { InventoryFormatError, parseInventory, type AgentInventory } from './inventory-format';
import { GlpiFormatError } from './glpi-inventory';
import { appendHistory, communeByTag, findByKeys, insertDevice, updateDeviceRow, type DeviceRow } from './repo';
import { localToday } from './service';

export interface InventoryResult {
  deviceId: string;
  agentDeviceId: string;
  action: 'created' | 'updated' | 'unchanged';
  changes: Record<string, [unknown, unknown]>;
}

/** What the agent said and what came of it: a PROLOG (the agent asks whether to send) or an inventory. */
export type AgentAnswer =
  | { format: 'xml'; query: 'prolog'; result: null }
  | { format: 'json'; query: 'contact'; result: null }
  | { format: 'xml' | 'json'; query: 'inventory'; result: InventoryResult };

/**
 * An agent's message, on a token scoped to one commune (permission `fleet.inventory`). The
 * FusionInventory/OCS protocol opens with a PROLOG, answered "SEND"; the GLPI Agent protocol
 * with a JSON `contact`, answered with the tasks to run (agent-reply.ts writes both replies);
 * then the inventory: the machine is found by its agent device id, then its serial; a
 * new one is added to the fleet (deployed today), a known one gets its identity and hardware
 * summary updated, each change in its history. An inventory whose TAG names another commune is
 * refused.
 */
export async function receiveInventory(ctx: AppContext, actor: Actor, body: unknown): Promise<AgentAnswer> {
  authorize(actor, 'fleet.inventory');
  if (actor.kind !== 'token' || !actor.communeId)
    throw forbidden('Inventories are sent with an API token scoped to one commune.');
  const communeId = actor.communeId;
  let inv: AgentInventory;
  try {
    inv = parseInventory(Buffer.isBuffer(body) ? body : ((body ?? {}) as Record<string, unknown>));
  } catch (e) {
    if (e instanceof GlpiFormatError)
      throw invalid(
        e.problems.length
          ? e.problems.map((p) => ({ field: p.path ? `body.${p.path}` : 'body', message: p.message }))
          : 'body',
        e.message,
      );
    if (e instanceof InventoryFormatError) throw invalid('body', e.message);
    throw invalid('body', 'Unreadable inventory.');
  }
  if (inv.query === 'prolog' && inv.format === 'xml') return { format: 'xml', query: 'prolog', result: null };
  if (inv.query === 'contact' && inv.format === 'json') return { format: 'json', query: 'contact', result: null };
  if (inv.query !== 'inventory')
    throw invalid('body', `Only inventories are accepted here (query "${inv.query.slice(0, 40)}").`, 'invalid_option');
  if (inv.tag) {
    const tagged = await communeByTag(ctx.db, inv.tag);
    if (tagged && tagged !== communeId)
      throw forbidden('The inventory is tagged for another commune than the token’s.');
  }
  return { format: inv.format, query: 'inventory', result: await storeInventory(ctx, actor, communeId, inv) };
}

/** The inventory written: the device created or updated, the change in its history. */
async function storeInventory(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  inv: AgentInventory,
): Promise<InventoryResult> {
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row =
      (await findByKeys(trx, communeId, { agentDeviceId: inv.deviceId })) ??
      (inv.serial ? await findByKeys(trx, communeId, { serial: inv.serial }) : undefined);
    const identity: Partial<DeviceRow> = {
      agentDeviceId: inv.deviceId,
      ...(inv.name ? { name: inv.name } : {}),
      ...(inv.serial ? { serial: inv.serial } : {}),
      ...(inv.manufacturer ? { manufacturer: inv.manufacturer } : {}),
      ...(inv.model ? { model: inv.model } : {}),
    };
    if (!row) {
      const today = localToday(now);
      const created: DeviceRow = {
        id: newId(now.getTime()),
        communeId,
        entityId: null,
        kind: inv.kind,
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
        status: 'deployed',
        inServiceFrom: today,
        retiredOn: null,
        renewal: 0,
        replacesId: null,
        source: 'agent',
        agentDeviceId: null,
        hardware: JSON.stringify(inv.hardware),
        lastInventoryAt: at,
        notes: null,
        createdAt: at,
        updatedAt: at,
        ...identity,
      };
      await insertDevice(trx, created);
      const changes = Object.fromEntries(
        Object.entries({ ...identity, kind: inv.kind, status: 'deployed', inServiceFrom: today }).map(([k, v]) => [
          k,
          [null, v],
        ]),
      ) as Record<string, [unknown, unknown]>;
      await appendHistory(trx, {
        communeId,
        deviceId: created.id,
        actor,
        action: 'created',
        source: 'agent',
        changes,
        at: now,
      });
      return { deviceId: created.id, agentDeviceId: inv.deviceId, action: 'created' as const, changes };
    }
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [k, v] of Object.entries(identity)) {
      const before = (row as unknown as Record<string, unknown>)[k];
      if (before !== v) changes[k] = [before ?? null, v];
    }
    const previous = row.hardware ? (JSON.parse(row.hardware) as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(inv.hardware))
      if (JSON.stringify(previous[k] ?? null) !== JSON.stringify(v ?? null))
        changes[`hardware.${k}`] = [previous[k] ?? null, v];
    await updateDeviceRow(trx, row.id, {
      ...identity,
      hardware: JSON.stringify(inv.hardware),
      lastInventoryAt: at,
      ...(Object.keys(changes).length ? { updatedAt: at } : {}),
    });
    if (Object.keys(changes).length === 0)
      return { deviceId: row.id, agentDeviceId: inv.deviceId, action: 'unchanged' as const, changes };
    await appendHistory(trx, {
      communeId,
      deviceId: row.id,
      actor,
      action: 'inventoried',
      source: 'agent',
      changes,
      at: now,
    });
    return { deviceId: row.id, agentDeviceId: inv.deviceId, action: 'updated' as const, changes };
  });
}
