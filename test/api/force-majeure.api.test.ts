import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { openTicket } from '../factories';

/** Force majeure: a late acknowledgement ruled out of 3.3.1, audited, revocable, listed apart. */
describeEachDb('force majeure on a late acknowledgement', (dialect) => {
  let t: TestApp;
  let ticketId = '';
  const CM = 'contrats@mutualis.test';
  const send = async (who: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: who ? await t.as(who) : ANON, payload });

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Tempête : mairie inaccessible' });
    ticketId = ticket.id as string;
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a ticket acknowledged in time, a missing reason, the wrong people and other communes', async () => {
    const url = `/api/v1/tickets/${ticketId}/force-majeure`;
    expect((await send(CM, 'POST', url, { reason: 'Tempête du 2 mars' })).statusCode).toBe(409);
    await t.app.ctx.db.updateTable('tickets').set({ ackBreached: 1 }).where('id', '=', ticketId).execute();
    const empty = await send(CM, 'POST', url, { reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0].field).toBe('reason');
    expect((await send(null, 'POST', url, { reason: 'Tempête du 2 mars' })).statusCode).toBe(401);
    expect((await send('technicien@mutualis.test', 'POST', url, { reason: 'Tempête du 2 mars' })).statusCode).toBe(403);
    expect((await send('referent@villedemo.test', 'POST', url, { reason: 'Tempête du 2 mars' })).statusCode).toBe(404);
  });

  it('excludes the ticket from 3.3.1, lists it apart, audits, and can be revoked', async () => {
    const lb = t.org.communes.leBouscat;
    const drill = (excluded: boolean) =>
      send(CM, 'GET', `/api/v1/communes/${lb}/indicators/3.3.1/tickets?period=2026-Q1&excluded=${excluded}`);
    expect((await drill(false)).json().items.map((x: { id: string }) => x.id)).toContain(ticketId);
    const r = await send(CM, 'POST', `/api/v1/tickets/${ticketId}/force-majeure`, { reason: 'Tempête du 2 mars' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().forceMajeure).toMatchObject({ reason: 'Tempête du 2 mars' });
    expect((await drill(false)).json().items.map((x: { id: string }) => x.id)).not.toContain(ticketId);
    const apart = (await drill(true)).json();
    expect(apart.items.map((x: { id: string; forceMajeure: boolean }) => [x.id, x.forceMajeure])).toEqual([
      [ticketId, true],
    ]);
    const m = (await send(CM, 'GET', `/api/v1/communes/${lb}/indicators/3.3.1?period=2026-Q1`)).json();
    expect(m.details.excludedForceMajeure).toBe(1);
    // The commune sees the ruling in the ticket's history.
    const seen = (await send('agent@le-bouscat.test', 'GET', `/api/v1/tickets/${ticketId}`)).json();
    expect(seen.forceMajeure).toMatchObject({ reason: 'Tempête du 2 mars' });
    const history = (await send('agent@le-bouscat.test', 'GET', `/api/v1/tickets/${ticketId}/history`)).json();
    expect(history.items.map((h: { kind: string }) => h.kind)).toContain('force_majeure');
    const revoked = await send(CM, 'POST', `/api/v1/tickets/${ticketId}/force-majeure/revoke`, {
      reason: 'Décision du comité',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().forceMajeure).toBeNull();
    expect((await drill(false)).json().items.map((x: { id: string }) => x.id)).toContain(ticketId);
    const audit = await t.app.ctx.db.selectFrom('auditLog').select('action').where('targetId', '=', ticketId).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['ticket.force_majeure', 'ticket.force_majeure_revoke']),
    );
  });
});
