import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';

const townHall = [
  ['08:30', '12:00'],
  ['13:00', '17:00'],
];
const weekdaysOnly = (r: string[][]) => ({ mon: r, tue: r, wed: r, thu: r, fri: r, sat: [], sun: [] });

describeEachDb('calendars API', (dialect) => {
  let t: TestApp;
  let lbCal: string;
  let vdCal: string;
  let providerCal: string;
  const get = async (url: string, who?: string) => t.app.inject({ url, headers: who ? await t.as(who) : ANON });
  const send = async (
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    who: string | null,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: who ? await t.as(who) : ANON,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const fieldsOf = (res: { json: () => { error: { details: { fields: Array<{ field: string }> } } } }) =>
    res.json().error.details.fields.map((f) => f.field);

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-02T09:00:00Z' });
    lbCal = (await get(`/api/v1/communes/${t.org.communes.leBouscat}/calendar`, 'admin@mutualis.test')).json().id;
    vdCal = (await get(`/api/v1/communes/${t.org.communes.villedemo}/calendar`, 'admin@mutualis.test')).json().id;
    providerCal = (await get('/api/v1/calendars', 'admin@mutualis.test'))
      .json()
      .items.find((c: { communeId: string | null }) => c.communeId === null).id;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('demo calendars and visibility', () => {
    it('gives Le Bouscat the reference support hours (Mon–Fri 8:30–12:00, 13:00–17:00, FR)', async () => {
      const res = await get(`/api/v1/communes/${t.org.communes.leBouscat}/calendar`, 'agent@le-bouscat.test');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        name: 'Mairie du Bouscat',
        timezone: 'Europe/Paris',
        holidays: 'FR',
        weekly: weekdaysOnly(townHall),
        version: 1,
        weeklyOpeningSeconds: 135_000,
      });
    });

    it('has Villedemo work Whit Monday this year and next (journée de solidarité)', async () => {
      const res = await get(`/api/v1/calendars/${vdCal}`, 'referent@villedemo.test');
      expect(res.json()).toMatchObject({
        name: 'Mairie de Villedemo',
        workedDates: ['2026-05-25', '2027-05-17'],
        weekly: { sat: [['09:00', '12:00']] },
      });
    });

    it('lists the provider calendars to staff only, and a commune user only their commune’s', async () => {
      const names = async (who: string) =>
        (await get('/api/v1/calendars', who))
          .json()
          .items.map((c: { name: string }) => c.name)
          .sort();
      expect(await names('accueil@mutualis.test')).toEqual([
        "Centre d'appel",
        'Mairie de Villedemo',
        'Mairie du Bouscat',
      ]);
      expect(await names('referent@le-bouscat.test')).toEqual(['Mairie du Bouscat']);
      expect(await names('agent@villedemo.test')).toEqual(['Mairie de Villedemo']);
      expect((await get('/api/v1/calendars')).statusCode).toBe(401);
    });

    it('hides another commune’s calendar and the provider’s from commune users (404), and answers 401 anonymously', async () => {
      expect((await get(`/api/v1/calendars/${lbCal}`, 'agent@villedemo.test')).statusCode).toBe(404);
      expect((await get(`/api/v1/calendars/${providerCal}`, 'agent@villedemo.test')).statusCode).toBe(404);
      expect(
        (await get(`/api/v1/communes/${t.org.communes.leBouscat}/calendar`, 'referent@villedemo.test')).statusCode,
      ).toBe(404);
      expect((await get(`/api/v1/calendars/${lbCal}`)).statusCode).toBe(401);
      expect((await get(`/api/v1/communes/${t.org.communes.leBouscat}/calendar`)).statusCode).toBe(401);
      expect((await get(`/api/v1/calendars/${providerCal}`, 'technicien@mutualis.test')).statusCode).toBe(200);
    });
  });

  describe('writing calendars', () => {
    const body = {
      name: 'Astreinte informatique',
      weekly: {
        mon: [
          ['07:00', '09:00'],
          ['12:00', '14:00'],
          ['18:00', '24:00'],
        ],
      },
      holidays: 'none',
    };

    it('lets a contract manager create a provider calendar, with defaults and version 1', async () => {
      const res = await send('POST', '/api/v1/calendars', 'contrats@mutualis.test', body);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        communeId: null,
        timezone: 'Europe/Paris',
        version: 1,
        closures: [],
        workedDates: [],
        weekly: { mon: body.weekly.mon, sun: [] },
        abilities: { canEdit: true },
      });
    });

    it('refuses a requester (403), another commune’s user (404) and the anonymous caller (401)', async () => {
      expect((await send('POST', '/api/v1/calendars', 'agent@le-bouscat.test', body)).statusCode).toBe(403);
      expect(
        (
          await send('POST', '/api/v1/calendars', 'agent@le-bouscat.test', {
            ...body,
            communeId: t.org.communes.leBouscat,
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await send('POST', '/api/v1/calendars', 'referent@villedemo.test', {
            ...body,
            communeId: t.org.communes.leBouscat,
          })
        ).statusCode,
      ).toBe(404);
      expect((await send('POST', '/api/v1/calendars', null, body)).statusCode).toBe(401);
    });

    it('keeps one calendar per commune (409)', async () => {
      const res = await send('POST', '/api/v1/calendars', 'admin@mutualis.test', {
        ...body,
        communeId: t.org.communes.leBouscat,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details.calendarId).toBe(lbCal);
    });

    it('answers 400 naming every bad field: order, overlap, time format, zone', async () => {
      const res = await send('POST', '/api/v1/calendars', 'admin@mutualis.test', {
        name: 'x',
        timezone: 'Europe/Bouscat',
        weekly: {
          mon: [['13:00', '12:00']],
          tue: [
            ['08:00', '12:00'],
            ['11:00', '13:00'],
          ],
          wed: [['8:00', '12:00']],
        },
      });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(['weekly.wed.0.0']));
      const semantic = await send('POST', '/api/v1/calendars', 'admin@mutualis.test', {
        name: 'x',
        timezone: 'Europe/Bouscat',
        weekly: {
          mon: [['13:00', '12:00']],
          tue: [
            ['08:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
      });
      expect(fieldsOf(semantic)).toEqual(['timezone', 'weekly.mon.0', 'weekly.tue.1']);
      const unknownDay = await send('POST', '/api/v1/calendars', 'admin@mutualis.test', {
        name: 'x',
        weekly: { lun: townHall },
      });
      expect(unknownDay.statusCode).toBe(400);
    });

    it('refuses a calendar without any opening (400), never a runaway deadline', async () => {
      const res = await send('POST', '/api/v1/calendars', 'admin@mutualis.test', { name: 'jamais', weekly: {} });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(['weekly']);
      expect(res.json().error.details.fields[0].message).toMatch(/no opening/);
    });

    it('increments the version on each PUT and records it in the audit trail', async () => {
      const created = (
        await send('POST', '/api/v1/calendars', 'admin@mutualis.test', { ...body, name: 'Versions' })
      ).json();
      const v2 = await send('PUT', `/api/v1/calendars/${created.id}`, 'contrats@mutualis.test', {
        ...body,
        name: 'Versions',
        closures: ['2026-12-24', '2026-12-24', '2026-08-14'],
      });
      expect(v2.statusCode).toBe(200);
      expect(v2.json()).toMatchObject({ version: 2, closures: ['2026-08-14', '2026-12-24'] });
      const v3 = await send('PUT', `/api/v1/calendars/${created.id}`, 'contrats@mutualis.test', {
        ...body,
        name: 'Versions 3',
      });
      expect(v3.json()).toMatchObject({ version: 3, name: 'Versions 3' });
      const audit = (await get(`/api/v1/audit?targetId=${created.id}`, 'admin@mutualis.test')).json();
      expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual([
        'calendar.create',
        'calendar.update',
        'calendar.update',
      ]);
    });

    it('refuses PUT with bad fields (400), by another commune (404), by a requester (403), anonymously (401)', async () => {
      const put = { name: 'Mairie du Bouscat', weekly: weekdaysOnly(townHall) };
      expect(
        (
          await send('PUT', `/api/v1/calendars/${lbCal}`, 'admin@mutualis.test', {
            ...put,
            weekly: { mon: [['09:00', '08:00']] },
          })
        ).statusCode,
      ).toBe(400);
      expect((await send('PUT', `/api/v1/calendars/${lbCal}`, 'referent@villedemo.test', put)).statusCode).toBe(404);
      expect((await send('PUT', `/api/v1/calendars/${lbCal}`, 'agent@le-bouscat.test', put)).statusCode).toBe(403);
      expect((await send('PUT', `/api/v1/calendars/${lbCal}`, null, put)).statusCode).toBe(401);
      expect((await get(`/api/v1/calendars/${lbCal}`, 'admin@mutualis.test')).json().version).toBe(1);
    });

    it('deletes a calendar (204); others get 404, 403, 401', async () => {
      const created = (
        await send('POST', '/api/v1/calendars', 'admin@mutualis.test', { ...body, name: 'Éphémère' })
      ).json();
      expect((await send('DELETE', `/api/v1/calendars/${lbCal}`, 'referent@villedemo.test')).statusCode).toBe(404);
      expect((await send('DELETE', `/api/v1/calendars/${lbCal}`, 'referent@le-bouscat.test')).statusCode).toBe(403);
      expect((await send('DELETE', `/api/v1/calendars/${created.id}`, 'agent@villedemo.test')).statusCode).toBe(404);
      expect((await send('DELETE', `/api/v1/calendars/${created.id}`, null)).statusCode).toBe(401);
      expect((await send('DELETE', `/api/v1/calendars/${created.id}`, 'directeur@mutualis.test')).statusCode).toBe(204);
      expect((await get(`/api/v1/calendars/${created.id}`, 'admin@mutualis.test')).statusCode).toBe(404);
    });

    it('refuses to delete a calendar that tickets’ deadlines were computed with (409), and keeps it', async () => {
      const ticket = await send('POST', '/api/v1/tickets', 'agent@le-bouscat.test', {
        type: 'incident',
        title: 'Poste bloqué',
        description: 'Écran figé',
        impact: 'low',
        urgency: 'low',
        channel: 'portal',
      });
      expect(ticket.statusCode, ticket.body).toBe(201);
      expect(ticket.json().calendarId).toBe(lbCal);
      const refused = await send('DELETE', `/api/v1/calendars/${lbCal}`, 'directeur@mutualis.test');
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'conflict', details: { tickets: 1 } });
      expect((await get(`/api/v1/calendars/${lbCal}`, 'admin@mutualis.test')).statusCode).toBe(200);
    });
  });

  describe('deadlines and business time', () => {
    const deadline = async (query: string, who = 'agent@le-bouscat.test', cal?: string) =>
      get(`/api/v1/calendars/${cal ?? lbCal}/deadline?${query}`, who);

    it.each([
      [
        '3.3.1 — ticket on Friday 16:50 → Monday 17:00',
        'from=2026-03-06T16:50:00%2B01:00&rule=next-business-day-end',
        '2026-03-09T16:00:00.000Z',
      ],
      [
        'PT4H30M from Friday 16:50 → Monday 13:50',
        'from=2026-03-06T15:50:00Z&duration=PT4H30M',
        '2026-03-09T12:50:00.000Z',
      ],
      [
        'a deadline at a range end stays there: 08:30 + PT3H30M → 12:00',
        'from=2026-03-02T07:30:00Z&duration=PT3H30M',
        '2026-03-02T11:00:00.000Z',
      ],
      ['zero duration → from', 'from=2026-03-07T10:00:00Z&duration=PT0S', '2026-03-07T10:00:00.000Z'],
      ['Easter Monday 2026 is skipped', 'from=2026-04-03T14:00:00Z&duration=PT2H', '2026-04-07T07:30:00.000Z'],
      [
        'ISO-8601 variants: minutes only, basic offset',
        'from=2026-03-02T08:30%2B0100&duration=PT1H',
        '2026-03-02T08:30:00.000Z',
      ],
    ])('%s', async (_name, query, due) => {
      const res = await deadline(query);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ due });
    });

    it('answers 400 naming the bad parameter', async () => {
      const cases: Array<[string, string[]]> = [
        ['from=yesterday&duration=PT1H', ['from']],
        ['from=2026-03-02T10:00:00&duration=PT1H', ['from']],
        ['duration=PT1H', ['from']],
        ['from=2026-03-02T10:00:00Z&duration=4 hours', ['duration']],
        ['from=2026-03-02T10:00:00Z&duration=P1M', ['duration']],
        ['from=2026-03-02T10:00:00Z&rule=tomorrow', ['rule']],
        ['from=2026-03-02T10:00:00Z', ['duration']],
        ['from=2026-03-02T10:00:00Z&duration=PT1H&rule=next-business-day-end', ['rule']],
        ['from=1999-06-01T10:00:00Z&duration=PT1H', ['from']],
        ['from=2100-12-30T10:00:00Z&duration=P10W', ['duration']],
      ];
      for (const [query, fields] of cases) {
        const res = await deadline(query);
        expect(res.statusCode, query).toBe(400);
        expect(fieldsOf(res), query).toEqual(fields);
      }
    });

    it('counts business seconds in [from, to)', async () => {
      const bt = async (q: string, who = 'referent@le-bouscat.test') =>
        get(`/api/v1/calendars/${lbCal}/business-time?${q}`, who);
      expect((await bt('from=2026-03-02T00:00:00%2B01:00&to=2026-03-09T00:00:00%2B01:00')).json()).toEqual({
        seconds: 135_000,
      });
      expect((await bt('from=2026-03-02T10:00:00Z&to=2026-03-02T09:00:00Z')).json()).toEqual({ seconds: 0 });
      const bad = await bt('from=2026-03-02T10:00:00Z&to=later');
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad)).toEqual(['to']);
      expect(fieldsOf(await bt('from=2026-03-02T10:00:00Z&to=2150-01-01T00:00:00Z'))).toEqual(['to']);
      expect((await bt('from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z', 'agent@villedemo.test')).statusCode).toBe(
        404,
      );
      expect(
        (await get(`/api/v1/calendars/${lbCal}/business-time?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z`))
          .statusCode,
      ).toBe(401);
    });

    it('keeps other communes and anonymous callers out (404, 401)', async () => {
      expect((await deadline('from=2026-03-02T10:00:00Z&duration=PT1H', 'agent@villedemo.test')).statusCode).toBe(404);
      expect(
        (await get(`/api/v1/calendars/${lbCal}/deadline?from=2026-03-02T10:00:00Z&duration=PT1H`)).statusCode,
      ).toBe(401);
    });

    it('computes on the new version right after an update', async () => {
      const created = (
        await send('POST', '/api/v1/calendars', 'admin@mutualis.test', {
          name: 'Bascule',
          weekly: weekdaysOnly([['08:00', '12:00']]),
        })
      ).json();
      const before = (
        await deadline('from=2026-03-02T07:00:00Z&duration=PT5H', 'admin@mutualis.test', created.id)
      ).json().due;
      await send('PUT', `/api/v1/calendars/${created.id}`, 'admin@mutualis.test', {
        name: 'Bascule',
        weekly: weekdaysOnly([['08:00', '18:00']]),
      });
      const after = (
        await deadline('from=2026-03-02T07:00:00Z&duration=PT5H', 'admin@mutualis.test', created.id)
      ).json().due;
      expect([before, after]).toEqual(['2026-03-03T08:00:00.000Z', '2026-03-02T12:00:00.000Z']);
    });
  });

  describe('editor helpers: draft preview and holidays', () => {
    const draft = { name: 'Brouillon', weekly: weekdaysOnly(townHall), holidays: 'FR' };

    it('previews a deadline on an unsaved draft, for editors only', async () => {
      const res = await send('POST', '/api/v1/calendars/preview', 'contrats@mutualis.test', {
        calendar: draft,
        from: '2026-03-06T16:50:00+01:00',
        rule: 'next-business-day-end',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ due: '2026-03-09T16:00:00.000Z' });
      const saturday = await send('POST', '/api/v1/calendars/preview', 'contrats@mutualis.test', {
        calendar: { ...draft, weekly: { ...draft.weekly, sat: [['09:00', '12:00']] } },
        from: '2026-03-06T16:50:00+01:00',
        duration: 'PT1H',
      });
      expect(saturday.json()).toEqual({ due: '2026-03-07T08:50:00.000Z' });
      expect(
        (
          await send('POST', '/api/v1/calendars/preview', 'agent@le-bouscat.test', {
            calendar: draft,
            from: '2026-03-06T16:50:00+01:00',
            duration: 'PT1H',
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await send('POST', '/api/v1/calendars/preview', null, {
            calendar: draft,
            from: '2026-03-06T16:50:00+01:00',
            duration: 'PT1H',
          })
        ).statusCode,
      ).toBe(401);
    });

    it('names the draft’s bad fields and the bad parameters', async () => {
      const res = await send('POST', '/api/v1/calendars/preview', 'contrats@mutualis.test', {
        calendar: { ...draft, weekly: { mon: [['10:00', '09:00']] } },
        from: 'x',
      });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(['from']));
      const semantic = await send('POST', '/api/v1/calendars/preview', 'contrats@mutualis.test', {
        calendar: { ...draft, weekly: { mon: [['10:00', '09:00']] } },
        from: '2026-03-06T16:50:00Z',
      });
      expect(fieldsOf(semantic)).toEqual(['calendar.weekly.mon.0', 'duration']);
    });

    it('lists a year’s holidays under a preset', async () => {
      const fr = (await get('/api/v1/holidays?preset=FR&year=2026', 'agent@le-bouscat.test')).json();
      expect(fr.total).toBe(11);
      expect(fr.items[1]).toEqual({ date: '2026-04-06', key: 'easter_monday', name: 'Lundi de Pâques' });
      expect(
        (await get('/api/v1/holidays?preset=FR-alsace-moselle&year=2027', 'agent@le-bouscat.test')).json().total,
      ).toBe(13);
      expect(fieldsOf(await get('/api/v1/holidays?year=1850', 'agent@le-bouscat.test'))).toEqual(['year']);
      expect((await get('/api/v1/holidays?year=2026')).statusCode).toBe(401);
    });
  });

  describe('on-call rosters (astreintes)', () => {
    const lb = () => t.org.communes.leBouscat;
    const agents = () => [t.org.users['accueil@mutualis.test'], t.org.users['technicien@mutualis.test']];
    const period = () => ({
      communeId: lb(),
      name: 'Conseil municipal du 12 décembre',
      startsAt: '2026-12-12T18:30:00+01:00',
      endsAt: '2026-12-12T23:00:00+01:00',
      agentIds: agents(),
    });

    it('shows Le Bouscat’s two council-meeting periods, two agents each, to its users and to staff', async () => {
      const list = (await get(`/api/v1/oncall?communeId=${lb()}`, 'referent@le-bouscat.test')).json();
      expect(list.total).toBe(2);
      expect(list.items[0].name).toMatch(/^Conseil municipal du /);
      expect(list.items[0].agents.map((a: { email: string }) => a.email).sort()).toEqual([
        'accueil@mutualis.test',
        'technicien@mutualis.test',
      ]);
      expect(Date.parse(list.items[0].endsAt)).toBeGreaterThan(Date.parse(list.items[0].startsAt));
      expect((await get('/api/v1/oncall', 'technicien@mutualis.test')).json().total).toBe(2);
    });

    it('checks the minimum only where the contract states one (Villedemo’s does not)', async () => {
      const vd = await send('POST', '/api/v1/oncall', 'contrats@mutualis.test', {
        ...period(),
        communeId: t.org.communes.villedemo,
        agentIds: [t.org.users['technicien@mutualis.test']],
      });
      expect(vd.statusCode, vd.body).toBe(201);
      expect(vd.json()).toMatchObject({ minimumAgents: null, belowMinimum: false });
      expect(
        (await send('DELETE', `/api/v1/oncall/${vd.json().id as string}`, 'contrats@mutualis.test')).statusCode,
      ).toBe(204);
    });

    it('keeps other communes out (404 with communeId, nothing listed without) and anonymous callers (401)', async () => {
      expect((await get(`/api/v1/oncall?communeId=${lb()}`, 'referent@villedemo.test')).statusCode).toBe(404);
      expect((await get('/api/v1/oncall', 'referent@villedemo.test')).json().total).toBe(0);
      expect((await get('/api/v1/oncall')).statusCode).toBe(401);
    });

    it('plans, edits and removes a period (contract manager), audited', async () => {
      const created = await send('POST', '/api/v1/oncall', 'contrats@mutualis.test', period());
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        startsAt: '2026-12-12T17:30:00.000Z',
        endsAt: '2026-12-12T22:00:00.000Z',
        abilities: { canEdit: true },
      });
      const id = created.json().id;
      const patched = await send('PATCH', `/api/v1/oncall/${id}`, 'contrats@mutualis.test', {
        endsAt: '2026-12-13T00:30:00+01:00',
        agentIds: [agents()[0]],
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({
        endsAt: '2026-12-12T23:30:00.000Z',
        name: 'Conseil municipal du 12 décembre',
      });
      expect(patched.json().agents).toHaveLength(1);
      // Le Bouscat's annex (IV-a) keeps 2 agents on call: one agent is flagged below the minimum.
      expect(patched.json()).toMatchObject({ minimumAgents: 2, belowMinimum: true });
      expect(created.json()).toMatchObject({ minimumAgents: 2, belowMinimum: false });
      const window = (
        await get(
          `/api/v1/oncall?communeId=${lb()}&from=2026-12-12T00:00:00Z&to=2026-12-13T00:00:00Z`,
          'agent@le-bouscat.test',
        )
      ).json();
      expect(window.items.map((p: { id: string }) => p.id)).toEqual([id]);
      expect((await send('DELETE', `/api/v1/oncall/${id}`, 'contrats@mutualis.test')).statusCode).toBe(204);
      expect((await get(`/api/v1/oncall/${id}`, 'contrats@mutualis.test')).statusCode).toBe(404);
      const audit = (await get(`/api/v1/audit?targetId=${id}`, 'admin@mutualis.test')).json();
      expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual([
        'oncall.create',
        'oncall.delete',
        'oncall.update',
      ]);
    });

    it('validates the period: end after start, agents provider staff assigned to the commune', async () => {
      const reversed = await send('POST', '/api/v1/oncall', 'contrats@mutualis.test', {
        ...period(),
        endsAt: '2026-12-12T18:00:00+01:00',
      });
      expect(reversed.statusCode).toBe(400);
      expect(fieldsOf(reversed)).toEqual(['endsAt']);
      const communeAgent = await send('POST', '/api/v1/oncall', 'contrats@mutualis.test', {
        ...period(),
        agentIds: [t.org.users['agent@le-bouscat.test']],
      });
      expect(communeAgent.statusCode).toBe(400);
      expect(fieldsOf(communeAgent)).toEqual(['agentIds']);
      expect(
        fieldsOf(await send('POST', '/api/v1/oncall', 'contrats@mutualis.test', { ...period(), agentIds: [] })),
      ).toEqual(['agentIds']);
      const existing = (await get(`/api/v1/oncall?communeId=${lb()}`, 'contrats@mutualis.test')).json().items[0];
      const badPatch = await send('PATCH', `/api/v1/oncall/${existing.id}`, 'contrats@mutualis.test', {
        endsAt: '2000-01-01T00:00:00Z',
      });
      expect(badPatch.statusCode).toBe(400);
      expect(fieldsOf(badPatch)).toEqual(['endsAt']);
    });

    it('refuses writes: requester 403, another commune 404, anonymous 401', async () => {
      const existing = (await get(`/api/v1/oncall?communeId=${lb()}`, 'contrats@mutualis.test')).json().items[0];
      expect((await send('POST', '/api/v1/oncall', 'referent@le-bouscat.test', period())).statusCode).toBe(403);
      expect((await send('POST', '/api/v1/oncall', 'referent@villedemo.test', period())).statusCode).toBe(404);
      expect((await send('POST', '/api/v1/oncall', null, period())).statusCode).toBe(401);
      expect((await get(`/api/v1/oncall/${existing.id}`, 'agent@villedemo.test')).statusCode).toBe(404);
      expect(
        (await send('PATCH', `/api/v1/oncall/${existing.id}`, 'referent@villedemo.test', { name: 'x' })).statusCode,
      ).toBe(404);
      expect(
        (await send('PATCH', `/api/v1/oncall/${existing.id}`, 'referent@le-bouscat.test', { name: 'x' })).statusCode,
      ).toBe(403);
      expect((await send('DELETE', `/api/v1/oncall/${existing.id}`, 'agent@villedemo.test')).statusCode).toBe(404);
      expect((await send('DELETE', `/api/v1/oncall/${existing.id}`, null)).statusCode).toBe(401);
      expect((await get(`/api/v1/oncall/${existing.id}`, 'agent@le-bouscat.test')).statusCode).toBe(200);
    });
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/calendars',
        '/api/v1/calendars/{id}',
        '/api/v1/calendars/{id}/deadline',
        '/api/v1/calendars/{id}/business-time',
        '/api/v1/communes/{id}/calendar',
        '/api/v1/calendars/preview',
        '/api/v1/holidays',
        '/api/v1/oncall',
        '/api/v1/oncall/{id}',
      ]),
    );
  });
});
