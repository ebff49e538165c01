import ExcelJS from 'exceljs';
import type { IndicatorView } from './service';
import { safeText } from '../../lib/table-export';

/**
 * XLSX export of a dashboard: a summary sheet, one sheet per commitment, and the raw ticket list
 * on its own sheet. Every text cell is formula-safe: a value starting with = + - @ tab or CR is
 * prefixed with an apostrophe so a spreadsheet never evaluates it (OWASP "CSV injection").
 */

export { safeText };

function cell(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return safeText(typeof v === 'string' ? v : JSON.stringify(v));
}

/** Sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, '-').slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

const headers = {
  fr: [
    'Code',
    'Indicateur',
    'Période',
    'Valeur',
    'Valeur (texte)',
    'Objectif',
    'Objectif (part)',
    'Statut',
    'Volume',
    'Volume de référence',
    'Figé',
    'Origine de la cible',
    'Décision',
  ],
  en: [
    'Code',
    'Indicator',
    'Period',
    'Value',
    'Value (text)',
    'Target',
    'Target (share)',
    'Status',
    'Volume',
    'Baseline volume',
    'Frozen',
    'Target origin',
    'Decision',
  ],
};

/** Statuses and target origins in words, never codes (the workbook is read by people). */
const words = {
  fr: {
    met: 'Atteint',
    at_risk: 'À surveiller',
    missed: 'Non atteint',
    review: 'À réexaminer (volume)',
    no_data: 'Pas de données',
    info: 'Mesuré, non évalué',
    contract: 'Cible contractuelle',
    agreed: 'Cible convenue',
    to_be_agreed: 'À définir conjointement',
    yes: 'oui',
  },
  en: {
    met: 'Met',
    at_risk: 'At risk',
    missed: 'Missed',
    review: 'To review (volume)',
    no_data: 'No data',
    info: 'Measured, not judged',
    contract: 'Contract target',
    agreed: 'Agreed target',
    to_be_agreed: 'To be agreed',
    yes: 'yes',
  },
} as const;
export const wordOf = (locale: 'fr' | 'en', code: string | null | undefined): string | null =>
  code == null ? null : ((words[locale] as Record<string, string>)[code] ?? code);

function indicatorRow(m: IndicatorView, locale: 'fr' | 'en') {
  return [
    m.code,
    m.title,
    m.period,
    m.value,
    m.display,
    m.target,
    m.targetShare,
    wordOf(locale, m.status),
    m.volume,
    m.baselineVolume,
    m.frozen ? words[locale].yes : '',
    wordOf(locale, m.targetOrigin),
    m.agreement?.decisionRef ?? null,
  ].map(cell);
}

export interface ExportTicket {
  reference: string;
  title: string;
  priority: string;
  channel: string;
  status: string;
  createdAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  ackBusinessSeconds: number | null;
  resolveBusinessSeconds: number | null;
  ackBreached: number;
  resolveBreached: number;
  receivedOutsideHours: number;
  reopenCount: number;
}

/** One commune's dashboard as an XLSX workbook. */
export async function dashboardXlsx(input: {
  communeName: string;
  period: string;
  items: IndicatorView[];
  tickets: ExportTicket[];
  locale: 'fr' | 'en';
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mutualis';
  const used = new Set<string>();
  const fr = input.locale === 'fr';
  const summary = wb.addWorksheet(sheetName(fr ? 'Synthèse' : 'Summary', used));
  summary.addRow([cell(input.communeName), cell(input.period)]);
  summary.addRow(headers[input.locale]);
  for (const m of input.items) summary.addRow(indicatorRow(m, input.locale));

  const groups = new Map<string, IndicatorView[]>();
  for (const m of input.items) {
    const key = m.commitmentCode ?? (fr ? 'Service' : 'Service desk');
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  for (const [key, list] of groups) {
    const ws = wb.addWorksheet(
      sheetName(m0(list)?.commitmentCode ? `${fr ? 'Engagement' : 'Commitment'} ${key}` : key, used),
    );
    if (m0(list)?.commitmentText) ws.addRow([cell(m0(list)!.commitmentText)]);
    ws.addRow(headers[input.locale]);
    for (const m of list) {
      ws.addRow(indicatorRow(m, input.locale));
      for (const p of m.pieces.length > 1 ? m.pieces : [])
        ws.addRow([
          cell(`  ${p.from} → ${p.to}`),
          cell(`v${p.version ?? '-'}`),
          null,
          cell(p.value),
          null,
          cell(p.target),
          cell(p.targetShare),
          cell(wordOf(input.locale, p.status)),
          cell(p.volume),
        ]);
      const byPriority = m.details.byPriority as Array<Record<string, unknown>> | undefined;
      for (const r of byPriority ?? [])
        ws.addRow([
          cell(`  ${String(r.priority)}`),
          cell(r.targetDelay),
          null,
          cell(r.value),
          null,
          null,
          null,
          cell(wordOf(input.locale, r.status as string)),
          cell(r.volume),
        ]);
      for (const t of m.trend)
        ws.addRow([
          cell(`  ${fr ? 'tendance' : 'trend'} ${t.period}`),
          null,
          cell(t.period),
          cell(t.value),
          null,
          null,
          null,
          null,
          cell(t.volume),
        ]);
    }
  }

  const tickets = wb.addWorksheet(sheetName(fr ? 'Tickets' : 'Tickets', used));
  tickets.addRow(
    fr
      ? [
          'Référence',
          'Titre',
          'Priorité',
          'Canal',
          'Statut',
          'Créé le',
          'Pris en compte le',
          'Résolu le',
          'Prise en compte (h ouvrées)',
          'Résolution (h ouvrées)',
          'Hors délai PEC',
          'Hors délai résolution',
          'Hors horaires',
          'Réouvertures',
        ]
      : [
          'Reference',
          'Title',
          'Priority',
          'Channel',
          'Status',
          'Created',
          'Acknowledged',
          'Resolved',
          'Acknowledgement (business h)',
          'Resolution (business h)',
          'Ack breached',
          'Resolution breached',
          'Outside hours',
          'Reopened',
        ],
  );
  for (const t of input.tickets) {
    tickets.addRow(
      [
        t.reference,
        t.title,
        t.priority,
        t.channel,
        t.status,
        t.createdAt,
        t.acknowledgedAt,
        t.resolvedAt,
        t.ackBusinessSeconds === null ? null : t.ackBusinessSeconds / 3600,
        t.resolveBusinessSeconds === null ? null : t.resolveBusinessSeconds / 3600,
        t.ackBreached,
        t.resolveBreached,
        t.receivedOutsideHours,
        t.reopenCount,
      ].map(cell),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function m0(list: IndicatorView[]): IndicatorView | undefined {
  return list[0];
}

/** The side-by-side overview as an XLSX workbook: one row per commune, one column per indicator. */
export async function overviewXlsx(input: {
  period: string;
  rows: Array<{ communeName: string; indicators: Record<string, { display: string; status: string }> }>;
  locale: 'fr' | 'en';
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(input.locale === 'fr' ? 'Vue comparée' : 'Overview');
  const codes = [...new Set(input.rows.flatMap((r) => Object.keys(r.indicators)))].sort();
  ws.addRow([cell(input.period)]);
  ws.addRow(
    ['Commune', ...codes.flatMap((c) => [c, `${c} (${input.locale === 'fr' ? 'statut' : 'status'})`])].map(cell),
  );
  for (const r of input.rows)
    ws.addRow(
      [
        r.communeName,
        ...codes.flatMap((c) => [r.indicators[c]?.display ?? null, wordOf(input.locale, r.indicators[c]?.status)]),
      ].map(cell),
    );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
