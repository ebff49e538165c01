import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { makeCommuneWithContract, makeTicketRow, multipart } from '../factories';

/** Text of every page of a PDF, as pdf.js extracts it. */
async function pdfText(data: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const c = await page.getTextContent();
    parts.push(c.items.map((x) => ('str' in x ? x.str : '')).join(' '));
  }
  return parts.join('\n');
}

const tinyPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describeEachDb('indicators API: snapshots, manual values, exports', (dialect) => {
  let t: TestApp;
  let tv: string;
  const Q = '2026-Q1';
  const url = (path = '', period = Q) => `/api/v1/communes/${tv}/indicators${path}?period=${period}`;
  const CM = 'contrats@mutualis.test';

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-04-15T10:00:00.000Z' });
    const db = t.app.ctx.db;
    ({ communeId: tv } = await makeCommuneWithContract(db, {
      name: 'Testville',
      slug: 'testville',
      at: '2024-12-01T00:00:00.000Z',
      firstFrom: '2025-01-01',
      amendmentFrom: '2027-01-01',
      assign: [t.org.users[CM]!],
      v1: () => {},
      v2: () => {},
    }));
    // 3.3.1: 3 of 4 in time.
    for (const [i, breached] of [0, 0, 1, 0].entries()) {
      await makeTicketRow(db, {
        communeId: tv,
        createdAt: `2026-02-0${i + 2}T09:00:00.000Z`,
        ackBreached: breached,
        acknowledgedAt: `2026-02-0${i + 2}T10:00:00.000Z`,
        ackBusinessSeconds: 3600,
        title: i === 0 ? '=HYPERLINK("http://evil.test","clic")' : `Imprimante ${i}`,
      });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const send = async (method: 'PUT' | 'POST', path: string, payload: unknown, who = CM) =>
    t.app.inject({ method, url: path, headers: await t.as(who), payload: payload as object });
  const get = async (path: string, who = CM) => t.app.inject({ url: path, headers: await t.as(who) });

  it('freezes the period: later data changes leave the snapshot unchanged and show the difference; a second freeze is 409', async () => {
    const before = (await get(url('/3.3.1'))).json();
    expect(before).toMatchObject({ value: 0.75, volume: 4, frozen: false });
    const referent = await send('POST', url('/freeze'), {}, 'referent@le-bouscat.test');
    expect(referent.statusCode).toBe(404);
    const res = await send('POST', url('/freeze'), { codes: ['3.3.1', 'SD.volume'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.find((i: { code: string }) => i.code === '3.3.1')).toMatchObject({
      frozen: true,
      frozenBy: CM,
      live: { value: 0.75 },
      difference: null,
    });

    // A late ticket arrives in the frozen quarter.
    await makeTicketRow(t.app.ctx.db, { communeId: tv, createdAt: '2026-03-10T09:00:00.000Z', ackBreached: 1 });
    const after = (await get(url('/3.3.1'))).json();
    expect(after).toMatchObject({ value: 0.75, volume: 4, frozen: true, live: { value: 0.6, volume: 5 } });
    expect(after.difference.volume).toBe(1);
    expect(after.difference.value).toBeCloseTo(-0.15, 10);
    // Not frozen: live.
    expect((await get(url('/3.3.2'))).json().frozen).toBe(false);

    const again = await send('POST', url('/freeze'), { codes: ['3.3.1'] });
    expect(again.statusCode).toBe(409);
    const audit = (await get(`/api/v1/audit?communeId=${tv}`, 'admin@mutualis.test')).json();
    expect(audit.items.some((a: { action: string }) => a.action === 'indicators.freeze')).toBe(true);
  });

  it('refuses to freeze without indicators.manage (403) and refuses unknown codes (400)', async () => {
    const h = await t.as('referent@le-bouscat.test');
    const lb = t.org.communes.leBouscat;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/communes/${lb}/indicators/freeze?period=${Q}`,
          headers: h,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    expect((await send('POST', url('/freeze', '2026-Q2'), { codes: ['7.7.7'] })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: url('/freeze'), headers: ANON, payload: {} })).statusCode).toBe(
      401,
    );
  });

  it('takes a manual value with comment and evidence for an indicator without computable rule, shown with who and when', async () => {
    expect(
      (await send('PUT', url('/1.2.1/manual'), { value: 'Comité tenu le 12 mars', status: 'met' })).statusCode,
    ).toBe(400);
    const put = await send('PUT', url('/1.2.1/manual'), {
      value: 'Comité tenu le 12 mars',
      status: 'met',
      comment: 'Compte rendu joint',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      code: '1.2.1',
      source: 'manual',
      valueText: 'Comité tenu le 12 mars',
      display: 'Comité tenu le 12 mars',
      status: 'met',
      manual: { comment: 'Compte rendu joint', enteredBy: CM, enteredAt: '2026-04-15T10:00:00.000Z', evidence: [] },
    });
    // A computed indicator takes no manual value.
    expect((await send('PUT', url('/3.3.2/manual'), { value: 1, comment: 'x' })).statusCode).toBe(409);

    const h = await t.as(CM);
    const up = multipart('compte-rendu.pdf', tinyPdf, 'application/pdf');
    const res = await t.app.inject({
      method: 'POST',
      url: url('/1.2.1/manual/evidence'),
      headers: { ...h, 'content-type': up.contentType },
      payload: up.payload,
    });
    expect(res.statusCode).toBe(201);
    const ev = res.json();
    expect(ev).toMatchObject({ filename: 'compte-rendu.pdf', contentType: 'application/pdf', size: tinyPdf.length });

    // An HTML page disguised as a PDF, and an executable type, are refused.
    const fake = multipart('rapport.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: url('/1.2.1/manual/evidence'),
          headers: { ...h, 'content-type': fake.contentType },
          payload: fake.payload,
        })
      ).statusCode,
    ).toBe(415);
    const exe = multipart('outil.exe', Buffer.from('MZ....'));
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: url('/1.2.1/manual/evidence'),
          headers: { ...h, 'content-type': exe.contentType },
          payload: exe.payload,
        })
      ).statusCode,
    ).toBe(415);
    // Evidence needs a manual value first.
    const orphan = multipart('x.pdf', tinyPdf);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: url('/2.1.1/manual/evidence'),
          headers: { ...h, 'content-type': orphan.contentType },
          payload: orphan.payload,
        })
      ).statusCode,
    ).toBe(404);

    const dl = await get(`/api/v1/indicator-evidence/${ev.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.rawPayload.equals(tinyPdf)).toBe(true);
    expect((await get(`/api/v1/indicator-evidence/${ev.id}`, 'referent@villedemo.test')).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/indicator-evidence/${ev.id}`, headers: ANON })).statusCode).toBe(401);

    const m = (await get(url('/1.2.1'))).json();
    expect(m.manual.evidence).toEqual([expect.objectContaining({ id: ev.id, filename: 'compte-rendu.pdf' })]);
  });

  it('exports the dashboard as XLSX: a sheet per commitment, the raw tickets, formula-safe cells', async () => {
    const res = await get(url('/export.xlsx'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['Synthèse', 'Engagement 3.3', 'Engagement 3.2', 'Tickets']));
    const tickets = wb.getWorksheet('Tickets')!;
    expect(tickets.rowCount).toBe(1 + 5);
    const titles = tickets.getColumn(2).values.slice(2).map(String);
    expect(titles).toContain('\'=HYPERLINK("http://evil.test","clic")');
    tickets.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    const s33 = wb.getWorksheet('Engagement 3.3')!;
    const codes = s33.getColumn(1).values.map(String);
    expect(codes).toEqual(expect.arrayContaining(['3.3.1', '3.3.2']));
    // Statuses and target origins in words, never codes.
    const summary = wb.getWorksheet('Synthèse')!;
    const cells = summary.getSheetValues().flat().map(String);
    expect(cells).toEqual(expect.arrayContaining(['Origine de la cible', 'Cible contractuelle']));
    for (const code of ['met', 'at_risk', 'missed', 'no_data', 'to_be_agreed']) expect(cells).not.toContain(code);
  });

  it('exports the dashboard as PDF with extractable text and the trend chart labels', async () => {
    const res = await get(url('/export.pdf'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('Testville');
    expect(text).toContain('3.3.1');
    expect(text).toContain('Délai de prise en compte des demandes');
    // The SVG trend chart keeps its labels as text.
    expect(text).toContain('2025-Q4');
  });

  it('exports the overview for the director as XLSX and PDF, not for a commune user', async () => {
    const x = await get(`/api/v1/indicators/overview/export.xlsx?period=${Q}`, 'directeur@mutualis.test');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getColumn(1).values.map(String)).toEqual(
      expect.arrayContaining(['Testville', 'Le Bouscat', 'Villedemo']),
    );
    const p = await get(`/api/v1/indicators/overview/export.pdf?period=${Q}`, 'directeur@mutualis.test');
    expect(await pdfText(p.rawPayload)).toContain('Testville');
    expect(
      (await get(`/api/v1/indicators/overview/export.pdf?period=${Q}`, 'referent@le-bouscat.test')).statusCode,
    ).toBe(403);
  });
});
