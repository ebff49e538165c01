import { Badge, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Indicator, IndicatorStatus } from './api';
import { periodChoices } from './periods';

const colours: Record<IndicatorStatus, string> = {
  met: 'green.8',
  at_risk: 'orange.9',
  missed: 'red.8',
  no_data: 'gray.7',
  info: 'blue.8',
};

/** A status as colour AND text (never colour alone, WCAG 1.4.1). */
export function StatusBadge({ status }: { status: IndicatorStatus }) {
  const { t } = useTranslation('indicators');
  return (
    <Badge color={colours[status]} variant="filled" radius="sm">
      {t(`status.${status}`)}
    </Badge>
  );
}

/** The period selector (quarters, months, years). */
export function PeriodSelect({ value, onChange }: { value: string; onChange: (p: string) => void }) {
  const { t } = useTranslation('indicators');
  const c = periodChoices();
  return (
    <Select
      label={t('period')}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      w={180}
      data={[
        { group: t('quarters'), items: c.quarters },
        { group: t('months'), items: c.months },
        { group: t('years'), items: c.years },
      ]}
    />
  );
}

/** A value of a trend point in the indicator's unit. */
function fmt(v: number | null, unit: Indicator['unit'], lang: string): string {
  if (v === null) return '—';
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    maximumFractionDigits: unit === 'share' ? 1 : 2,
  });
  return unit === 'share' ? `${nf.format(v * 100)} %` : nf.format(v);
}

/**
 * The trend as a small SVG line chart, described for screen readers by its label and by the
 * table of values next to it (visually hidden).
 */
export function TrendChart({ indicator }: { indicator: Indicator }) {
  const { t, i18n } = useTranslation('indicators');
  const pts = indicator.trend;
  if (pts.length === 0) return null;
  const share = indicator.unit === 'share';
  const vals = pts.map((p) => (p.value === null ? null : share ? p.value * 100 : p.value));
  const known = vals.filter((v): v is number => v !== null);
  const w = 260,
    h = 70,
    pad = 6;
  const max = share ? 100 : Math.max(1, ...known);
  const min = share
    ? Math.max(0, Math.min(100, ...known, indicator.targetShare !== null ? indicator.targetShare * 100 : 100) - 5)
    : 0;
  const x = (i: number) => pad + (pts.length <= 1 ? 0 : (i * (w - 2 * pad)) / (pts.length - 1));
  const y = (v: number) => pad + (h - 2 * pad) * (1 - (v - min) / Math.max(1e-9, max - min));
  const line = vals
    .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  const summary = pts.map((p) => `${p.period} : ${fmt(p.value, indicator.unit, i18n.language)}`).join(', ');
  return (
    <figure style={{ margin: 0 }}>
      <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${t('trend')} — ${summary}`}>
        <rect x={0} y={0} width={w} height={h} fill="none" stroke="#ced4da" />
        {indicator.targetShare !== null && share && (
          <line
            x1={pad}
            x2={w - pad}
            y1={y(indicator.targetShare * 100)}
            y2={y(indicator.targetShare * 100)}
            stroke="#c92a2a"
            strokeDasharray="4 3"
          />
        )}
        {line && <polyline points={line} fill="none" stroke="#1c5da8" strokeWidth={2} />}
        {vals.map((v, i) =>
          v === null ? null : <circle key={pts[i]!.period} cx={x(i)} cy={y(v)} r={3} fill="#1c5da8" />,
        )}
      </svg>
      <figcaption style={{ fontSize: 12 }}>
        {pts[0]!.period} → {pts[pts.length - 1]!.period}
      </figcaption>
    </figure>
  );
}
