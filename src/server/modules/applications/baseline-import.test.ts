import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseBaselineFile } from './baseline-import';

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Inventaire');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('transferred inventory from a file', () => {
  it.each([
    ['CSV: semicolons, BOM, French headers', '\uFEFFNom;Domaine\nÉtat civil;etat_civil\nÉlections;elections\n'],
    ['CSV: commas, English headers', 'name,domain\nÉtat civil,etat_civil\nÉlections,elections\n'],
    [
      'CSV: tabs, accented header',
      'Nom de l’application\tDomaine métier\nÉtat civil\tetat_civil\nÉlections\telections\n',
    ],
  ])('%s', async (_what, text) => {
    const r = await parseBaselineFile(Buffer.from(text), 'inventaire.csv');
    expect(r).toMatchObject({ format: 'csv', rows: 2, errors: [] });
    expect(r.items).toEqual([
      { row: 2, name: 'État civil', domain: 'etat_civil' },
      { row: 3, name: 'Élections', domain: 'elections' },
    ]);
  });
  it('reads a Latin-1 CSV exported by an old spreadsheet', async () => {
    const r = await parseBaselineFile(Buffer.from('Nom;Domaine\nÉtat civil;etat_civil\n', 'latin1'), 'x.csv');
    expect(r.items).toEqual([{ row: 2, name: 'État civil', domain: 'etat_civil' }]);
  });
  it('reads the first sheet of an XLSX file, a blank row and rich text included', async () => {
    const data = await xlsx([
      ['Logiciel', 'Domaine', 'Éditeur'],
      ['Messagerie', 'collaboration', 'Microsoft'],
      [],
      [{ richText: [{ text: 'Paie ' }, { text: 'et RH' }] }, 'rh'],
    ]);
    const r = await parseBaselineFile(data, 'inventaire.xlsx');
    expect(r).toMatchObject({ format: 'xlsx', rows: 2, errors: [] });
    expect(r.items).toEqual([
      { row: 2, name: 'Messagerie', domain: 'collaboration' },
      { row: 4, name: 'Paie et RH', domain: 'rh' },
    ]);
  });
  it('reports each bad row by row and field, keeping the good ones', async () => {
    const data = await xlsx([
      ['Nom', 'Domaine'],
      ['Paie', 'rh'],
      ['paie', 'rh'],
      [null, 'finances'],
      ['Élections', 'x'.repeat(101)],
    ]);
    const r = await parseBaselineFile(data, 'inventaire.xlsx');
    expect(r.items).toEqual([{ row: 2, name: 'Paie', domain: 'rh' }]);
    expect(r.errors).toEqual([
      { row: 3, field: 'name', reason: '« paie » is already on row 2.' },
      { row: 4, field: 'name', reason: 'No application name on this row.' },
      { row: 5, field: 'domain', reason: 'The domain is longer than 100 characters.' },
    ]);
  });
  it('reads a file without a domain column', async () => {
    const r = await parseBaselineFile(Buffer.from('Application\nMessagerie\n'), 'x.csv');
    expect(r.items).toEqual([{ row: 2, name: 'Messagerie', domain: null }]);
  });
  it.each([
    ['no application column', 'produit;version\nx;1\n', /No application column/],
    ['nothing listed', 'nom\n\n', /lists no application/],
    ['an empty file', '', /lists no application/],
  ])('refuses %s', async (_what, text, message) => {
    await expect(parseBaselineFile(Buffer.from(text), 'x.csv')).rejects.toThrow(message);
  });
  it('refuses a broken XLSX file', async () => {
    await expect(parseBaselineFile(Buffer.from('PK\u0003\u0004 not a zip'), 'x.xlsx')).rejects.toThrow(/XLSX/);
  });
});
