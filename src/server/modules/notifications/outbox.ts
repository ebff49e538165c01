import { localeOf } from '../../../shared/roles';
import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import { newId } from '../../lib/ids';
import { enqueueJob } from '../scheduler';
import { render, type Locale, type TemplateInput } from './templates';
import { deliveryTime } from './hours';
import { MAX_SEND_ATTEMPTS } from './mailer';
import { unscoped } from '../../db/scope';

/** A person (or a bare address) to notify. */
export interface Recipient {
  address: string;
  userId: string | null;
  locale: Locale;
  /** The commune of a commune user (their working hours are the commune's calendar); null for staff. */
  communeId: string | null;
}

export interface QueueEmail {
  to: Recipient;
  content: TemplateInput;
  communeId: string | null;
  ticketId: string | null;
  /** P1/P2 or an escalation: delivered now even outside the recipient's working hours. */
  urgent: boolean;
  /** Message-ID we answer (inbound mail), for threading. */
  inReplyTo?: string | null;
}

/** The domain of our Message-IDs, from the configured sender address. */
export function mailDomain(ctx: AppContext): string {
  const from = ctx.config.smtp?.from ?? 'support@mutualis.local';
  const m = /@([^>\s]+)/.exec(from);
  return m ? m[1]! : 'mutualis.local';
}

/** The thread root Message-ID of a ticket: every notification of the ticket references it. */
export function ticketThreadId(ctx: AppContext, ticketId: string): string {
  return `<ticket.${ticketId}@${mailDomain(ctx)}>`;
}

/** The ticket id of one of our Message-IDs (thread root form), if it is one. */
export function ticketIdFromThreadId(messageId: string): string | null {
  const m = /^<?ticket\.([0-9a-f-]{36})@/.exec(messageId.trim());
  return m ? m[1]! : null;
}

/**
 * Writes one email to the outbox inside the caller's transaction (so it exists exactly when its
 * cause committed) and schedules its sending at the recipient's next working hour unless urgent.
 * Returns the outbox id.
 */
export async function queueEmail(trx: Executor, ctx: AppContext, q: QueueEmail, now: Date): Promise<string> {
  const id = newId(now.getTime());
  const { subject, text } = render(q.content, q.to.locale);
  const notBefore = await deliveryTime(trx, q.to, q.urgent, now);
  const root = q.ticketId ? ticketThreadId(ctx, q.ticketId) : null;
  const inReplyTo = q.inReplyTo ?? root;
  const refs = [root, q.inReplyTo].filter((x, i, a): x is string => Boolean(x) && a.indexOf(x) === i);
  await trx
    .insertInto('outbox')
    .values({
      id,
      communeId: q.communeId,
      ticketId: q.ticketId,
      template: q.content.template,
      toAddress: q.to.address,
      toUserId: q.to.userId,
      locale: q.to.locale,
      subject,
      textBody: text,
      messageId: `<${id}@${mailDomain(ctx)}>`,
      inReplyTo,
      referencesHeader: refs.length ? refs.join(' ') : null,
      urgent: q.urgent ? 1 : 0,
      status: 'pending',
      notBefore: notBefore.toISOString(),
      attempts: 0,
      lastError: null,
      createdAt: now.toISOString(),
      sentAt: null,
    })
    .execute();
  await enqueueJob(
    trx,
    {
      kind: 'mail.send',
      runAt: notBefore,
      payload: { outboxId: id },
      dedupeKey: `mail:${id}`,
      communeId: q.communeId,
      maxAttempts: MAX_SEND_ATTEMPTS,
    },
    now,
  );
  return id;
}

/** Users as recipients (active ones with email notifications on), in the given order. */
export async function recipientsOf(
  db: Executor,
  userIds: readonly string[],
): Promise<Array<Recipient & { userId: string; name: string }>> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return [];
  const rows = await unscoped(db, 'recipients of a notification, staff included')
    .selectFrom('users')
    .leftJoin('notificationPreferences as np', 'np.userId', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.locale',
      'users.communeId',
      'users.active',
      'np.email as emailOn',
    ])
    .where('users.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r || !r.active || r.emailOn === 0) return [];
    return [
      {
        address: r.email,
        userId: r.id,
        name: r.name,
        locale: localeOf(r.locale),
        communeId: r.communeId,
      },
    ];
  });
}
