import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { ensureCalendar, move } from './tickets-helpers';
import { incident, openTicket } from '../factories';

// Issue 13: what agents and requesters read on the ticket page and in the queues.
const AGENT = 'agent@le-bouscat.test';
const DESK = 'accueil@mutualis.test';
const TECH = 'technicien@mutualis.test';

describeEachDb('tickets API: history, names, urgency, session', (dialect) => {
  let t: TestApp;
  let groups: Array<{ id: string; code: string; name: string }>;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
    await ensureCalendar(t, t.org.communes.leBouscat);
    groups = (await t.app.inject({ url: '/api/v1/support-groups', headers: await t.as(DESK) })).json().items;
  });
  afterAll(async () => {
    await t.close();
  }, 30_000);

  const history = async (id: string, email = DESK) =>
    (await t.app.inject({ url: `/api/v1/tickets/${id}/history`, headers: await t.as(email) })).json().items as Array<{
      kind: string;
      actorLabel: string;
      data: Record<string, unknown>;
      names: Record<string, string>;
    }>;

  it('records a cleared group or assignee as cleared (from X to none, not from X to X), with the names', async () => {
    const x = await openTicket(t, AGENT, incident());
    const g =
      groups.find((v) => v.code === 'workplace' && v.id !== x.groupId) ?? groups.find((v) => v.id !== x.groupId)!;
    const set = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${x.id}`,
      headers: await t.as(DESK),
      payload: { groupId: g.id, assigneeId: t.org.users[TECH] },
    });
    expect(set.statusCode).toBe(200);
    const cleared = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${x.id}`,
      headers: await t.as(DESK),
      payload: { groupId: null, assigneeId: null },
    });
    expect(cleared.json()).toMatchObject({ groupId: null, assigneeId: null });
    const assigned = (await history(x.id)).filter((h) => h.kind === 'assigned');
    expect(assigned.map((h) => h.data)).toEqual([
      { groupId: g.id, assigneeId: t.org.users[TECH], from: { groupId: x.groupId, assigneeId: null } },
      { groupId: null, assigneeId: null, from: { groupId: g.id, assigneeId: t.org.users[TECH] } },
    ]);
    expect(assigned[1]!.names).toEqual({ [g.id]: g.name, [t.org.users[TECH]!]: 'Thomas Technicien' });
  });

  it('records type, category, impact and urgency changes from → to, the priority recomputed', async () => {
    const x = await openTicket(t, AGENT, incident({ impact: 'low', urgency: 'low' }));
    const cats = (await t.app.inject({ url: '/api/v1/ticket-categories', headers: await t.as(DESK) })).json().items;
    const other = cats.find((c: { id: string }) => c.id !== x.categoryId);
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${x.id}`,
      headers: await t.as(DESK),
      payload: { type: 'request', categoryId: other.id, impact: 'critical', urgency: 'critical' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ type: 'request', categoryId: other.id, priority: 'P1' });
    const field = (await history(x.id)).filter((h) => h.kind === 'field');
    expect(field).toHaveLength(1);
    expect(field[0]!.data).toEqual({
      changes: {
        type: { from: 'incident', to: 'request' },
        categoryId: { from: x.categoryId, to: other.id },
        impact: { from: 'low', to: 'critical' },
        urgency: { from: 'low', to: 'critical' },
        priority: { from: x.priority, to: 'P1' },
      },
    });
    expect(field[0]!.actorLabel).toBe('Antoine Accueil');
  });

  it('names the authors of replies and history entries by their name, never their e-mail address', async () => {
    const x = await openTicket(t, AGENT, incident());
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/comments`,
      headers: await t.as(DESK),
      payload: { body: 'Nous regardons.' },
    });
    expect(reply.statusCode).toBe(201);
    const page = (await t.app.inject({ url: `/api/v1/tickets/${x.id}`, headers: await t.as(AGENT) })).json();
    expect(page.comments.map((c: { authorLabel: string }) => c.authorLabel)).toEqual(['Antoine Accueil']);
    const labels = (await history(x.id, AGENT)).map((h) => h.actorLabel);
    expect(labels).toContain('Arnaud Agent');
    expect(labels).toContain('Antoine Accueil');
    expect(labels.some((l) => l.includes('@'))).toBe(false);
  });

  it('keeps the order of entries written by one change: the resolution before the survey it sends', async () => {
    for (let i = 0; i < 8; i++) {
      const x = await openTicket(t, AGENT, incident());
      expect((await move(t, TECH, x.id, 'acknowledged')).statusCode).toBe(200);
      expect((await move(t, TECH, x.id, 'resolved')).statusCode).toBe(200);
      const kinds = (await history(x.id)).map((h) => h.kind);
      expect(kinds.indexOf('survey_sent')).toBeGreaterThan(kinds.lastIndexOf('status'));
    }
  });

  it('gives each open deadline its whole budget, so lists can tell how much of it is used', async () => {
    const x = await openTicket(t, AGENT, incident({ impact: 'medium', urgency: 'high' }));
    // Wednesday 10:00 Paris: acknowledgement by Thursday 17:00 (13.5 business hours), P2 resolution in 8.
    expect(x.budgetBusinessSeconds).toEqual({ acknowledge: 13.5 * 3600, resolve: 8 * 3600 });
    const list = (await t.app.inject({ url: `/api/v1/tickets?q=${x.reference}`, headers: await t.as(DESK) })).json();
    expect(list.items[0].budgetBusinessSeconds).toEqual({ acknowledge: 13.5 * 3600, resolve: 8 * 3600 });
    expect((await move(t, TECH, x.id, 'acknowledged')).statusCode).toBe(200);
    const after = (await t.app.inject({ url: `/api/v1/tickets/${x.id}`, headers: await t.as(DESK) })).json();
    expect(after.budgetBusinessSeconds).toEqual({ acknowledge: null, resolve: 8 * 3600 });
  });

  it('sorts a queue by due time by default (soonest first), other lists by creation (newest first)', async () => {
    t.clock.set('2026-03-05T09:00:00.000Z');
    const low = await openTicket(t, AGENT, incident({ impact: 'low', urgency: 'low' }));
    t.clock.set('2026-03-05T09:05:00.000Z');
    const urgent = await openTicket(t, AGENT, incident({ impact: 'critical', urgency: 'critical' }));
    const ids = (r: { items: Array<{ id: string }> }) =>
      r.items.map((i) => i.id).filter((i) => i === low.id || i === urgent.id);
    const queue = (
      await t.app.inject({ url: '/api/v1/tickets?queue=unassigned&limit=500', headers: await t.as(DESK) })
    ).json();
    expect(ids(queue)).toEqual([urgent.id, low.id]);
    const dues = queue.items.map((i: { resolveDueAt: string | null }) => i.resolveDueAt).filter(Boolean);
    expect(dues).toEqual([...dues].sort());
    const list = (await t.app.inject({ url: '/api/v1/tickets?limit=500', headers: await t.as(DESK) })).json();
    expect(ids(list)).toEqual([urgent.id, low.id]);
    const byCreation = (
      await t.app.inject({
        url: '/api/v1/tickets?queue=unassigned&sort=createdAt&order=asc&limit=500',
        headers: await t.as(DESK),
      })
    ).json();
    expect(ids(byCreation)).toEqual([low.id, urgent.id]);
  });

  it('tells who is signed in, or nobody, with a 200 either way', async () => {
    const anon = await t.app.inject({ url: '/api/v1/auth/session', headers: ANON });
    expect(anon.statusCode).toBe(200);
    expect(anon.json()).toEqual({ user: null });
    const signed = await t.app.inject({ url: '/api/v1/auth/session', headers: await t.as(AGENT) });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().user).toMatchObject({ email: AGENT, name: 'Arnaud Agent' });
  });
});
