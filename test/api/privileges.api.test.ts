import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { makeServiceDesk, makeUser, multipart, openTicket, type ServiceDesk } from '../factories';
import { systemActor } from '../../src/server/access/actor';
import { createEntity } from '../../src/server/modules/org/communes-service';
import { permissions } from '../../src/shared/roles';

// Least privilege: a caller grants only what it holds within its own scope; every write needs a
// write permission (a token's permissions are a ceiling); provider-wide settings need a provider
// actor; a user limited to a sub-entity sees the same tickets everywhere.
describeEachDb('least privilege', (dialect) => {
  let t: BareTestApp;
  let d: ServiceDesk;
  const tokens: Record<string, Record<string, string>> = {};

  /** A token made by the administrator, with these permissions, limited to a commune or not. */
  async function token(name: string, perms: string[], communeId: string | null) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: await t.as(d.admin.email),
      payload: { name, permissions: perms, communeId },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { authorization: `Bearer ${res.json().token as string}` };
  }
  const count = async (table: 'users' | 'ticketComments' | 'ticketAttachments' | 'calendars' | 'priorityMatrices') =>
    Number(
      (
        await t.app.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
    d = await makeServiceDesk(t);
    tokens.northAdmin = await token('Admin de Nordville', [...permissions], d.communeId);
    tokens.usersOnly = await token('Gestion des comptes', ['users.read', 'users.manage'], null);
    tokens.readOnly = await token('Lecture seule', ['tickets.read'], d.communeId);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = async (url: string, headers: Record<string, string>, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

  it("a commune-limited token creates only its commune's users, with commune roles", async () => {
    const before = await count('users');
    for (const roles of [['director'], ['administrator'], ['technician']]) {
      const res = await post('/api/v1/users', tokens.northAdmin!, {
        email: `x-${roles[0]}@example.test`,
        name: 'X',
        roles,
      });
      expect(res.statusCode, res.body).toBe(403);
    }
    const elsewhere = await post('/api/v1/users', tokens.northAdmin!, {
      email: 'sud@example.test',
      name: 'Sud',
      roles: ['requester'],
      communeId: d.otherCommuneId,
    });
    expect([403, 404]).toContain(elsewhere.statusCode);
    expect(await count('users')).toBe(before);
    const own = await post('/api/v1/users', tokens.northAdmin!, {
      email: 'nord@example.test',
      name: 'Nord',
      roles: ['requester'],
      communeId: d.communeId,
    });
    expect(own.statusCode, own.body).toBe(201);
    // …and cannot promote one of its users to a provider role, nor change a provider user.
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${own.json().id as string}`,
      headers: tokens.northAdmin,
      payload: { roles: ['director'] },
    });
    expect(promote.statusCode).toBe(400); // a commune user never holds provider roles
  });

  it('nobody gives a role above their own', async () => {
    const before = await count('users');
    const res = await post('/api/v1/users', tokens.usersOnly!, {
      email: 'chef@example.test',
      name: 'Chef',
      roles: ['contract_manager'],
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.message).toMatch(/above your own: contract_manager/);
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${d.agent.id}`,
      headers: tokens.usersOnly,
      payload: { roles: ['administrator'] },
    });
    expect(promote.statusCode).toBe(403);
    expect(await count('users')).toBe(before);
  });

  it('a sub-entity of another commune cannot be given to a user', async () => {
    const other = await createEntity(t.app.ctx, systemActor, d.otherCommuneId, {
      name: 'École du Sud',
      kind: 'school',
    });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${d.requester.id}`,
      headers: await t.as(d.admin.email),
      payload: { entityId: other.id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ field: 'entityId', code: 'unknown_reference' });
  });

  it('a read-only token does not reply nor attach files', async () => {
    const ticket = await openTicket(t, d.requester.email);
    const [comments, files] = [await count('ticketComments'), await count('ticketAttachments')];
    const reply = await post(`/api/v1/tickets/${ticket.id as string}/comments`, tokens.readOnly!, {
      body: 'Bonjour',
      internal: false,
    });
    expect(reply.statusCode).toBe(403);
    const f = multipart('note.txt', Buffer.from('Bonjour'), 'text/plain');
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id as string}/attachments`,
      headers: { ...tokens.readOnly, 'content-type': f.contentType },
      payload: f.payload,
    });
    expect(upload.statusCode).toBe(403);
    expect([await count('ticketComments'), await count('ticketAttachments')]).toEqual([comments, files]);
  });

  it('provider-wide settings need a provider actor', async () => {
    const cells = (['low', 'medium', 'high', 'critical'] as const).flatMap((impact) =>
      (['low', 'medium', 'high', 'critical'] as const).map((urgency) => ({ impact, urgency, priority: 'P4' })),
    );
    const [matrices, calendars] = [await count('priorityMatrices'), await count('calendars')];
    const matrix = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/priority-matrix',
      headers: tokens.northAdmin,
      payload: { cells },
    });
    expect(matrix.statusCode).toBe(403);
    const settings = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/service-desk/alert-settings',
      headers: tokens.northAdmin,
      payload: { warningThreshold: 0.5, autoEscalateOnBreach: false },
    });
    expect(settings.statusCode).toBe(403);
    const calendar = await post('/api/v1/calendars', tokens.northAdmin!, {
      name: 'Équipe du prestataire',
      timezone: 'Europe/Paris',
      weekly: { mon: [['08:00', '18:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: 'FR',
      closures: [],
      workedDates: [],
    });
    expect(calendar.statusCode).toBe(403);
    const status = await t.app.inject({ url: '/api/v1/scheduler/status', headers: tokens.northAdmin });
    expect(status.statusCode).toBe(403);
    expect([await count('priorityMatrices'), await count('calendars')]).toEqual([matrices, calendars]);
    // A commune's own override stays its to set, and the provider's staff set the provider's.
    const own = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/priority-matrix',
      headers: tokens.northAdmin,
      payload: { communeId: d.communeId, cells },
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('tokens: people make them, and a commune sees only its own, total included', async () => {
    const byToken = await post('/api/v1/tokens', tokens.northAdmin!, {
      name: 'Jeton de jeton',
      permissions: ['tickets.read'],
      communeId: d.communeId,
    });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().error.code).toBe('forbidden');
    const list = await t.app.inject({ url: '/api/v1/tokens', headers: tokens.northAdmin });
    expect(list.statusCode).toBe(200);
    const body = list.json() as { items: Array<{ communeId: string | null }>; total: number };
    expect(body.items.every((x) => x.communeId === d.communeId)).toBe(true);
    expect(body.total).toBe(body.items.length);
  });

  it('finding people needs users.read, and stays inside the scope', async () => {
    const denied = await t.app.inject({ url: '/api/v1/people?q=Sud', headers: tokens.readOnly });
    expect(denied.statusCode).toBe(403);
    const found = await t.app.inject({ url: '/api/v1/people?q=Sud', headers: tokens.northAdmin });
    expect(found.statusCode).toBe(200);
    expect(found.json().items).toEqual([]);
  });

  it('a user limited to a sub-entity sees the same tickets in the drill-down and exports as in the list', async () => {
    const school = await createEntity(t.app.ctx, systemActor, d.communeId, { name: 'École du Nord', kind: 'school' });
    const limited = await makeUser(t, { roles: ['contract_referent'], communeId: d.communeId, entityId: school.id });
    const inSchool = await openTicket(t, limited.email, { title: 'Tableau numérique en panne' });
    const elsewhere = await openTicket(t, d.requester.email, { title: 'Photocopieur de la mairie' });
    const h = await t.as(limited.email);
    const list = (await t.app.inject({ url: '/api/v1/tickets?limit=100', headers: h })).json();
    const seen = (list.items as Array<{ id: string }>).map((x) => x.id);
    expect(seen).toContain(inSchool.id);
    expect(seen).not.toContain(elsewhere.id);
    const drill = await t.app.inject({
      url: `/api/v1/communes/${d.communeId}/indicators/3.3.1/tickets?period=2026-Q1&limit=500`,
      headers: h,
    });
    expect(drill.statusCode, drill.body).toBe(200);
    const drilled = (drill.json().items as Array<{ id: string }>).map((x) => x.id);
    expect(drilled).toContain(inSchool.id);
    expect(drilled).not.toContain(elsewhere.id);
    const xlsx = await t.app.inject({
      url: `/api/v1/communes/${d.communeId}/indicators/export.xlsx?period=2026-Q1`,
      headers: h,
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text = book.worksheets.map((ws) => JSON.stringify(ws.getSheetValues())).join('\n');
    expect(text).toContain(inSchool.reference as string);
    expect(text).not.toContain(elsewhere.reference as string);
  });
});
