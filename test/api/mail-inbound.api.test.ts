import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ANON, describeEachDbWith, makeTestApp, type TestApp } from '../harness';
import { newId } from '../../src/server/lib/ids';
import { runDueJobs } from '../../src/server/modules/scheduler/runner';
import { ensurePollJob, pollAllMailboxes } from '../../src/server/modules/mail-inbound/poll';
import { TestSmtp } from '../mail/smtp';
import { dovecotAvailable, startDovecot, type DovecotServer } from '../mail/dovecot';
import { bounce, fakeExe, rawMail, tinyPdf } from '../mail/messages';
import { prepareMail } from '../mail/helpers';
import { openTicket } from '../factories';

const dovecot = { name: 'Dovecot', installed: dovecotAvailable(), install: 'apt-get install -y dovecot-imapd' };

describeEachDbWith(dovecot, 'inbound email over IMAP (Dovecot)', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let imap: DovecotServer;
  const monday9 = '2026-03-02T08:00:00.000Z';
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: monday9 });
    smtp = await new TestSmtp().start();
    imap = await startDovecot();
    await prepareMail(t, smtp);
    await t.app.ctx.db
      .insertInto('mailboxes')
      .values({
        id: newId(),
        communeId: null,
        host: imap.host,
        port: imap.port,
        username: imap.user,
        password: imap.pass,
        folder: 'INBOX',
        processedFolder: null,
        tls: 0,
        active: 1,
        senderAuth: 'require',
        authservId: null,
        lastPolledAt: null,
        lastError: null,
        createdAt: monday9,
      })
      .execute();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await imap.stop();
  });
  beforeEach(async () => {
    await runDueJobs(t.app.ctx, t.clock.now());
    smtp.clear();
  });

  const db = () => t.app.ctx.db;
  const poll = async () => {
    const results = await pollAllMailboxes(t.app.ctx);
    await runDueJobs(t.app.ctx, t.clock.now());
    return results;
  };
  const ticketsTitled = (title: string) => db().selectFrom('tickets').selectAll().where('title', '=', title).execute();

  it('opens a ticket for a known sender (channel email, their commune), confirms it, and marks the message seen', async () => {
    await imap.append(
      await rawMail({
        from: 'Arnaud Agent <agent@le-bouscat.test>',
        subject: 'Imprimante du 1er étage HS',
        text: 'Bonjour,\nl’imprimante ne répond plus.\nArnaud',
        messageId: '<new-1@le-bouscat.test>',
      }),
    );
    const [r] = await poll();
    expect(r).toMatchObject({ outcome: 'ticket_created', messageId: '<new-1@le-bouscat.test>' });
    const [ticket, ...more] = await ticketsTitled('Imprimante du 1er étage HS');
    expect(more).toHaveLength(0);
    expect(ticket).toMatchObject({
      channel: 'email',
      communeId: t.org.communes.leBouscat,
      requesterId: t.org.users['agent@le-bouscat.test'],
    });
    expect(ticket!.description).toContain('l’imprimante ne répond plus.');
    const [confirmation] = smtp.to('agent@le-bouscat.test');
    expect(confirmation!.subject).toBe(`[${ticket!.reference}] Demande enregistrée : Imprimante du 1er étage HS`);
    const flags = (await imap.flags()).find((m) => m.messageId === '<new-1@le-bouscat.test>');
    expect(flags!.flags).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged']));
  });

  it('never makes two tickets from the same Message-ID, even delivered twice', async () => {
    const raw = await rawMail({
      from: 'agent@le-bouscat.test',
      subject: 'Wifi salle du conseil',
      text: 'Plus de wifi.',
      messageId: '<dup-1@le-bouscat.test>',
    });
    await imap.append(raw);
    await poll();
    await imap.append(raw);
    const results = await poll();
    expect(results.map((r) => r.outcome)).toEqual(['duplicate']);
    expect(await ticketsTitled('Wifi salle du conseil')).toHaveLength(1);
  });

  it('threads a reply to its ticket by the reference in the subject, keeping only the new text', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Logiciel état civil lent' });
    await imap.append(
      await rawMail({
        from: 'agent@le-bouscat.test',
        subject: `RE: [${ticket.reference}] Demande enregistrée : Logiciel état civil lent`,
        messageId: '<reply-subject@le-bouscat.test>',
        text: 'C’est encore plus lent ce matin.\n\nLe lundi 2 mars 2026, Mutualis a écrit :\n> Votre demande est enregistrée.',
      }),
    );
    const [r] = await poll();
    expect(r).toMatchObject({ outcome: 'reply_added', ticketId: ticket.id });
    const comments = await db().selectFrom('ticketComments').selectAll().where('ticketId', '=', ticket.id).execute();
    expect(comments.map((c) => c.body)).toEqual(['C’est encore plus lent ce matin.']);
    expect(comments[0]).toMatchObject({ internal: 0, emailMessageId: '<reply-subject@le-bouscat.test>' });
  });

  it('threads a reply by In-Reply-To matching one of our outbound Message-IDs', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Téléphone muet' });
    await runDueJobs(t.app.ctx, t.clock.now());
    const sent = await db()
      .selectFrom('outbox')
      .select('messageId')
      .where('ticketId', '=', ticket.id)
      .where('template', '=', 'ticket_created')
      .executeTakeFirstOrThrow();
    await imap.append(
      await rawMail({
        from: 'agent@le-bouscat.test',
        subject: 'Re: mon téléphone',
        text: 'Le poste 4121 aussi.',
        messageId: '<reply-irt@le-bouscat.test>',
        inReplyTo: sent.messageId,
        references: [sent.messageId],
      }),
    );
    const [r] = await poll();
    expect(r).toMatchObject({ outcome: 'reply_added', ticketId: ticket.id });
    expect(await ticketsTitled('Re: mon téléphone')).toHaveLength(0);
  });

  it('ignores auto-replies, bulk mail and bounces: no ticket, no reply, no answer (no mail loop)', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Absence test' });
    await runDueJobs(t.app.ctx, t.clock.now());
    smtp.clear();
    await imap.append(
      await rawMail({
        from: 'agent@le-bouscat.test',
        subject: `Absent : [${ticket.reference}] Demande enregistrée`,
        text: 'Je suis absent.',
        messageId: '<auto-1@le-bouscat.test>',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    );
    await imap.append(
      await rawMail({
        from: 'agent@le-bouscat.test',
        subject: 'Lettre d’information',
        text: 'Nouveautés.',
        messageId: '<bulk-1@le-bouscat.test>',
        headers: { Precedence: 'bulk' },
      }),
    );
    await imap.append(bounce('<bounce-1@mx.example.org>', 'ancien@le-bouscat.test'));
    const results = await poll();
    expect(results.map((r) => r.outcome).sort()).toEqual(['ignored_auto', 'ignored_auto', 'ignored_bounce']);
    expect(
      await db().selectFrom('ticketComments').select('id').where('ticketId', '=', ticket.id).execute(),
    ).toHaveLength(0);
    expect(await ticketsTitled('Lettre d’information')).toHaveLength(0);
    expect(smtp.messages).toHaveLength(0);
    const seen = await db()
      .selectFrom('inboundMessages')
      .select(['messageId', 'outcome'])
      .where('messageId', 'in', ['<auto-1@le-bouscat.test>', '<bulk-1@le-bouscat.test>', '<bounce-1@mx.example.org>'])
      .execute();
    expect(seen).toHaveLength(3);
  });

  it('answers an unknown sender clearly, in French, and opens no ticket', async () => {
    await imap.append(
      await rawMail({
        from: 'inconnu@example.org',
        subject: 'Problème de connexion',
        text: 'Je n’arrive pas à me connecter.',
        messageId: '<unknown-1@example.org>',
      }),
    );
    const [r] = await poll();
    expect(r!.outcome).toBe('unknown_sender');
    expect(await ticketsTitled('Problème de connexion')).toHaveLength(0);
    const [answer] = smtp.to('inconnu@example.org');
    expect(answer!.subject).toBe('Message non traité / Message not processed : Problème de connexion');
    expect(answer!.text).toContain('votre adresse n’est pas connue du service commun numérique');
    expect(answer!.text).toContain('your address is not known to the shared IT service');
    expect(answer!.header('auto-submitted')).toBe('auto-generated');
  });

  it('sanitises HTML: text kept, scripts, styles and remote images dropped', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Capture jointe' });
    const html =
      '<html><head><style>p{color:red}</style><script>alert("x")</script></head><body><p onclick="steal()">Voici le <b>message d’erreur</b>.</p><img src="http://tracker.example/pixel.gif"><a href="javascript:alert(1)">lien</a></body></html>';
    await imap.append(
      await rawMail({
        from: 'agent@le-bouscat.test',
        subject: `[${ticket.reference}] capture`,
        html,
        messageId: '<html-1@le-bouscat.test>',
      }),
    );
    await poll();
    const [c] = await db().selectFrom('ticketComments').selectAll().where('ticketId', '=', ticket.id).execute();
    expect(c!.body).toContain('Voici le message d’erreur.');
    expect(c!.bodyHtml).toContain('<b>message d’erreur</b>');
    for (const bad of ['<script', 'alert(', '<style', 'color:red', '<img', 'tracker.example', 'onclick', 'javascript:'])
      expect(c!.bodyHtml).not.toContain(bad);
  });

  it('keeps accepted attachments and lists refused ones back to the sender', async () => {
    await imap.append(
      await rawMail({
        from: 'agent@le-bouscat.test',
        subject: 'Facture illisible',
        text: 'Voir pièces jointes.',
        messageId: '<att-1@le-bouscat.test>',
        attachments: [
          { filename: 'facture.pdf', content: tinyPdf, contentType: 'application/pdf' },
          { filename: 'outil.exe', content: fakeExe, contentType: 'application/octet-stream' },
        ],
      }),
    );
    const [r] = await poll();
    expect(r).toMatchObject({ outcome: 'ticket_created', rejectedAttachments: ['outil.exe'] });
    const atts = await db().selectFrom('ticketAttachments').selectAll().where('ticketId', '=', r!.ticketId!).execute();
    expect(atts.map((a) => [a.filename, a.contentType])).toEqual([['facture.pdf', 'application/pdf']]);
    const refused = smtp.to('agent@le-bouscat.test').find((m) => m.subject.includes('Pièces jointes refusées'));
    expect(refused!.text).toContain('- outil.exe');
    // The opening message's files are the ticket's own; a reply's go with the reply.
    expect(atts[0]!.commentId).toBeNull();
    const ticket = await db()
      .selectFrom('tickets')
      .select('reference')
      .where('id', '=', r!.ticketId!)
      .executeTakeFirstOrThrow();
    await imap.append(
      await rawMail({
        from: 'agent@le-bouscat.test',
        subject: `RE: [${ticket.reference}] Facture illisible`,
        text: 'La page 2 manquait.',
        messageId: '<att-2@le-bouscat.test>',
        attachments: [{ filename: 'page2.pdf', content: tinyPdf, contentType: 'application/pdf' }],
      }),
    );
    const [reply] = await poll();
    expect(reply).toMatchObject({ outcome: 'reply_added', ticketId: r!.ticketId });
    const comment = await db()
      .selectFrom('ticketComments')
      .select('id')
      .where('emailMessageId', '=', '<att-2@le-bouscat.test>')
      .executeTakeFirstOrThrow();
    const page2 = await db()
      .selectFrom('ticketAttachments')
      .selectAll()
      .where('filename', '=', 'page2.pdf')
      .executeTakeFirstOrThrow();
    expect(page2.commentId).toBe(comment.id);
  });

  it('polls through the recurring scheduler job, once per interval', async () => {
    await ensurePollJob(t.app.ctx);
    await imap.append(
      await rawMail({
        from: 'referent@le-bouscat.test',
        subject: 'Demande de compte',
        text: 'Pour la nouvelle recrue.',
        messageId: '<job-1@le-bouscat.test>',
      }),
    );
    await runDueJobs(t.app.ctx, t.clock.now());
    expect(await ticketsTitled('Demande de compte')).toHaveLength(1);
    await imap.append(
      await rawMail({
        from: 'referent@le-bouscat.test',
        subject: 'Deuxième demande',
        text: 'Encore une.',
        messageId: '<job-2@le-bouscat.test>',
      }),
    );
    await runDueJobs(t.app.ctx, t.clock.now());
    expect(await ticketsTitled('Deuxième demande')).toHaveLength(0);
    t.clock.advance(60_000);
    await runDueJobs(t.app.ctx, t.clock.now());
    expect(await ticketsTitled('Deuxième demande')).toHaveLength(1);
    const job = await db().selectFrom('jobs').selectAll().where('dedupeKey', '=', 'recurring:mail.poll').execute();
    expect(job).toHaveLength(1);
  });
  it('configures a commune mailbox through the API (password never returned) and reads it on demand', async () => {
    const director = await t.as('directeur@mutualis.test');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mailboxes',
      headers: director,
      payload: {
        communeId: t.org.communes.leBouscat,
        host: imap.host,
        port: imap.port,
        username: imap.user,
        password: imap.pass,
        tls: false,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const box = created.json();
    expect(box).toMatchObject({
      communeId: t.org.communes.leBouscat,
      hasPassword: true,
      folder: 'INBOX',
      tls: false,
      active: true,
    });
    expect(JSON.stringify(box)).not.toContain(imap.pass);
    const list = (await t.app.inject({ url: '/api/v1/mailboxes', headers: director })).json();
    expect(list.items.map((m: { id: string }) => m.id)).toContain(box.id);
    await imap.append(
      await rawMail({
        from: 'agent@le-bouscat.test',
        subject: 'Lu à la demande',
        text: 'Test.',
        messageId: '<poll-now@le-bouscat.test>',
      }),
    );
    const polled = await t.app.inject({ method: 'POST', url: `/api/v1/mailboxes/${box.id}/poll`, headers: director });
    expect(polled.statusCode, polled.body).toBe(200);
    expect(polled.json().items).toEqual([
      expect.objectContaining({ outcome: 'ticket_created', messageId: '<poll-now@le-bouscat.test>' }),
    ]);
    const broken = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/mailboxes/${box.id}`,
      headers: director,
      payload: { password: 'wrong-password' },
    });
    expect(broken.statusCode).toBe(200);
    const failed = await t.app.inject({ method: 'POST', url: `/api/v1/mailboxes/${box.id}/poll`, headers: director });
    expect(failed.statusCode).toBe(503);
    expect(
      (await t.app.inject({ url: '/api/v1/mailboxes', headers: director }))
        .json()
        .items.find((m: { id: string }) => m.id === box.id).lastError,
    ).toBeTruthy();
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/mailboxes/${box.id}`, headers: director })).statusCode,
    ).toBe(204);
  });

  it('isolates mailboxes: another commune 404 on read and write, anonymous 401, no configure permission 403', async () => {
    const director = await t.as('directeur@mutualis.test');
    const box = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/mailboxes',
        headers: director,
        payload: {
          communeId: t.org.communes.leBouscat,
          host: '127.0.0.1',
          port: 1,
          username: 'x',
          password: 'y',
          active: false,
        },
      })
    ).json();
    const other = await t.as('referent@villedemo.test');
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/mailboxes/${box.id}`,
          headers: other,
          payload: { active: true },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/mailboxes/${box.id}`, headers: other })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/mailboxes/${box.id}/poll`, headers: other })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/mailboxes',
          headers: other,
          payload: { communeId: t.org.communes.leBouscat, host: 'h', port: 993, username: 'u', password: 'p' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/mailboxes', headers: other })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ url: '/api/v1/mailboxes', headers: await t.as('contrats@mutualis.test') })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/mailboxes', headers: ANON })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/mailboxes',
          headers: ANON,
          payload: { communeId: null, host: 'h', port: 993, username: 'u', password: 'p' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/mailboxes/${box.id}`,
          headers: ANON,
          payload: { active: true },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/mailboxes/${box.id}`, headers: ANON })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/mailboxes/${box.id}/poll`, headers: ANON })).statusCode,
    ).toBe(401);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/mailboxes/${box.id}`, headers: director });
  });
});
