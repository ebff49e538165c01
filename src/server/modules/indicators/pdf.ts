import type { Content } from 'pdfmake/interfaces';
import { renderPdfDocument } from '../../lib/pdf';
import type { IndicatorView } from './service';

/**
 * PDF export of a dashboard with pdfmake: tables of the indicators, and each trend drawn as an
 * SVG chart (vector, labels stay text, so the PDF is searchable and accessible).
 */

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A small line chart of a trend (values in [0,1] as %, otherwise as is), as SVG text. */
export function trendSvg(
  points: Array<{ period: string; value: number | null }>,
  share: boolean,
  target: number | null,
): string {
  const w = 480,
    h = 140,
    left = 40,
    bottom = 24,
    top = 10;
  const vals = points.map((p) => (p.value === null ? null : share ? p.value * 100 : p.value));
  const known = vals.filter((v): v is number => v !== null);
  const max = share ? 100 : Math.max(1, ...known) * 1.1;
  const min = share ? Math.max(0, Math.min(...known, target === null ? 100 : target * 100) - 10) : 0;
  const x = (i: number) => left + (points.length <= 1 ? (w - left) / 2 : (i * (w - left - 10)) / (points.length - 1));
  const y = (v: number) => top + (h - top - bottom) * (1 - (v - min) / Math.max(1e-9, max - min));
  const path = vals
    .map((v, i) => (v === null ? '' : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  const labels = points
    .map(
      (p, i) => `<text x="${x(i).toFixed(1)}" y="${h - 6}" font-size="8" text-anchor="middle">${esc(p.period)}</text>`,
    )
    .join('');
  const dots = vals
    .map((v, i) =>
      v === null
        ? ''
        : `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="#1c5da8"/><text x="${x(i).toFixed(1)}" y="${(y(v) - 5).toFixed(1)}" font-size="7" text-anchor="middle">${share ? v.toFixed(1) + '%' : v.toFixed(v < 10 ? 2 : 0)}</text>`,
    )
    .join('');
  const tgt =
    target !== null && share
      ? `<line x1="${left}" x2="${w}" y1="${y(target * 100).toFixed(1)}" y2="${y(target * 100).toFixed(1)}" stroke="#c0392b" stroke-dasharray="4 3"/>`
      : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<line x1="${left}" y1="${h - bottom}" x2="${w}" y2="${h - bottom}" stroke="#888"/><line x1="${left}" y1="${top}" x2="${left}" y2="${h - bottom}" stroke="#888"/>` +
    `<text x="2" y="${top + 6}" font-size="7">${share ? `${max.toFixed(0)}%` : max.toFixed(0)}</text><text x="2" y="${h - bottom}" font-size="7">${share ? `${min.toFixed(0)}%` : '0'}</text>` +
    tgt +
    (path ? `<polyline points="${path}" fill="none" stroke="#1c5da8" stroke-width="1.5"/>` : '') +
    dots +
    labels +
    '</svg>'
  );
}

const statusText = {
  fr: {
    met: 'atteint',
    at_risk: 'à surveiller',
    missed: 'non atteint',
    no_data: 'pas de données',
    info: 'information',
  },
  en: { met: 'met', at_risk: 'at risk', missed: 'missed', no_data: 'no data', info: 'information' },
} as const;

/** One commune's dashboard as a PDF. */
export async function dashboardPdf(input: {
  communeName: string;
  period: string;
  items: IndicatorView[];
  locale: 'fr' | 'en';
  generatedAt: string;
}): Promise<Buffer> {
  const fr = input.locale === 'fr';
  const st = statusText[input.locale];
  const content: Content[] = [
    { text: `${fr ? 'Indicateurs' : 'Indicators'} — ${input.communeName} — ${input.period}`, style: 'h1' },
    { text: `${fr ? 'Édité le' : 'Generated on'} ${input.generatedAt}`, style: 'small' },
    {
      table: {
        headerRows: 1,
        widths: [40, '*', 70, 80, 60, 45],
        body: [
          [
            fr ? 'Code' : 'Code',
            fr ? 'Indicateur' : 'Indicator',
            fr ? 'Valeur' : 'Value',
            fr ? 'Objectif' : 'Target',
            fr ? 'Statut' : 'Status',
            'Volume',
          ].map((t) => ({ text: t, bold: true })),
          ...input.items.map((m) => [
            m.code,
            m.title,
            m.display,
            m.target ?? '—',
            st[m.status] + (m.frozen ? (fr ? ' (figé)' : ' (frozen)') : ''),
            m.volume === null ? '—' : String(m.volume),
          ]),
        ],
      },
      fontSize: 8,
      margin: [0, 8, 0, 8],
    },
  ];
  for (const m of input.items.filter((i) => i.trend.length > 0)) {
    content.push({ text: `${m.code} — ${m.title}`, style: 'h2' });
    content.push({ svg: trendSvg(m.trend, m.unit === 'share', m.targetShare), width: 480 });
    const byPriority = m.details.byPriority as
      | Array<{
          priority: string;
          value: number | null;
          volume: number;
          targetDelay: string | null;
          medianHours: number | null;
          p90Hours: number | null;
        }>
      | undefined;
    if (byPriority && byPriority.length > 0) {
      content.push({
        table: {
          headerRows: 1,
          body: [
            [
              fr ? 'Priorité' : 'Priority',
              fr ? 'Délai' : 'Delay',
              fr ? 'Dans le délai' : 'Within',
              'Volume',
              fr ? 'Médiane (h)' : 'Median (h)',
              'P90 (h)',
            ],
            ...byPriority.map((r) => [
              r.priority,
              r.targetDelay ?? '—',
              r.value === null ? '—' : `${(r.value * 100).toFixed(1)} %`,
              String(r.volume),
              r.medianHours === null ? '—' : String(r.medianHours),
              r.p90Hours === null ? '—' : String(r.p90Hours),
            ]),
          ],
        },
        fontSize: 8,
        margin: [0, 4, 0, 8],
      });
    }
    if (m.pieces.length > 1)
      content.push({
        text: m.pieces
          .map(
            (p) =>
              `${p.from} → ${p.to} : v${p.version ?? '—'} ${p.value === null ? '—' : m.unit === 'share' ? `${(p.value * 100).toFixed(1)} %` : p.value} (${p.volume ?? '—'})`,
          )
          .join('\n'),
        style: 'small',
      });
  }
  return renderPdfDocument({
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      h1: { fontSize: 15, bold: true },
      h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      small: { fontSize: 8, color: '#555' },
    },
    info: { title: `Indicateurs ${input.communeName} ${input.period}` },
  });
}

/** The side-by-side overview as a PDF (landscape). */
export async function overviewPdf(input: {
  period: string;
  rows: Array<{ communeName: string; indicators: Record<string, { display: string; status: string }> }>;
  locale: 'fr' | 'en';
}): Promise<Buffer> {
  const codes = [...new Set(input.rows.flatMap((r) => Object.keys(r.indicators)))].sort();
  const st = statusText[input.locale];
  return renderPdfDocument({
    pageOrientation: 'landscape',
    content: [
      {
        text: `${input.locale === 'fr' ? 'Vue comparée des communes' : 'Communes side by side'} — ${input.period}`,
        fontSize: 15,
        bold: true,
      },
      {
        table: {
          headerRows: 1,
          body: [
            ['Commune', ...codes],
            ...input.rows.map((r) => [
              r.communeName,
              ...codes.map((c) =>
                r.indicators[c]
                  ? `${r.indicators[c].display}\n${st[r.indicators[c].status as keyof typeof st] ?? r.indicators[c].status}`
                  : '—',
              ),
            ]),
          ],
        },
        fontSize: 7,
        margin: [0, 8, 0, 0],
      },
    ],
    defaultStyle: { font: 'Roboto', fontSize: 9 },
  });
}
