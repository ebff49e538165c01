import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, freshDatabase, makeBareApp, type BareTestApp } from '../harness';
import { makeServiceDesk, makeUser, openTicket, type ServiceDesk } from '../factories';
import { rawMail } from '../mail/messages';
import { processInbound, type MailboxRef } from '../../src/server/modules/mail-inbound/process';
import { buildApp } from '../../src/server/app';
import { testConfig } from '../../src/server/config';
import type { App } from '../../src/server/lib/http';

// Inbound mail does not trust From: alone: the receiving server's Authentication-Results verdict
// (DMARC, or DKIM/SPF aligned with From:) decides, per mailbox. An unauthenticated message is
// held for review in `require` mode (nothing reaches a ticket until a member of staff accepts
// it) and processed with its verdict recorded in `record` mode.
describeEachDb('inbound email: sender authentication', (dialect) => {
  let t: BareTestApp;
  let d: ServiceDesk;
  let ticket: { id: string; reference: string };
  const require: MailboxRef = { id: null, communeId: null, senderAuth: 'require', authservId: null };
  const recordOnly: MailboxRef = { id: null, communeId: null, senderAuth: 'record', authservId: null };
  let n = 0;

  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
    d = await makeServiceDesk(t);
    ticket = await openTicket(t, d.requester.email, { title: 'Écran noir' });
  });
  afterAll(async () => {
    await t.close();
  });

  const mail = async (opts: { subject?: string; authResults?: string[]; text?: string } = {}) =>
    Buffer.from(
      await rawMail({
        from: `Rémi Demandeur <${d.requester.email}>`,
        subject: opts.subject ?? `Re: [${ticket.reference}] Écran noir`,
        text: opts.text ?? 'Toujours rien à l’écran.',
        messageId: `<trust-${++n}@mairie.example>`,
        ...(opts.authResults ? { authResults: opts.authResults } : {}),
      }),
    );
  const comments = async () =>
    (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/comments`, headers: await t.as(d.agent.email) })).json()
      .items as Array<{ body: string }>;
  const authHistory = async (ticketId: string) =>
    (
      (await t.app.inject({ url: `/api/v1/tickets/${ticketId}/history`, headers: await t.as(d.agent.email) })).json()
        .items as Array<{ kind: string; data: Record<string, unknown> }>
    ).filter((h) => h.kind === 'email_authentication');

  it('holds an unauthenticated reply for review, then adds it once staff accept it', async () => {
    const before = (await comments()).length;
    const held = await processInbound(t.app.ctx, await mail({ authResults: [], text: 'Sans signature' }), require);
    expect(held.outcome).toBe('held_for_review');
    expect((await comments()).length).toBe(before);

    const list = await t.app.inject({ url: '/api/v1/inbound-messages', headers: await t.as(d.agent.email) });
    expect(list.statusCode).toBe(200);
    const item = (list.json().items as Array<{ id: string; ticketId: string; verdict: { status: string } }>)[0]!;
    expect(item).toMatchObject({ ticketId: ticket.id, outcome: 'held_for_review', verdict: { status: 'none' } });

    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inbound-messages/${item.id}/accept`,
      headers: await t.as(d.agent.email),
      payload: { comment: 'Appel de vérification au demandeur' },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json()).toMatchObject({ outcome: 'reply_added', reviewedBy: d.agent.email });
    expect((await comments()).map((c) => c.body)).toContain('Sans signature');
    expect((await authHistory(ticket.id)).at(-1)!.data).toMatchObject({
      status: 'none',
      mode: 'require',
      acceptedBy: d.agent.email,
      comment: 'Appel de vérification au demandeur',
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inbound-messages/${item.id}/accept`,
      headers: await t.as(d.agent.email),
      payload: {},
    });
    expect(again.statusCode).toBe(409);
  });

  it('drops a rejected message: nothing reaches the ticket', async () => {
    const before = (await comments()).length;
    const failed = [`mx.mutualis.test; dmarc=fail header.from=${d.requester.email.split('@')[1]!}`];
    const held = await processInbound(t.app.ctx, await mail({ authResults: failed, text: 'Usurpé' }), require);
    expect(held.outcome).toBe('held_for_review');
    const row = await t.app.ctx.db
      .selectFrom('inboundMessages')
      .select('id')
      .where('messageId', '=', held.messageId)
      .executeTakeFirstOrThrow();
    const reject = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inbound-messages/${row.id}/reject`,
      headers: await t.as(d.agent.email),
      payload: { comment: 'Adresse usurpée' },
    });
    expect(reject.statusCode).toBe(200);
    expect(reject.json()).toMatchObject({ outcome: 'rejected', verdict: { status: 'fail', method: 'dmarc' } });
    expect((await comments()).length).toBe(before);
    const stored = await t.app.ctx.db
      .selectFrom('inboundMessages')
      .select('rawMessage')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(stored.rawMessage).toBeNull();
  });

  it('holds a new ticket from an unauthenticated sender too; an authenticated one goes through with its verdict', async () => {
    const newOne = await processInbound(
      t.app.ctx,
      await mail({
        subject: 'Imprimante du CCAS',
        authResults: ['mx.mutualis.test; spf=fail smtp.mailfrom=x@evil.example'],
      }),
      require,
    );
    expect(newOne).toMatchObject({ outcome: 'held_for_review', ticketId: null });
    const ok = await processInbound(t.app.ctx, await mail({ subject: 'Scanner en panne' }), require);
    expect(ok.outcome).toBe('ticket_created');
    expect((await authHistory(ok.ticketId!))[0]!.data).toMatchObject({
      status: 'pass',
      method: 'dmarc',
      mode: 'require',
    });
  });

  it('trusts only its own mail server: a forged header further down does not pass', async () => {
    const box: MailboxRef = { ...require, authservId: 'mx.mutualis.test' };
    const forged = await processInbound(
      t.app.ctx,
      await mail({
        authResults: [
          `mx.mutualis.test; dmarc=fail header.from=${d.requester.email.split('@')[1]!}`,
          `mx.mutualis.test; dmarc=pass header.from=${d.requester.email.split('@')[1]!}`,
        ],
      }),
      box,
    );
    expect(forged.outcome).toBe('held_for_review');
  });

  it('in record mode processes the message and records the verdict on the ticket', async () => {
    const res = await processInbound(t.app.ctx, await mail({ subject: 'Souris cassée', authResults: [] }), recordOnly);
    expect(res.outcome).toBe('ticket_created');
    expect((await authHistory(res.ticketId!))[0]!.data).toMatchObject({ status: 'none', mode: 'record' });
  });

  it('lets only staff of the commune review held mail', async () => {
    const held = await processInbound(t.app.ctx, await mail({ authResults: [], text: 'À vérifier' }), require);
    const row = await t.app.ctx.db
      .selectFrom('inboundMessages')
      .select('id')
      .where('messageId', '=', held.messageId)
      .executeTakeFirstOrThrow();
    const southStaff = await makeUser(t, { roles: ['technician'], assigned: [d.otherCommuneId] });
    const list = await t.app.inject({ url: '/api/v1/inbound-messages', headers: await t.as(southStaff.email) });
    expect((list.json().items as Array<{ id: string }>).map((x) => x.id)).not.toContain(row.id);
    const url = `/api/v1/inbound-messages/${row.id}/accept`;
    expect(
      (await t.app.inject({ method: 'POST', url, headers: await t.as(southStaff.email), payload: {} })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url, headers: await t.as(d.referent.email), payload: {} })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: ANON, payload: {} })).statusCode).toBe(401);
  });
});

// A mailbox setting must not make the server probe its own network: hosts are checked against
// the configuration when saved and when polled, and a failed poll says what kind of failure it
// was, never the socket's own words.
describeEachDb('mailbox hosts', (dialect) => {
  let app: App;
  let drop: () => Promise<void>;
  let admin: Record<string, string>;
  beforeAll(async () => {
    const fresh = await freshDatabase(dialect);
    drop = fresh.drop;
    app = await buildApp(testConfig({ webDir: '/nonexistent', mailboxHosts: { allow: [], allowPrivate: false } }), {
      database: fresh.database,
    });
    const boss = await makeUser({ app }, { roles: ['administrator'] });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: ANON,
      payload: { email: boss.email, password: 'mutualis-demo' },
    });
    admin = { ...ANON, cookie: `mutualis_session=${login.cookies.find((c) => c.name === 'mutualis_session')!.value}` };
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const create = (host: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/mailboxes',
      headers: admin,
      payload: { communeId: null, host, port: 143, username: 'support', password: 'secret-secret', tls: false },
    });

  it.each(['127.0.0.1', 'localhost', '10.0.0.12', '169.254.169.254', '[::1]'.replace(/[[\]]/g, '')])(
    'refuses %s when private addresses are not allowed',
    async (host) => {
      const res = await create(host);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields[0]).toMatchObject({ field: 'host', code: 'not_allowed' });
    },
  );

  it('refuses a name that does not resolve, and says so without probing', async () => {
    const res = await create('imap.does-not-exist.invalid');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('host');
  });

  it('answers a failed poll with the kind of failure, not the socket error', async () => {
    const second = await freshDatabase(dialect);
    const open = await buildApp(testConfig({ webDir: '/nonexistent' }), { database: second.database });
    try {
      const boss = await makeUser({ app: open }, { roles: ['administrator'] });
      const login = await open.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: ANON,
        payload: { email: boss.email, password: 'mutualis-demo' },
      });
      const h = {
        ...ANON,
        cookie: `mutualis_session=${login.cookies.find((c) => c.name === 'mutualis_session')!.value}`,
      };
      const made = await open.inject({
        method: 'POST',
        url: '/api/v1/mailboxes',
        headers: h,
        payload: {
          communeId: null,
          host: '127.0.0.1',
          port: 1,
          username: 'support',
          password: 'secret-secret',
          tls: false,
        },
      });
      expect(made.statusCode, made.body).toBe(201);
      const poll = await open.inject({
        method: 'POST',
        url: `/api/v1/mailboxes/${made.json().id as string}/poll`,
        headers: h,
      });
      expect(poll.statusCode).toBe(503);
      expect(poll.json().error.message).toBe('The mailbox could not be read: the server could not be reached.');
      expect(poll.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:1\b/);
    } finally {
      await open.close();
      await second.drop();
    }
  });
});
