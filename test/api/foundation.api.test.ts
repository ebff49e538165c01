import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';

describeEachDb('foundation API', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports health with the database kind', async () => {
    const res = await t.app.inject({ url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: dialect });
  });

  it('serves an OpenAPI 3 document generated from the route schemas', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/auth/login',
        '/api/v1/me',
        '/api/v1/communes',
        '/api/v1/communes/{id}',
      ]),
    );
  });

  it('signs in with the demo password and sets an HttpOnly SameSite=Lax cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: ANON,
      payload: { email: 'agent@le-bouscat.test', password: 'mutualis-demo' },
    });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'mutualis_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(res.json().user.email).toBe('agent@le-bouscat.test');
  });

  it('refuses a wrong password with 401 invalid_credentials', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: ANON,
      payload: { email: 'agent@villedemo.test', password: 'nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('rate-limits repeated failed sign-ins on one account from one address with 429 and Retry-After', async () => {
    const attempt = (password: string, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: ANON,
        remoteAddress,
        payload: { email: 'technicien@mutualis.test', password },
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong', '198.51.100.7')).statusCode).toBe(401);
    const blocked = await attempt('wrong', '198.51.100.7');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // From that address even the right password waits out the window…
    expect((await attempt('mutualis-demo', '198.51.100.7')).statusCode).toBe(429);
    // …but the person, from their own address, is not locked out by someone else's guesses.
    expect((await attempt('mutualis-demo', '203.0.113.20')).statusCode).toBe(200);
    t.clock.advance(16 * 60_000);
    expect((await attempt('mutualis-demo', '198.51.100.7')).statusCode).toBe(200);
  });

  it('answers 400 listing every bad field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: ANON,
      payload: { email: '' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('returns /me for a session and 401 anonymously', async () => {
    expect((await t.app.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
    const me = (await t.app.inject({ url: '/api/v1/me', headers: await t.as('referent@le-bouscat.test') })).json();
    expect(me).toMatchObject({
      email: 'referent@le-bouscat.test',
      roles: ['contract_referent'],
      communeId: t.org.communes.leBouscat,
    });
  });

  it('shows a commune user only their commune, and 404 for another', async () => {
    const h = await t.as('referent@le-bouscat.test');
    const list = (await t.app.inject({ url: '/api/v1/communes', headers: h })).json();
    expect(list.items.map((c: { name: string }) => c.name)).toEqual(['Le Bouscat']);
    expect((await t.app.inject({ url: `/api/v1/communes/${t.org.communes.villedemo}`, headers: h })).statusCode).toBe(
      404,
    );
    expect(
      (await t.app.inject({ url: `/api/v1/communes/${t.org.communes.villedemo}/entities`, headers: h })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/communes/${t.org.communes.leBouscat}/entities`, headers: h })).json().total,
    ).toBe(3);
  });

  it('shows the director every commune and assigned staff their communes', async () => {
    const d = (await t.app.inject({ url: '/api/v1/communes', headers: await t.as('directeur@mutualis.test') })).json();
    expect(d.total).toBe(2);
    const a = (await t.app.inject({ url: '/api/v1/communes', headers: await t.as('accueil@mutualis.test') })).json();
    expect(a.total).toBe(2);
  });

  it('refuses a cookie-session write from another origin with 403', async () => {
    const h = await t.as('agent@le-bouscat.test');
    const evil = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { ...h, origin: 'http://evil.test' },
      payload: { locale: 'en' },
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('cross_origin_refused');
    const cross = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: h.cookie!, host: 'localhost', 'sec-fetch-site': 'cross-site' },
      payload: { locale: 'en' },
    });
    expect(cross.statusCode).toBe(403);
    const none = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: h.cookie!, host: 'localhost' },
      payload: { locale: 'en' },
    });
    expect(none.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: h, payload: { locale: 'en' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().locale).toBe('en');
  });

  it('lets the administrator manage communes, sub-entities, users and assignments, all audited', async () => {
    const admin = await t.as('admin@mutualis.test');
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes',
      headers: admin,
      payload: { name: 'Saint-Médard-en-Jalles' },
    });
    expect(c.statusCode).toBe(201);
    expect(c.json().slug).toBe('saint-medard-en-jalles');
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes',
      headers: admin,
      payload: { name: 'Saint Médard en Jalles' },
    });
    expect(dup.statusCode).toBe(409);
    const e = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${c.json().id}/entities`,
      headers: admin,
      payload: { name: 'CCAS', kind: 'ccas' },
    });
    expect(e.statusCode).toBe(201);
    const u = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        email: 'dgs@smj.test',
        name: 'DGS',
        roles: ['general_director'],
        communeId: c.json().id,
        password: 'a-long-password-123',
      },
    });
    expect(u.statusCode).toBe(201);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { email: 'x@smj.test', name: 'X', roles: ['technician'], communeId: c.json().id },
    });
    expect(bad.statusCode).toBe(400);
    const tech = (await t.app.inject({ url: '/api/v1/users?q=technicien', headers: admin })).json().items[0];
    const asg = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${tech.id}/assignments`,
      headers: admin,
      payload: { communeIds: [t.org.communes.leBouscat, c.json().id] },
    });
    expect(asg.json().assignedCommuneIds).toHaveLength(2);
    // The technician's next request already follows the new assignments (read with the session).
    const techSession = await t.as('technicien@mutualis.test');
    const seen = async () =>
      ((await t.app.inject({ url: '/api/v1/communes', headers: techSession })).json().items as { id: string }[])
        .map((x) => x.id)
        .sort();
    expect(await seen()).toEqual([t.org.communes.leBouscat, c.json().id].sort());
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${tech.id}/assignments`,
      headers: admin,
      payload: { communeIds: [] },
    });
    expect(await seen()).toEqual([]);
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${tech.id}/assignments`,
      headers: admin,
      payload: { communeIds: tech.assignedCommuneIds },
    });
    expect(await seen()).toEqual([...tech.assignedCommuneIds].sort());
    const audit = (await t.app.inject({ url: '/api/v1/audit?limit=100', headers: admin })).json();
    const actions = audit.items.map((a: { action: string }) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['commune.create', 'entity.create', 'user.create', 'user.assignments']),
    );
    // Others may not.
    const ref = await t.as('referent@le-bouscat.test');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/communes', headers: ref, payload: { name: 'X' } }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/audit', headers: ref })).statusCode).toBe(403);
  });

  it('keeps a commune user out of another commune’s users and entities (404 read and write)', async () => {
    const ref = await t.as('referent@villedemo.test');
    const users = (await t.app.inject({ url: '/api/v1/users', headers: ref })).json();
    expect(users.items.every((u: { communeId: string }) => u.communeId === t.org.communes.villedemo)).toBe(true);
    const lbUser = t.org.users['agent@le-bouscat.test'];
    expect((await t.app.inject({ url: `/api/v1/users/${lbUser}`, headers: ref })).statusCode).toBe(404);
    const admin = await t.as('admin@mutualis.test');
    const ents = (
      await t.app.inject({ url: `/api/v1/communes/${t.org.communes.leBouscat}/entities`, headers: admin })
    ).json();
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/entities/${ents.items[0].id}`,
          headers: ref,
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('authenticates API tokens as Bearer, limited to their permissions, and revocable', async () => {
    const admin = await t.as('admin@mutualis.test');
    const tok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin,
      payload: { name: 'backup tool', permissions: ['communes.read'], communeId: t.org.communes.villedemo },
    });
    expect(tok.statusCode).toBe(201);
    const secret = tok.json().token as string;
    const list = await t.app.inject({ url: '/api/v1/communes', headers: { authorization: `Bearer ${secret}` } });
    expect(list.json().items.map((c: { name: string }) => c.name)).toEqual(['Villedemo']);
    expect(
      (await t.app.inject({ url: '/api/v1/users', headers: { authorization: `Bearer ${secret}` } })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/tokens', headers: admin })).json().items[0].prefix).toBe(
      secret.slice(0, 10),
    );
    await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${tok.json().id}`, headers: admin });
    expect(
      (await t.app.inject({ url: '/api/v1/communes', headers: { authorization: `Bearer ${secret}` } })).statusCode,
    ).toBe(401);
  });

  it('ends the session at logout', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: ANON,
      payload: { email: 'agent@villedemo.test', password: 'mutualis-demo' },
    });
    const cookie = `mutualis_session=${res.cookies[0]!.value}`;
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...ANON, cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: ANON,
      payload: { email: 'referent@villedemo.test', password: 'mutualis-demo' },
    });
    const cookie = `mutualis_session=${res.cookies[0]!.value}`;
    t.clock.advance(13 * 3600_000);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
