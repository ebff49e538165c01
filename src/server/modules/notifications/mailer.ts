import type { AppContext } from '../../context';
import type { JobHandler } from '../scheduler';

/** Matches the `maxAttempts` of `mail.send` jobs (outbox.ts). */
export const MAX_SEND_ATTEMPTS = 10;

/**
 * Sends one outbox email. Without SMTP configuration the row stays recorded (status `unsent`)
 * and nothing is sent; an SMTP failure throws, so the job is retried with backoff.
 */
export async function sendOutboxEmail(ctx: AppContext, outboxId: string, now: Date): Promise<void> {
  const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', outboxId).executeTakeFirst();
  if (!row || row.status !== 'pending') return;
  const smtp = ctx.config.smtp;
  if (!smtp) {
    await ctx.db
      .updateTable('outbox')
      .set({ status: 'unsent', lastError: 'SMTP is not configured (SMTP_HOST unset): recorded, not sent.' })
      .where('id', '=', outboxId)
      .execute();
    return;
  }
  try {
    await ctx.mailer.send(smtp, {
      from: smtp.from,
      to: row.toAddress,
      subject: row.subject,
      text: row.textBody,
      messageId: row.messageId,
      inReplyTo: row.inReplyTo ?? undefined,
      references: row.referencesHeader ?? undefined,
      // RFC 3834: our notifications are automatic, so well-behaved responders do not answer them.
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // After the job's last attempt the row says so; before, it stays pending for the retry.
    const gaveUp = row.attempts + 1 >= MAX_SEND_ATTEMPTS;
    await ctx.db
      .updateTable('outbox')
      .set({
        attempts: row.attempts + 1,
        lastError: message.slice(0, 2000),
        ...(gaveUp ? { status: 'failed' as const } : {}),
      })
      .where('id', '=', outboxId)
      .execute();
    throw err;
  }
  await ctx.db
    .updateTable('outbox')
    .set({ status: 'sent', sentAt: now.toISOString(), attempts: row.attempts + 1, lastError: null })
    .where('id', '=', outboxId)
    .where('status', '=', 'pending')
    .execute();
}

/** Sends one queued email (`mail.send`). */
export const mailSendJob: JobHandler = async (ctx, job, now) => {
  await sendOutboxEmail(ctx, String(job.payload.outboxId), now);
};
