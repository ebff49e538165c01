import { sql } from 'kysely';
import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize, can } from '../../access/actor';
import { scoped } from '../../db/scope';
import { invalid, notFound } from '../../errors';
import { ticketsOfDevice } from '../tickets';
import type { DeviceChoicesQuery } from './plan-schemas';
import type { z } from 'zod';
import type { deviceChoices, deviceTickets } from './plan-schemas';

/**
 * Devices ↔ tickets, the fleet's side: the devices a ticket may name (the picker of the ticket
 * form) and the tickets about a device (its page). The links themselves belong to the service
 * desk (tickets/devices-repo.ts); here they are read through its public API.
 */

/**
 * The devices a ticket may name, for the picker: the requester's own devices (their name or
 * e-mail in "assigned to") first, then the devices whose serial or inventory number is `q`
 * (exactly) — or, for those who read the fleet (fleet.read), whose serial, inventory number,
 * name, model or user contains `q`. Retired devices are left out; at most 50.
 */
export async function deviceChoicesFor(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: DeviceChoicesQuery,
): Promise<z.infer<typeof deviceChoices>> {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'tickets.create');
  let requester: { name: string; email: string } | undefined;
  if (q.requesterId) {
    requester = await s
      .selectFrom('users')
      .select(['name', 'email'])
      .where('id', '=', q.requesterId)
      .where('communeId', '=', communeId)
      .executeTakeFirst();
    if (!requester) throw invalid('requesterId', 'No such user in this commune.', 'unknown_reference');
  } else if (actor.kind === 'user' && actor.communeId === communeId) {
    requester = await s.selectFrom('users').select(['name', 'email']).where('id', '=', actor.id).executeTakeFirst();
  }
  const keys = requester ? [requester.name.toLowerCase(), requester.email.toLowerCase()] : [];
  const base = s.selectFrom('devices').where('communeId', '=', communeId).where('status', '<>', 'retired');
  const mine = keys.length
    ? await base
        .selectAll()
        .where(sql<string>`lower(assigned_to)`, 'in', keys)
        .orderBy('kind')
        .orderBy('serial')
        .limit(50)
        .execute()
    : [];
  let found: typeof mine = [];
  const text = q.q?.trim();
  if (text) {
    const lower = text.toLowerCase();
    if (can(actor, 'fleet.read')) {
      const like = `%${lower.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      found = await base
        .selectAll()
        .where((eb) =>
          eb.or(
            ['serial', 'inventory_number', 'name', 'model', 'assigned_to'].map((c) =>
              eb(sql`lower(${sql.ref(c)})`, 'like', sql<string>`${like} escape '\\'`),
            ),
          ),
        )
        .orderBy('kind')
        .orderBy('serial')
        .limit(50)
        .execute();
    } else {
      found = await base
        .selectAll()
        .where((eb) => eb.or([eb(sql`lower(serial)`, '=', lower), eb(sql`lower(inventory_number)`, '=', lower)]))
        .limit(50)
        .execute();
    }
  }
  const mineIds = new Set(mine.map((d) => d.id));
  const rows = text
    ? [...mine.filter((d) => found.some((f) => f.id === d.id)), ...found.filter((d) => !mineIds.has(d.id))]
    : mine;
  const items = rows.slice(0, 50).map((d) => ({
    id: d.id,
    communeId: d.communeId,
    kind: d.kind,
    name: d.name,
    serial: d.serial,
    inventoryNumber: d.inventoryNumber,
    model: d.model,
    site: d.site,
    assignedTo: d.assignedTo,
    status: d.status,
    assignedToRequester: mineIds.has(d.id),
  }));
  return { items, total: items.length };
}

/** The tickets about a device that the actor may see, newest first, and how many are incidents. */
export async function deviceTicketsOf(
  ctx: AppContext,
  actor: Actor,
  deviceId: string,
): Promise<z.infer<typeof deviceTickets>> {
  const d = await scoped(ctx.db, actor)
    .selectFrom('devices')
    .select('id')
    .where('id', '=', deviceId)
    .executeTakeFirst();
  if (!d) throw notFound('device');
  authorize(actor, 'fleet.read');
  const items = await ticketsOfDevice(ctx.db, actor, deviceId);
  return { items, incidents: items.filter((t) => t.type === 'incident').length };
}
