import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';
import { seedProjects } from '../../src/server/modules/projects';

// The demo plans and projects: Le Bouscat's plan 2014-2019 then a rolling plan, Villedemo's
// missed 2022 revision; the three indicators have computed values for past years.
describeEachDb('projects demo data', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-12-02T09:00:00.000Z' });
    const t0 = Date.now();
    await t.app.ctx.db.transaction().execute((trx) => seedProjects(trx, t.org, t.app.ctx));
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
  afterAll(async () => {
    await t.close();
  });
  const indicators = async (commune: 'leBouscat' | 'villedemo', period: string) => {
    const who = commune === 'leBouscat' ? 'referent@le-bouscat.test' : 'referent@villedemo.test';
    const r = await t.app.inject({
      url: `/api/v1/communes/${t.org.communes[commune]}/indicators?period=${period}`,
      headers: await t.as(who),
    });
    expect(r.statusCode, r.body).toBe(200);
    type Item = {
      code: string;
      source: string;
      status: string;
      value: number | null;
      volume: number | null;
      details: Record<string, unknown>;
    };
    return Object.fromEntries((r.json().items as Item[]).map((i) => [i.code, i]));
  };

  it('measures 1.1.1, 2.1.1 and 2.1.2 for Le Bouscat from the demo plan and projects', async () => {
    const y2025 = await indicators('leBouscat', '2025');
    for (const c of ['1.1.1', '2.1.1', '2.1.2']) expect(y2025[c]!.source, c).toBe('computed');
    expect(y2025['1.1.1']!.status).toBe('met');
    expect(y2025['2.1.1']!.status).toBe('info');
    expect(y2025['2.1.1']!.value).toBeGreaterThan(50);
    expect(y2025['2.1.2']!.volume).toBeGreaterThanOrEqual(8);
    expect(y2025['2.1.2']!.value).toBeGreaterThan(0.4);
    expect(y2025['2.1.2']!.value).toBeLessThan(1);
    // The fixed 2014-2019 plan no longer covers three years in 2018.
    expect((await indicators('leBouscat', '2018'))['1.1.1']!.status).toBe('at_risk');
    const q = await indicators('leBouscat', '2025-Q2');
    expect(q['2.1.1']!.details.service).toMatchObject({ referenceDaysForPeriod: 50 });
  });

  it("shows Villedemo's missed 2022 revision", async () => {
    expect((await indicators('villedemo', '2022'))['1.1.1']!.status).toBe('missed');
    expect((await indicators('villedemo', '2024'))['1.1.1']!.status).toBe('met');
  });

  it('lists the demo projects and hides them from the other commune', async () => {
    const lb = t.org.communes.leBouscat;
    const r = await t.app.inject({
      url: `/api/v1/communes/${lb}/projects?year=2025`,
      headers: await t.as('referent@le-bouscat.test'),
    });
    const items = r.json().items as Array<{ id: string; status: string }>;
    expect(items.length).toBeGreaterThanOrEqual(8);
    const other = await t.app.inject({
      url: `/api/v1/projects/${items[0]!.id}`,
      headers: await t.as('referent@villedemo.test'),
    });
    expect(other.statusCode).toBe(404);
    const plans = await t.app.inject({
      url: `/api/v1/communes/${lb}/digital-plans`,
      headers: await t.as('referent@le-bouscat.test'),
    });
    expect(plans.json().items.map((p: { title: string }) => p.title)).toEqual([
      'Schéma numérique communal (glissant sur 3 ans)',
      'Schéma numérique communal 2014-2019',
    ]);
  });

  it('answers the workload of both communes over three years quickly', async () => {
    const t0 = Date.now();
    const r = await t.app.inject({
      url: '/api/v1/workload?from=2023-01&to=2025-12&groupBy=commune',
      headers: await t.as('directeur@mutualis.test'),
    });
    expect(r.statusCode).toBe(200);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.json().items).toHaveLength(2);
    expect(r.json().totals.actual).toBeGreaterThan(200);
  });
});
