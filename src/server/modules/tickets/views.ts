import type { z } from 'zod';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { conflict, forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { unscoped } from '../../db/scope';
import type { Executor } from '../../db/schema';
import { viewQuery, type ticketViewBody } from './schemas';

/**
 * Saved views of the ticket list: a person keeps the filters, search, queue and order of the list
 * under a name, for themselves or shared with a support group they belong to. A view holds query
 * parameters only (checked as the list checks them); what it shows is still narrowed to the
 * viewer's communes by the list itself. Views are personal data of the desk, not of a commune:
 * they are reached by their owner and by the shared group's members, 404 for anyone else.
 */

const reason = 'ticket views belong to people and groups, not communes';

/** The groups the caller belongs to. */
async function myGroups(db: Executor, actor: Actor): Promise<string[]> {
  const rows = await unscoped(db, reason)
    .selectFrom('supportGroupMembers')
    .select('groupId')
    .where('userId', '=', actor.id)
    .execute();
  return rows.map((r) => r.groupId);
}

function visibleViews(db: Executor, actor: Actor, groups: string[]) {
  return unscoped(db, reason)
    .selectFrom('ticketViews as v')
    .leftJoin('users as o', 'o.id', 'v.ownerId')
    .leftJoin('supportGroups as g', 'g.id', 'v.groupId')
    .select([
      'v.id',
      'v.name',
      'v.query',
      'v.groupId',
      'g.name as groupName',
      'v.ownerId',
      'o.name as ownerName',
      'v.createdAt',
      'v.updatedAt',
    ])
    .where((eb) => eb.or([eb('v.ownerId', '=', actor.id), ...(groups.length ? [eb('v.groupId', 'in', groups)] : [])]));
}

type Row = {
  id: string;
  name: string;
  query: string;
  groupId: string | null;
  groupName: string | null;
  ownerId: string;
  ownerName: string | null;
  createdAt: string;
  updatedAt: string;
};
const present = (actor: Actor, r: Row) => ({
  ...r,
  query: JSON.parse(r.query) as Record<string, string>,
  mine: r.ownerId === actor.id,
});

/** The caller's views, then those shared with their groups, by name. */
export async function listTicketViews(ctx: AppContext, actor: Actor) {
  authorize(actor, 'tickets.read');
  const groups = await myGroups(ctx.db, actor);
  const rows = await visibleViews(ctx.db, actor, groups).orderBy('v.name').orderBy('v.id').execute();
  const items = rows.map((r) => present(actor, r)).sort((a, b) => Number(b.mine) - Number(a.mine));
  return { items, total: items.length };
}

/** Saves a view; the query is checked as the list would read it (400 naming `query.<parameter>`). */
export async function createTicketView(ctx: AppContext, actor: Actor, body: z.infer<typeof ticketViewBody>) {
  authorize(actor, 'tickets.read');
  if (actor.kind !== 'user') throw forbidden('Views are saved by people.');
  const checked = viewQuery.strict().safeParse(body.query);
  if (!checked.success)
    throw invalid(
      checked.error.issues.map((i) => ({
        field: ['query', ...i.path.map(String), ...('keys' in i ? i.keys.slice(0, 1) : [])].join('.'),
        message: i.message,
      })),
    );
  const groups = await myGroups(ctx.db, actor);
  if (body.groupId && !groups.includes(body.groupId))
    throw invalid('groupId', 'Views are shared with a group you belong to.', 'invalid_option');
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const same = await unscoped(trx, reason)
      .selectFrom('ticketViews')
      .select('id')
      .where('ownerId', '=', actor.id)
      .where('name', '=', body.name)
      .executeTakeFirst();
    if (same) throw conflict('You already have a view of that name.', { field: 'name' });
    const id = newId(Date.parse(now));
    await unscoped(trx, reason)
      .insertInto('ticketViews')
      .values({
        id,
        ownerId: actor.id,
        groupId: body.groupId,
        name: body.name,
        query: JSON.stringify(body.query),
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const row = await visibleViews(trx, actor, groups).where('v.id', '=', id).executeTakeFirstOrThrow();
    return present(actor, row);
  });
}

/** Deletes a view: its owner only (a member of the group it is shared with gets 403; others 404). */
export async function deleteTicketView(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'tickets.read');
  const groups = await myGroups(ctx.db, actor);
  const row = await visibleViews(ctx.db, actor, groups).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('view');
  if (row.ownerId !== actor.id) throw forbidden('Only its owner deletes a shared view.');
  await unscoped(ctx.db, reason).deleteFrom('ticketViews').where('id', '=', id).execute();
}
