import type { z } from 'zod';
import type { AppContext } from '../../context';
import { authorize, can, isProvider, type Actor } from '../../access/actor';
import { forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { unscoped } from '../../db/scope';
import type { Executor } from '../../db/schema';
import type { cannedReplyBody, cannedReplyQuery } from './schemas';

/**
 * Canned replies: each support group keeps its ready-made answers, which its members pick in a
 * ticket's reply box (then edit before sending). Provider staff who work tickets read the
 * replies of their groups; whoever configures the desk (`tickets.configure`) reads and keeps
 * every group's. Anyone else: 404 for a reply, as if it did not exist.
 */

const reason = 'canned replies belong to support groups, not communes';

/** The groups whose replies the caller reads and keeps: theirs, or every one for the desk's configurers. */
async function groupsOf(db: Executor, actor: Actor): Promise<string[] | 'all'> {
  // Support groups are the provider's: a commune's user or token keeps none, whatever its permissions.
  if (!isProvider(actor)) return [];
  if (can(actor, 'tickets.configure')) return 'all';
  const rows = await unscoped(db, reason)
    .selectFrom('supportGroupMembers')
    .select('groupId')
    .where('userId', '=', actor.id)
    .execute();
  return rows.map((r) => r.groupId);
}

function visible(db: Executor, groups: string[] | 'all') {
  let q = unscoped(db, reason)
    .selectFrom('cannedReplies as c')
    .innerJoin('supportGroups as g', 'g.id', 'c.groupId')
    .select(['c.id', 'c.groupId', 'g.name as groupName', 'c.title', 'c.body', 'c.createdAt', 'c.updatedAt']);
  if (groups !== 'all') q = q.where('c.groupId', 'in', groups.length ? groups : ['']);
  return q;
}

export async function listCannedReplies(ctx: AppContext, actor: Actor, query: z.infer<typeof cannedReplyQuery>) {
  authorize(actor, 'tickets.work');
  let q = visible(ctx.db, await groupsOf(ctx.db, actor));
  if (query.groupId) q = q.where('c.groupId', '=', query.groupId);
  const items = await q.orderBy('g.name').orderBy('c.title').orderBy('c.id').execute();
  return { items, total: items.length };
}

export async function createCannedReply(ctx: AppContext, actor: Actor, body: z.infer<typeof cannedReplyBody>) {
  authorize(actor, 'tickets.work');
  if (actor.kind !== 'user') throw forbidden('Canned replies are written by people.');
  const groups = await groupsOf(ctx.db, actor);
  const exists = await unscoped(ctx.db, reason)
    .selectFrom('supportGroups')
    .select('id')
    .where('id', '=', body.groupId)
    .executeTakeFirst();
  if (!exists || (groups !== 'all' && !groups.includes(body.groupId)))
    throw invalid('groupId', 'Canned replies are kept for a group you belong to.', 'invalid_option');
  const now = ctx.now().toISOString();
  const id = newId(Date.parse(now));
  await unscoped(ctx.db, reason)
    .insertInto('cannedReplies')
    .values({
      id,
      groupId: body.groupId,
      title: body.title,
      body: body.body,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return visible(ctx.db, 'all').where('c.id', '=', id).executeTakeFirstOrThrow();
}

export async function deleteCannedReply(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'tickets.work');
  const row = await visible(ctx.db, await groupsOf(ctx.db, actor))
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('canned reply');
  await unscoped(ctx.db, reason).deleteFrom('cannedReplies').where('id', '=', id).execute();
}
