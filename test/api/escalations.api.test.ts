import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { runDueJobs } from '../../src/server/modules/scheduler/runner';
import { ensureSlaSweep } from '../../src/server/modules/escalations/alerts';
import { TestSmtp } from '../mail/smtp';
import { categoryId, historyOf, prepareMail } from '../mail/helpers';
import { openTicket } from '../factories';

describeEachDb('escalations: directory, manual and automatic escalation, SLA warnings', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  // Monday 2 March 2026, 09:00 in Paris.
  const monday9 = '2026-03-02T08:00:00.000Z';
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: monday9 });
    smtp = await new TestSmtp().start();
    await prepareMail(t, smtp);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => {
    t.clock.set(monday9);
    smtp.clear();
  });

  const directoryUrl = () => `/api/v1/communes/${t.org.communes.leBouscat}/escalation-directory`;

  it('lists every role of the matrix in force with the users holding it (demo directory)', async () => {
    const res = await t.app.inject({ url: directoryUrl(), headers: await t.as('referent@le-bouscat.test') });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.annexVersionId).toBeTruthy();
    const dgs = d.roles.find(
      (r: { side: string; role: string }) => r.side === 'commune' && r.role === 'Directeur général des services',
    );
    expect(dgs.users.map((u: { email: string }) => u.email)).toEqual(['dgs@le-bouscat.test']);
    expect(dgs.cells).toEqual(expect.arrayContaining([{ level: 'exceptional', subdomain: 'A' }]));
    const callCentre = d.roles.find(
      (r: { side: string; role: string }) => r.side === 'provider' && r.role === "Centre d'appel",
    );
    expect(callCentre.users.map((u: { email: string }) => u.email)).toEqual(['accueil@mutualis.test']);
    expect(d.abilities.canEdit).toBe(false);
  });

  it('isolates the directory: another commune 404 on read and write, anonymous 401, referent may not write (403)', async () => {
    const other = await t.as('referent@villedemo.test');
    expect((await t.app.inject({ url: directoryUrl(), headers: other })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'PUT', url: directoryUrl(), headers: other, payload: { entries: [] } })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: directoryUrl(), headers: ANON })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'PUT', url: directoryUrl(), headers: ANON, payload: { entries: [] } })).statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: directoryUrl(),
          headers: await t.as('referent@le-bouscat.test'),
          payload: { entries: [] },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: directoryUrl(), headers: await t.as('agent@le-bouscat.test') })).statusCode).toBe(
      403,
    );
  });

  it('replaces the directory (contract manager), refusing roles the matrix does not name and users of the wrong side', async () => {
    const h = await t.as('contrats@mutualis.test');
    const before = (await t.app.inject({ url: directoryUrl(), headers: h })).json();
    const bad = await t.app.inject({
      method: 'PUT',
      url: directoryUrl(),
      headers: h,
      payload: {
        entries: [
          { side: 'commune', role: 'Maire', userIds: [] },
          { side: 'commune', role: 'Directeur général des services', userIds: [t.org.users['agent@villedemo.test']] },
          { side: 'provider', role: "Centre d'appel", userIds: [t.org.users['agent@le-bouscat.test']] },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'entries.0.role',
      'entries.1.userIds.0',
      'entries.2.userIds.0',
    ]);
    // Put it back as it was, plus the referent as a second holder of the DGS role.
    const entries = before.roles.map((r: { side: string; role: string; users: Array<{ id: string }> }) => ({
      side: r.side,
      role: r.role,
      userIds: [
        ...r.users.map((u) => u.id),
        ...(r.role === 'Directeur général des services' ? [t.org.users['referent@le-bouscat.test']] : []),
      ],
    }));
    const ok = await t.app.inject({ method: 'PUT', url: directoryUrl(), headers: h, payload: { entries } });
    expect(ok.statusCode, ok.body).toBe(200);
    const dgs = ok.json().roles.find((r: { role: string }) => r.role === 'Directeur général des services');
    expect(dgs.users.map((u: { email: string }) => u.email).sort()).toEqual([
      'dgs@le-bouscat.test',
      'referent@le-bouscat.test',
    ]);
    // Restore the demo directory for the other tests.
    await t.app.inject({
      method: 'PUT',
      url: directoryUrl(),
      headers: h,
      payload: {
        entries: before.roles.map((r: { side: string; role: string; users: Array<{ id: string }> }) => ({
          side: r.side,
          role: r.role,
          userIds: r.users.map((u) => u.id),
        })),
      },
    });
  });

  it('escalates manually ordinary → urgent → exceptional, notifying the matrix roles of the sub-domain on both sides, then 409', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', {
      categoryId: await categoryId(t, 'workstation'),
      title: 'Poste bloqué',
    });
    const h = await t.as('accueil@mutualis.test');
    const url = `/api/v1/tickets/${ticket.id}/escalations`;
    const first = await t.app.inject({
      method: 'POST',
      url,
      headers: h,
      payload: { reason: 'Le service état civil est arrêté.' },
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ from: 'ordinary', to: 'urgent', automatic: false });
    // Urgent × C: "Chef de service de l'utilisateur" / "Chef de service centre d'appel et pilotage".
    expect(
      first
        .json()
        .notified.map((n: { email: string; side: string }) => `${n.side}:${n.email}`)
        .sort(),
    ).toEqual(['commune:chef-service@le-bouscat.test', 'provider:chef-accueil@mutualis.test']);
    await runDueJobs(t.app.ctx, t.clock.now());
    const mails = smtp.messages.filter((m) => m.subject.startsWith(`[${ticket.reference}] Escalade`));
    expect(mails.flatMap((m) => m.envelopeTo).sort()).toEqual([
      'chef-accueil@mutualis.test',
      'chef-service@le-bouscat.test',
    ]);
    for (const m of mails) {
      expect(m.subject).toContain(`[${ticket.reference}]`);
      expect(m.text).toContain('saisine en urgence');
      expect(m.text).toContain('Le service état civil est arrêté.');
      expect(m.header('references')).toContain(`ticket.${ticket.id}@`);
    }

    const second = await t.app.inject({
      method: 'POST',
      url,
      headers: await t.as('referent@le-bouscat.test'),
      payload: { reason: 'Toujours rien.' },
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ from: 'urgent', to: 'exceptional' });
    expect(
      second
        .json()
        .notified.map((n: { email: string }) => n.email)
        .sort(),
    ).toEqual(['adjoint-dg@mutualis.test', 'dgs@le-bouscat.test', 'referent@le-bouscat.test']);

    const third = await t.app.inject({ method: 'POST', url, headers: h, payload: { reason: 'Encore ?' } });
    expect(third.statusCode).toBe(409);

    const list = await t.app.inject({ url, headers: await t.as('agent@le-bouscat.test') });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((e: { to: string }) => e.to)).toEqual(['urgent', 'exceptional']);
    const history = await historyOf(t, ticket.id, 'escalated');
    expect(history).toHaveLength(2);
    expect(history.find((h) => h.to === 'urgent')).toMatchObject({
      from: 'ordinary',
      to: 'urgent',
      reason: 'Le service état civil est arrêté.',
      automatic: false,
    });
  });

  it('isolates escalations: another commune 404 on read and write, anonymous 401, a requester may not escalate (403)', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test');
    const url = `/api/v1/tickets/${ticket.id}/escalations`;
    const other = await t.as('referent@villedemo.test');
    expect((await t.app.inject({ url, headers: other })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url, headers: other, payload: { reason: 'x' } })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ url, headers: ANON })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url, headers: ANON, payload: { reason: 'x' } })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url,
          headers: await t.as('agent@le-bouscat.test'),
          payload: { reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url, headers: await t.as('accueil@mutualis.test'), payload: {} }))
        .statusCode,
    ).toBe(400);
  });

  it('exposes canEscalate on the ticket as the escalation route decides: staff and referent yes, requester no, not once exceptional nor resolved', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Capacité à escalader' });
    const url = `/api/v1/tickets/${ticket.id}`;
    const ability = async (email: string) => {
      const res = await t.app.inject({ url, headers: await t.as(email) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().abilities.canEscalate as boolean;
    };
    expect(await ability('technicien@mutualis.test')).toBe(true);
    expect(await ability('accueil@mutualis.test')).toBe(true);
    expect(await ability('admin@mutualis.test')).toBe(true);
    // A referent may escalate their commune's tickets (tickets.request_escalation): the button must show.
    expect(await ability('referent@le-bouscat.test')).toBe(true);
    expect(await ability('agent@le-bouscat.test')).toBe(false);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `${url}/escalations`,
          headers: await t.as('agent@le-bouscat.test'),
          payload: { reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);

    // At the top level there is nothing left to raise: no ability, and the route answers 409.
    const top = await t.app.inject({
      method: 'POST',
      url: `${url}/escalations`,
      headers: await t.as('referent@le-bouscat.test'),
      payload: { reason: 'Directement exceptionnelle', level: 'exceptional' },
    });
    expect(top.statusCode, top.body).toBe(201);
    expect(await ability('technicien@mutualis.test')).toBe(false);
    expect(await ability('referent@le-bouscat.test')).toBe(false);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `${url}/escalations`,
          headers: await t.as('technicien@mutualis.test'),
          payload: { reason: 'Encore' },
        })
      ).statusCode,
    ).toBe(409);

    // A resolved ticket: no ability, 409; reopened, it may be escalated again.
    const other = await openTicket(t, 'agent@le-bouscat.test', { title: 'Résolue puis rouverte' });
    const staff = await t.as('technicien@mutualis.test');
    const move = async (to: string) =>
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/tickets/${other.id}/transitions`,
            headers: staff,
            payload: { to },
          })
        ).statusCode,
      ).toBe(200);
    await move('acknowledged');
    await move('resolved');
    const otherAbility = async () =>
      (await t.app.inject({ url: `/api/v1/tickets/${other.id}`, headers: staff })).json().abilities
        .canEscalate as boolean;
    expect(await otherAbility()).toBe(false);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${other.id}/escalations`,
          headers: staff,
          payload: { reason: 'Trop tard' },
        })
      ).statusCode,
    ).toBe(409);
    await move('reopened');
    expect(await otherAbility()).toBe(true);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${other.id}/escalations`,
          headers: staff,
          payload: { reason: 'Rouverte et bloquante' },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('escalates inside the provider only when the breached delay is an internal operating target, not a contract term', async () => {
    // Le Bouscat's annex leaves 3.3.2's delays to be agreed: the clock runs on the provider's
    // operating targets (P1 4 h), whose breach never reaches the commune's matrix roles.
    const ticket = await openTicket(t, 'agent@le-bouscat.test', {
      categoryId: await categoryId(t, 'workstation'),
      impact: 'critical',
      urgency: 'critical',
      title: 'Serveur de fichiers arrêté',
    });
    expect(ticket.priority).toBe('P1');
    expect(ticket.resolveTargetOrigin).toBe('operating');
    const sent = smtp.messages.length;
    t.clock.set(ticket.resolveDueAt!);
    await runDueJobs(t.app.ctx, t.clock.now());
    t.clock.advance(3 * 3_600_000);
    await runDueJobs(t.app.ctx, t.clock.now());
    expect(await historyOf(t, ticket.id, 'escalated')).toHaveLength(0);
    const internal = await historyOf(t, ticket.id, 'internal_escalation');
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatchObject({ level: 'urgent', targetOrigin: 'operating' });
    const mails = smtp.messages.slice(sent).filter((m) => m.subject.includes('escalade interne'));
    expect(mails.length).toBeGreaterThan(0);
    // Nobody on the commune's side is told.
    expect(mails.flatMap((m) => m.envelopeTo).filter((a) => a.endsWith('@le-bouscat.test'))).toEqual([]);
    expect(smtp.messages.slice(sent).filter((m) => m.subject.startsWith(`[${ticket.reference}] Escalade`))).toEqual([]);
    const row = await t.app.ctx.db
      .selectFrom('tickets')
      .select('referralLevel')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.referralLevel).toBe('ordinary');
    t.clock.set(monday9);
  });

  it('once both parties agreed 3.3.2, new tickets run on the agreed delays and their breach escalates to the matrix', async () => {
    const lb = t.org.communes.leBouscat;
    const cm = await t.as('contrats@mutualis.test');
    const proposal = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${lb}/indicators/3.3.2/target-proposals`,
      headers: cm,
      payload: {
        baselineFrom: '2025-01-01',
        baselineTo: '2026-01-01',
        effectiveFrom: '2026-03-02',
        target: {
          kind: 'resolution_delay',
          byPriority: { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' },
          targetShare: 0.9,
        },
        decisionRef: 'Comité de suivi du 2 mars 2026',
      },
    });
    expect(proposal.statusCode, proposal.body).toBe(201);
    const id = proposal.json().id as string;
    const approve = async (who: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/target-proposals/${id}/approvals`,
        headers: await t.as(who),
        payload: {},
      });
    expect((await approve('contrats@mutualis.test')).json().status).toBe('proposed');
    const both = await approve('referent@le-bouscat.test');
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json().status).toBe('agreed');
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Imprimante du service état civil' });
    expect(ticket.resolveTargetOrigin).toBe('agreed');
  });

  it('warns at 75 % of the business-time budget and at breach, once each, then escalates automatically once per level', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', {
      categoryId: await categoryId(t, 'workstation'),
      impact: 'critical',
      urgency: 'critical',
      title: 'Plus aucun poste',
    });
    expect(ticket.priority).toBe('P1');
    const due = Date.parse(ticket.resolveDueAt!);
    await runDueJobs(t.app.ctx, t.clock.now());
    const jobs = await t.app.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('payload', 'like', `%${ticket.id}%`)
      .where('kind', 'in', ['sla.warn', 'sla.breach'])
      .execute();
    const warnResolve = jobs.find((j) => j.kind === 'sla.warn' && j.payload.includes('"resolve"'))!;
    // P1 = 4 business hours from Monday 09:00: 75 % consumed at 12:00 (3 h), due at 14:00 after lunch.
    expect(new Date(warnResolve.runAt).toISOString()).toBe('2026-03-02T11:00:00.000Z');
    expect(new Date(due).toISOString()).toBe('2026-03-02T13:00:00.000Z');

    t.clock.set('2026-03-02T10:59:00.000Z');
    await runDueJobs(t.app.ctx, t.clock.now());
    expect(await historyOf(t, ticket.id, 'warning')).toHaveLength(0);
    t.clock.set('2026-03-02T11:00:00.000Z');
    await runDueJobs(t.app.ctx, t.clock.now());
    await runDueJobs(t.app.ctx, t.clock.now());
    t.clock.advance(60_000);
    await runDueJobs(t.app.ctx, t.clock.now());
    const warnings = await historyOf(t, ticket.id, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ clock: 'resolve', threshold: 75 });
    const warnMails = smtp.messages.filter((m) =>
      m.subject.startsWith(`[${ticket.reference}] Échéance de résolution proche`),
    );
    // The group of the category (workplace: the technician) is warned.
    expect(warnMails.flatMap((m) => m.envelopeTo)).toEqual(['technicien@mutualis.test']);
    expect(warnMails[0]!.text).toContain('75 % du délai de résolution');

    t.clock.set(ticket.resolveDueAt!);
    await runDueJobs(t.app.ctx, t.clock.now());
    await runDueJobs(t.app.ctx, t.clock.now());
    t.clock.advance(3 * 3_600_000);
    await runDueJobs(t.app.ctx, t.clock.now());
    expect((await historyOf(t, ticket.id, 'breach')).filter((b) => b.clock === 'resolve')).toHaveLength(1);
    const escalations = await historyOf(t, ticket.id, 'escalated');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ from: 'ordinary', to: 'urgent', automatic: true });
    expect(
      smtp.messages.filter((m) => m.subject.includes('Délai de résolution dépassé')).flatMap((m) => m.envelopeTo),
    ).toEqual(['technicien@mutualis.test']);
    expect(
      smtp.messages
        .filter((m) => m.subject.startsWith(`[${ticket.reference}] Escalade`))
        .flatMap((m) => m.envelopeTo)
        .sort(),
    ).toEqual(['chef-accueil@mutualis.test', 'chef-service@le-bouscat.test']);
    const row = await t.app.ctx.db
      .selectFrom('tickets')
      .select('referralLevel')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.referralLevel).toBe('urgent');
  });

  it('does not warn a ticket filed in closed hours at creation: thresholds are in business time (glpi#15429)', async () => {
    t.clock.set('2026-03-06T19:00:00.000Z'); // Friday 20:00 in Paris
    const ticket = await openTicket(t, 'agent@le-bouscat.test', {
      categoryId: await categoryId(t, 'workstation'),
      impact: 'critical',
      urgency: 'critical',
      title: 'Serveur de fichiers tombé',
    });
    await runDueJobs(t.app.ctx, t.clock.now());
    t.clock.set('2026-03-09T07:29:00.000Z'); // Monday 08:29, before opening
    await runDueJobs(t.app.ctx, t.clock.now());
    expect(await historyOf(t, ticket.id, 'warning')).toHaveLength(0);
    expect(await historyOf(t, ticket.id, 'breach')).toHaveLength(0);
    expect(await historyOf(t, ticket.id, 'escalated')).toHaveLength(0);
    const warn = await t.app.ctx.db
      .selectFrom('jobs')
      .select('runAt')
      .where('kind', '=', 'sla.warn')
      .where('payload', 'like', `%${ticket.id}%"resolve"%`)
      .executeTakeFirstOrThrow();
    // 3 of 4 business hours from Monday 08:30: 11:30 in Paris.
    expect(warn.runAt).toBe('2026-03-09T10:30:00.000Z');
  });

  it('schedules anew when the deadline moves and the old jobs do nothing; a resolved ticket is never warned', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', {
      categoryId: await categoryId(t, 'workstation'),
      impact: 'critical',
      urgency: 'critical',
      title: 'Réseau coupé',
    });
    await runDueJobs(t.app.ctx, t.clock.now());
    const staff = await t.as('technicien@mutualis.test');
    for (const to of ['acknowledged', 'in_progress', 'resolved']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/transitions`,
        headers: staff,
        payload: { to },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    t.clock.set('2026-03-02T16:00:00.000Z');
    await runDueJobs(t.app.ctx, t.clock.now());
    expect(await historyOf(t, ticket.id, 'warning')).toHaveLength(0);
    expect(await historyOf(t, ticket.id, 'breach')).toHaveLength(0);
    expect(await historyOf(t, ticket.id, 'escalated')).toHaveLength(0);
  });

  it('reads and changes the alert settings (staff read, configure permission to write; anonymous 401)', async () => {
    const url = '/api/v1/service-desk/alert-settings';
    expect((await t.app.inject({ url, headers: ANON })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url,
          headers: ANON,
          payload: { warningThreshold: 0.8, autoEscalateOnBreach: false },
        })
      ).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ url, headers: await t.as('agent@le-bouscat.test') })).statusCode).toBe(403);
    expect((await t.app.inject({ url, headers: await t.as('accueil@mutualis.test') })).json()).toEqual({
      warningThreshold: 0.75,
      autoEscalateOnBreach: true,
    });
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url,
          headers: await t.as('accueil@mutualis.test'),
          payload: { warningThreshold: 0.8, autoEscalateOnBreach: false },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url,
          headers: await t.as('directeur@mutualis.test'),
          payload: { warningThreshold: 1.5, autoEscalateOnBreach: false },
        })
      ).statusCode,
    ).toBe(400);
    const ok = await t.app.inject({
      method: 'PUT',
      url,
      headers: await t.as('directeur@mutualis.test'),
      payload: { warningThreshold: 0.8, autoEscalateOnBreach: false },
    });
    expect(ok.json()).toEqual({ warningThreshold: 0.8, autoEscalateOnBreach: false });
    await t.app.inject({
      method: 'PUT',
      url,
      headers: await t.as('directeur@mutualis.test'),
      payload: { warningThreshold: 0.75, autoEscalateOnBreach: true },
    });
  });
  it('moves the alerts with the deadline when a pause pushes it: the old jobs do nothing, the new ones fire once', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', {
      categoryId: await categoryId(t, 'workstation'),
      impact: 'critical',
      urgency: 'critical',
      title: 'Pause puis reprise',
    });
    expect(ticket.resolveDueAt).toBe('2026-03-02T13:00:00.000Z');
    await runDueJobs(t.app.ctx, t.clock.now());
    const staff = await t.as('technicien@mutualis.test');
    const move = async (to: string) =>
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
    await move('acknowledged');
    t.clock.set('2026-03-02T09:00:00.000Z'); // 10:00: waiting on the requester for one business hour
    await move('pending');
    t.clock.set('2026-03-02T10:00:00.000Z');
    await move('in_progress');
    const moved = await t.app.ctx.db
      .selectFrom('tickets')
      .select('resolveDueAt')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(moved.resolveDueAt).toBe('2026-03-02T14:00:00.000Z');
    t.clock.set('2026-03-02T13:00:00.000Z'); // the old deadline: nothing
    await runDueJobs(t.app.ctx, t.clock.now());
    expect(await historyOf(t, ticket.id, 'breach')).toHaveLength(0);
    t.clock.set('2026-03-02T14:00:00.000Z'); // the new one: one breach, one automatic escalation
    await runDueJobs(t.app.ctx, t.clock.now());
    await runDueJobs(t.app.ctx, t.clock.now());
    expect((await historyOf(t, ticket.id, 'breach')).map((b) => b.dueAt)).toEqual(['2026-03-02T14:00:00.000Z']);
    expect(await historyOf(t, ticket.id, 'escalated')).toHaveLength(1);
    // One warning, for the moved deadline only (1 business hour left of the 4: 14:00 in Paris).
    expect((await historyOf(t, ticket.id, 'warning')).map((w) => w.dueAt)).toEqual(['2026-03-02T14:00:00.000Z']);
  });
  it('re-creates the alert jobs of a ticket whose listener never ran (process died after the commit), without duplicates', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', {
      categoryId: await categoryId(t, 'workstation'),
      impact: 'critical',
      urgency: 'critical',
      title: 'Événement perdu',
    });
    await runDueJobs(t.app.ctx, t.clock.now());
    const mine = () =>
      t.app.ctx.db
        .selectFrom('jobs')
        .select(['dedupeKey'])
        .where('payload', 'like', `%${ticket.id}%`)
        .where('kind', 'in', ['sla.warn', 'sla.breach'])
        .execute();
    const before = (await mine()).map((j) => j.dedupeKey).sort();
    expect(before.length).toBeGreaterThan(0);
    await t.app.ctx.db
      .deleteFrom('jobs')
      .where('payload', 'like', `%${ticket.id}%`)
      .where('kind', 'in', ['sla.warn', 'sla.breach'])
      .execute();
    await ensureSlaSweep(t.app.ctx);
    await runDueJobs(t.app.ctx, t.clock.now());
    expect((await mine()).map((j) => j.dedupeKey).sort()).toEqual(before);
    t.clock.advance(5 * 60_000);
    await runDueJobs(t.app.ctx, t.clock.now());
    expect((await mine()).map((j) => j.dedupeKey).sort()).toEqual(before);
  });
  it('alerts a reopened ticket again when its resolution deadline has passed (a new round, once)', async () => {
    const ticket = await openTicket(t, 'agent@le-bouscat.test', {
      categoryId: await categoryId(t, 'workstation'),
      impact: 'critical',
      urgency: 'critical',
      title: 'Résolu trop tôt',
    });
    const staff = await t.as('technicien@mutualis.test');
    for (const to of ['acknowledged', 'resolved'])
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
    t.clock.set('2026-03-02T14:00:00.000Z'); // past the 14:00 (Paris) deadline: resolved in time, nothing fires
    await runDueJobs(t.app.ctx, t.clock.now());
    expect(await historyOf(t, ticket.id, 'breach')).toHaveLength(0);
    const reopen = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/transitions`,
      headers: await t.as('technicien@mutualis.test'),
      payload: { to: 'reopened' },
    });
    expect(reopen.statusCode, reopen.body).toBe(200);
    await runDueJobs(t.app.ctx, t.clock.now());
    await runDueJobs(t.app.ctx, t.clock.now());
    expect((await historyOf(t, ticket.id, 'breach')).filter((b) => b.clock === 'resolve')).toHaveLength(1);
    expect(await historyOf(t, ticket.id, 'escalated')).toHaveLength(1);
  });
});
