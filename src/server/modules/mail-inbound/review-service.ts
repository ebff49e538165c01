import type { z } from 'zod';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { scoped } from '../../db/scope';
import { conflict, forbidden, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { isStaffWorker } from './policy';
import { sharedMailbox } from './poll';
import { processInbound, type MailboxRef } from './process';
import type { SenderVerdict } from './sender-auth';
import type { InboundMessageTable } from './tables';
import type { inboundQuery } from './schemas';

const present = (m: InboundMessageTable) => ({
  id: m.id,
  messageId: m.messageId,
  communeId: m.communeId,
  fromAddress: m.fromAddress,
  subject: m.subject,
  outcome: m.outcome,
  ticketId: m.ticketId,
  verdict: m.authVerdict ? (JSON.parse(m.authVerdict) as SenderVerdict) : null,
  receivedAt: m.receivedAt,
  reviewedBy: m.reviewedBy,
  reviewedAt: m.reviewedAt,
});

/** Reviewing held mail is the service desk's work (provider staff who work tickets). */
function checkReviewer(actor: Actor): void {
  authorize(actor, 'tickets.work');
  if (!isStaffWorker(actor)) throw forbidden('Held messages are reviewed by the shared service’s staff.');
}

/** GET /inbound-messages: held messages (or another outcome) of the communes in scope, newest first. */
export async function listInboundMessages(ctx: AppContext, actor: Actor, q: z.infer<typeof inboundQuery>) {
  checkReviewer(actor);
  const base = scoped(ctx.db, actor).selectFrom('inboundMessages').where('outcome', '=', q.outcome);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('receivedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { items: rows.map(present), total: Number(total.n) };
}

async function heldMessage(ctx: AppContext, actor: Actor, id: string): Promise<InboundMessageTable> {
  const m = await scoped(ctx.db, actor)
    .selectFrom('inboundMessages')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!m) throw notFound('inbound message');
  checkReviewer(actor);
  if (m.outcome !== 'held_for_review' || !m.rawMessage)
    throw conflict(`This message is not held for review (${m.outcome}).`, { outcome: m.outcome });
  return m;
}

/** The mailbox a held message came in through, as the processing needs it. */
async function mailboxOf(ctx: AppContext, m: InboundMessageTable): Promise<MailboxRef> {
  const box = m.mailboxId
    ? await ctx.db.selectFrom('mailboxes').selectAll().where('id', '=', m.mailboxId).executeTakeFirst()
    : sharedMailbox(ctx);
  return {
    id: m.mailboxId,
    communeId: box?.communeId ?? m.communeId,
    senderAuth: box?.senderAuth ?? 'require',
    authservId: box?.authservId ?? null,
  };
}

/**
 * POST /inbound-messages/{id}/accept: a member of staff vouches for a held message; it is
 * processed as if its sender were authenticated (a reply is added, a ticket opened), and the
 * ticket's history says who accepted it and what the mail server's verdict was.
 */
export async function acceptInboundMessage(ctx: AppContext, actor: Actor, id: string, comment?: string) {
  const m = await heldMessage(ctx, actor, id);
  const raw = Buffer.from(m.rawMessage!, 'base64');
  const result = await processInbound(ctx, raw, await mailboxOf(ctx, m), { acceptedBy: actor, comment });
  await recordAudit(
    ctx.db,
    actor,
    {
      action: 'inbound_message.accept',
      targetType: 'inbound_message',
      targetId: id,
      communeId: m.communeId,
      changes: { outcome: result.outcome, ticketId: result.ticketId, comment: comment ?? null },
    },
    ctx.now(),
  );
  return present(
    await scoped(ctx.db, actor)
      .selectFrom('inboundMessages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

/** POST /inbound-messages/{id}/reject: the held message is dropped (its source forgotten), audited. */
export async function rejectInboundMessage(ctx: AppContext, actor: Actor, id: string, comment?: string) {
  const m = await heldMessage(ctx, actor, id);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await scoped(trx, actor)
      .updateTable('inboundMessages')
      .set({ outcome: 'rejected', rawMessage: null, reviewedBy: actor.label, reviewedAt: now.toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'inbound_message.reject',
        targetType: 'inbound_message',
        targetId: id,
        communeId: m.communeId,
        changes: { comment: comment ?? null },
      },
      now,
    );
  });
  return present(
    await scoped(ctx.db, actor)
      .selectFrom('inboundMessages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}
