import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';
import { makeUser } from '../factories';

// Issue 13: saved views of the ticket list — mine, or shared with a support group I belong to.
const DESK = 'accueil@mutualis.test';
const TECH = 'technicien@mutualis.test';

describeEachDb('tickets API: saved views', (dialect) => {
  let t: TestApp;
  let groups: Array<{ id: string; code: string }>;
  const group = (code: string) => groups.find((g) => g.code === code)!.id;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
    groups = (await t.app.inject({ url: '/api/v1/support-groups', headers: await t.as(DESK) })).json().items;
  });
  afterAll(async () => {
    await t.close();
  }, 30_000);

  const save = async (email: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/ticket-views', headers: await t.as(email), payload });
  const views = async (email: string) =>
    (await t.app.inject({ url: '/api/v1/ticket-views', headers: await t.as(email) })).json() as {
      items: Array<{ id: string; name: string; mine: boolean; groupId: string | null; query: Record<string, string> }>;
      total: number;
    };

  it('keeps a person’s view for them, and a shared one for the group’s members', async () => {
    const own = await save(TECH, {
      name: 'Mes P1 en retard',
      query: { priority: 'P1', sla: 'breached', assignee: 'me' },
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ name: 'Mes P1 en retard', mine: true, groupId: null });
    const shared = await save(TECH, {
      name: 'Proximité à risque',
      query: { groupId: group('workplace'), sla: 'at_risk,breached', sort: 'resolveDueAt', order: 'asc' },
      groupId: group('workplace'),
    });
    expect(shared.statusCode, shared.body).toBe(201);
    expect((await views(TECH)).items.map((v) => v.name)).toEqual(['Mes P1 en retard', 'Proximité à risque']);
    // The call centre is not in that group: it sees neither.
    expect((await views(DESK)).items).toEqual([]);
    // A new member of the group sees the shared view, not the personal one, and cannot delete it.
    const member = await makeUser(t, { roles: ['technician'] });
    await t.app.ctx.db
      .insertInto('supportGroupMembers')
      .values({ groupId: group('workplace'), userId: member.id })
      .execute();
    const seen = await views(member.email);
    expect(seen.items.map((v) => [v.name, v.mine])).toEqual([['Proximité à risque', false]]);
    expect(seen.items[0]!.query).toEqual({
      groupId: group('workplace'),
      sla: 'at_risk,breached',
      sort: 'resolveDueAt',
      order: 'asc',
    });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/ticket-views/${seen.items[0]!.id}`,
      headers: await t.as(member.email),
    });
    expect(del.statusCode).toBe(403);
    // Someone outside: 404, whether the view exists or not.
    const outside = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/ticket-views/${own.json().id}`,
      headers: await t.as(DESK),
    });
    expect(outside.statusCode).toBe(404);
    const mine = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/ticket-views/${own.json().id}`,
      headers: await t.as(TECH),
    });
    expect(mine.statusCode).toBe(204);
    expect((await views(TECH)).items.map((v) => v.name)).toEqual(['Proximité à risque']);
  });

  it('a commune’s requester keeps views too; what they list stays within their commune', async () => {
    const r = await save('agent@le-bouscat.test', {
      name: 'Mes demandes ouvertes',
      query: { status: 'new,acknowledged' },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect((await views('agent@le-bouscat.test')).total).toBe(1);
    expect((await views('agent@villedemo.test')).total).toBe(0);
  });

  it('checks the view as the list would read it, and names what is wrong', async () => {
    for (const [payload, field, status] of [
      [{ name: '', query: {} }, 'name', 400],
      [{ name: 'x', query: { sla: 'late' } }, 'query.sla', 400],
      [{ name: 'x', query: { createdFrom: '2026-02-30' } }, 'query.createdFrom', 400],
      [{ name: 'x', query: { limit: '10' } }, 'query.limit', 400],
      [{ name: 'x', query: {}, groupId: group('callcentre') }, 'groupId', 400],
    ] as Array<[Record<string, unknown>, string, number]>) {
      const r = await save(TECH, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await save(TECH, { name: 'Doublon', query: {} })).statusCode).toBe(201);
    expect((await save(TECH, { name: 'Doublon', query: { q: 'imprimante' } })).statusCode).toBe(409);
  });
});
