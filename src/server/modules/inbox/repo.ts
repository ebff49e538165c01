import type { Executor } from '../../db/schema';
import type { Actor } from '../../access/actor';
import { can } from '../../access/actor';
import { newId } from '../../lib/ids';
import { loadUserActor } from '../auth';
import type { TicketTable } from '../tickets';
import { findVisibleTicket, visibleTickets } from '../tickets';
import type { InboxData, InboxItemTable, InboxKind } from './tables';

/** What to write: one kind of news about one ticket, for some people. */
export interface InboxNews {
  kind: InboxKind;
  ticket: Pick<TicketTable, 'id' | 'communeId' | 'reference' | 'title'>;
  userIds: ReadonlyArray<string | null | undefined>;
  /** The person who caused it: never told of their own doing; named in the item unless `data.actorName` says otherwise. */
  authorId?: string | null;
  data?: Omit<InboxData, 'reference' | 'title'>;
}

/**
 * Writes the items of some news, in the caller's transaction when given one: one per person
 * (duplicates and the author dropped), only for an active person who may see the ticket now
 * (the service desk's visibility rules, `visibleTickets`). Returns the people told.
 */
export async function addInboxItems(db: Executor, news: InboxNews, now: Date): Promise<string[]> {
  const ids = [...new Set(news.userIds.filter((u): u is string => Boolean(u)))].filter((u) => u !== news.authorId);
  const told: string[] = [];
  // Who did it, by name, unless the caller said.
  const actorName = news.data?.actorName !== undefined ? news.data.actorName : await nameOf(db, news.authorId);
  for (const userId of ids) {
    // A transaction is a Kysely too: the reads run in it (SQLite has one connection).
    const actor = await loadUserActor(db, userId);
    if (!actor || !can(actor, 'tickets.read')) continue;
    if (!(await findVisibleTicket(db, actor, news.ticket.id))) continue;
    const data: InboxData = { reference: news.ticket.reference, title: news.ticket.title, ...news.data, actorName };
    await db
      .insertInto('inboxItems')
      .values({
        id: newId(now.getTime()),
        userId,
        communeId: news.ticket.communeId,
        kind: news.kind,
        ticketId: news.ticket.id,
        data: JSON.stringify(data),
        createdAt: now.toISOString(),
        readAt: null,
      })
      .execute();
    told.push(userId);
  }
  return told;
}

/** True when the person has an unread item of this kind about the ticket (an assignment told twice). */
export async function hasUnread(db: Executor, userId: string, ticketId: string, kind: InboxKind): Promise<boolean> {
  const row = await db
    .selectFrom('inboxItems')
    .select('id')
    .where('userId', '=', userId)
    .where('ticketId', '=', ticketId)
    .where('kind', '=', kind)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}

/** A ticket as the listeners need it (system read after the event). */
export async function ticketForNews(db: Executor, ticketId: string): Promise<TicketTable | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
}

/** A comment's author, visibility and text (system read after the event). */
export async function commentForNews(db: Executor, commentId: string) {
  return db
    .selectFrom('ticketComments')
    .select(['authorId', 'authorLabel', 'body', 'internal'])
    .where('id', '=', commentId)
    .executeTakeFirst();
}

/** A person's display name. */
export async function nameOf(db: Executor, userId: string | null | undefined): Promise<string | null> {
  if (!userId) return null;
  const u = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return u?.name ?? null;
}

/** The actor's own items whose ticket they may still see (a token has none). */
function ownItems(db: Executor, actor: Actor) {
  return db
    .selectFrom('inboxItems as i')
    .where('i.userId', '=', actor.kind === 'user' ? actor.id : '')
    .where('i.ticketId', 'in', visibleTickets(db, actor).select('t.id'));
}

export async function listItems(
  db: Executor,
  actor: Actor,
  q: { unread: boolean; limit: number; offset: number },
): Promise<{ rows: InboxItemTable[]; total: number; unread: number }> {
  let list = ownItems(db, actor);
  if (q.unread) list = list.where('i.readAt', 'is', null);
  const [rows, total, unread] = await Promise.all([
    list
      .selectAll('i')
      .orderBy('i.createdAt', 'desc')
      .orderBy('i.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    list.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ownItems(db, actor)
      .where('i.readAt', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), unread: Number(unread.n) };
}

export async function findItem(db: Executor, actor: Actor, id: string): Promise<InboxItemTable | undefined> {
  return ownItems(db, actor).selectAll('i').where('i.id', '=', id).executeTakeFirst();
}

/** Marks one of the actor's items read (kept as first read). */
export async function markItemRead(db: Executor, actor: Actor, id: string, at: string): Promise<void> {
  if (actor.kind !== 'user') return;
  await db
    .updateTable('inboxItems')
    .set({ readAt: at })
    .where('id', '=', id)
    .where('userId', '=', actor.id)
    .where('readAt', 'is', null)
    .execute();
}

/** Marks every unread item of the actor read; returns how many. */
export async function markAllRead(db: Executor, actor: Actor, at: string): Promise<number> {
  if (actor.kind !== 'user') return 0;
  const r = await db
    .updateTable('inboxItems')
    .set({ readAt: at })
    .where('userId', '=', actor.id)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
