import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { makeServiceDesk, openTicket, type ServiceDesk } from '../factories';

// Bad input gets a clear 400 naming the field (or 404 for an id in the path, 414 for a path too
// long), in the API's error format, on both databases — never a 500.
describeEachDb('bad input', (dialect) => {
  let t: BareTestApp;
  let d: ServiceDesk;
  let admin: Record<string, string>;
  let ticketId: string;
  let entityId: string;
  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
    d = await makeServiceDesk(t);
    admin = await t.as(d.admin.email);
    ticketId = (await openTicket(t, d.requester.email)).id as string;
    entityId = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/communes/${d.communeId}/entities`,
        headers: admin,
        payload: { name: 'CCAS', kind: 'ccas' },
      })
    ).json().id as string;
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: method as 'GET', url, headers: { ...admin, ...headers }, payload: payload as never });
  const field = (res: { json(): { error: { details: { fields: Array<{ field: string; code: string }> } } } }) =>
    res.json().error.details.fields[0];

  it.each([
    ['a path id', 'GET', '/api/v1/communes/%00', undefined, { field: 'id', code: 'invalid_character' }],
    [
      'a query parameter',
      'GET',
      '/api/v1/tickets?categoryId=%00',
      undefined,
      { field: 'categoryId', code: 'invalid_character' },
    ],
    ['a body field', 'PATCH', 'TICKET', { title: 'Imprimante\u0000' }, { field: 'title', code: 'invalid_character' }],
    [
      'a nested field',
      'POST',
      '/api/v1/tickets',
      {
        title: 't',
        description: 'd',
        type: 'incident',
        impact: 'low',
        urgency: 'low',
        channel: 'phone',
        extra: { 'a\u0000': 1 },
      },
      { field: 'extra.a\u0000', code: 'invalid_character' },
    ],
    [
      'an unpaired surrogate',
      'PATCH',
      'TICKET',
      { title: 'Imprimante \ud800' },
      { field: 'title', code: 'invalid_character' },
    ],
  ])(
    'refuses a character no database stores in %s: 400 naming the field',
    async (_l, method, url, payload, expected) => {
      const res = await send(method, url === 'TICKET' ? `/api/v1/tickets/${ticketId}` : url, payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(field(res)).toMatchObject(expected);
    },
  );

  it.each([
    ['an empty group', { groupId: '' }, { field: 'groupId', code: 'required' }],
    ['an unknown group', { groupId: 'nope' }, { field: 'groupId', code: 'unknown_reference' }],
    ['an unknown assignee', { assigneeId: 'nope' }, { field: 'assigneeId', code: 'unknown_reference' }],
    ['an unknown category', { categoryId: 'nope' }, { field: 'categoryId', code: 'unknown_reference' }],
    ['an empty category', { categoryId: '' }, { field: 'categoryId', code: 'required' }],
    ['an unknown sub-entity', { entityId: 'nope' }, { field: 'entityId', code: 'unknown_reference' }],
  ])('refuses %s on a ticket: 400 naming the field', async (_l, payload, expected) => {
    const res = await send('PATCH', `/api/v1/tickets/${ticketId}`, payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(field(res)).toMatchObject(expected);
  });

  it('refuses an empty or unknown parent of a sub-entity, and an unknown commune of a user', async () => {
    for (const [parentId, code] of [
      ['', 'required'],
      ['nope', 'unknown_reference'],
    ]) {
      const res = await send('POST', `/api/v1/communes/${d.communeId}/entities`, {
        name: 'École',
        kind: 'school',
        parentId,
      });
      expect(res.statusCode).toBe(400);
      expect(field(res)).toMatchObject({ field: 'parentId', code });
    }
    const user = await send('POST', '/api/v1/users', {
      email: 'a@b.fr',
      name: 'A',
      roles: ['requester'],
      communeId: 'nope',
    });
    expect(user.statusCode).toBe(404);
  });

  it('answers a PATCH with nothing to set with the object unchanged', async () => {
    for (const payload of [{}, { notAField: 1 }]) {
      const res = await send('PATCH', `/api/v1/entities/${entityId}`, payload);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: entityId, name: 'CCAS' });
    }
    const box = await send('POST', '/api/v1/mailboxes', {
      communeId: d.communeId,
      host: '127.0.0.1',
      port: 993,
      username: 'support',
      password: 'secret-secret',
    });
    expect(box.statusCode, box.body).toBe(201);
    const same = await send('PATCH', `/api/v1/mailboxes/${box.json().id as string}`, {});
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ host: '127.0.0.1', port: 993 });
  });

  it('refuses a malformed multipart body with 400 naming the file', async () => {
    const bodies: Array<[string, string]> = [
      ['multipart/form-data; boundary=', 'garbage'],
      ['multipart/form-data; boundary=x', '--x\r\nbad'],
    ];
    for (const [contentType, body] of bodies) {
      const res = await send('POST', `/api/v1/tickets/${ticketId}/attachments`, body, { 'content-type': contentType });
      expect(res.statusCode, res.body).toBe(400);
      expect(field(res)).toMatchObject({ field: 'file' });
    }
  });

  it('answers a malformed URL and a parameter too long in the API error format', async () => {
    const bad = await send('GET', '/api/v1/tickets/%E0%A4%A');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_request' });
    const long = await send('GET', `/api/v1/tickets/${'x'.repeat(300)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json().error).toMatchObject({ code: 'uri_too_long' });
  });
});
