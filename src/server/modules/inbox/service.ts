import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { notFound } from '../../errors';
import { findItem, listItems, markAllRead, markItemRead } from './repo';
import { presentItem, type InboxItemView } from './present';

/** GET /me/inbox: the signed-in person's items, newest first, with the unread count. */
export async function listInbox(
  ctx: AppContext,
  actor: Actor,
  q: { unread: boolean; limit: number; offset: number },
): Promise<{ items: InboxItemView[]; total: number; unread: number }> {
  const r = await listItems(ctx.db, actor, q);
  return { items: r.rows.map(presentItem), total: r.total, unread: r.unread };
}

/** POST /me/inbox/{id}/read: one of my items read; anyone else's does not exist (404). */
export async function readInboxItem(ctx: AppContext, actor: Actor, id: string): Promise<InboxItemView> {
  const row = await findItem(ctx.db, actor, id);
  if (!row) throw notFound('inbox item');
  if (row.readAt) return presentItem(row);
  await markItemRead(ctx.db, actor, id, ctx.now().toISOString());
  const read = await findItem(ctx.db, actor, id);
  if (!read) throw notFound('inbox item');
  return presentItem(read);
}

/** POST /me/inbox/read-all: every unread item of mine read. */
export async function readAllInbox(ctx: AppContext, actor: Actor): Promise<{ marked: number; unread: number }> {
  const marked = await markAllRead(ctx.db, actor, ctx.now().toISOString());
  const { unread } = await listItems(ctx.db, actor, { unread: true, limit: 1, offset: 0 });
  return { marked, unread };
}
