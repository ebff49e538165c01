import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, makeTestApp, type BareTestApp, type TestApp } from '../harness';
import { makeCommuneWithContract, makeUser, multipart, ruleOf } from '../factories';

// The device list as a file (CSV / XLSX, parsed back here), and indicator 3.1.1 month by month.
describeEachDb('fleet: device list export', (dialect) => {
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
  const list = async (query: string) =>
    (await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices?limit=500&${query}`)).json<{
      items: Array<Record<string, unknown>>;
      total: number;
    }>();

  const readXlsx = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: Array<Array<string | number | null>> = [];
    ws.eachRow((row) =>
      rows.push(
        (row.values as unknown[]).slice(1).map((v) => (v === undefined ? null : (v as string | number | null))),
      ),
    );
    return { name: ws.name, rows };
  };

  it('CSV: every device matching the filters, in the list’s order, with the import’s headers', async () => {
    const res = await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices/export?format=csv&kind=laptop`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="parc-2026-03-02\.csv"/);
    expect(res.body.startsWith('\ufeff')).toBe(true);
    const rows = parseCsv(res.body.replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];
    const [header, ...data] = rows;
    expect(header!.slice(0, 4)).toEqual(['Type', 'Nom', 'Numéro de série', "Numéro d'inventaire"]);
    const expected = await list('kind=laptop');
    expect(data).toHaveLength(expected.total);
    expect(data.every((r) => r[0] === 'laptop')).toBe(true);
    const idCol = header!.indexOf('Identifiant');
    expect(data.map((r) => r[idCol])).toEqual(expected.items.map((d) => d.id));

    const sorted = await get(
      'referent@le-bouscat.test',
      `/api/v1/communes/${lb}/devices/export?format=csv&status=retired&sort=-purchaseDate&lang=en`,
    );
    const [h2, ...d2] = parseCsv(sorted.body.replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];
    expect(h2![0]).toBe('Kind');
    const retired = await list('status=retired&sort=-purchaseDate');
    expect(d2.map((r) => r[h2!.indexOf('Id')])).toEqual(retired.items.map((d) => d.id));
    expect(d2.every((r) => r[h2!.indexOf('Status')] === 'retired')).toBe(true);
  });

  it('XLSX: the same rows, numbers as numbers; the search filter applies', async () => {
    const res = await t.app.inject({
      url: `/api/v1/communes/${lb}/devices/export?format=xlsx&kind=desktop&sort=serial`,
      headers: await t.as('referent@le-bouscat.test'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/filename="parc-2026-03-02\.xlsx"/);
    const { name, rows } = await readXlsx(res.rawPayload);
    expect(name).toBe('Parc');
    const [header, ...data] = rows;
    const expected = await list('kind=desktop&sort=serial');
    expect(data.map((r) => r[header!.indexOf('Identifiant')])).toEqual(expected.items.map((d) => d.id));
    const costCol = header!.indexOf('Coût');
    const withCost = expected.items.findIndex((d) => d.cost !== null);
    expect(data[withCost]![costCol]).toBe(expected.items[withCost]!.cost);

    const one = expected.items.find((d) => d.serial)!;
    const found = await t.app.inject({
      url: `/api/v1/communes/${lb}/devices/export?format=xlsx&q=${encodeURIComponent(String(one.serial))}`,
      headers: await t.as('referent@le-bouscat.test'),
    });
    const back = await readXlsx(found.rawPayload);
    expect(back.rows).toHaveLength(2);
    expect(back.rows[1]![2]).toBe(one.serial);
  });

  it('neutralises formula-shaped text in both formats (= + - @ get an apostrophe)', async () => {
    const target = (await list('kind=screen')).items[0]!;
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/devices/${target.id}`,
      headers: await t.as('technicien@mutualis.test'),
      payload: {
        name: '=HYPERLINK("http://evil.example","x")',
        site: '+33 5 56 00 00 00',
        assignedTo: '@SUM(A1:A2)',
        notes: '-2+3',
      },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const q = `kind=screen&q=${encodeURIComponent('hyperlink')}`;
    const csv = await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices/export?format=csv&${q}`);
    const [header, row] = parseCsv(csv.body.replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];
    const cell = (h: string[], r: Array<unknown>, name: string) => r[h.indexOf(name)];
    expect(cell(header!, row!, 'Nom')).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(cell(header!, row!, 'Lieu')).toBe("'+33 5 56 00 00 00");
    expect(cell(header!, row!, 'Affecté à')).toBe("'@SUM(A1:A2)");
    expect(cell(header!, row!, 'Commentaires')).toBe("'-2+3");
    const xlsx = await t.app.inject({
      url: `/api/v1/communes/${lb}/devices/export?format=xlsx&${q}`,
      headers: await t.as('referent@le-bouscat.test'),
    });
    const { rows } = await readXlsx(xlsx.rawPayload);
    expect(cell(rows[0] as string[], rows[1]!, 'Nom')).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(cell(rows[0] as string[], rows[1]!, 'Commentaires')).toBe("'-2+3");
  });

  it('an exported file re-imports as is: nothing to create, nothing to change', async () => {
    const xlsx = await t.app.inject({
      url: `/api/v1/communes/${lb}/devices/export?format=xlsx&kind=printer`,
      headers: await t.as('referent@le-bouscat.test'),
    });
    const f = multipart('parc.xlsx', xlsx.rawPayload, 'application/octet-stream');
    const report = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${lb}/devices/import?dryRun=true`,
      headers: { ...(await t.as('technicien@mutualis.test')), 'content-type': f.contentType },
      payload: f.payload,
    });
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json();
    expect(r.rows).toBe((await list('kind=printer')).total);
    expect(r).toMatchObject({ created: 0, updated: 0, rejected: 0 });
  });

  it('refuses a bad format naming the field, anonymous callers, and another commune’s users (404)', async () => {
    const bad = await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/devices/export?format=pdf&kind=toaster`);
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['format', 'kind']));
    expect(
      (await t.app.inject({ url: `/api/v1/communes/${lb}/devices/export?format=csv`, headers: ANON })).statusCode,
    ).toBe(401);
    const foreign = await get('referent@villedemo.test', `/api/v1/communes/${lb}/devices/export?format=csv`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('Numéro de série');
  });

  it('shows Le Bouscat’s year month by month against the 1/6 of its contract', async () => {
    const res = await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/fleet/renewal-progress?year=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    const indicator = (await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/indicators?period=2025`))
      .json()
      .items.find((i: { code: string }) => i.code === '3.1.1');
    expect(p.fleetAtStart).toBe(indicator.volume);
    expect(p.renewed).toBe(indicator.details.renewed);
    expect(p.yearShare).toBeCloseTo(1 / 6, 10);
    expect(p.yearRequired).toBe(Math.ceil(p.fleetAtStart / 6));
    expect(p.months).toHaveLength(12);
    expect(p.months[11].cumulative).toBe(p.renewed);
    expect((await get('referent@villedemo.test', `/api/v1/communes/${lb}/fleet/renewal-progress`)).statusCode).toBe(
      404,
    );
    const bad = await get('referent@le-bouscat.test', `/api/v1/communes/${lb}/fleet/renewal-progress?year=1900`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('year');
  });
});

// Month by month on a hand-made fleet across an amendment that raises the share from 1/6 to 1/4.
describe('fleet: 3.1.1 month by month, hand-computed', () => {
  describeEachDb('renewal progress', (dialect) => {
    let t: BareTestApp;
    let communeId: string;
    let h: Record<string, string>;
    beforeAll(async () => {
      t = await makeBareApp(dialect, { now: '2026-03-10T10:00:00.000Z' });
      ({ communeId } = await makeCommuneWithContract(t.app.ctx.db, {
        name: 'Parc mensuel',
        slug: `parc-mensuel-${Date.now()}`,
        at: '2024-01-01T00:00:00.000Z',
        firstFrom: '2024-01-01',
        amendmentFrom: '2025-07-01',
        v1: (a) => void Object.assign(ruleOf(a, '3.1.1'), { sharePerYear: 1 / 6 }),
        v2: (a) => void Object.assign(ruleOf(a, '3.1.1'), { sharePerYear: 0.25 }),
      }));
      h = await t.as((await makeUser(t, { roles: ['administrator'] })).email);
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
        olds.push(await add({ kind: 'desktop', status: 'deployed', inServiceFrom: `2019-0${(i % 9) + 1}-1${i % 10}` }));
      await add({ kind: 'desktop', status: 'deployed', inServiceFrom: '2025-03-01', replacesId: olds[0] });
      await add({ kind: 'desktop', status: 'deployed', inServiceFrom: '2025-09-15', replacesId: olds[1] });
      await add({ kind: 'desktop', status: 'deployed', inServiceFrom: '2026-01-05', replacesId: olds[2] });
    });
    afterAll(async () => {
      await t.close();
    });
    const progress = async (year?: number) => {
      const r = await t.app.inject({
        url: `/api/v1/communes/${communeId}/fleet/renewal-progress${year ? `?year=${year}` : ''}`,
        headers: h,
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };

    it('2025: 12 devices, 1/6 then 1/4 from 1 July → 3 renewals asked; the months say when it fell behind', async () => {
      const p = await progress(2025);
      expect(p).toMatchObject({ fleetAtStart: 12, yearRequired: 3, renewed: 2, measuredTo: '2026-01-01' });
      expect(p.yearShare).toBeCloseTo((181 / 6 + 184 / 4) / 365, 10);
      expect(p.versions.map((v: { version: number; sharePerYear: number }) => v.version)).toEqual([1, 2]);
      const m = (k: string) => p.months.find((x: { month: string }) => x.month === `2025-${k}`);
      expect(m('01')).toMatchObject({ renewed: 0, cumulative: 0, required: 1, status: 'behind' });
      expect(m('03')).toMatchObject({ renewed: 1, cumulative: 1, required: 1, status: 'on_track' });
      // End of August: 181/6 + 62/4 = 45.67 share-days → 12 × 45.67 / 365 = 1.50 → 2.
      expect(m('08')).toMatchObject({ cumulative: 1, required: 2, status: 'behind' });
      expect(m('09')).toMatchObject({ renewed: 1, cumulative: 2, required: 2, status: 'on_track' });
      expect(m('12')).toMatchObject({ cumulative: 2, required: 3, status: 'behind' });
      expect(m('12').targetCount).toBeCloseTo((12 * (181 / 6 + 184 / 4)) / 365, 10);
    });

    it('the running year by default: measured to today, later months upcoming', async () => {
      const p = await progress();
      expect(p).toMatchObject({ year: 2026, fleetAtStart: 12, renewed: 1, measuredTo: '2026-03-11' });
      expect(p.months[0]).toMatchObject({ renewed: 1, cumulative: 1, required: 1, status: 'on_track' });
      expect(p.months[3]).toMatchObject({ cumulative: null, required: null, status: 'upcoming' });
    });
  });
});
