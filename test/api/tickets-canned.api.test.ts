import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';

// Issue 13: canned replies per support group, picked in the reply box.
const DESK = 'accueil@mutualis.test';
const TECH = 'technicien@mutualis.test';
const ADMIN = 'admin@mutualis.test';

describeEachDb('tickets API: canned replies', (dialect) => {
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

  const add = async (email: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/canned-replies', headers: await t.as(email), payload });
  const list = async (email: string, query = '') =>
    t.app.inject({ url: `/api/v1/canned-replies${query}`, headers: await t.as(email) });

  it('a group keeps its replies; its members read them, others do not', async () => {
    const r = await add(TECH, {
      groupId: group('workplace'),
      title: 'Redémarrage du poste',
      body: 'Bonjour,\n\nPouvez-vous **redémarrer** le poste puis nous dire si le problème persiste ?',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ title: 'Redémarrage du poste', groupName: 'Poste de travail et proximité' });
    const desk = await add(DESK, { groupId: group('callcentre'), title: 'Accusé de réception', body: 'Bien reçu.' });
    expect(desk.statusCode, desk.body).toBe(201);
    expect((await list(TECH)).json().items.map((x: { title: string }) => x.title)).toEqual(['Redémarrage du poste']);
    expect((await list(DESK)).json().items.map((x: { title: string }) => x.title)).toEqual(['Accusé de réception']);
    // The desk's configurer reads every group's, and filters by group.
    expect((await list(ADMIN)).json().total).toBe(2);
    expect((await list(ADMIN, `?groupId=${group('callcentre')}`)).json().total).toBe(1);
    // Commune users do not work tickets: 403.
    expect((await list('agent@le-bouscat.test')).statusCode).toBe(403);
    // Outside the group: 404 on delete; the group's member deletes it.
    const id = r.json().id as string;
    const del = async (email: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/canned-replies/${id}`, headers: await t.as(email) });
    expect((await del(DESK)).statusCode).toBe(404);
    expect((await del(TECH)).statusCode).toBe(204);
    expect((await list(TECH)).json().total).toBe(0);
  });

  it('names what is wrong', async () => {
    for (const [payload, field] of [
      [{ groupId: group('callcentre'), title: 'x', body: 'y' }, 'groupId'],
      [{ groupId: 'nope', title: 'x', body: 'y' }, 'groupId'],
      [{ groupId: group('workplace'), title: '', body: 'y' }, 'title'],
      [{ groupId: group('workplace'), title: 'x', body: '   ' }, 'body'],
    ] as Array<[Record<string, unknown>, string]>) {
      const r = await add(TECH, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });
});
