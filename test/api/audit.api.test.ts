import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';

const ADMIN = 'admin@mutualis.test';
const DIRECTOR = 'directeur@mutualis.test';

describeEachDb('audit trail: filters and export', (dialect) => {
  let t: TestApp;
  let communeId: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-10T10:00:00.000Z' });
    // A commune whose name a spreadsheet would take for a formula…
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes',
      headers: await t.as(ADMIN),
      payload: { name: '=SOMME(1;2)', slug: 'formule' },
    });
    expect(created.statusCode).toBe(201);
    communeId = created.json().id;
    // … then renamed.
    t.clock.set('2026-03-12T22:30:00.000Z'); // 23:30 in Paris: the export is named after the 12th
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/communes/${communeId}`,
      headers: await t.as(ADMIN),
      payload: { name: '=SOMME(1;2) renommée' },
    });
    expect(renamed.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (query: string, who = ADMIN) =>
    t.app.inject({ url: `/api/v1/audit?communeId=${communeId}&${query}`, headers: await t.as(who) });

  it('filters by local day (both ends included) and by author', async () => {
    // Records at chosen instants (the trail stamps real time): 10 March 23:30 in Paris is still the
    // 10th, 11 March 00:30 is the 11th.
    const db = t.app.ctx.db;
    const at = (iso: string, action: string, actorId: string | null) => ({
      id: `0000-audit-probe-${iso}`,
      at: iso,
      actorId,
      actorLabel: 'x',
      communeId,
      action,
      targetType: 'filter_probe',
      targetId: null,
      changes: null,
    });
    await db
      .insertInto('auditLog')
      .values([
        at('2026-03-10T22:30:00.000Z', 'probe.late_10th', t.org.users[ADMIN]!),
        at('2026-03-10T23:30:00.000Z', 'probe.early_11th', t.org.users[DIRECTOR]!),
        at('2026-03-12T10:00:00.000Z', 'probe.on_12th', t.org.users[ADMIN]!),
      ])
      .execute();
    const actions = async (q: string) =>
      (await list(`targetType=filter_probe&${q}`)).json().items.map((a: { action: string }) => a.action) as string[];
    expect(await actions('from=2026-03-10&to=2026-03-10')).toEqual(['probe.late_10th']);
    expect(await actions('from=2026-03-11')).toEqual(['probe.on_12th', 'probe.early_11th']);
    expect(await actions('to=2026-03-11')).toEqual(['probe.early_11th', 'probe.late_10th']);
    expect(await actions('from=2026-03-13')).toEqual([]);
    expect(await actions(`actorId=${t.org.users[DIRECTOR]}`)).toEqual(['probe.early_11th']);
  });

  it('refuses impossible dates and an inverted range with 400 naming the field', async () => {
    const bad = await list('from=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: 'from', code: 'invalid_date' });
    const inverted = await list('from=2026-03-12&to=2026-03-10');
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().error.details.fields[0].field).toBe('to');
    const shape = await list('to=12/03/2026');
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.details.fields[0].field).toBe('to');
    const format = await t.app.inject({ url: '/api/v1/audit/export?format=pdf', headers: await t.as(ADMIN) });
    expect(format.statusCode).toBe(400);
    expect(format.json().error.details.fields[0].field).toBe('format');
  });

  it('exports the filtered trail as CSV: French headers, local times, names, actions in words, no formula', async () => {
    const res = await t.app.inject({
      url: `/api/v1/audit/export?format=csv&communeId=${communeId}&targetType=commune`,
      headers: await t.as(ADMIN),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="journal-audit-2026-03-12\.csv"/);
    const rows: string[][] = parse(res.body, { delimiter: ';', bom: true });
    expect(rows[0]).toEqual([
      'Date',
      'Auteur',
      'Commune',
      'Action',
      'Code de l’action',
      'Objet',
      'Identifiant',
      'Modifications',
    ]);
    expect(rows).toHaveLength(3);
    const localTime = /^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/;
    // Newest first; the commune by its name, which starts with an apostrophe: never a formula.
    expect(rows[1]!.slice(0, 6)).toEqual([
      expect.stringMatching(localTime),
      'Alice Admin',
      "'=SOMME(1;2) renommée",
      'Commune modifiée',
      'commune.update',
      'commune',
    ]);
    expect(rows[2]!.slice(3, 5)).toEqual(['Commune créée', 'commune.create']);
    expect(rows.flat().some((c) => /^[=+@-]/.test(c))).toBe(false);
  });

  it('exports XLSX in the caller’s language or the one asked', async () => {
    const res = await t.app.inject({
      url: `/api/v1/audit/export?format=xlsx&lang=en&communeId=${communeId}&targetType=commune`,
      headers: await t.as(DIRECTOR),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Audit trail');
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Date',
      'Author',
      'Commune',
      'Action',
      'Action code',
      'Object',
      'Id',
      'Changes',
    ]);
    expect(ws.rowCount).toBe(3);
    const row = ws.getRow(3);
    expect(row.getCell(1).value).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
    expect(row.getCell(3).value).toBe("'=SOMME(1;2) renommée");
    expect(row.getCell(4).value).toBe('Commune created');
    expect(row.getCell(5).value).toBe('commune.create');
  });

  it('is refused to those who may not read the audit trail', async () => {
    for (const who of ['referent@le-bouscat.test', 'technicien@mutualis.test']) {
      const res = await t.app.inject({ url: '/api/v1/audit/export?format=csv', headers: await t.as(who) });
      expect(res.statusCode).toBe(403);
    }
  });
});
