import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { deviceKinds, deviceStatuses, type DeviceKind, type DeviceStatus } from './model';

/**
 * Reading a fleet file (CSV or XLSX) into rows of device fields: the header row is mapped to
 * fields by name (French and English, GLPI's computer export columns included) or by the
 * caller's mapping; each cell is converted (dates, euros, kinds, statuses in words) and every
 * problem is reported as (row, field, reason). Pure but for the spreadsheet decoding.
 */

export const importFields = [
  'kind',
  'name',
  'serial',
  'inventoryNumber',
  'manufacturer',
  'model',
  'purchaseDate',
  'warrantyEnd',
  'cost',
  'site',
  'assignedTo',
  'status',
  'inServiceFrom',
  'retiredOn',
  'renewal',
  'replaces',
  'entity',
  'notes',
] as const;
export type ImportField = (typeof importFields)[number];

/** Normalised header → field. */
const headerAliases: Array<[ImportField, string[]]> = [
  ['kind', ['kind', 'type', 'categorie', 'category', 'type de materiel', 'nature', 'genre', 'itemtype']],
  ['name', ['nom', 'name', 'hostname', 'nom du poste', 'nom d hote']],
  ['serial', ['numero de serie', 'serial number', 'serial', 'n de serie', 'no de serie', 'num serie', 'sn', 'serie']],
  [
    'inventoryNumber',
    [
      'numero d inventaire',
      'inventory number',
      'otherserial',
      'n d inventaire',
      'n inventaire',
      'inventaire',
      'asset tag',
    ],
  ],
  ['manufacturer', ['fabricant', 'manufacturer', 'marque', 'constructeur']],
  ['model', ['modele', 'model']],
  ['purchaseDate', ['date d achat', 'purchase date', 'achat', 'date achat', 'buy date']],
  [
    'warrantyEnd',
    [
      'fin de garantie',
      'date de fin de garantie',
      'warranty end',
      'warranty expiration date',
      'expiration de garantie',
    ],
  ],
  ['cost', ['cout', 'prix', 'prix d achat', 'cost', 'valeur', 'value', 'montant', 'cout ttc', 'prix ttc']],
  ['site', ['lieu', 'location', 'site', 'localisation', 'batiment']],
  ['assignedTo', ['utilisateur', 'user', 'affecte a', 'assigned to', 'service', 'usager', 'affectation', 'groupe']],
  ['status', ['statut', 'status', 'etat', 'state']],
  [
    'inServiceFrom',
    [
      'mise en service',
      'date de mise en service',
      'in service from',
      'date de mise en production',
      'use date',
      'deploye le',
    ],
  ],
  ['retiredOn', ['date de reforme', 'retired on', 'reforme le', 'date de sortie', 'sortie']],
  ['renewal', ['renouvellement', 'renewal', 'renouvele']],
  ['replaces', ['remplace', 'replaces', 'poste remplace', 'remplace le']],
  ['entity', ['entite', 'entity', 'sous entite', 'sub entity']],
  ['notes', ['commentaires', 'commentaire', 'comments', 'comment', 'notes', 'remarques']],
];

export function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const aliasIndex = new Map<string, ImportField>();
for (const [f, list] of headerAliases) for (const a of list) aliasIndex.set(normalise(a), f);

/** The field a header names, or null (ignored column). */
export function fieldOfHeader(header: string): ImportField | null {
  const n = normalise(header);
  if (aliasIndex.has(n)) return aliasIndex.get(n)!;
  if ((importFields as readonly string[]).includes(header.trim())) return header.trim() as ImportField;
  return null;
}

const kindWords: Array<[DeviceKind, string[]]> = [
  ['laptop', ['laptop', 'portable', 'ordinateur portable', 'notebook', 'pc portable', 'ultrabook']],
  ['thin_client', ['thin client', 'client leger', 'thin_client']],
  [
    'desktop',
    [
      'desktop',
      'poste fixe',
      'ordinateur',
      'unite centrale',
      'pc',
      'pc fixe',
      'tour',
      'mini pc',
      'all in one',
      'computer',
    ],
  ],
  ['tablet', ['tablet', 'tablette', 'ipad']],
  ['smartphone', ['smartphone', 'telephone mobile', 'mobile', 'iphone', 'gsm']],
  ['screen', ['screen', 'ecran', 'moniteur', 'monitor', 'display']],
  ['multifunction', ['multifunction', 'multifonction', 'mfp', 'copieur', 'photocopieur', 'imprimante multifonction']],
  ['printer', ['printer', 'imprimante']],
  ['telephony', ['telephony', 'telephonie', 'telephone', 'phone', 'ip phone', 'telephone fixe', 'poste telephonique']],
  [
    'peripheral',
    ['peripheral', 'peripherique', 'scanner', 'station d accueil', 'dock', 'docking station', 'webcam', 'onduleur'],
  ],
];
const kindIndex = new Map<string, DeviceKind>();
for (const [k, list] of kindWords) for (const w of list) kindIndex.set(normalise(w), k);
for (const k of deviceKinds) kindIndex.set(normalise(k), k);

export function kindOf(text: string): DeviceKind | null {
  return kindIndex.get(normalise(text)) ?? null;
}

const statusWords: Array<[DeviceStatus, string[]]> = [
  [
    'deployed',
    ['deployed', 'deploye', 'en service', 'in use', 'en production', 'production', 'actif', 'active', 'affecte'],
  ],
  ['in_stock', ['in stock', 'in_stock', 'en stock', 'stock', 'disponible', 'available', 'neuf']],
  ['in_repair', ['in repair', 'in_repair', 'en reparation', 'reparation', 'repair', 'en panne', 'sav', 'maintenance']],
  ['retired', ['retired', 'reforme', 'rebut', 'hors service', 'hs', 'sorti', 'recycle', 'detruit', 'obsolete']],
];
const statusIndex = new Map<string, DeviceStatus>();
for (const [k, list] of statusWords) for (const w of list) statusIndex.set(normalise(w), k);
for (const s of deviceStatuses) statusIndex.set(normalise(s), s);

export function statusOfText(text: string): DeviceStatus | null {
  return statusIndex.get(normalise(text)) ?? null;
}

/** `2024-03-05`, `05/03/2024`, `2024-03-05 10:12:00`, or a spreadsheet date → `YYYY-MM-DD`, else null. */
export function dateOf(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = String(v).trim();
  let y: number, m: number, d: number;
  let r = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(s);
  if (r) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s)))
    [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === iso && y >= 1980 && y <= 2100 ? iso : null;
}

/** `1 234,56 €`, `1234.56`, `1,234.56` → 1234.56; null when not an amount. */
export function amountOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
  let s = String(v).replace(/[\s\u00a0\u202f€]|EUR/gi, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else s = s.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return n <= 1_000_000 ? Math.round(n * 100) / 100 : null;
}

export function booleanOf(v: unknown): boolean | null {
  const n = normalise(String(v));
  if (['1', 'oui', 'yes', 'true', 'vrai', 'o', 'y', 'x'].includes(n)) return true;
  if (['0', 'non', 'no', 'false', 'faux', 'n'].includes(n)) return false;
  return null;
}

/** A text cell that a spreadsheet would run as a formula (CSV injection), refused rather than stored. */
export function formulaShaped(s: string): boolean {
  return /^[=+@\t\r]/.test(s) || /^-[^\d\s]/.test(s);
}

export interface ParsedSheet {
  headers: string[];
  /** Cells of each data row by column, with the row's number in the file (header = 1). */
  rows: Array<{ row: number; cells: unknown[] }>;
  /** Cells holding a formula without a computed value: (row, column). */
  formulas: Array<{ row: number; col: number }>;
}

function cellValue(v: ExcelJS.CellValue): { value: unknown; formula: boolean } {
  if (v === null || v === undefined) return { value: null, formula: false };
  if (v instanceof Date || typeof v !== 'object') return { value: v, formula: false };
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as { result?: unknown }).result;
    if (r === undefined || r === null || (typeof r === 'object' && !(r instanceof Date)))
      return { value: null, formula: true };
    return { value: r, formula: false };
  }
  if ('richText' in v) return { value: v.richText.map((p) => p.text).join(''), formula: false };
  if ('text' in v) return { value: (v as { text: unknown }).text, formula: false };
  if ('error' in v) return { value: null, formula: false };
  return { value: null, formula: false };
}

export async function readSheet(data: Buffer, filename: string): Promise<ParsedSheet> {
  const isXlsx = data.subarray(0, 2).toString('latin1') === 'PK' || /\.xlsx$/i.test(filename);
  if (isXlsx) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) return { headers: [], rows: [], formulas: [] };
    const headers: string[] = [];
    const formulas: ParsedSheet['formulas'] = [];
    const rows: ParsedSheet['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const c = cellValue(cell.value);
        if (c.formula) formulas.push({ row: n, col: col - 1 });
        cells[col - 1] = c.value;
      });
      if (headers.length === 0 && rows.length === 0)
        headers.push(...cells.map((c) => (c === null || c === undefined ? '' : String(c as string | number))));
      else rows.push({ row: n, cells });
    });
    return { headers, rows, formulas };
  }
  let text = data.toString('utf8');
  if (text.includes('\ufffd')) text = data.toString('latin1');
  text = text.replace(/^\ufeff/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ','].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  const records = parseCsv(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    relax_quotes: true,
    info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [head, ...body] = records;
  return {
    headers: head?.record ?? [],
    rows: body.map((r) => ({ row: r.info.lines, cells: r.record })),
    formulas: [],
  };
}
