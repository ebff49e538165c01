import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { runDueJobs } from '../../src/server/modules/scheduler/runner';
import { TestSmtp } from '../mail/smtp';
import { prepareMail } from '../mail/helpers';
import { openTicket } from '../factories';

describeEachDb('outbound email: notifications over SMTP', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  const monday9 = '2026-03-02T08:00:00.000Z'; // Monday 09:00 in Paris
  const saturday10 = '2026-03-07T09:00:00.000Z'; // Saturday 10:00 in Paris
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: monday9 });
    smtp = await new TestSmtp().start();
    await prepareMail(t, smtp);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(async () => {
    t.clock.set(monday9);
    t.app.ctx.config.smtp = smtp.config();
    await runDueJobs(t.app.ctx, new Date('2030-01-01T00:00:00.000Z'));
    smtp.clear();
  });

  const run = () => runDueJobs(t.app.ctx, t.clock.now());

  it('confirms a new ticket to its requester in French, reference in brackets, threading headers set', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Écran noir' });
    await run();
    const [mail, ...others] = smtp.to('agent@le-bouscat.test');
    expect(others).toHaveLength(0);
    expect(mail!.subject).toBe(`[${ticket.reference}] Demande enregistrée : Écran noir`);
    expect(mail!.text).toContain(`Votre demande « Écran noir » est enregistrée sous la référence ${ticket.reference}`);
    const row = await t.app.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticketId', '=', ticket.id)
      .where('template', '=', 'ticket_created')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(mail!.parsed.messageId).toBe(row.messageId);
    expect(mail!.header('references')).toContain(`<ticket.${ticket.id}@mutualis.test>`);
    expect(mail!.header('auto-submitted')).toBe('auto-generated');
  });

  it('writes in English to a user who chose English', async () => {
    const h = await t.as('agent@villedemo.test');
    expect(
      (await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: h, payload: { locale: 'en' } })).statusCode,
    ).toBe(200);
    const ticket = await openTicket(t, 'agent@villedemo.test', { title: 'Printer jammed' });
    await run();
    const [mail] = smtp.to('agent@villedemo.test');
    expect(mail!.subject).toBe(`[${ticket.reference}] Ticket received: Printer jammed`);
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: h, payload: { locale: 'fr' } });
  });

  it('sends public replies to the requester but never internal notes; status changes, with the survey link on resolution', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Messagerie lente' });
    await run();
    smtp.clear();
    const staff = await t.as('technicien@mutualis.test');
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/comments`,
      headers: staff,
      payload: { body: 'Voir avec le fournisseur (interne).', internal: true },
    });
    expect(note.statusCode, note.body).toBe(201);
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/comments`,
      headers: staff,
      payload: { body: 'Pouvez-vous redémarrer votre poste ?', internal: false },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    for (const to of ['acknowledged', 'in_progress', 'resolved']) {
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/tickets/${ticket.id}/transitions`,
            headers: staff,
            payload: { to, comment: to === 'resolved' ? 'Cache de messagerie reconstruit.' : undefined },
          })
        ).statusCode,
      ).toBe(200);
    }
    await run();
    const mails = smtp.to('agent@le-bouscat.test');
    const subjects = mails.map((m) => m.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        `[${ticket.reference}] Nouvelle réponse : Messagerie lente`,
        `[${ticket.reference}] Demande prise en compte : Messagerie lente`,
        `[${ticket.reference}] Demande résolue : Messagerie lente`,
      ]),
    );
    expect(mails).toHaveLength(3); // nothing for the internal note nor for "in progress"
    expect(mails.some((m) => m.text.includes('Voir avec le fournisseur'))).toBe(false);
    expect(mails.find((m) => m.subject.includes('Nouvelle réponse'))!.text).toContain(
      'Pouvez-vous redémarrer votre poste ?',
    );
    const resolved = mails.find((m) => m.subject.includes('résolue'))!;
    expect(resolved.text).toContain(`/tickets/${ticket.id}?survey=1`);
    expect(resolved.text).toContain('Cache de messagerie reconstruit.');
  });

  it('delivers a non-urgent notification at the recipient’s next working hour, an urgent one at once (zammad#4432)', async () => {
    t.clock.set(saturday10);
    const low = await openTicket(t, 'agent@le-bouscat.test', {
      title: 'Souris capricieuse',
      impact: 'low',
      urgency: 'low',
    });
    const p1 = await openTicket(t, 'agent@le-bouscat.test', {
      title: 'Mairie sans réseau',
      impact: 'critical',
      urgency: 'critical',
    });
    expect(p1.priority).toBe('P1');
    await run();
    const now = smtp.to('agent@le-bouscat.test').map((m) => m.subject);
    expect(now).toEqual([`[${p1.reference}] Demande enregistrée : Mairie sans réseau`]);
    const deferred = await t.app.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticketId', '=', low.id)
      .executeTakeFirstOrThrow();
    expect(deferred).toMatchObject({ status: 'pending', notBefore: '2026-03-09T07:30:00.000Z' }); // Monday 08:30 in Paris
    t.clock.set('2026-03-09T07:29:59.000Z');
    await run();
    expect(smtp.to('agent@le-bouscat.test')).toHaveLength(1);
    t.clock.set('2026-03-09T07:30:00.000Z');
    await run();
    expect(smtp.to('agent@le-bouscat.test').map((m) => m.subject)).toContain(
      `[${low.reference}] Demande enregistrée : Souris capricieuse`,
    );
  });

  it('lets a person opt out of working-hours delivery; the preferences are per person (anonymous 401)', async () => {
    expect((await t.app.inject({ url: '/api/v1/me/notification-preferences', headers: ANON })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/me/notification-preferences',
          headers: ANON,
          payload: { email: true, workingHoursOnly: false },
        })
      ).statusCode,
    ).toBe(401);
    t.clock.set(saturday10);
    const h = await t.as('referent@le-bouscat.test');
    expect((await t.app.inject({ url: '/api/v1/me/notification-preferences', headers: h })).json()).toEqual({
      email: true,
      workingHoursOnly: true,
    });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: h,
      payload: { email: true, workingHoursOnly: false },
    });
    expect(put.json()).toEqual({ email: true, workingHoursOnly: false });
    // Another person's preferences are untouched.
    expect(
      (
        await t.app.inject({
          url: '/api/v1/me/notification-preferences',
          headers: await t.as('agent@le-bouscat.test'),
        })
      ).json(),
    ).toEqual({ email: true, workingHoursOnly: true });
    const ticket = await openTicket(t, 'referent@le-bouscat.test', {
      title: 'Badge refusé',
      impact: 'low',
      urgency: 'low',
    });
    await run();
    expect(smtp.to('referent@le-bouscat.test').map((m) => m.subject)).toEqual([
      `[${ticket.reference}] Demande enregistrée : Badge refusé`,
    ]);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: h,
      payload: { email: true, workingHoursOnly: true },
    });
  });

  it('retries when the SMTP server fails: nothing is lost, nothing is sent twice', async () => {
    smtp.failNext(1);
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Scanner hors service' });
    await run();
    expect(smtp.to('agent@le-bouscat.test')).toHaveLength(0);
    const row = await t.app.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticketId', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.lastError).toMatch(/451|Temporary/);
    t.clock.advance(30_000);
    await run();
    await run();
    expect(smtp.to('agent@le-bouscat.test').map((m) => m.subject)).toEqual([
      `[${ticket.reference}] Demande enregistrée : Scanner hors service`,
    ]);
    const after = await t.app.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('records notifications without sending them when SMTP is not configured', async () => {
    t.app.ctx.config.smtp = null;
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Sans SMTP' });
    await run();
    expect(smtp.messages).toHaveLength(0);
    const row = await t.app.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticketId', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('unsent');
    expect(row.lastError).toMatch(/SMTP is not configured/);
  });
  it('recalls an unanswered satisfaction survey once, three days after resolution; an answered one never', async () => {
    const staff = await t.as('technicien@mutualis.test');
    const resolve = async (title: string) => {
      const ticket = await openTicket(t, 'agent@le-bouscat.test', { title });
      for (const to of ['acknowledged', 'in_progress', 'resolved'])
        expect(
          (
            await t.app.inject({
              method: 'POST',
              url: `/api/v1/tickets/${ticket.id}/transitions`,
              headers: staff,
              payload: { to },
            })
          ).statusCode,
        ).toBe(200);
      return ticket;
    };
    const silent = await resolve('Clavier changé');
    const answered = await resolve('Écran changé');
    const survey = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${answered.id}/survey`,
      headers: await t.as('agent@le-bouscat.test'),
      payload: { score: 5 },
    });
    expect(survey.statusCode, survey.body).toBeLessThan(300);
    await run();
    smtp.clear();
    t.clock.set('2026-03-05T07:59:00.000Z');
    await run();
    expect(smtp.messages).toHaveLength(0);
    t.clock.set('2026-03-05T08:00:00.000Z'); // Thursday 09:00, three days later
    await run();
    await run();
    t.clock.advance(86_400_000);
    await run();
    const reminders = smtp.messages.filter((m) => m.subject.includes('Votre avis'));
    expect(reminders.map((m) => m.subject)).toEqual([
      `[${silent.reference}] Votre avis sur le traitement de votre demande : Clavier changé`,
    ]);
    expect(reminders[0]!.text).toContain(`/tickets/${silent.id}?survey=1`);
  });
  it('shows staff the emails of a ticket (sent, waiting); another commune 404, anonymous 401, commune users 403', async () => {
    t.clock.set(saturday10);
    const ticket = await openTicket(t, 'agent@le-bouscat.test', {
      title: 'Journal des envois',
      impact: 'low',
      urgency: 'low',
    });
    await run();
    const url = `/api/v1/tickets/${ticket.id}/notifications`;
    const res = await t.app.inject({ url, headers: await t.as('accueil@mutualis.test') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        template: 'ticket_created',
        to: 'agent@le-bouscat.test',
        status: 'pending',
        notBefore: '2026-03-09T07:30:00.000Z',
        urgent: false,
      }),
    ]);
    expect((await t.app.inject({ url, headers: await t.as('referent@villedemo.test') })).statusCode).toBe(404);
    expect((await t.app.inject({ url, headers: ANON })).statusCode).toBe(401);
    expect((await t.app.inject({ url, headers: await t.as('agent@le-bouscat.test') })).statusCode).toBe(403);
  });
});
