import ExcelJS from 'exceljs';
import { mediaTypes } from './openapi';

/**
 * A list exported as a file people open in a spreadsheet: CSV (UTF-8 with a byte-order mark and
 * `;` separators, as French Excel reads it) or XLSX. Every text cell is formula-safe: a value
 * starting with = + - @ tab or CR is prefixed with an apostrophe, so a spreadsheet never evaluates
 * what a user typed (OWASP "CSV injection").
 */

export type ExportFormat = 'csv' | 'xlsx';
export type Cell = string | number | null | undefined;

export interface ExportedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Neutralises text a spreadsheet would read as a formula. */
export function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : safeText(v);
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text: a header line, then one line per row (CRLF, RFC 4180 quoting, `;` separated). */
export function toCsv(headers: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [headers.map(csvField).join(';')];
  for (const r of rows) lines.push(r.map(csvField).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** An XLSX workbook of one sheet: bold frozen header row, filters, readable column widths. */
export async function toXlsx(
  sheetName: string,
  headers: readonly string[],
  rows: Iterable<readonly Cell[]>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mutualis';
  const ws = wb.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Export', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.addRow([...headers]).font = { bold: true };
  const widths = headers.map((h) => h.length);
  for (const r of rows) {
    ws.addRow(r.map((v) => (typeof v === 'string' ? safeText(v) : (v ?? null))));
    r.forEach((v, i) => {
      const len = v === null || v === undefined ? 0 : String(v).length;
      if (len > (widths[i] ?? 0)) widths[i] = len;
    });
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.min(60, Math.max(10, w + 2))));
  if (headers.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The file of a table in the asked format, named `<base>.<format>`. */
export async function exportTable(
  format: ExportFormat,
  base: string,
  sheetName: string,
  headers: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
): Promise<ExportedFile> {
  const filename = `${base.replace(/[^\w.@-]/g, '_')}.${format}`;
  if (format === 'csv')
    return { filename, contentType: 'text/csv; charset=utf-8', data: Buffer.from(toCsv(headers, rows), 'utf8') };
  return { filename, contentType: mediaTypes.xlsx, data: await toXlsx(sheetName, headers, rows) };
}
