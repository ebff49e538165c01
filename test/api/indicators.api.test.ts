import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import {
  makeCommuneWithContract,
  makeTicketRow,
  townHallWeek,
  ruleOf,
  signTarget,
  signedResolutionDelays,
} from '../factories';

/**
 * Hand-computed indicators on a small made-up commune ("Testville") whose contract changes on
 * 2026-02-01 (amendment inside 2026-Q1), with tickets paused, reopened, received outside opening
 * hours, merged, and on the DST-sensitive edges of the quarter (Paris time).
 *
 * Testville's contract (unlike the reference) signs 3.3.2's delays (P1 4 h, P2 8 h, P3 24 h, P4 40 h).
 * Version 1 (from 2025-01-01): 3.3.1 target 0.95, 3.3.2 target 0.9, 3.2.1 town-hall hours.
 * Version 2 (from 2026-02-01): 3.3.1 target 0.8, 3.3.2 target 0.8, 3.2.1 promises Wednesday from 8:00.
 */
describeEachDb('indicators API', (dialect) => {
  let t: TestApp;
  let tv: string;
  let v1: string;
  let v2: string;
  const ids: Record<string, string> = {};
  const Q = '2026-Q1';
  const url = (path = '', period = Q) => `/api/v1/communes/${tv}/indicators${path}?period=${period}`;

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-04-15T10:00:00.000Z' });
    const db = t.app.ctx.db;
    const made = await makeCommuneWithContract(db, {
      name: 'Testville',
      slug: 'testville',
      at: '2024-12-01T00:00:00.000Z',
      firstFrom: '2025-01-01',
      amendmentFrom: '2026-02-01',
      assign: [t.org.users['contrats@mutualis.test']!],
      v1: (a) => {
        ruleOf(a, '3.3.1').targetShare = 0.95;
        signTarget(a, '3.3.2', { kind: 'resolution_delay', byPriority: signedResolutionDelays, targetShare: 0.9 });
      },
      v2: (a) => {
        ruleOf(a, '3.3.1').targetShare = 0.8;
        signTarget(a, '3.3.2', { kind: 'resolution_delay', byPriority: signedResolutionDelays, targetShare: 0.8 });
        ruleOf(a, '3.2.1').weekly = {
          ...townHallWeek,
          wed: [
            ['08:00', '12:00'],
            ['13:00', '17:00'],
          ],
        };
      },
    });
    ({ communeId: tv, v1, v2 } = made);
    // Every clock ran on the delays Testville's contract signs.
    const c = { communeId: tv, resolveTargetOrigin: 'contract' as const };
    // Piece 1 (January, version 1).
    ids.t1 = await makeTicketRow(db, {
      ...c,
      createdAt: '2026-01-05T09:00:00.000Z',
      priority: 'P1',
      channel: 'phone',
      acknowledgedAt: '2026-01-05T09:30:00.000Z',
      ackBusinessSeconds: 1800,
      resolvedAt: '2026-01-05T11:00:00.000Z',
      resolveBusinessSeconds: 7200,
      firstContactResolution: 1,
      satisfaction: 5,
      status: 'resolved',
    });
    ids.t2 = await makeTicketRow(db, {
      ...c,
      createdAt: '2026-01-06T09:00:00.000Z',
      priority: 'P2',
      acknowledgedAt: '2026-01-08T09:00:00.000Z',
      ackBusinessSeconds: 40000,
      ackBreached: 1,
      resolvedAt: '2026-01-09T10:00:00.000Z',
      resolveBusinessSeconds: 50000,
      resolveBreached: 1,
      reopenCount: 1,
      satisfaction: 2,
      status: 'closed',
      closedAt: '2026-01-12T10:00:00.000Z',
    });
    // Received at 20:00 Paris (outside opening hours), paused one business hour.
    ids.t3 = await makeTicketRow(db, {
      ...c,
      createdAt: '2026-01-07T19:00:00.000Z',
      priority: 'P3',
      channel: 'email',
      receivedOutsideHours: 1,
      acknowledgedAt: '2026-01-08T08:30:00.000Z',
      ackBusinessSeconds: 3600,
      resolvedAt: '2026-01-08T10:00:00.000Z',
      resolveBusinessSeconds: 5400,
      pausedBusinessSeconds: 3600,
      status: 'resolved',
    });
    // 31 January 23:30 Paris: still January.
    ids.t4 = await makeTicketRow(db, {
      ...c,
      createdAt: '2026-01-31T22:30:00.000Z',
      priority: 'P4',
      acknowledgedAt: '2026-02-02T08:40:00.000Z',
      ackBusinessSeconds: 600,
      status: 'in_progress',
    });
    // Piece 2 (February–March, version 2). 1 February 00:30 Paris.
    ids.t5 = await makeTicketRow(db, {
      ...c,
      createdAt: '2026-01-31T23:30:00.000Z',
      priority: 'P1',
      acknowledgedAt: '2026-02-02T08:50:00.000Z',
      ackBusinessSeconds: 1200,
      resolvedAt: '2026-02-02T10:00:00.000Z',
      resolveBusinessSeconds: 3000,
      firstContactResolution: 1,
      status: 'resolved',
    });
    ids.t6 = await makeTicketRow(db, {
      ...c,
      createdAt: '2026-02-10T10:00:00.000Z',
      priority: 'P2',
      acknowledgedAt: '2026-02-13T10:00:00.000Z',
      ackBusinessSeconds: 90000,
      ackBreached: 1,
      resolvedAt: '2026-02-20T10:00:00.000Z',
      resolveBusinessSeconds: 20000,
      status: 'resolved',
    });
    // 31 March 23:30 Paris (summer time since 29 March): the quarter's last evening; not yet acknowledged.
    ids.t7 = await makeTicketRow(db, { ...c, createdAt: '2026-03-31T21:30:00.000Z', priority: 'P3', status: 'new' });
    // Merged into t6: never counted.
    ids.t8 = await makeTicketRow(db, {
      ...c,
      createdAt: '2026-02-11T10:00:00.000Z',
      priority: 'P2',
      mergedIntoId: ids.t6,
      ackBreached: 1,
      status: 'closed',
    });
    // 1 April 00:30 Paris: 2026-Q2.
    ids.t9 = await makeTicketRow(db, { ...c, createdAt: '2026-03-31T22:30:00.000Z', priority: 'P1', status: 'new' });
    // 31 December 23:30 Paris: 2025-Q4 by creation, but resolved in 2026-Q1 (counts for 3.3.2 in piece 1).
    ids.t10 = await makeTicketRow(db, {
      ...c,
      createdAt: '2025-12-31T22:30:00.000Z',
      priority: 'P2',
      acknowledgedAt: '2026-01-02T08:30:00.000Z',
      ackBusinessSeconds: 60,
      resolvedAt: '2026-01-02T10:00:00.000Z',
      resolveBusinessSeconds: 28000,
      status: 'resolved',
    });
    // Another commune's ticket in the same quarter: never in Testville's figures.
    await makeTicketRow(db, {
      communeId: t.org.communes.villedemo,
      createdAt: '2026-02-10T10:00:00.000Z',
      ackBreached: 1,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const get = async (path: string, who = 'contrats@mutualis.test') =>
    t.app.inject({ url: path, headers: await t.as(who) });
  const item = async (code: string) => {
    const res = await get(url());
    expect(res.statusCode).toBe(200);
    return res.json().items.find((i: { code: string }) => i.code === code);
  };

  it('3.3.1 — 5 of 7 tickets acknowledged in time across the amendment: 0.714 against the weighted 0.886 → missed, measured in two pieces', async () => {
    const m = await item('3.3.1');
    expect(m.value).toBeCloseTo(5 / 7, 10);
    expect(m.volume).toBe(7);
    expect(m.targetShare).toBeCloseTo((4 * 0.95 + 3 * 0.8) / 7, 10);
    expect(m.status).toBe('missed');
    expect(m.pieces).toEqual([
      expect.objectContaining({
        from: '2026-01-01',
        to: '2026-02-01',
        annexVersionId: v1,
        version: 1,
        volume: 4,
        value: 0.75,
        targetShare: 0.95,
        status: 'missed',
      }),
      expect.objectContaining({
        from: '2026-02-01',
        to: '2026-04-01',
        annexVersionId: v2,
        version: 2,
        volume: 3,
        targetShare: 0.8,
        status: 'missed',
      }),
    ]);
    expect(m.pieces[1].value).toBeCloseTo(2 / 3, 10);
    // Nearest-rank over 600, 1200, 1800, 3600, 40000, 90000 s: median 1800 s, p90 90000 s.
    expect(m.details).toMatchObject({ acknowledged: 6, medianHours: 0.5, p90Hours: 25 });
    // Trend: the four previous quarters then this one; 2025-Q4 holds t10 only (in time).
    expect(m.trend.map((p: { period: string }) => p.period)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
    ]);
    expect(m.trend[3]).toEqual({ period: '2025-Q4', value: 1, volume: 1 });
    expect(m.frozen).toBe(false);
  });

  it('3.3.2 — 5 of 6 resolved within their priority delay (0.833 against the weighted 0.867 → at_risk), per priority, backlog and reopen rate', async () => {
    const m = await item('3.3.2');
    expect(m.value).toBeCloseTo(5 / 6, 10);
    expect(m.volume).toBe(6);
    expect(m.targetShare).toBeCloseTo((4 * 0.9 + 2 * 0.8) / 6, 10);
    expect(m.status).toBe('at_risk');
    expect(m.pieces.map((p: { volume: number }) => p.volume)).toEqual([4, 2]);
    const byP = Object.fromEntries(m.details.byPriority.map((r: { priority: string }) => [r.priority, r]));
    expect(byP.P1).toMatchObject({
      volume: 2,
      withinTarget: 2,
      value: 1,
      targetDelay: 'PT4H',
      targetHours: 4,
      medianHours: 0.83,
      p90Hours: 2,
    });
    expect(byP.P2).toMatchObject({
      volume: 3,
      withinTarget: 2,
      targetDelay: 'PT8H',
      medianHours: 7.78,
      p90Hours: 13.89,
    });
    expect(byP.P3).toMatchObject({ volume: 1, withinTarget: 1, medianHours: 1.5, p90Hours: 1.5 });
    expect(byP.P4).toMatchObject({ volume: 0, value: null, status: 'no_data' });
    // Overall nearest-rank over 3000, 5400, 7200, 20000, 28000, 50000 s.
    expect(m.details).toMatchObject({ medianHours: 2, p90Hours: 13.89, backlogAtEnd: 2, reopened: 1 });
    expect(m.details.reopenRate).toBeCloseTo(1 / 6, 10);
  });

  it('3.2.1 — configured 37.5 h/week covers version 1 but not version 2 (Wednesday 8:00–8:30) → missed; 1 of 7 received outside hours', async () => {
    const m = await item('3.2.1');
    expect(m.value).toBe(37.5);
    expect(m.status).toBe('missed');
    expect(m.pieces.map((p: { status: string }) => p.status)).toEqual(['met', 'missed']);
    expect(m.details).toMatchObject({
      configuredHoursPerWeek: 37.5,
      promisedHoursPerWeek: 38,
      receivedOutsideHours: 1,
      missingRanges: [{ day: 'wed', from: '08:00', to: '08:30' }],
    });
    expect(m.details.outsideHoursShare).toBeCloseTo(1 / 7, 10);
  });

  it('gives the standard service-desk figures: volume by channel, first-contact resolution, satisfaction', async () => {
    const vol = await item('SD.volume');
    expect(vol).toMatchObject({ value: 7, status: 'info', source: 'info' });
    expect(vol.details.byChannel).toEqual([
      { key: 'portal', volume: 5, outsideHours: 0 },
      { key: 'email', volume: 1, outsideHours: 1 },
      { key: 'phone', volume: 1, outsideHours: 0 },
    ]);
    const fcr = await item('SD.fcr');
    expect(fcr.value).toBeCloseTo(2 / 6, 10);
    const sat = await item('SD.satisfaction');
    expect(sat).toMatchObject({ value: 3.5, volume: 2 });
  });

  it('lists the contract indicators without rule as manual, with no_data until entered', async () => {
    const m = await item('1.2.1');
    expect(m).toMatchObject({ source: 'manual', status: 'no_data', value: null, manual: null });
  });

  it('drills down to the tickets behind an indicator, paginated and filtered', async () => {
    const all = (await get(url('/3.3.1/tickets'))).json();
    expect(all.total).toBe(7);
    expect(all.items.map((x: { id: string }) => x.id)).not.toContain(ids.t8);
    const late = (await get(`${url('/3.3.1/tickets')}&breached=true`)).json();
    expect(late.items.map((x: { id: string }) => x.id).sort()).toEqual([ids.t2, ids.t6].sort());
    const p2 = (await get(`${url('/3.3.2/tickets')}&priority=P2&limit=2`)).json();
    expect(p2.total).toBe(3);
    expect(p2.items).toHaveLength(2);
    expect(p2.items[0]).toMatchObject({ id: ids.t10, resolveBreached: false, resolveBusinessSeconds: 28000 });
  });

  it('answers 400 naming `period` for a bad period, 404 for an unknown indicator', async () => {
    for (const p of ['2026-Q5', 'soon', '2026-13']) {
      const res = await get(url('', p));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields[0].field).toBe('period');
    }
    expect((await get(url('/9.9.9'))).statusCode).toBe(404);
  });

  it("isolates communes: another commune's referent gets 404 everywhere, commune users get no overview, anonymous 401", async () => {
    const other = 'referent@villedemo.test';
    for (const path of [url(), url('/3.3.1'), url('/3.3.1/tickets'), url('/export.xlsx'), url('/export.pdf')]) {
      expect((await get(path, other)).statusCode).toBe(404);
      expect((await t.app.inject({ url: path, headers: ANON })).statusCode).toBe(401);
    }
    const h = await t.as(other);
    expect((await t.app.inject({ method: 'POST', url: url('/freeze'), headers: h, payload: {} })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: url('/1.1.1/manual'),
          headers: h,
          payload: { value: 1, comment: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await get(`/api/v1/indicators/overview?period=${Q}`, other)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/indicators/overview?period=${Q}`, headers: ANON })).statusCode).toBe(
      401,
    );
    // The commune's own requester has no indicator permission.
    expect(
      (await get(`/api/v1/communes/${t.org.communes.villedemo}/indicators?period=${Q}`, 'agent@villedemo.test'))
        .statusCode,
    ).toBe(403);
  });

  it('shows the director every commune side by side, and the contract manager their assigned ones', async () => {
    const d = (await get(`/api/v1/indicators/overview?period=${Q}`, 'directeur@mutualis.test')).json();
    expect(d.items.map((r: { communeName: string }) => r.communeName)).toEqual([
      'Le Bouscat',
      'Testville',
      'Villedemo',
    ]);
    const row = d.items.find((r: { communeId: string }) => r.communeId === tv);
    expect(row.indicators['3.3.1']).toMatchObject({ status: 'missed', volume: 7 });
    expect(row.indicators['3.3.1'].value).toBeCloseTo(5 / 7, 10);
    const vd = d.items.find((r: { communeName: string }) => r.communeName === 'Villedemo');
    expect(vd.indicators['3.3.1'].volume).toBe(1);
    const cm = (await get(`/api/v1/indicators/overview?period=${Q}`)).json();
    expect(cm.total).toBe(3);
  });
});
