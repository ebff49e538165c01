import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';
import { openTicket } from '../factories';

// Issue 13: tickets linked from the ticket page ("see also"), within one commune.
const AGENT = 'agent@le-bouscat.test';
const REFERENT = 'referent@le-bouscat.test';
const DESK = 'accueil@mutualis.test';
const OTHER = 'agent@villedemo.test';

describeEachDb('tickets API: links', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
  });
  afterAll(async () => {
    await t.close();
  }, 30_000);

  const links = async (id: string, email: string) =>
    t.app.inject({ url: `/api/v1/tickets/${id}/links`, headers: await t.as(email) });
  const link = async (id: string, email: string, payload: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/links`, headers: await t.as(email), payload });
  const unlink = async (id: string, email: string, linkedId: string) =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/tickets/${id}/links/${linkedId}`, headers: await t.as(email) });
  const historyKinds = async (id: string) =>
    (await t.app.ctx.db.selectFrom('ticketHistory').select('kind').where('ticketId', '=', id).execute()).map(
      (h) => h.kind,
    );

  it('links two tickets of a commune both ways, by id or reference, once; both histories say so; unlinks', async () => {
    const a = await openTicket(t, AGENT, { title: 'Messagerie lente au service urbanisme' });
    const b = await openTicket(t, REFERENT, { title: 'Messagerie lente à l’accueil' });
    const c = await openTicket(t, AGENT, { title: 'Messagerie : pièces jointes refusées' });
    const byRef = await link(a.id, DESK, { reference: b.reference.toLowerCase() });
    expect(byRef.statusCode, byRef.body).toBe(200);
    expect(byRef.json()).toMatchObject({
      total: 1,
      items: [{ ticketId: b.id, reference: b.reference, status: 'new' }],
    });
    // Seen from the other side too; linking again changes nothing.
    expect((await links(b.id, DESK)).json().items.map((l: { ticketId: string }) => l.ticketId)).toEqual([a.id]);
    expect((await link(b.id, DESK, { linkedId: a.id })).json().total).toBe(1);
    expect((await link(a.id, DESK, { linkedId: c.id })).json().total).toBe(2);
    expect((await historyKinds(a.id)).filter((k) => k === 'linked')).toHaveLength(2);
    expect((await historyKinds(b.id)).filter((k) => k === 'linked')).toHaveLength(1);
    // The referent reads the links; the requester reads those to tickets they see (their own).
    expect((await links(a.id, REFERENT)).json().total).toBe(2);
    expect((await links(a.id, AGENT)).json().items.map((l: { ticketId: string }) => l.ticketId)).toEqual([c.id]);
    // Only the service desk links and unlinks.
    expect((await link(a.id, REFERENT, { linkedId: c.id })).statusCode).toBe(403);
    expect((await unlink(a.id, AGENT, c.id)).statusCode).toBe(403);
    // Unlinking removes both directions and is written in both histories.
    expect((await unlink(c.id, DESK, a.id)).statusCode).toBe(204);
    expect((await links(a.id, DESK)).json().items.map((l: { ticketId: string }) => l.ticketId)).toEqual([b.id]);
    expect((await links(c.id, DESK)).json().total).toBe(0);
    expect(await historyKinds(c.id)).toContain('unlinked');
    expect((await unlink(c.id, DESK, a.id)).statusCode).toBe(404);
  });

  it('refuses, naming the field, a ticket itself, another commune’s, an unknown one, or neither or both ways', async () => {
    const a = await openTicket(t, AGENT, { title: 'Imprimante du 2e étage' });
    const v = await openTicket(t, OTHER, { title: 'Imprimante de Villedemo' });
    const field = async (payload: Record<string, string>) => {
      const r = await link(a.id, DESK, payload);
      expect(r.statusCode, r.body).toBe(400);
      return r.json().error.details.fields[0].field as string;
    };
    expect(await field({ linkedId: a.id })).toBe('linkedId');
    expect(await field({ linkedId: v.id })).toBe('linkedId');
    expect(await field({ reference: v.reference })).toBe('reference');
    expect(await field({ reference: 'BOU-2026-999999' })).toBe('reference');
    expect(await field({ reference: 'pas une référence' })).toBe('reference');
    expect(await field({})).toBe('linkedId');
    expect(await field({ linkedId: v.id, reference: v.reference })).toBe('linkedId');
    // Another commune's user: the ticket does not exist for them.
    expect((await links(a.id, OTHER)).statusCode).toBe(404);
    expect((await link(v.id, DESK, { linkedId: a.id })).statusCode).toBe(400);
    expect(
      await t.app.ctx.db.selectFrom('ticketLinks').select('ticketId').where('ticketId', '=', a.id).execute(),
    ).toEqual([]);
  });
});
