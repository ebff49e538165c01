import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, makeTestApp, type BareTestApp, type TestApp } from '../harness';
import { makeCommuneWithContract, makeUser, ruleOf } from '../factories';
import { newId } from '../../src/server/lib/ids';

// The fleet API on the demo world: lists, filters, the device page, changes with their history,
// 400/401/403/404/409, and indicator 3.1.1 computed from the demo fleet.
describeEachDb('fleet: devices', (dialect) => {
  let t: TestApp;
  let lb: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    lb = t.org.communes.leBouscat;
  });
  afterAll(async () => {
    await t.close();
  });

  const get = async (who: string, url: string) => t.app.inject({ url, headers: await t.as(who) });
  const patch = async (who: string, id: string, payload: unknown) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/devices/${id}`,
      headers: await t.as(who),
      payload: payload as object,
    });

  it('lists a commune’s devices with filters, search and sort', async () => {
    const all = await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?limit=500`);
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json<{ items: Array<Record<string, unknown>>; total: number }>();
    expect(body.total).toBeGreaterThan(250);
    expect(body.items.every((d) => d.communeId === lb)).toBe(true);
    for (const kind of [
      'desktop',
      'laptop',
      'thin_client',
      'tablet',
      'smartphone',
      'screen',
      'printer',
      'multifunction',
      'telephony',
      'peripheral',
    ]) {
      const k = (await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?kind=${kind}&limit=1`)).json();
      expect(k.total, kind).toBeGreaterThan(0);
    }

    const laptops = (
      await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?kind=laptop&status=deployed`)
    ).json();
    expect(laptops.total).toBeGreaterThan(10);
    expect(
      laptops.items.every((d: { kind: string; status: string }) => d.kind === 'laptop' && d.status === 'deployed'),
    ).toBe(true);

    const one = body.items.find((d) => d.serial)!;
    const found = (
      await get(
        'referent@le-bouscat.test',
        `/api/v1/communes/${lb}/devices?q=${encodeURIComponent(String(one.serial).toLowerCase())}`,
      )
    ).json();
    expect(found.items.map((d: { id: string }) => d.id)).toEqual([one.id]);
    const none = (await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?q=%25_`)).json();
    expect(none.total).toBe(0);

    const sorted = (
      await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?sort=-purchaseDate&limit=20`)
    ).json();
    const dates = sorted.items.map((d: { purchaseDate: string }) => d.purchaseDate);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('refuses bad filters naming the field, anonymous callers, and users without the permission', async () => {
    const bad = await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?kind=toaster&sort=colour`);
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'sort']));
    expect((await t.app.inject({ url: `/api/v1/communes/${lb}/devices`, headers: ANON })).statusCode).toBe(401);
    expect((await get('agent@le-bouscat.test', `/api/v1/communes/${lb}/devices`)).statusCode).toBe(403);
  });

  it('hides another commune’s fleet (404)', async () => {
    const list = (await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?limit=1`)).json();
    const id = list.items[0].id as string;
    expect((await get('referent@villedemo.test', `/api/v1/communes/${lb}/devices`)).statusCode).toBe(404);
    expect((await get('referent@villedemo.test', `/api/v1/devices/${id}`)).statusCode).toBe(404);
    expect((await patch('referent@villedemo.test', id, { site: 'Ailleurs' })).statusCode).toBe(404);
    expect((await get('referent@le-bouscat.test', `/api/v1/devices/${newId()}`)).statusCode).toBe(404);
  });

  it('shows a device with its history, and keeps each change in it', async () => {
    const list = (
      await get('technicien@mutualis.test', `/api/v1/communes/${lb}/devices?status=deployed&kind=desktop&limit=2`)
    ).json();
    const [a, b] = list.items as Array<{ id: string; serial: string }>;
    const before = (await get('technicien@mutualis.test', `/api/v1/devices/${a!.id}`)).json();
    expect(before.history.length).toBeGreaterThanOrEqual(1);
    expect(before.abilities.canEdit).toBe(true);

    const res = await patch('technicien@mutualis.test', a!.id, {
      status: 'in_repair',
      assignedTo: 'Service informatique',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_repair', assignedTo: 'Service informatique' });
    expect(res.json().history[0]).toMatchObject({
      action: 'updated',
      source: 'manual',
      actorLabel: 'technicien@mutualis.test',
      changes: { status: ['deployed', 'in_repair'] },
    });
    // The same change again changes nothing.
    const again = await patch('technicien@mutualis.test', a!.id, { status: 'in_repair' });
    expect(again.json().history).toHaveLength(res.json().history.length);

    const retire = await patch('technicien@mutualis.test', a!.id, { status: 'retired' });
    expect(retire.json()).toMatchObject({ status: 'retired', retiredOn: '2026-03-02' });

    const referent = await patch('referent@le-bouscat.test', b!.id, { site: 'Ailleurs' });
    expect(referent.statusCode).toBe(403);
    const dup = await patch('technicien@mutualis.test', b!.id, { serial: a!.serial });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses bad changes naming the field', async () => {
    const id = (await get('technicien@mutualis.test', `/api/v1/communes/${lb}/devices?limit=1`)).json().items[0].id;
    for (const [payload, field] of [
      [{ kind: 'toaster' }, 'kind'],
      [{ purchaseDate: '2026-13-45' }, 'purchaseDate'],
      [{ cost: -3 }, 'cost'],
      [{ inServiceFrom: '2024-01-01', retiredOn: '2023-01-01' }, 'retiredOn'],
      [{ colour: 'red' }, ''],
      [{ replacesId: newId() }, 'replacesId'],
      [{ replacesId: id }, 'replacesId'],
      [{ entityId: t.org.entities.ccasVilledemo }, 'entityId'],
    ] as Array<[Record<string, unknown>, string]>) {
      const r = await patch('technicien@mutualis.test', id, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      if (field) expect(r.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await patch('technicien@mutualis.test', id, {})).statusCode).toBe(400);
  });

  it('adds a device that renews another: the old one is retired the day the new one goes into service', async () => {
    const old = (
      await get(
        'technicien@mutualis.test',
        `/api/v1/communes/${lb}/devices?status=deployed&kind=screen&sort=inServiceFrom&limit=1`,
      )
    ).json().items[0];
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${lb}/devices`,
      headers: await t.as('technicien@mutualis.test'),
      payload: {
        kind: 'screen',
        serial: 'ECR-TEST-0001',
        manufacturer: 'Dell',
        model: 'P2425H',
        status: 'deployed',
        inServiceFrom: '2026-02-20',
        replacesId: old.id,
        cost: 219.9,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ renewal: true, replacesId: old.id, cost: 219.9, source: 'manual' });
    const after = (await get('technicien@mutualis.test', `/api/v1/devices/${old.id}`)).json();
    expect(after).toMatchObject({ status: 'retired', retiredOn: '2026-02-20', replacedBy: res.json().id });
    expect(after.history[0]).toMatchObject({ action: 'renewed' });
    const renewed = (
      await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?renewedIn=2026&limit=500`)
    ).json();
    expect(renewed.items.map((d: { id: string }) => d.id)).toContain(res.json().id);
  });

  it('plans next year’s renewals against the contract’s share, within a budget', async () => {
    const res = await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/renewal-plan?budget=20000&limit=500`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    const inService = (
      await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?limit=1&status=deployed`)
    ).json().total;
    expect(p.year).toBe(2027);
    expect(p.sharePerYear).toBeCloseTo(0.1667, 4);
    expect(p.shareSource).toMatchObject({ indicatorCode: '3.1.1', version: 2 });
    expect(p.fleet).toBeGreaterThanOrEqual(inService);
    expect(p.required).toBe(Math.ceil(0.1667 * p.fleet));
    expect(p.items.filter((i: { selected: boolean }) => i.selected)).toHaveLength(p.required);
    expect(p.items[0].due).toBe(true);
    expect(p.budgetCovers).toBe(false);
    expect(p.affordable).toBeLessThan(p.required);
    const bad = await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/renewal-plan?year=soon&budget=-1`);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['budget', 'year']);
    expect((await get('referent@villedemo.test', `/api/v1/communes/${lb}/renewal-plan`)).statusCode).toBe(404);
    expect((await get('agent@le-bouscat.test', `/api/v1/communes/${lb}/renewal-plan`)).statusCode).toBe(403);
  });

  it('computes 3.1.1 from the demo fleet: the volume is the fleet in service on 1 January', async () => {
    const ind = await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/indicators?period=2025`);
    expect(ind.statusCode, ind.body).toBe(200);
    const m = ind.json().items.find((i: { code: string }) => i.code === '3.1.1');
    const fleet = (
      await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?inServiceAt=2025-01-01&limit=1`)
    ).json();
    const renewed = (
      await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?renewedIn=2025&limit=1`)
    ).json();
    // The reference states no fleet size: no baseline volume is invented for the volume clause.
    expect(m).toMatchObject({ source: 'computed', volume: fleet.total, status: 'at_risk', baselineVolume: null });
    expect(m.value).toBeCloseTo(renewed.total / fleet.total, 10);
    expect(m.targetShare).toBeCloseTo(0.1667, 4);
    expect(m.details.byKind.length).toBe(10);
  });
});

// 3.1.1 on a hand-made fleet across an amendment that raises the share from 1/6 to 1/4 on 1 July.
describe('fleet: 3.1.1 hand-computed across an amendment', () => {
  describeEachDb('3.1.1', (dialect) => {
    let t: BareTestApp;
    let communeId: string;
    let adminEmail: string;
    beforeAll(async () => {
      t = await makeBareApp(dialect, { now: '2026-03-10T10:00:00.000Z' });
      ({ communeId } = await makeCommuneWithContract(t.app.ctx.db, {
        name: 'Parc',
        slug: 'parc',
        at: '2024-01-01T00:00:00.000Z',
        firstFrom: '2024-01-01',
        amendmentFrom: '2025-07-01',
        v1: (a) => void Object.assign(ruleOf(a, '3.1.1'), { sharePerYear: 1 / 6 }),
        v2: (a) => void Object.assign(ruleOf(a, '3.1.1'), { sharePerYear: 0.25 }),
      }));
      adminEmail = (await makeUser(t, { roles: ['administrator'] })).email;
      const h = await t.as(adminEmail);
      const add = async (body: Record<string, unknown>) => {
        const r = await t.app.inject({
          method: 'POST',
          url: `/api/v1/communes/${communeId}/devices`,
          headers: h,
          payload: body,
        });
        expect(r.statusCode, r.body).toBe(201);
        return r.json().id as string;
      };
      const olds: string[] = [];
      for (let i = 0; i < 12; i++)
        olds.push(
          await add({
            kind: i < 10 ? 'desktop' : 'screen',
            status: 'deployed',
            inServiceFrom: `2019-0${(i % 9) + 1}-1${i % 10}`,
          }),
        );
      await add({ kind: 'laptop', status: 'deployed', inServiceFrom: '2025-01-01' }); // not in the stock at 00:00
      await add({ kind: 'desktop', status: 'retired', inServiceFrom: '2018-01-01', retiredOn: '2024-12-31' });
      await add({ kind: 'desktop', status: 'deployed', inServiceFrom: '2025-03-01', replacesId: olds[0] });
      await add({ kind: 'desktop', status: 'deployed', inServiceFrom: '2025-09-15', replacesId: olds[1] });
      await add({ kind: 'screen', status: 'deployed', inServiceFrom: '2026-01-05', replacesId: olds[10] });
    });
    afterAll(async () => {
      await t.close();
    });

    it('2 renewals of 12 in 2025 against (181 × 1/6 + 184 × 1/4) / 365 = 20.87 % → at risk; pieces per version', async () => {
      const res = await t.app.inject({
        url: `/api/v1/communes/${communeId}/indicators?period=2025`,
        headers: await t.as(adminEmail),
      });
      expect(res.statusCode, res.body).toBe(200);
      const m = res.json().items.find((i: { code: string }) => i.code === '3.1.1');
      expect(m).toMatchObject({ source: 'computed', volume: 12, status: 'at_risk' });
      expect(m.value).toBeCloseTo(2 / 12, 10);
      expect(m.targetShare).toBeCloseTo((181 / 6 + 184 / 4) / 365, 10);
      expect(m.pieces.map((p: { version: number; status: string }) => [p.version, p.status])).toEqual([
        [1, 'met'], // 1/12 = 0.0833 ≥ 1/6 × 181/365 = 0.0826
        [2, 'missed'], // 1/12 = 0.0833 < 1/4 × 184/365 − 0.05 × 184/365 = 0.1008
      ]);
      expect(m.details).toMatchObject({ fleetAtStart: 12, renewed: 2, requiredRenewals: 3 });
    });

    it('the running year: measured up to today against the share prorated to the days gone', async () => {
      const h = await t.as(adminEmail);
      const res = await t.app.inject({ url: `/api/v1/communes/${communeId}/indicators?period=2026`, headers: h });
      const m = res.json().items.find((i: { code: string }) => i.code === '3.1.1');
      // Fleet on 1 January 2026: 12 − 2 replaced + 2 renewals + the laptop = 13; 1 renewal by 10 March.
      expect(m).toMatchObject({ volume: 13, status: 'met' });
      expect(m.value).toBeCloseTo(1 / 13, 10);
      expect(m.targetShare).toBeCloseTo((0.25 * 69) / 365, 10);
    });
  });
});
