import nodemailer, { type Transporter } from 'nodemailer';
import type { AppContext } from '../../context';
import type { Config } from '../../config';
import { registerJobHandler } from '../scheduler/runner';

/** Matches the `maxAttempts` of `mail.send` jobs (outbox.ts). */
export const MAX_SEND_ATTEMPTS = 10;

/** The SMTP transport, built from the configuration and closed with the app. */
class Mailer {
  private transport: Transporter | null = null;
  private key = '';

  get(smtp: NonNullable<Config['smtp']>): Transporter {
    const key = JSON.stringify(smtp);
    if (!this.transport || key !== this.key) {
      this.transport?.close();
      this.transport = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
        // STARTTLS is used when offered; SMTP_TLS_INSECURE=1 accepts a relay's self-signed certificate.
        tls: { rejectUnauthorized: process.env.SMTP_TLS_INSECURE !== '1' },
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
      });
      this.key = key;
    }
    return this.transport;
  }

  stop(): void {
    this.transport?.close();
    this.transport = null;
  }
}

function mailerOf(ctx: AppContext): Mailer {
  return ((ctx.services.mailer as Mailer | undefined) ??= new Mailer());
}

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
    await mailerOf(ctx)
      .get(smtp)
      .sendMail({
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

registerJobHandler('mail.send', async (ctx, job, now) => {
  await sendOutboxEmail(ctx, String(job.payload.outboxId), now);
});
