import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';
import { openTicket } from '../factories';
import { move } from './tickets-helpers';

// Issue 13: watchers (CC) of a ticket — told of its public replies and status changes.
const AGENT = 'agent@le-bouscat.test';
const REFERENT = 'referent@le-bouscat.test';
const DESK = 'accueil@mutualis.test';
const TECH = 'technicien@mutualis.test';

describeEachDb('tickets API: watchers', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
  });
  afterAll(async () => {
    await t.close();
  }, 30_000);

  const watchers = async (id: string, email: string) =>
    t.app.inject({ url: `/api/v1/tickets/${id}/watchers`, headers: await t.as(email) });
  const add = async (id: string, email: string, userId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/watchers`,
      headers: await t.as(email),
      payload: { userId },
    });
  const mailsTo = async (ticketId: string, address: string) =>
    (
      await t.app.ctx.db
        .selectFrom('outbox')
        .select('template')
        .where('ticketId', '=', ticketId)
        .where('toAddress', '=', address)
        .execute()
    ).map((r) => r.template);

  it('anyone who sees a ticket follows it; staff add others who can see it; watchers hear replies and status changes', async () => {
    const x = await openTicket(t, AGENT, { title: 'Badgeuse de la mairie annexe' });
    const referent = t.org.users[REFERENT]!;
    // The commune's referent follows it.
    const own = await add(x.id, REFERENT, referent);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().items.map((w: { name: string }) => w.name)).toHaveLength(1);
    // Again: nothing changes.
    expect((await add(x.id, REFERENT, referent)).json().total).toBe(1);
    // The requester may not add someone else; the desk may, if that person can see the ticket.
    expect((await add(x.id, AGENT, t.org.users[TECH]!)).statusCode).toBe(403);
    expect((await add(x.id, DESK, t.org.users[TECH]!)).statusCode).toBe(200);
    const outsider = await add(x.id, DESK, t.org.users['agent@villedemo.test']!);
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.details.fields[0].field).toBe('userId');

    // A public reply by the technician: the requester and the referent are told, not the author.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/comments`,
      headers: await t.as(TECH),
      payload: { body: 'Nous passons demain matin.' },
    });
    expect((await move(t, TECH, x.id, 'acknowledged')).statusCode).toBe(200);
    await t.app.ctx.events.settle();
    expect(await mailsTo(x.id, REFERENT)).toEqual(expect.arrayContaining(['reply_added', 'status_changed']));
    expect(await mailsTo(x.id, AGENT)).toEqual(expect.arrayContaining(['reply_added', 'status_changed']));
    expect(await mailsTo(x.id, TECH)).not.toContain('reply_added');

    // The referent stops following; someone else's removal is for the desk only.
    const remove = async (email: string, userId: string) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/v1/tickets/${x.id}/watchers/${userId}`,
        headers: await t.as(email),
      });
    expect((await remove(AGENT, t.org.users[TECH]!)).statusCode).toBe(403);
    expect((await remove(REFERENT, referent)).statusCode).toBe(204);
    expect((await remove(REFERENT, referent)).statusCode).toBe(404);
    expect((await watchers(x.id, DESK)).json().total).toBe(1);
    // Another commune: the ticket does not exist for them.
    expect((await watchers(x.id, 'agent@villedemo.test')).statusCode).toBe(404);
    expect((await add(x.id, 'referent@villedemo.test', t.org.users['referent@villedemo.test']!)).statusCode).toBe(404);
  });
});
