import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { AppContext } from '../../context';
import type { TicketHistoryTable, TicketTable } from '../tickets';
import { isTransientDatabaseError } from '../../db/dialect';
import { announcedStatuses, watcherIdsToTell } from '../tickets';
import { enqueueJob } from '../scheduler';
import type { JobHandler } from '../scheduler';
import { queueEmail, recipientsOf } from './outbox';
import { surveyUrl, ticketFacts } from './facts';
import { scheduleSurveyReminder } from './survey';
import { unscoped } from '../../db/scope';

/**
 * Requester notifications of ticket events, delivered from the ticket history.
 *
 * A ticket change writes its history entry in its own transaction, marked `notify_pending`
 * (tickets/repo.ts appendHistory). Right after the commit the change's event makes us queue the
 * emails and clear the mark in one transaction per entry; a claim on the mark means one process
 * only ever does it. If the process dies in between, the recurring sweep below finds the entries
 * still pending and queues them then: late, never lost, never twice. An entry whose delivery
 * throws stays pending with its failures counted; after NOTIFY_MAX_FAILURES it is set aside and
 * logged as an error, so one bad entry neither blocks its ticket's later ones nor loops forever.
 */

const urgentPriority = (p: string) => p === 'P1' || p === 'P2';

/** An entry younger than this is left to its own process's listener by the sweep. */
export const SWEEP_GRACE_MS = 30_000;
/** How far back the sweep looks: older pending entries are stale news, not sent. */
export const SWEEP_LOOKBACK_MS = 7 * 86_400_000;
const SWEEP_EVERY_MS = 60_000;
/** Failed deliveries of one entry after which it is given up (set aside and reported). */
export const NOTIFY_MAX_FAILURES = 5;

type Trx = Transaction<DB>;
type Entry = Pick<TicketHistoryTable, 'id' | 'kind' | 'data'>;

function dataOf(entry: Entry): Record<string, unknown> {
  try {
    return JSON.parse(entry.data) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Requester: ticket created, with its reference. */
async function notifyCreated(trx: Trx, ctx: AppContext, t: TicketTable, now: Date): Promise<void> {
  if (!t.requesterId) return;
  const [to] = await recipientsOf(trx, [t.requesterId]);
  if (!to) return;
  await queueEmail(
    trx,
    ctx,
    {
      to,
      content: {
        template: 'ticket_created',
        ticket: await ticketFacts(trx, ctx, t),
        acknowledgeDueAt: t.acknowledgeDueAt,
      },
      communeId: t.communeId,
      ticketId: t.id,
      urgent: urgentPriority(t.priority),
    },
    now,
  );
}

/** A public reply: to the requester, or to the assignee when the requester wrote it. */
async function notifyReply(trx: Trx, ctx: AppContext, t: TicketTable, commentId: string, now: Date): Promise<void> {
  const c = await unscoped(trx, 'system: notification delivery')
    .selectFrom('ticketComments')
    .selectAll()
    .where('id', '=', commentId)
    .executeTakeFirst();
  if (!c || c.internal) return;
  const main = c.authorId && c.authorId === t.requesterId ? t.assigneeId : t.requesterId;
  const target = main && main !== c.authorId ? main : null;
  // Watchers (CC) are told too, never the author, never twice.
  const watchers = (await watcherIdsToTell(trx, t)).filter((id) => id !== c.authorId && id !== target);
  const recipients = await recipientsOf(trx, [...(target ? [target] : []), ...watchers]);
  if (!recipients.length) return;
  const author = c.authorId
    ? ((
        await unscoped(trx, 'system: notification delivery')
          .selectFrom('users')
          .select('name')
          .where('id', '=', c.authorId)
          .executeTakeFirst()
      )?.name ?? c.authorLabel)
    : c.authorLabel;
  const facts = await ticketFacts(trx, ctx, t);
  for (const to of recipients)
    await queueEmail(
      trx,
      ctx,
      {
        to,
        content: { template: 'reply_added', ticket: facts, author, body: c.body },
        communeId: t.communeId,
        ticketId: t.id,
        urgent: urgentPriority(t.priority),
      },
      now,
    );
}

/** Requester: acknowledged, pending, resolved (with the survey link), closed. */
async function notifyStatus(
  trx: Trx,
  ctx: AppContext,
  t: TicketTable,
  to: string,
  comment: string | null,
  now: Date,
): Promise<void> {
  if (!announcedStatuses.has(to)) return;
  // The requester (with the survey link once resolved), then the watchers (CC).
  const watchers = (await watcherIdsToTell(trx, t)).filter((id) => id !== t.requesterId);
  const recipients = await recipientsOf(trx, [...(t.requesterId ? [t.requesterId] : []), ...watchers]);
  if (!recipients.length) return;
  const facts = await ticketFacts(trx, ctx, t);
  for (const r of recipients)
    await queueEmail(
      trx,
      ctx,
      {
        to: r,
        content: {
          template: 'status_changed',
          ticket: facts,
          to,
          comment,
          surveyUrl: to === 'resolved' && r.userId === t.requesterId ? surveyUrl(ctx, t.id) : null,
        },
        communeId: t.communeId,
        ticketId: t.id,
        urgent: urgentPriority(t.priority),
      },
      now,
    );
}

/** Queues what one pending entry calls for, if this transaction wins its claim. Returns the status reached, if any. */
async function deliverEntry(ctx: AppContext, ticketId: string, entry: Entry, now: Date): Promise<string | null> {
  return ctx.db.transaction().execute(async (trx) => {
    const claim = await unscoped(trx, 'system: notification delivery')
      .updateTable('ticketHistory')
      .set({ notifyPending: 0 })
      .where('id', '=', entry.id)
      .where('notifyPending', '=', 1)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return null;
    const t = await unscoped(trx, 'system: notification delivery')
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .executeTakeFirst();
    if (!t) return null;
    const data = dataOf(entry);
    if (entry.kind === 'created') await notifyCreated(trx, ctx, t, now);
    if (entry.kind === 'comment' && typeof data.commentId === 'string')
      await notifyReply(trx, ctx, t, data.commentId, now);
    if (entry.kind === 'status' && typeof data.to === 'string') {
      await notifyStatus(trx, ctx, t, data.to, typeof data.comment === 'string' ? data.comment : null, now);
      return data.to;
    }
    if (entry.kind === 'merged') {
      await notifyStatus(trx, ctx, t, 'closed', null, now);
      return 'closed';
    }
    return null;
  });
}

/** Counts a failed delivery of an entry; gives the entry up (clears its mark) at the limit. */
async function recordFailure(ctx: AppContext, entry: Entry, err: unknown): Promise<void> {
  const row = await unscoped(ctx.db, 'system: notification delivery')
    .updateTable('ticketHistory')
    .set((eb) => ({ notifyFailures: eb('notifyFailures', '+', 1) }))
    .where('id', '=', entry.id)
    .where('notifyPending', '=', 1)
    .returning('notifyFailures')
    .executeTakeFirst();
  const failures = Number(row?.notifyFailures ?? 0);
  const givenUp = failures >= NOTIFY_MAX_FAILURES;
  if (givenUp)
    await unscoped(ctx.db, 'system: notification delivery')
      .updateTable('ticketHistory')
      .set({ notifyPending: 0 })
      .where('id', '=', entry.id)
      .execute();
  ctx.log[givenUp ? 'error' : 'warn'](
    { err, historyId: entry.id, kind: entry.kind, failures },
    givenUp ? 'notification given up' : 'notification failed; will retry',
  );
}

/** Delivers every pending entry of a ticket, oldest first; a failing entry is counted and skipped. */
export async function deliverPendingNotifications(
  ctx: AppContext,
  ticketId: string,
  now: Date = ctx.now(),
): Promise<number> {
  const entries = await unscoped(ctx.db, 'system: notification delivery')
    .selectFrom('ticketHistory')
    .select(['id', 'kind', 'data'])
    .where('ticketId', '=', ticketId)
    .where('notifyPending', '=', 1)
    .orderBy('at')
    .orderBy('id')
    .execute();
  let n = 0;
  for (const entry of entries) {
    let reached: string | null;
    try {
      reached = await deliverEntry(ctx, ticketId, entry, now);
    } catch (err) {
      // A busy database says nothing about the entry: it stays pending, uncounted, for the sweep.
      if (isTransientDatabaseError(err))
        ctx.log.warn({ err, historyId: entry.id }, 'notification delayed: database busy');
      else await recordFailure(ctx, entry, err);
      continue;
    }
    n++;
    if (reached === 'resolved') {
      // The emails are queued (committed); the reminder is a job of its own, and a failure to
      // plan it must not be taken for a failure of the entry.
      await scheduleSurveyReminder(ctx, ticketId).catch((err: unknown) =>
        ctx.log.error({ err, ticketId }, 'survey reminder not scheduled'),
      );
    }
  }
  return n;
}

/** The sweep: entries still pending after the grace period (their process died before delivering), oldest first. */
export async function sweepPendingNotifications(ctx: AppContext, now: Date = ctx.now()): Promise<number> {
  const before = new Date(now.getTime() - SWEEP_GRACE_MS).toISOString();
  const since = new Date(now.getTime() - SWEEP_LOOKBACK_MS).toISOString();
  const rows = await unscoped(ctx.db, 'system: notification sweep over all communes')
    .selectFrom('ticketHistory')
    .select('ticketId')
    .select((eb) => eb.fn.min('at').as('first'))
    .where('notifyPending', '=', 1)
    .where('at', '<', before)
    .where('at', '>=', since)
    .groupBy('ticketId')
    .orderBy('first')
    .limit(500)
    .execute();
  let n = 0;
  for (const r of rows) {
    try {
      n += await deliverPendingNotifications(ctx, r.ticketId, now);
    } catch (err) {
      // The ticket's entries could not even be read: the next sweep tries again, the others go on.
      ctx.log.warn({ err, ticketId: r.ticketId }, 'notification sweep: ticket skipped');
    }
  }
  return n;
}

/** Makes sure the recurring sweep exists (one row whatever the number of processes). */
export async function ensureNotificationSweep(ctx: AppContext): Promise<void> {
  const now = ctx.now();
  await enqueueJob(
    ctx.db,
    { kind: 'notify.sweep', runAt: now, dedupeKey: 'recurring:notify.sweep', maxAttempts: 1_000_000 },
    now,
  );
}

/** The recurring sweep's job (`notify.sweep`). */
export const notifySweepJob: JobHandler = async (ctx, _job, now) => {
  await sweepPendingNotifications(ctx, now);
  return { rescheduleAt: new Date(now.getTime() + SWEEP_EVERY_MS) };
};

/** Delivers a ticket's pending notifications as soon as its change has committed (tracked for tests). */
export function subscribeNotifications(ctx: AppContext): void {
  const events = ctx.events;
  const deliver = async (e: { ticketId: string }) => {
    await deliverPendingNotifications(ctx, e.ticketId);
  };
  events.on('created', deliver);
  events.on('commented', async (e) => {
    if (!e.internal) await deliver(e);
  });
  events.on('transitioned', deliver);
}
