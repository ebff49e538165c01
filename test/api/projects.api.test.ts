import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { makeCommuneWithContract, makeUser } from '../factories';
import type { AnnexContent } from '../../src/server/modules/contracts/model';

// The digital plan, its projects, time entries and the three indicators they measure, on a
// world built by hand: two communes, a plan adopted in December 2024 and revised in November
// 2025, a project moved from 2025 to 2026, a week across March and April, a rejected week.
describeEachDb('projects: digital plan, projects, time entries, workload, 1.1.1 / 2.1.1 / 2.1.2', (dialect) => {
  let t: BareTestApp;
  let a: string;
  let b: string;
  const people: Record<string, { id: string; email: string }> = {};
  const p: Record<string, string> = {};
  const h = (who: string) => t.as(people[who]!.email);

  const rules = (x: AnnexContent) => {
    const ind = (code: string) => x.commitments.flatMap((c) => c.indicators).find((i) => i.code === code)!;
    ind('2.1.1').rule = { kind: 'project_workload', tolerance: 0.1, serviceReferenceDays: 200 };
    ind('2.1.2').rule = { kind: 'plan_delivery', targetShare: 1 };
  };

  const call = async (who: string | null, method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: who ? await h(who) : ANON,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async (who: string, method: string, url: string, payload?: unknown, status = 200) => {
    const r = await call(who, method, url, payload);
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  const fields = (r: { json(): unknown }) =>
    ((r.json() as { error: { details: { fields: Array<{ field: string }> } } }).error.details.fields ?? []).map(
      (f) => f.field,
    );

  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    const db = t.app.ctx.db;
    ({ communeId: a } = await makeCommuneWithContract(db, {
      name: 'Projetville',
      slug: 'projetville',
      at: '2024-01-01T00:00:00.000Z',
      firstFrom: '2024-01-01',
      amendmentFrom: '2026-01-01',
      v1: rules,
      v2: rules,
    }));
    ({ communeId: b } = await makeCommuneWithContract(db, {
      name: 'Autreville',
      slug: 'autreville',
      at: '2024-01-01T00:00:00.000Z',
      firstFrom: '2024-01-01',
      amendmentFrom: '2026-01-01',
      v1: rules,
      v2: rules,
    }));
    people.manager = await makeUser(t, { roles: ['project_manager'], assigned: [a, b], name: 'Paula Projets' });
    people.tech1 = await makeUser(t, { roles: ['technician'], assigned: [a], name: 'Théo Temps' });
    people.tech2 = await makeUser(t, { roles: ['technician'], assigned: [b], name: 'Tina Temps' });
    people.owner = await makeUser(t, { roles: ['project_owner'], communeId: a, name: 'Odile Owner' });
    people.referentB = await makeUser(t, { roles: ['contract_referent'], communeId: b });
    people.director = await makeUser(t, { roles: ['director'] });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the plan and its versions', () => {
    it('creates projects, adopts a plan that schedules them, revises it after a project moved', async () => {
      const mk = async (communeId: string, title: string, plannedYear: number, priority = 2) =>
        (
          await ok(
            'manager',
            'POST',
            `/api/v1/communes/${communeId}/projects`,
            {
              title,
              kind: 'commune',
              plannedYear,
              priority,
              plannedGoLive: `${plannedYear}-06-30`,
              communeOwnerId: communeId === a ? people.owner!.id : null,
              providerOwnerId: people.manager!.id,
            },
            201,
          )
        ).id as string;
      p.p1 = await mk(a, 'Portail citoyen', 2025, 1);
      p.p2 = await mk(a, 'Gestion électronique du courrier', 2025);
      p.p3 = await mk(a, 'Wifi des écoles', 2025, 3);
      p.p4 = await mk(a, 'Téléphonie IP', 2026);
      p.p5 = await mk(b, 'Sauvegarde externalisée', 2025);
      const v1 = await ok(
        'manager',
        'POST',
        `/api/v1/communes/${a}/digital-plans`,
        {
          title: 'Schéma numérique communal',
          startYear: 2025,
          endYear: 2027,
          approvedOn: '2024-12-10',
          approvedBy: 'Conseil municipal',
          committee: 'Comité numérique stratégique communal',
          changes: 'Adoption',
        },
        201,
      );
      expect(v1.versions).toHaveLength(1);
      expect(v1.versions[0].scheduled.map((s: { title: string; year: number }) => [s.title, s.year])).toEqual([
        ['Portail citoyen', 2025],
        ['Gestion électronique du courrier', 2025],
        ['Wifi des écoles', 2025],
        ['Téléphonie IP', 2026],
      ]);
      // The schools' wifi slips to 2026; the November revision schedules it there.
      await ok('manager', 'PATCH', `/api/v1/projects/${p.p3}`, { plannedYear: 2026 });
      const v2 = await ok(
        'manager',
        'POST',
        `/api/v1/communes/${a}/digital-plans`,
        {
          planId: v1.id,
          startYear: 2026,
          endYear: 2028,
          approvedOn: '2025-11-20',
          approvedBy: 'Conseil municipal',
          changes: 'Wifi des écoles reporté à 2026',
        },
        201,
      );
      expect(v2.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(v2.versions[0].scheduled.map((s: { title: string }) => s.title).sort()).toEqual([
        'Téléphonie IP',
        'Wifi des écoles',
      ]);
      const list = await ok('referentB', 'GET', `/api/v1/communes/${b}/digital-plans`);
      expect(list).toEqual({ items: [], total: 0 });
      const own = await ok('owner', 'GET', `/api/v1/communes/${a}/digital-plans`);
      expect(own.total).toBe(1);
      const detail = await ok('owner', 'GET', `/api/v1/projects/${p.p3}`);
      expect(detail.scheduleHistory.map((s: { version: number; year: number }) => [s.version, s.year])).toEqual([
        [1, 2025],
        [2, 2026],
      ]);
    });

    it('refuses a bad version with the fields, another commune with 404, a reader with 403, nobody with 401', async () => {
      const url = `/api/v1/communes/${a}/digital-plans`;
      const base = { startYear: 2027, endYear: 2026, approvedOn: '2025-01-01', approvedBy: 'CM', changes: 'x' };
      let r = await call('manager', 'POST', url, base);
      expect(r.statusCode).toBe(400);
      expect(fields(r)).toEqual(expect.arrayContaining(['endYear', 'title']));
      const plans = await ok('manager', 'GET', url);
      r = await call('manager', 'POST', url, { ...base, endYear: 2029, planId: plans.items[0].id });
      expect(r.statusCode).toBe(400);
      expect(fields(r)).toEqual(['approvedOn']);
      r = await call('manager', 'POST', url, { ...base, approvedOn: '2025-13-01' });
      expect(r.statusCode).toBe(400);
      expect((await call('referentB', 'GET', url)).statusCode).toBe(404);
      expect((await call('tech2', 'POST', url, { ...base, endYear: 2029, title: 'x' })).statusCode).toBe(404);
      expect((await call('owner', 'POST', url, { ...base, endYear: 2029, title: 'x' })).statusCode).toBe(403);
      expect((await call(null, 'GET', url)).statusCode).toBe(401);
    });
  });

  describe('projects', () => {
    it('lists by year and status, and goes live', async () => {
      await ok('manager', 'PATCH', `/api/v1/projects/${p.p1}`, { goLiveOn: '2025-06-30' });
      await ok('manager', 'PATCH', `/api/v1/projects/${p.p2}`, { goLiveOn: '2026-02-10' });
      const y2025 = await ok('owner', 'GET', `/api/v1/communes/${a}/projects?year=2025`);
      expect(y2025.items.map((x: { title: string }) => x.title).sort()).toEqual([
        'Gestion électronique du courrier',
        'Portail citoyen',
      ]);
      const delivered = await ok('owner', 'GET', `/api/v1/communes/${a}/projects?status=delivered`);
      expect(delivered.total).toBe(2);
      const p4 = await ok('owner', 'GET', `/api/v1/projects/${p.p4}`);
      expect(p4).toMatchObject({ status: 'planned', late: false, communeOwner: { id: people.owner!.id } });
      expect(p4.phases.map((x: { key: string }) => x.key)).toContain('cahier_des_charges');
      expect(p4.abilities).toEqual({ canEdit: false, canLogTime: false, canApprove: true });
    });

    it('refuses bad changes with their fields and hides other communes', async () => {
      let r = await call('manager', 'PATCH', `/api/v1/projects/${p.p4}`, { status: 'delivered' });
      expect(fields(r)).toEqual(['goLiveOn']);
      r = await call('manager', 'PATCH', `/api/v1/projects/${p.p4}`, { communeOwnerId: people.referentB!.id });
      expect(fields(r)).toEqual(['communeOwnerId']);
      r = await call('manager', 'PATCH', `/api/v1/projects/${p.p4}`, { kind: 'nationale' });
      expect(r.statusCode).toBe(400);
      expect(fields(r)).toEqual(['kind']);
      r = await call('manager', 'PATCH', `/api/v1/projects/${p.p4}`, {
        plannedLoad: [
          { month: '2026-01', team: 'pmo', days: 1 },
          { month: '2026-01', team: 'pmo', days: 2 },
        ],
      });
      expect(fields(r)).toEqual(['plannedLoad.1']);
      expect((await call('manager', 'PATCH', `/api/v1/projects/${p.p4}`, {})).statusCode).toBe(400);
      expect((await call('referentB', 'GET', `/api/v1/projects/${p.p1}`)).statusCode).toBe(404);
      expect((await call('tech2', 'GET', `/api/v1/projects/${p.p1}`)).statusCode).toBe(404);
      expect((await call('referentB', 'GET', `/api/v1/communes/${a}/projects`)).statusCode).toBe(404);
      expect((await call('owner', 'PATCH', `/api/v1/projects/${p.p4}`, { priority: 1 })).statusCode).toBe(403);
      expect((await call(null, 'GET', `/api/v1/projects/${p.p1}`)).statusCode).toBe(401);
    });
  });

  describe('planned load and time entries', () => {
    const week = (weekStart: string, days: number[], team = 'applications') => ({ weekStart, team, days });
    let entries: Record<string, string> = {};

    it('records the planned load per month and team, and weeks of time', async () => {
      await ok('manager', 'PATCH', `/api/v1/projects/${p.p1}`, {
        plannedLoad: [
          { month: '2025-01', team: 'applications', days: 4 },
          { month: '2025-02', team: 'applications', days: 6 },
          { month: '2025-03', team: 'infrastructure', days: 5 },
          { month: '2025-04', team: 'applications', days: 3 },
        ],
      });
      await ok('manager', 'PATCH', `/api/v1/projects/${p.p5}`, {
        plannedLoad: [{ month: '2025-02', team: 'support', days: 10 }],
      });
      const post = (who: string, project: string, body: unknown) =>
        ok(who, 'POST', `/api/v1/projects/${project}/time-entries`, body, 201);
      entries = {
        jan: (await post('tech1', p.p1!, week('2025-01-27', [1, 1, 1, 1, 1, 0, 0]))).id,
        // Monday 31 March to Wednesday 2 April: 1 day in March, 1.5 in April.
        across: (await post('tech1', p.p1!, week('2025-03-31', [1, 1, 0.5, 0, 0, 0, 0]))).id,
        rejected: (await post('tech1', p.p1!, week('2025-02-10', [1, 1, 0, 0, 0, 0, 0]))).id,
        pending: (await post('tech1', p.p1!, week('2025-02-17', [0.5, 0.5, 0, 0, 0, 0, 0]))).id,
        other: (await post('tech2', p.p5!, week('2025-02-03', [1, 1, 1, 0, 0, 0, 0], 'support'))).id,
      };
      const list = await ok('owner', 'GET', `/api/v1/projects/${p.p1}/time-entries`);
      expect(list.total).toBe(4);
      const across = list.items.find((e: { id: string }) => e.id === entries.across);
      expect(across).toMatchObject({ totalDays: 2.5, days: [1, 1, 0.5, 0, 0, 0, 0], status: 'submitted' });
    });

    it('is approved by the project owner, never by the person who recorded it', async () => {
      const decide = (who: string, id: string, body: unknown) =>
        call(who, 'POST', `/api/v1/time-entries/${id}/decision`, body);
      let r = await decide('owner', entries.rejected!, { decision: 'rejected' });
      expect(r.statusCode).toBe(400);
      expect(fields(r)).toEqual(['comment']);
      r = await decide('owner', entries.rejected!, { decision: 'rejected', comment: 'Semaine de congés' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ status: 'rejected', decidedBy: { id: people.owner!.id } });
      for (const id of [entries.jan!, entries.across!])
        expect((await decide('owner', id, { decision: 'approved' })).statusCode).toBe(200);
      expect((await decide('owner', entries.jan!, { decision: 'approved' })).statusCode).toBe(409);
      expect((await decide('tech1', entries.pending!, { decision: 'approved' })).statusCode).toBe(403);
      expect((await decide('referentB', entries.pending!, { decision: 'approved' })).statusCode).toBe(404);
      expect((await decide('manager', entries.other!, { decision: 'approved' })).statusCode).toBe(200);
    });

    it('refuses bad weeks with their fields, twice the same week, commune users and other communes', async () => {
      const url = `/api/v1/projects/${p.p1}/time-entries`;
      let r = await call('tech1', 'POST', url, week('2025-01-28', [1, 0, 0, 0, 0, 0, 0]));
      expect(fields(r)).toEqual(['weekStart']);
      r = await call('tech1', 'POST', url, week('2025-01-06', [0.3, 0, 0, 0, 0, 0, 0]));
      expect(fields(r)).toEqual(['days.0']);
      r = await call('tech1', 'POST', url, week('2025-01-06', [1, 1]));
      expect(fields(r)).toEqual(['days']);
      r = await call('tech1', 'POST', url, week('2025-01-06', [0, 0, 0, 0, 0, 0, 0]));
      expect(fields(r)).toEqual(['days']);
      r = await call('tech1', 'POST', url, week('2026-03-09', [1, 0, 0, 0, 0, 0, 0]));
      expect(fields(r)).toEqual(['weekStart']);
      expect((await call('tech1', 'POST', url, week('2025-01-27', [1, 0, 0, 0, 0, 0, 0]))).statusCode).toBe(409);
      // A rejected week may be recorded again.
      expect((await call('tech1', 'POST', url, week('2025-02-10', [0.25, 0, 0, 0, 0, 0, 0]))).statusCode).toBe(201);
      expect((await call('owner', 'POST', url, week('2025-01-06', [1, 0, 0, 0, 0, 0, 0]))).statusCode).toBe(403);
      expect((await call('tech2', 'POST', url, week('2025-01-06', [1, 0, 0, 0, 0, 0, 0]))).statusCode).toBe(404);
      expect((await call(null, 'POST', url, week('2025-01-06', [1, 0, 0, 0, 0, 0, 0]))).statusCode).toBe(401);
      // The re-recorded week stays out of the figures below until approved.
    });

    it('totals the workload per month by team and by commune, within the scope', async () => {
      const w = await ok('manager', 'GET', '/api/v1/workload?from=2025-01&to=2025-04&groupBy=team');
      const row = (key: string) => w.items.find((i: { key: string }) => i.key === key);
      const months = (key: string) =>
        row(key).months.map((m: { planned: number; actual: number }) => [m.planned, m.actual]);
      expect(w.months).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
      expect(months('applications')).toEqual([
        [4, 5],
        [6, 0],
        [0, 1],
        [3, 1.5],
      ]);
      expect(months('infrastructure')).toEqual([
        [0, 0],
        [0, 0],
        [5, 0],
        [0, 0],
      ]);
      expect(months('support')).toEqual([
        [0, 0],
        [10, 3],
        [0, 0],
        [0, 0],
      ]);
      expect(w.totals).toMatchObject({ planned: 28, actual: 10.5 });
      const byCommune = await ok('manager', 'GET', '/api/v1/workload?from=2025-01&to=2025-04&groupBy=commune');
      expect(
        byCommune.items.map((i: { label: string; planned: number; actual: number }) => [i.label, i.planned, i.actual]),
      ).toEqual([
        ['Autreville', 10, 3],
        ['Projetville', 18, 7.5],
      ]);
      const mine = await ok('tech1', 'GET', '/api/v1/workload?from=2025-01&to=2025-04&groupBy=commune');
      expect(mine.items.map((i: { label: string }) => i.label)).toEqual(['Projetville']);
      const notMine = await ok('tech1', 'GET', `/api/v1/workload?from=2025-01&to=2025-04&communeId=${b}`);
      expect(notMine.totals).toMatchObject({ planned: 0, actual: 0 });
      const bad = await call('manager', 'GET', '/api/v1/workload?from=2025-04&to=2025-01');
      expect(fields(bad)).toEqual(['to']);
      expect((await call('manager', 'GET', '/api/v1/workload?from=2025-13&to=2025-01')).statusCode).toBe(400);
      expect((await call(null, 'GET', '/api/v1/workload?from=2025-01&to=2025-02')).statusCode).toBe(401);
    });
  });

  describe('indicators computed from the plan and the projects', () => {
    const indicator = async (period: string, code: string) => {
      const list = await ok('director', 'GET', `/api/v1/communes/${a}/indicators?period=${period}`);
      return list.items.find((i: { code: string }) => i.code === code);
    };

    it('1.1.1: the revised plan covers three years ahead and is less than 12 months old', async () => {
      const i = await indicator('2025', '1.1.1');
      expect(i).toMatchObject({ source: 'computed', status: 'met' });
      expect(i.details).toMatchObject({ coveredYears: 3, monthsSinceRevision: 1, revisedInTime: true });
      expect(i.display).toContain('2026 - 2028');
      const y2024 = await indicator('2024', '1.1.1');
      expect(y2024).toMatchObject({ status: 'met', details: { coveredYears: 3 } });
      const q1 = await indicator('2024-Q1', '1.1.1');
      expect(q1).toMatchObject({ status: 'missed', details: { version: null } });
    });

    it('2.1.1: approved days only, a week split across months, service total against the prorated 200 j*h', async () => {
      const i = await indicator('2025-Q1', '2.1.1');
      expect(i).toMatchObject({ source: 'computed', value: 6, volume: 9, status: 'missed' });
      expect(i.details.commune).toMatchObject({ plannedDays: 15, actualDays: 6, submittedDays: 1.25, rejectedDays: 2 });
      expect(i.details.service).toMatchObject({ plannedDays: 25, actualDays: 9, referenceDaysForPeriod: 50 });
      const april = await indicator('2025-04', '2.1.1');
      expect(april.details.commune).toMatchObject({ plannedDays: 3, actualDays: 1.5 });
      expect(april.status).toBe('missed');
    });

    it('2.1.2: against the version in force on 1 January; a project moved to next year counts as not delivered', async () => {
      const i = await indicator('2025', '2.1.2');
      expect(i).toMatchObject({ source: 'computed', value: 1 / 3, volume: 3, status: 'missed' });
      expect(i.details.projects.map((x: { title: string; outcome: string }) => [x.title, x.outcome])).toEqual([
        ['Portail citoyen', 'delivered'],
        ['Gestion électronique du courrier', 'delivered_late'],
        ['Wifi des écoles', 'moved'],
      ]);
      const y2026 = await indicator('2026', '2.1.2');
      expect(y2026).toMatchObject({ value: 0, volume: 2, details: { version: { version: 2 } } });
    });
  });

  describe('the trend of 1.1.1, 2.1.1 and 2.1.2: each previous period measured like the period itself', () => {
    const trendOf = async (period: string, code: string) => {
      const r = await ok('director', 'GET', `/api/v1/communes/${a}/indicators/${code}?period=${period}`);
      return r.trend.map((x: { period: string; value: number | null; volume: number }) => [
        x.period,
        x.value,
        x.volume,
      ]);
    };

    it('1.1.1 per year: no plan before its adoption in December 2024, then met; volume = revisions of the year', async () => {
      expect(await trendOf('2025', '1.1.1')).toEqual([
        ['2022', 0, 0],
        ['2023', 0, 0],
        ['2024', 1, 1],
        ['2025', 1, 1],
      ]);
    });

    it("2.1.1 per month and per quarter: the commune's approved days, volume = the service's", async () => {
      // Approved: January 5 (Projetville), February 3 (Autreville), March 1 and April 1.5 (the week across).
      expect(await trendOf('2025-04', '2.1.1')).toEqual([
        ...['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => [`2024-${m}`, 0, 0]),
        ['2025-01', 5, 5],
        ['2025-02', 0, 3],
        ['2025-03', 1, 1],
        ['2025-04', 1.5, 1.5],
      ]);
      expect(await trendOf('2025-Q2', '2.1.1')).toEqual([
        ['2024-Q2', 0, 0],
        ['2024-Q3', 0, 0],
        ['2024-Q4', 0, 0],
        ['2025-Q1', 6, 9],
        ['2025-Q2', 1.5, 1.5],
      ]);
    });

    it('2.1.2 per year: nothing scheduled before 2025, then 1 of 3 and 0 of 2 so far', async () => {
      expect(await trendOf('2026', '2.1.2')).toEqual([
        ['2023', null, 0],
        ['2024', null, 0],
        ['2025', 1 / 3, 3],
        ['2026', 0, 2],
      ]);
    });
  });

  it('exports the portfolio as XLSX', async () => {
    const r = await call('owner', 'GET', `/api/v1/communes/${a}/projects/export.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await call('referentB', 'GET', `/api/v1/communes/${a}/projects/export.xlsx`)).statusCode).toBe(404);
  });
});
