import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { invalid } from '../../errors';

/**
 * The transferred inventory from a file (as annexed to the convention, exported from a
 * spreadsheet): CSV (`;`, `,` or tab separated, UTF-8 with or without BOM, else Latin-1) or XLSX
 * (the first worksheet). A header row names the application column (`nom`, `application`, `name`,
 * `logiciel`) and optionally the domain (`domaine`, `domain`). Blank rows are skipped; every other
 * problem is reported as (row, field, reason) so the caller can show a preview before accepting.
 * Pure but for the spreadsheet decoding.
 */
const nameHeaders = ['nom', 'application', 'name', 'logiciel', 'applications', 'nom de l application'];
const domainHeaders = ['domaine', 'domain', 'domaine metier'];

export interface BaselineRow {
  /** Row in the file (header = 1). */
  row: number;
  name: string;
  domain: string | null;
}

export interface BaselineProblem {
  row: number;
  field: 'name' | 'domain';
  reason: string;
}

export interface ParsedBaseline {
  format: 'csv' | 'xlsx';
  /** Data rows read (blank ones included). */
  rows: number;
  items: BaselineRow[];
  errors: BaselineProblem[];
}

/** Lower case, accents and punctuation folded: « Domaine métier » → `domaine metier`. */
export function headerKey(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown };
    if (o.richText) return o.richText.map((p) => p.text).join('');
    if (o.text !== undefined) return text(o.text);
    if (o.result !== undefined) return text(o.result);
    return '';
  }
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

async function readTable(data: Buffer, filename: string): Promise<{ format: 'csv' | 'xlsx'; table: string[][] }> {
  const isXlsx = data.subarray(0, 2).toString('latin1') === 'PK' || /\.xlsx$/i.test(filename);
  if (isXlsx) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(data as unknown as ArrayBuffer);
    } catch (e) {
      throw invalid('file', `Not a readable XLSX file: ${(e as Error).message}`);
    }
    const ws = wb.worksheets[0];
    const table: string[][] = [];
    ws?.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = text(cell.value).trim();
      });
      table[n - 1] = Array.from(cells, (c) => c ?? '');
    });
    return { format: 'xlsx', table: Array.from(table, (r) => r ?? []) };
  }
  let body = data.toString('utf8');
  if (body.includes('\ufffd')) body = data.toString('latin1');
  body = body.replace(/^\ufeff/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ','].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  try {
    const records = parse(body, { delimiter, relax_column_count: true, trim: true, info: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
    // Rows keep their line in the file (a blank line still counts) so the report names the right row.
    const table: string[][] = [];
    for (const r of records) table[r.info.lines - 1] = r.record;
    return { format: 'csv', table: Array.from(table, (r) => r ?? []) };
  } catch (e) {
    throw invalid('file', `Not a readable CSV file: ${(e as Error).message}`);
  }
}

/** Reads the inventory file; a file without an application column (or listing nothing) is refused. */
export async function parseBaselineFile(data: Buffer, filename = ''): Promise<ParsedBaseline> {
  const { format, table } = await readTable(data, filename);
  const headerAt = table.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerAt < 0) throw invalid('file', 'The file lists no application.', 'required');
  const headers = table[headerAt]!.map(headerKey);
  const nameCol = headers.findIndex((h) => nameHeaders.includes(h));
  if (nameCol < 0) throw invalid('file', `No application column (one of: ${nameHeaders.join(', ')}).`);
  const domainCol = headers.findIndex((h) => domainHeaders.includes(h));
  const items: BaselineRow[] = [];
  const errors: BaselineProblem[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  for (let i = headerAt + 1; i < table.length; i++) {
    const cells = table[i]!;
    if (cells.every((c) => (c ?? '').trim() === '')) continue;
    rows++;
    const row = i + 1;
    const name = (cells[nameCol] ?? '').trim();
    const domain = domainCol >= 0 ? (cells[domainCol] ?? '').trim() || null : null;
    let ok = true;
    if (!name) {
      errors.push({ row, field: 'name', reason: 'No application name on this row.' });
      ok = false;
    } else if (name.length > 200) {
      errors.push({ row, field: 'name', reason: 'The name is longer than 200 characters.' });
      ok = false;
    } else if (seen.has(name.toLowerCase())) {
      errors.push({ row, field: 'name', reason: `« ${name} » is already on row ${seen.get(name.toLowerCase())}.` });
      ok = false;
    }
    if (domain && domain.length > 100) {
      errors.push({ row, field: 'domain', reason: 'The domain is longer than 100 characters.' });
      ok = false;
    }
    if (name) seen.set(name.toLowerCase(), seen.get(name.toLowerCase()) ?? row);
    if (ok) items.push({ row, name, domain });
  }
  if (rows === 0) throw invalid('file', 'The file lists no application.', 'required');
  if (rows > 2000) throw invalid('file', 'At most 2,000 applications.', 'too_many');
  return { format, rows, items, errors };
}
