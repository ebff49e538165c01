import { ImapFlow } from 'imapflow';
import { checkHost } from '../../lib/host-guard';
import type { AppContext } from '../../context';
import { enqueueJob } from '../scheduler';
import type { JobHandler } from '../scheduler';
import { processInbound, type InboundResult } from './process';
import type { MailboxTable } from './tables';

/** A mailbox to poll: a `mailboxes` row, or the shared one of the environment (IMAP_HOST …). */
export type MailboxConfig = Pick<
  MailboxTable,
  | 'communeId'
  | 'host'
  | 'port'
  | 'username'
  | 'password'
  | 'folder'
  | 'processedFolder'
  | 'tls'
  | 'senderAuth'
  | 'authservId'
> & { id: string | null };

/** The shared mailbox of the configuration (IMAP_HOST …), if any. */
export function sharedMailbox(ctx: AppContext): MailboxConfig | null {
  const imap = ctx.config.imap;
  if (!imap) return null;
  return {
    id: null,
    communeId: null,
    host: imap.host,
    port: imap.port,
    username: imap.user,
    password: imap.pass,
    folder: imap.folder,
    processedFolder: imap.processedFolder,
    tls: imap.tls ? 1 : 0,
    senderAuth: imap.senderAuth,
    authservId: imap.authservId,
  };
}

/**
 * Reads the unseen messages of one mailbox and processes each. A processed message is marked
 * \Seen and \Flagged, and moved to the processed folder when one is configured; a message whose
 * processing failed stays unseen for the next poll.
 */
export async function pollMailbox(ctx: AppContext, box: MailboxConfig): Promise<InboundResult[]> {
  // Checked again at each connection: a name may resolve elsewhere than when it was saved.
  // (The shared mailbox is the operator's own setting, read from the environment.)
  if (box.id && (await checkHost(box.host, ctx.config.mailboxHosts)) !== 'ok')
    throw Object.assign(new Error(`Mailbox host ${box.host} is not allowed.`), { code: 'host_not_allowed' });
  const client = new ImapFlow({
    host: box.host,
    port: box.port,
    secure: box.tls === 1,
    doSTARTTLS: box.tls === 1 ? undefined : false,
    auth: { user: box.username, pass: box.password },
    logger: false,
    tls: { rejectUnauthorized: !ctx.config.imapTlsInsecure },
  });
  const results: InboundResult[] = [];
  let lastFailure: string | null = null;
  await client.connect();
  try {
    if (box.processedFolder) await client.mailboxCreate(box.processedFolder).catch(() => undefined);
    const lock = await client.getMailboxLock(box.folder);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        try {
          results.push(
            await processInbound(ctx, msg.source, {
              id: box.id,
              communeId: box.communeId,
              senderAuth: box.senderAuth,
              authservId: box.authservId,
            }),
          );
        } catch (err) {
          // Left unseen for the next poll; the other messages go on.
          results.push({ outcome: 'failed', messageId: `uid:${uid}`, ticketId: null, rejectedAttachments: [] });
          lastFailure = err instanceof Error ? err.message : String(err);
          continue;
        }
        await client.messageFlagsAdd(String(uid), ['\\Seen', '\\Flagged'], { uid: true });
        if (box.processedFolder) await client.messageMove(String(uid), box.processedFolder, { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
  if (lastFailure && box.id)
    await ctx.db
      .updateTable('mailboxes')
      .set({ lastError: `A message could not be processed: ${lastFailure}`.slice(0, 2000) })
      .where('id', '=', box.id)
      .execute();
  return results;
}

/** Polls every active mailbox (per-commune rows and the shared one); one failing mailbox does not stop the others. */
export async function pollAllMailboxes(ctx: AppContext): Promise<InboundResult[]> {
  const rows = await ctx.db.selectFrom('mailboxes').selectAll().where('active', '=', 1).orderBy('createdAt').execute();
  const boxes: MailboxConfig[] = [...rows];
  const shared = sharedMailbox(ctx);
  if (shared) boxes.push(shared);
  const all: InboundResult[] = [];
  for (const box of boxes) {
    const at = ctx.now().toISOString();
    try {
      const results = await pollMailbox(ctx, box);
      all.push(...results);
      if (box.id && !results.some((r) => r.outcome === 'failed'))
        await ctx.db
          .updateTable('mailboxes')
          .set({ lastPolledAt: at, lastError: null })
          .where('id', '=', box.id)
          .execute();
    } catch (err) {
      ctx.log.warn({ err, mailboxId: box.id }, 'mailbox poll failed');
      if (box.id)
        await ctx.db
          .updateTable('mailboxes')
          .set({ lastPolledAt: at, lastError: pollFailure(err) })
          .where('id', '=', box.id)
          .execute();
      else throw err;
    }
  }
  return all;
}

/** A poll failure in a few words that say what went wrong without the socket's details. */
export function pollFailure(err: unknown): string {
  const e = err as { code?: unknown; authenticationFailed?: unknown; responseText?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (e?.authenticationFailed || code === 'AUTHENTICATIONFAILED')
    return 'the server refused the user name or password.';
  if (code === 'host_not_allowed') return 'the host is not allowed for mailboxes.';
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code)) return 'the secure connection failed (certificate or TLS).';
  if (code === 'NoConnection' || /^E[A-Z]+$/.test(code)) return 'the server could not be reached.';
  if (typeof e?.responseText === 'string' && /mailbox|folder|NONEXISTENT/i.test(e.responseText))
    return 'the folder does not exist.';
  return 'the server did not answer as expected.';
}

/** Makes sure the recurring polling job exists (one row whatever the number of processes). */
export async function ensurePollJob(ctx: AppContext): Promise<void> {
  const now = ctx.now();
  await enqueueJob(
    ctx.db,
    { kind: 'mail.poll', runAt: now, dedupeKey: 'recurring:mail.poll', maxAttempts: 1_000_000 },
    now,
  );
}

/** The recurring poll of every mailbox (`mail.poll`), every MAIL_POLL_SECONDS. */
export const mailPollJob: JobHandler = async (ctx, _job, now) => {
  await pollAllMailboxes(ctx);
  return { rescheduleAt: new Date(now.getTime() + ctx.config.mailPollSeconds * 1000) };
};
