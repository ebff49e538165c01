import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { getVisibleTicket } from '../tickets';

/** The emails of a ticket (sent, waiting for working hours, failed): "was the requester told?". Staff only. */
export async function listTicketNotifications(ctx: AppContext, actor: Actor, ticketId: string) {
  // Scope first: another commune's ticket does not exist (404); then the staff-only permission.
  await getVisibleTicket(ctx.db, actor, ticketId);
  authorize(actor, 'tickets.internal_notes');
  const rows = await ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('ticketId', '=', ticketId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    template: r.template,
    to: r.toAddress,
    toUserId: r.toUserId,
    locale: r.locale,
    subject: r.subject,
    urgent: r.urgent === 1,
    status: r.status,
    notBefore: r.notBefore,
    sentAt: r.sentAt,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt,
  }));
  return { items, total: items.length };
}
