import type { z } from 'zod';
import type { AppContext } from '../../context';
import { authorize, inScope, type Actor } from '../../access/actor';
import { scoped } from '../../db/scope';
import { AppError, invalid, notFound } from '../../errors';
import { checkHost } from '../../lib/host-guard';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { pollFailure, pollMailbox } from './poll';
import type { MailboxTable } from './tables';
import type { mailboxCreate, mailboxPatch } from './schemas';

const present = (m: MailboxTable) => ({
  id: m.id,
  communeId: m.communeId,
  host: m.host,
  port: m.port,
  username: m.username,
  hasPassword: m.password.length > 0,
  folder: m.folder,
  processedFolder: m.processedFolder,
  tls: m.tls === 1,
  active: m.active === 1,
  senderAuth: m.senderAuth,
  authservId: m.authservId,
  lastPolledAt: m.lastPolledAt,
  lastError: m.lastError,
  createdAt: m.createdAt,
});

/** Refuses a host the configuration does not let mailboxes reach (400 host), before anything is stored. */
async function checkMailboxHost(ctx: AppContext, host: string): Promise<void> {
  const verdict = await checkHost(host, ctx.config.mailboxHosts);
  if (verdict === 'ok') return;
  const why = {
    not_allowed: 'This host is not among the mail servers allowed (MAILBOX_HOSTS).',
    private: 'Mailboxes cannot reach private or local addresses (MAILBOX_ALLOW_PRIVATE).',
    unresolvable: 'This host name cannot be resolved.',
  }[verdict];
  throw invalid('host', why, verdict === 'unresolvable' ? 'invalid' : 'not_allowed');
}

/** A commune mailbox is in scope with its commune; the shared mailbox only for actors who see every commune. */
function visible(actor: Actor, m: Pick<MailboxTable, 'communeId'>): boolean {
  return m.communeId ? inScope(actor, m.communeId) : actor.communes === 'all';
}

async function getVisible(ctx: AppContext, actor: Actor, id: string): Promise<MailboxTable> {
  const m = await ctx.db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m || !visible(actor, m)) throw notFound('mailbox');
  return m;
}

/** The inbound mailboxes the actor may configure. */
export async function listMailboxes(ctx: AppContext, actor: Actor) {
  authorize(actor, 'tickets.configure');
  const rows = await ctx.db.selectFrom('mailboxes').selectAll().orderBy('createdAt').execute();
  const items = rows.filter((m) => visible(actor, m)).map(present);
  return { items, total: items.length };
}

export async function createMailbox(ctx: AppContext, actor: Actor, input: z.infer<typeof mailboxCreate>) {
  if (input.communeId) await scoped(ctx.db, actor).assertCommune(input.communeId);
  else if (actor.communes !== 'all') throw notFound('commune');
  authorize(actor, 'tickets.configure');
  await checkMailboxHost(ctx, input.host);
  const now = ctx.now();
  const row: MailboxTable = {
    id: newId(now.getTime()),
    communeId: input.communeId,
    host: input.host,
    port: input.port,
    username: input.username,
    password: input.password,
    folder: input.folder,
    processedFolder: input.processedFolder ?? null,
    tls: input.tls ? 1 : 0,
    active: input.active ? 1 : 0,
    senderAuth: input.senderAuth,
    authservId: input.authservId ?? null,
    lastPolledAt: null,
    lastError: null,
    createdAt: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('mailboxes').values(row).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'mailbox.create',
        targetType: 'mailbox',
        targetId: row.id,
        communeId: row.communeId,
        changes: { ...input, password: '***' },
      },
      now,
    );
  });
  return present(row);
}

export async function updateMailbox(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof mailboxPatch>) {
  const m = await getVisible(ctx, actor, id);
  authorize(actor, 'tickets.configure');
  if (input.host !== undefined) await checkMailboxHost(ctx, input.host);
  const now = ctx.now();
  const { tls, active, ...rest } = input;
  const set: Partial<MailboxTable> = {
    ...rest,
    ...(tls === undefined ? {} : { tls: tls ? 1 : 0 }),
    ...(active === undefined ? {} : { active: active ? 1 : 0 }),
  };
  // Nothing to change (an empty body): nothing written, the mailbox as it is.
  if (Object.values(set).every((v) => v === undefined)) return present(m);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('mailboxes').set(set).where('id', '=', id).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'mailbox.update',
        targetType: 'mailbox',
        targetId: id,
        communeId: m.communeId,
        changes: { ...input, ...(input.password ? { password: '***' } : {}) },
      },
      now,
    );
  });
  return present(await ctx.db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

export async function deleteMailbox(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const m = await getVisible(ctx, actor, id);
  authorize(actor, 'tickets.configure');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('mailboxes').where('id', '=', id).execute();
    await recordAudit(
      trx,
      actor,
      { action: 'mailbox.delete', targetType: 'mailbox', targetId: id, communeId: m.communeId },
      ctx.now(),
    );
  });
}

/** Polls one mailbox now (connection check and immediate intake); the outcome of each message. */
export async function pollMailboxNow(ctx: AppContext, actor: Actor, id: string) {
  const m = await getVisible(ctx, actor, id);
  authorize(actor, 'tickets.configure');
  const at = ctx.now().toISOString();
  try {
    const items = await pollMailbox(ctx, m);
    if (!items.some((r) => r.outcome === 'failed'))
      await ctx.db.updateTable('mailboxes').set({ lastPolledAt: at, lastError: null }).where('id', '=', id).execute();
    return { items, total: items.length };
  } catch (err) {
    // The cause is logged for the operators; the caller gets what kind of failure it was, never
    // the socket's own words (a mailbox form must not tell open ports from closed ones).
    const failure = pollFailure(err);
    ctx.log.warn({ err, mailboxId: id }, 'mailbox poll failed');
    await ctx.db.updateTable('mailboxes').set({ lastPolledAt: at, lastError: failure }).where('id', '=', id).execute();
    throw new AppError('unavailable', `The mailbox could not be read: ${failure}`);
  }
}
