import type { AppContext } from '../../context';
import { addInboxItems, commentForNews, hasUnread, nameOf, ticketForNews } from './repo';

const EXCERPT = 140;

/** The first words of a reply, on one line. */
export function excerptOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line;
}

/**
 * Items from ticket events, after their commit: an assignment tells the new assignee (unless they
 * took it themselves), a public reply tells the requester and the assignee (not its author). A
 * process that dies between the commit and these listeners loses the bell's item, never the email
 * (the notification outbox is durable); SLA alerts and escalations are written in their own
 * transaction (escalations module).
 */
export function subscribeInbox(ctx: AppContext): void {
  ctx.events.on('assigned', async (e) => {
    if (!e.assigneeId || e.assigneeId === e.actorId) return;
    // A change of group keeps the assignee: one unread item is enough.
    if (await hasUnread(ctx.db, e.assigneeId, e.ticketId, 'assigned')) return;
    const t = await ticketForNews(ctx.db, e.ticketId);
    if (!t || t.assigneeId !== e.assigneeId) return;
    await addInboxItems(
      ctx.db,
      {
        kind: 'assigned',
        ticket: t,
        userIds: [e.assigneeId],
        authorId: e.actorId,
      },
      ctx.now(),
    );
  });
  ctx.events.on('commented', async (e) => {
    if (e.internal) return;
    const c = await commentForNews(ctx.db, e.commentId);
    if (!c || c.internal) return;
    const t = await ticketForNews(ctx.db, e.ticketId);
    if (!t) return;
    const author = c.authorId ?? e.actorId;
    await addInboxItems(
      ctx.db,
      {
        kind: 'reply',
        ticket: t,
        userIds: [t.requesterId, t.assigneeId],
        authorId: author,
        data: { actorName: (await nameOf(ctx.db, author)) ?? c.authorLabel, excerpt: excerptOf(c.body) },
      },
      ctx.now(),
    );
  });
}
