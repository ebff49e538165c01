import ExcelJS from 'exceljs';
import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { allFilteredDevices, localToday } from './service';
import type { DeviceExportQuery, DeviceView } from './schemas';

/**
 * The device list as a file (CSV or XLSX), with the list's own filters and order. The headers
 * are the ones the import recognises (import-parse.ts), so an exported file re-imports as is.
 * Text cells are formula-safe: a value starting with = + - @ (or a tab / carriage return) gets a
 * leading apostrophe so a spreadsheet never evaluates it (OWASP "CSV injection").
 */

/** Neutralises text a spreadsheet would read as a formula. */
export function formulaSafe(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

type Cell = string | number | null;
type Column = { fr: string; en: string; width: number; value: (d: DeviceView) => Cell };

const yesNo = (b: boolean, lang: 'fr' | 'en') => (b ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no');

const columns = (lang: 'fr' | 'en'): Column[] => [
  { fr: 'Type', en: 'Kind', width: 14, value: (d) => d.kind },
  { fr: 'Nom', en: 'Name', width: 20, value: (d) => d.name },
  { fr: 'Numéro de série', en: 'Serial number', width: 20, value: (d) => d.serial },
  { fr: "Numéro d'inventaire", en: 'Inventory number', width: 18, value: (d) => d.inventoryNumber },
  { fr: 'Fabricant', en: 'Manufacturer', width: 16, value: (d) => d.manufacturer },
  { fr: 'Modèle', en: 'Model', width: 22, value: (d) => d.model },
  { fr: 'Statut', en: 'Status', width: 12, value: (d) => d.status },
  { fr: 'Entité', en: 'Entity', width: 18, value: (d) => d.entityName },
  { fr: 'Lieu', en: 'Location', width: 18, value: (d) => d.site },
  { fr: 'Affecté à', en: 'Assigned to', width: 20, value: (d) => d.assignedTo },
  { fr: "Date d'achat", en: 'Purchase date', width: 13, value: (d) => d.purchaseDate },
  { fr: 'Fin de garantie', en: 'Warranty end', width: 13, value: (d) => d.warrantyEnd },
  { fr: 'Coût', en: 'Cost', width: 10, value: (d) => d.cost },
  { fr: 'Mise en service', en: 'In service from', width: 13, value: (d) => d.inServiceFrom },
  { fr: 'Date de réforme', en: 'Retired on', width: 13, value: (d) => d.retiredOn },
  { fr: 'Renouvellement', en: 'Renewal', width: 10, value: (d) => yesNo(d.renewal, lang) },
  { fr: 'Commentaires', en: 'Comments', width: 30, value: (d) => d.notes },
  { fr: 'Âge (ans)', en: 'Age (years)', width: 9, value: (d) => d.ageYears },
  { fr: 'Source', en: 'Source', width: 9, value: (d) => d.source },
  { fr: 'Dernier inventaire agent', en: 'Last agent inventory', width: 22, value: (d) => d.lastInventoryAt },
  { fr: 'Identifiant', en: 'Id', width: 38, value: (d) => d.id },
];

function safeCell(v: Cell): Cell {
  return typeof v === 'string' ? formulaSafe(v) : v;
}

/** RFC 4180 CSV, `;`-separated as French spreadsheets expect, UTF-8 with a BOM, CRLF lines. */
export function toCsv(header: string[], rows: Cell[][]): string {
  const quote = (v: Cell) => {
    if (v === null) return '';
    const s = typeof v === 'number' ? String(v) : formulaSafe(v);
    return /[";\r\n,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\ufeff${[header, ...rows].map((r) => r.map(quote).join(';')).join('\r\n')}\r\n`;
}

async function toXlsx(cols: Column[], lang: 'fr' | 'en', devices: DeviceView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mutualis';
  const ws = wb.addWorksheet(lang === 'fr' ? 'Parc' : 'Fleet', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c[lang], width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const d of devices) ws.addRow(cols.map((c) => safeCell(c.value(d))));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ExportedFile {
  filename: string;
  contentType: string;
  data: Buffer | string;
}

/** The commune's devices matching the filters, as a CSV or XLSX file. */
export async function exportDevices(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: DeviceExportQuery,
): Promise<ExportedFile> {
  const { format, lang, ...filters } = q;
  const devices = await allFilteredDevices(ctx, actor, communeId, filters);
  const cols = columns(lang);
  const stem = `${lang === 'fr' ? 'parc' : 'fleet'}-${localToday(ctx.now())}`;
  if (format === 'csv')
    return {
      filename: `${stem}.csv`,
      contentType: 'text/csv; charset=utf-8',
      data: toCsv(
        cols.map((c) => c[lang]),
        devices.map((d) => cols.map((c) => c.value(d))),
      ),
    };
  return {
    filename: `${stem}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data: await toXlsx(cols, lang, devices),
  };
}
