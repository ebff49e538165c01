import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { makeServiceDesk, makeUser, openTicket, type ServiceDesk } from '../factories';
import { addInboxItems } from '../../src/server/modules/inbox';
import { slaBreachJob, slaWarnJob } from '../../src/server/modules/escalations/alerts';
import type { JobRun } from '../../src/server/modules/scheduler';

interface Item {
  id: string;
  kind: string;
  ticketId: string;
  reference: string;
  title: string;
  actorName: string | null;
  excerpt: string | null;
  clock: string | null;
  readAt: string | null;
}

describeEachDb('inbox: in-app notifications of the signed-in person', (dialect) => {
  let t: BareTestApp;
  let d: ServiceDesk;
  let ticket: { id: string; reference: string; title: string };

  const inbox = async (email: string, query = '') => {
    const res = await t.app.inject({ url: `/api/v1/me/inbox${query}`, headers: await t.as(email) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; total: number; unread: number };
  };
  const patch = async (email: string, id: string, payload: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${id}`,
      headers: await t.as(email),
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.app.ctx.events.settle();
  };
  const reply = async (email: string, id: string, body: string, internal = false) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/comments`,
      headers: await t.as(email),
      payload: { body, internal },
    });
    expect(res.statusCode, res.body).toBe(201);
    await t.app.ctx.events.settle();
  };

  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-02T08:00:00.000Z' });
    d = await makeServiceDesk(t);
    ticket = await openTicket(t, d.requester.email, { title: 'Écran noir au guichet' });
    await t.app.ctx.events.settle();
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells the assignee of an assignment made by someone else, once, and not of their own', async () => {
    await patch(d.agent.email, ticket.id, { assigneeId: d.technician.id });
    let box = await inbox(d.technician.email);
    expect(box.unread).toBe(1);
    expect(box.items).toHaveLength(1);
    expect(box.items[0]).toMatchObject({
      kind: 'assigned',
      ticketId: ticket.id,
      reference: ticket.reference,
      title: 'Écran noir au guichet',
      actorName: 'Alain Accueil',
      readAt: null,
    });
    // A second assignment (a change of group) while the first is unread adds nothing.
    await patch(d.agent.email, ticket.id, { assigneeId: null });
    await patch(d.agent.email, ticket.id, { assigneeId: d.technician.id });
    box = await inbox(d.technician.email);
    expect(box.unread).toBe(1);
    // Taking a ticket oneself tells nobody.
    const own = await openTicket(t, d.requester.email);
    await patch(d.technician.email, own.id, { assigneeId: d.technician.id });
    expect((await inbox(d.technician.email)).unread).toBe(1);
    // The agent who assigned has nothing.
    expect((await inbox(d.agent.email)).total).toBe(0);
  });

  it('tells the requester and the assignee of a public reply, not its author, nobody of an internal note', async () => {
    await reply(d.technician.email, ticket.id, 'Nous passons   cet après-midi.\nMerci de laisser le poste allumé.');
    const req = await inbox(d.requester.email);
    expect(req.items.map((i) => i.kind)).toEqual(['reply']);
    expect(req.items[0]).toMatchObject({
      actorName: 'Tina Technique',
      excerpt: 'Nous passons cet après-midi. Merci de laisser le poste allumé.',
    });
    expect((await inbox(d.technician.email)).items.filter((i) => i.kind === 'reply')).toEqual([]);
    await reply(d.requester.email, ticket.id, 'Merci !');
    const tech = await inbox(d.technician.email);
    expect(tech.items.map((i) => i.kind)).toEqual(['reply', 'assigned']);
    expect(tech.items[0]!.actorName).toBe('Rémi Demandeur');
    expect((await inbox(d.requester.email)).total).toBe(1);
    await reply(d.technician.email, ticket.id, 'Note interne', true);
    expect((await inbox(d.requester.email)).total).toBe(1);
  });

  it('tells the assignee of an SLA warning and breach; nobody when the ticket is unassigned', async () => {
    const due = '2026-03-02T12:00:00.000Z';
    const run = (payload: Record<string, unknown>) =>
      ({ id: 'job', kind: 'sla', payload, attempts: 1 }) as unknown as JobRun;
    await t.app.ctx.db
      .updateTable('tickets')
      .set({ acknowledgeDueAt: due, acknowledgedAt: null, status: 'new' })
      .where('id', '=', ticket.id)
      .execute();
    const now = new Date('2026-03-02T11:00:00.000Z');
    await slaWarnJob(t.app.ctx, run({ ticketId: ticket.id, clock: 'ack', dueAt: due, threshold: 75 }), now);
    await slaBreachJob(t.app.ctx, run({ ticketId: ticket.id, clock: 'ack', dueAt: due }), new Date(due));
    const tech = await inbox(d.technician.email, '?unread=true');
    expect(tech.items.slice(0, 2).map((i) => [i.kind, i.clock])).toEqual([
      ['sla_breach', 'ack'],
      ['sla_warning', 'ack'],
    ]);
    // The requester is not told of deadlines.
    expect((await inbox(d.requester.email)).items.map((i) => i.kind)).toEqual(['reply']);

    const lone = await openTicket(t, d.requester.email);
    await t.app.ctx.db
      .updateTable('tickets')
      .set({ acknowledgeDueAt: due, acknowledgedAt: null })
      .where('id', '=', lone.id)
      .execute();
    const before = (await inbox(d.technician.email)).total;
    await slaBreachJob(t.app.ctx, run({ ticketId: lone.id, clock: 'ack', dueAt: due }), new Date(due));
    expect((await inbox(d.technician.email)).total).toBe(before);
  });

  it('never writes an item about a ticket its person cannot see', async () => {
    const colleague = await makeUser(t, { roles: ['requester'], communeId: d.communeId });
    const told = await addInboxItems(
      t.app.ctx.db,
      {
        kind: 'escalation',
        ticket: { ...ticket, communeId: d.communeId },
        userIds: [d.otherReferent.id, d.otherRequester.id, colleague.id, d.referent.id, d.technician.id],
        authorId: d.technician.id,
        data: { level: 'urgent', automatic: false },
      },
      new Date('2026-03-02T13:00:00.000Z'),
    );
    // Another commune's people, and a requester of the same commune who did not ask: nothing.
    expect(told).toEqual([d.referent.id]);
    const ref = await inbox(d.referent.email);
    expect(ref.items[0]).toMatchObject({ kind: 'escalation', actorName: 'Tina Technique' });
  });

  it('pages newest first, filters unread, marks one and all read', async () => {
    const all = await inbox(d.technician.email);
    expect(all.total).toBeGreaterThanOrEqual(4);
    const page = await inbox(d.technician.email, '?limit=2&offset=1');
    expect(page.items.map((i) => i.id)).toEqual(all.items.slice(1, 3).map((i) => i.id));
    expect(page.total).toBe(all.total);

    const h = await t.as(d.technician.email);
    const first = all.items[0]!;
    const read = await t.app.inject({ method: 'POST', url: `/api/v1/me/inbox/${first.id}/read`, headers: h });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).toBe(t.clock.now().toISOString());
    // Read twice: kept as first read.
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/me/inbox/${first.id}/read`, headers: h });
    expect(again.json().readAt).toBe(read.json().readAt);
    const unread = await inbox(d.technician.email, '?unread=true');
    expect(unread.unread).toBe(all.unread - 1);
    expect(unread.items.map((i) => i.id)).not.toContain(first.id);

    const allRead = await t.app.inject({ method: 'POST', url: '/api/v1/me/inbox/read-all', headers: h });
    expect(allRead.statusCode).toBe(200);
    expect(allRead.json()).toEqual({ marked: all.unread - 1, unread: 0 });
    const after = await inbox(d.technician.email);
    expect(after.unread).toBe(0);
    expect(after.total).toBe(all.total);
    // The others' items are untouched.
    expect((await inbox(d.requester.email)).unread).toBe(1);
  });

  it('shows each person their own items only: anyone else’s is not found (404), anonymous 401', async () => {
    const mine = (await inbox(d.requester.email)).items[0]!;
    for (const who of [d.technician.email, d.otherRequester.email, d.referent.email]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/me/inbox/${mine.id}/read`,
        headers: await t.as(who),
      });
      expect(res.statusCode, who).toBe(404);
      expect(res.body).not.toContain(mine.ticketId);
    }
    expect((await inbox(d.otherRequester.email)).total).toBe(0);
    expect((await inbox(d.requester.email)).items[0]!.readAt).toBeNull();
    for (const [method, url] of [
      ['GET', '/api/v1/me/inbox'],
      ['POST', '/api/v1/me/inbox/read-all'],
      ['POST', `/api/v1/me/inbox/${mine.id}/read`],
    ] as const)
      expect((await t.app.inject({ method, url, headers: ANON })).statusCode).toBe(401);
  });

  it('refuses bad paging with the field named (400)', async () => {
    const res = await t.app.inject({
      url: '/api/v1/me/inbox?limit=0&unread=yes',
      headers: await t.as(d.requester.email),
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.details.fields as Array<{ field: string }>).map((f) => f.field).sort();
    expect(fields).toEqual(['limit', 'unread']);
  });

  it('changes my own password: current one checked per field, other sessions end, this one stays', async () => {
    const email = (await makeUser(t, { roles: ['requester'], communeId: d.communeId })).email;
    const h = await t.as(email);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: ANON,
      payload: { email, password: 'mutualis-demo' },
    });
    const otherCookie = {
      ...ANON,
      cookie: `mutualis_session=${other.cookies.find((c) => c.name === 'mutualis_session')!.value}`,
    };
    const change = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: h, payload });
    const wrong = await change({ currentPassword: 'pas-le-bon', newPassword: 'un-mot-de-passe-neuf' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const short = await change({ currentPassword: 'mutualis-demo', newPassword: 'court' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.fields).toEqual([
      expect.objectContaining({ field: 'newPassword', code: 'too_short' }),
    ]);
    const ok = await change({ currentPassword: 'mutualis-demo', newPassword: 'un-mot-de-passe-neuf' });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: h })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: otherCookie })).statusCode).toBe(401);
    const relog = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: ANON,
      payload: { email, password: 'un-mot-de-passe-neuf' },
    });
    expect(relog.statusCode).toBe(200);
  });
});
