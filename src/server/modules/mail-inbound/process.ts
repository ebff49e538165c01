import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AppContext } from '../../context';
import { loadUserActorByEmail } from '../auth';
import { type Actor } from '../../access/actor';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { addAttachment, addComment, appendHistory, createTicket } from '../tickets';
import { findVisibleTicket, findVisibleTicketByReference, getTicketForSystem } from '../tickets';
import { queueEmail, ticketIdFromThreadId } from '../notifications';
import { ticketFacts } from '../notifications';
import { referenceInSubject } from '../notifications';
import { classifyAutomatic, htmlToText, referencedIds, sanitizeEmailHtml, stripQuoted } from './classify';
import { senderVerdict, type SenderVerdict } from './sender-auth';
import { unscoped } from '../../db/scope';

export type InboundOutcome =
  | 'ticket_created'
  | 'reply_added'
  | 'ignored_auto'
  | 'ignored_bounce'
  | 'unknown_sender'
  | 'no_commune'
  | 'held_for_review'
  | 'duplicate'
  | 'failed';

export interface InboundResult {
  outcome: InboundOutcome;
  messageId: string;
  ticketId: string | null;
  rejectedAttachments: string[];
}

/** Where a message came in: a commune's mailbox or the shared one, and how it trusts senders. */
export interface MailboxRef {
  id: string | null;
  communeId: string | null;
  /** require: an unauthenticated sender's message is held for review; record: the verdict is only kept. */
  senderAuth: 'require' | 'record';
  /** Our MTA's authserv-id; null: the topmost Authentication-Results header is read. */
  authservId: string | null;
}

/** A held message accepted by a member of staff is processed as if its sender were authenticated. */
export interface ProcessOptions {
  acceptedBy?: Actor;
  comment?: string;
}

/** The Authentication-Results header values of a message, topmost first. */
function authenticationResults(parsed: ParsedMail): string[] {
  return parsed.headerLines
    .filter((h) => h.key === 'authentication-results')
    .map((h) =>
      h.line
        .replace(/^[^:]*:\s*/, '')
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
}

/** The Message-ID of a message, or a stable one derived from its bytes when it has none. */
function messageIdOf(parsed: ParsedMail, raw: Buffer): string {
  const id = parsed.messageId?.trim();
  if (id) return id.startsWith('<') ? id : `<${id}>`;
  return `<sha256.${createHash('sha256').update(raw).digest('hex')}@inbound.mutualis>`;
}

/** The sender as an actor (a known, active user), or null. */
async function senderActor(ctx: AppContext, email: string): Promise<Actor | null> {
  return (await loadUserActorByEmail(ctx.db, email)) ?? null;
}

/** The ticket a reply answers: our reference in the subject, else In-Reply-To/References matching our Message-IDs. */
async function threadedTicket(ctx: AppContext, actor: Actor, parsed: ParsedMail): Promise<string | null> {
  const ref = referenceInSubject(parsed.subject ?? '');
  if (ref) {
    const t = await findVisibleTicketByReference(ctx.db, actor, ref);
    if (t) return t.id;
  }
  const ids = referencedIds(parsed.inReplyTo, parsed.references);
  for (const id of ids) {
    const fromRoot = ticketIdFromThreadId(id);
    const out = fromRoot
      ? { ticketId: fromRoot }
      : await ctx.db.selectFrom('outbox').select('ticketId').where('messageId', '=', id).executeTakeFirst();
    if (out?.ticketId && (await findVisibleTicket(ctx.db, actor, out.ticketId))) return out.ticketId;
    const earlier = await unscoped(
      ctx.db,
      'mail threading: a message this one answers; its ticket is checked visible below',
    )
      .selectFrom('inboundMessages')
      .select('ticketId')
      .where('messageId', '=', id)
      .executeTakeFirst();
    if (earlier?.ticketId && (await findVisibleTicket(ctx.db, actor, earlier.ticketId))) return earlier.ticketId;
  }
  return null;
}

async function record(
  ctx: AppContext,
  box: MailboxRef,
  r: InboundResult,
  from: string,
  subject: string,
  communeId: string | null,
  detail: unknown,
  extra: { verdict?: SenderVerdict; raw?: Buffer; acceptedBy?: Actor } = {},
): Promise<InboundResult> {
  const log = unscoped(ctx.db, 'mail processing: the log of every inbound message');
  const verdict = extra.verdict ? JSON.stringify(extra.verdict) : null;
  if (extra.acceptedBy) {
    // A held message, accepted: its row says what became of it and who decided.
    await log
      .updateTable('inboundMessages')
      .set({
        outcome: r.outcome,
        ticketId: r.ticketId,
        communeId,
        detail: detail === undefined ? null : JSON.stringify(detail),
        rawMessage: null,
        reviewedBy: extra.acceptedBy.label,
        reviewedAt: ctx.now().toISOString(),
      })
      .where('messageId', '=', r.messageId)
      .where('outcome', '=', 'held_for_review')
      .execute();
    return r;
  }
  await log
    .insertInto('inboundMessages')
    .values({
      id: newId(),
      messageId: r.messageId,
      mailboxId: box.id,
      communeId,
      fromAddress: from,
      subject: subject.slice(0, 500),
      outcome: r.outcome,
      ticketId: r.ticketId,
      detail: detail === undefined ? null : JSON.stringify(detail),
      receivedAt: ctx.now().toISOString(),
      authVerdict: verdict,
      rawMessage: extra.raw ? extra.raw.toString('base64') : null,
      reviewedBy: null,
      reviewedAt: null,
    })
    .onConflict((oc) => oc.column('messageId').doNothing())
    .execute();
  return r;
}

/** Answers an unknown sender once a day at most (a misbehaving auto-responder cannot make a loop). */
async function answerUnknown(ctx: AppContext, address: string, subject: string): Promise<void> {
  const now = ctx.now();
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const recent = await ctx.db
    .selectFrom('outbox')
    .select('id')
    .where('toAddress', '=', address)
    .where('template', '=', 'unknown_sender')
    .where('createdAt', '>=', since)
    .executeTakeFirst();
  if (recent) return;
  await ctx.db.transaction().execute((trx) =>
    queueEmail(
      trx,
      ctx,
      {
        to: { address, userId: null, locale: 'fr', communeId: null },
        content: { template: 'unknown_sender', subject: subject || '(sans objet)' },
        communeId: null,
        ticketId: null,
        urgent: false,
      },
      now,
    ).then(() => undefined),
  );
}

/**
 * Processes one raw inbound message: automatic messages are recorded and ignored; a message
 * already seen (same Message-ID) does nothing; a reply from someone who may see the ticket is
 * added as a public reply; a known sender's new message opens a ticket (channel email) in
 * their commune; an unknown sender gets an answer and no ticket. Attachments go through the
 * service desk's checks; refused ones are listed back to the sender.
 */
export async function processInbound(
  ctx: AppContext,
  raw: Buffer,
  box: MailboxRef,
  opts: ProcessOptions = {},
): Promise<InboundResult> {
  const parsed = await simpleParser(raw);
  const messageId = messageIdOf(parsed, raw);
  const from = (parsed.from?.value[0]?.address ?? '').toLowerCase();
  const subject = (parsed.subject ?? '').trim();
  const seen = await unscoped(ctx.db, 'mail processing: a Message-ID is processed once')
    .selectFrom('inboundMessages')
    .select(['outcome', 'ticketId'])
    .where('messageId', '=', messageId)
    .executeTakeFirst();
  const accepting = Boolean(opts.acceptedBy) && seen?.outcome === 'held_for_review';
  if (seen && !accepting) return { outcome: 'duplicate', messageId, ticketId: seen.ticketId, rejectedAttachments: [] };

  const auto = classifyAutomatic(parsed.headers, from);
  if (auto.automatic)
    return record(
      ctx,
      box,
      { outcome: auto.outcome, messageId, ticketId: null, rejectedAttachments: [] },
      from,
      subject,
      box.communeId,
      { reason: auto.reason },
    );

  const actor = from ? await senderActor(ctx, from) : null;
  if (!actor) {
    if (from) await answerUnknown(ctx, from, subject);
    return record(
      ctx,
      box,
      { outcome: 'unknown_sender', messageId, ticketId: null, rejectedAttachments: [] },
      from,
      subject,
      box.communeId,
      undefined,
    );
  }

  const html = typeof parsed.html === 'string' ? sanitizeEmailHtml(parsed.html) : null;
  const fullText = (parsed.text?.trim() || (html ? htmlToText(html) : '')).slice(0, 20_000);
  const ticketId = await threadedTicket(ctx, actor, parsed);
  if (!ticketId && !actor.communeId)
    return record(
      ctx,
      box,
      { outcome: 'no_commune', messageId, ticketId: null, rejectedAttachments: [] },
      from,
      subject,
      box.communeId,
      { reason: 'provider staff message without a ticket reference' },
    );

  // From: says who wrote; the receiving server's verdict says whether that domain really sent it.
  const verdict = senderVerdict(from, authenticationResults(parsed), box.authservId);
  if (!accepting && box.senderAuth === 'require' && verdict.status !== 'pass') {
    const communeId = ticketId ? ((await getTicketForSystem(ctx.db, ticketId))?.communeId ?? null) : actor.communeId;
    return record(
      ctx,
      box,
      { outcome: 'held_for_review', messageId, ticketId, rejectedAttachments: [] },
      from,
      subject,
      communeId ?? box.communeId,
      { reason: `sender not authenticated (${verdict.status})` },
      { verdict, raw },
    );
  }

  let outcome: InboundOutcome;
  let target: string;
  // A reply's files go with the reply; a new ticket's with the ticket (its description is the message).
  let commentId: string | undefined;
  if (ticketId) {
    try {
      ({ id: commentId } = await addComment(
        ctx,
        actor,
        ticketId,
        { body: stripQuoted(fullText) || '(message vide)', internal: false, ...(html ? { bodyHtml: html } : {}) },
        { emailMessageId: messageId },
      ));
      outcome = 'reply_added';
      target = ticketId;
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      // A closed ticket takes no reply: the message opens a new ticket instead.
      ({ outcome, target } = await open(ctx, actor, subject, fullText, messageId));
    }
  } else {
    ({ outcome, target } = await open(ctx, actor, subject, fullText, messageId));
  }
  await recordVerdict(ctx, target, box, verdict, opts);

  const rejected: string[] = [];
  for (const a of parsed.attachments) {
    if (a.related) continue; // inline images of the HTML body
    const filename = a.filename ?? 'piece-jointe';
    try {
      await addAttachment(
        ctx,
        actor,
        target,
        { filename, data: a.content, contentType: a.contentType },
        { commentId: target === ticketId ? commentId : undefined },
      );
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 413 && err.status !== 415)) throw err;
      rejected.push(filename);
    }
  }
  if (rejected.length) {
    const t = await getTicketForSystem(ctx.db, target);
    if (!t) throw new Error(`Ticket ${target} vanished while its reply was processed.`);
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      await queueEmail(
        trx,
        ctx,
        {
          to: { address: from, userId: actor.id, locale: actor.locale, communeId: actor.communeId },
          content: { template: 'attachments_rejected', ticket: await ticketFacts(trx, ctx, t), files: rejected },
          communeId: t.communeId,
          ticketId: t.id,
          urgent: true,
          inReplyTo: messageId,
        },
        now,
      );
    });
  }
  const communeId = (await getTicketForSystem(ctx.db, target))?.communeId ?? null;
  return record(
    ctx,
    box,
    { outcome, messageId, ticketId: target, rejectedAttachments: rejected },
    from,
    subject,
    communeId,
    rejected.length ? { rejectedAttachments: rejected } : undefined,
    { verdict, acceptedBy: accepting ? opts.acceptedBy : undefined },
  );
}

/** Writes the sender verdict (and, for an accepted held message, who accepted it) on the ticket's history. */
async function recordVerdict(
  ctx: AppContext,
  ticketId: string,
  box: MailboxRef,
  verdict: SenderVerdict,
  opts: ProcessOptions,
): Promise<void> {
  const t = await getTicketForSystem(ctx.db, ticketId);
  if (!t) return;
  await appendHistory(ctx.db, {
    ticketId,
    communeId: t.communeId,
    actor: opts.acceptedBy ?? null,
    kind: 'email_authentication',
    data: {
      status: verdict.status,
      method: verdict.method,
      domain: verdict.domain,
      authservId: verdict.authservId,
      results: verdict.results,
      mode: box.senderAuth,
      ...(opts.acceptedBy ? { acceptedBy: opts.acceptedBy.label, comment: opts.comment ?? null } : {}),
    },
    internal: true,
    at: ctx.now().toISOString(),
  });
}

async function open(
  ctx: AppContext,
  actor: Actor,
  subject: string,
  text: string,
  messageId: string,
): Promise<{ outcome: InboundOutcome; target: string }> {
  const title = (subject.replace(/^\s*((re|fwd?|tr)\s*:\s*)+/i, '').trim() || '(sans objet)').slice(0, 200);
  const t = await createTicket(
    ctx,
    actor,
    { type: 'incident', title, description: text || title, impact: 'medium', urgency: 'medium', channel: 'email' },
    { emailMessageId: messageId },
  );
  return { outcome: 'ticket_created', target: t.id };
}
