import { useId, useState } from 'react';
import { Badge, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/feedback';
import { useRenewalProgress, type RenewalProgress } from './api';

const statusColor: Record<string, string> = {
  on_track: 'green',
  behind: 'red',
  upcoming: 'gray',
  no_target: 'gray',
  no_data: 'gray',
};

/** Month label in the interface language ("mars 2026"). */
const monthLabel = (language: string, month: string, style: 'short' | 'long') =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    month: style,
    ...(style === 'long' ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));

const oneDecimal = (language: string, v: number) =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(v);

/**
 * Bars: renewals cumulated since 1 January; line: the number the share asks for, prorated, at
 * each month's end. A plain SVG (no chart library in the project); the table beside it carries
 * the same figures for screen readers and for reading exact values.
 */
function ProgressChart({ data, titleId, descId }: { data: RenewalProgress; titleId: string; descId: string }) {
  const { t, i18n } = useTranslation('fleet');
  const W = 720;
  const H = 240;
  const pad = { left: 36, right: 12, top: 12, bottom: 28 };
  const max = Math.max(
    1,
    ...data.months.map((m) => Math.max(m.cumulative ?? 0, m.targetCount ?? 0)),
    data.yearRequired ?? 0,
  );
  const innerW = W - pad.left - pad.right;
  const innerH = H - pad.top - pad.bottom;
  const slot = innerW / 12;
  const y = (v: number) => pad.top + innerH - (v / max) * innerH;
  const ticks = Array.from(new Set([0, Math.round(max / 2), Math.ceil(max)]));
  const line = data.months
    .map((m, i) => (m.targetCount === null ? null : `${pad.left + slot * (i + 1)},${y(m.targetCount)}`))
    .filter(Boolean)
    .join(' ');
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      style={{ maxWidth: W }}
    >
      <title id={titleId}>{t('progress.chart')}</title>
      <desc id={descId}>{t('progress.chartDesc')}</desc>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} stroke="#dee2e6" />
          <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#495057">
            {v}
          </text>
        </g>
      ))}
      {data.months.map((m, i) => {
        const v = m.cumulative ?? 0;
        const x = pad.left + slot * i + slot * 0.2;
        return (
          <g key={m.month}>
            {m.cumulative !== null && (
              <rect
                x={x}
                y={y(v)}
                width={slot * 0.6}
                height={Math.max(0, pad.top + innerH - y(v))}
                fill={m.status === 'behind' ? '#e03131' : '#2f9e44'}
              />
            )}
            <text x={pad.left + slot * i + slot / 2} y={H - 8} textAnchor="middle" fontSize="11" fill="#495057">
              {monthLabel(i18n.language, m.month, 'short')}
            </text>
          </g>
        );
      })}
      {line && <polyline points={`${pad.left},${y(0)} ${line}`} fill="none" stroke="#1c7ed6" strokeWidth="2" />}
    </svg>
  );
}

/** Where the year of indicator 3.1.1 stands month by month: a chart and the same data as a table. */
export function RenewalProgressCard({ communeId }: { communeId: string }) {
  const { t, i18n } = useTranslation('fleet');
  const [year, setYear] = useState(new Date().getFullYear());
  const progress = useRenewalProgress(communeId, year);
  const id = useId();
  const d = progress.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-heading`}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={`${id}-heading`}>
          {t('progress.title', { year })}
        </Title>
        <NumberInput
          label={t('progress.year')}
          value={year}
          min={2000}
          max={2100}
          w={140}
          onChange={(v) => typeof v === 'number' && v >= 2000 && v <= 2100 && setYear(v)}
        />
        <QueryState isPending={progress.isPending} error={progress.error} />
        {d && (
          <>
            <Text>
              {d.yearRequired === null
                ? t('progress.noShare', { fleet: d.fleetAtStart, renewed: d.renewed })
                : t('progress.summary', {
                    fleet: d.fleetAtStart,
                    required: d.yearRequired,
                    share: oneDecimal(i18n.language, (d.yearShare ?? 0) * 100),
                    renewed: d.renewed,
                  })}
            </Text>
            <ProgressChart data={d} titleId={`${id}-chart-title`} descId={`${id}-chart-desc`} />
            <Group gap="md" aria-hidden="true">
              <Text size="sm">
                <span style={{ color: '#2f9e44' }}>■</span> {t('progress.legendCumulative')}
              </Text>
              <Text size="sm">
                <span style={{ color: '#1c7ed6' }}>—</span> {t('progress.legendTarget')}
              </Text>
            </Group>
            <Table.ScrollContainer minWidth={640}>
              <Table>
                <Table.Caption>{t('progress.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('progress.month')}</Table.Th>
                    <Table.Th scope="col">{t('progress.renewed')}</Table.Th>
                    <Table.Th scope="col">{t('progress.cumulative')}</Table.Th>
                    <Table.Th scope="col">{t('progress.target')}</Table.Th>
                    <Table.Th scope="col">{t('progress.required')}</Table.Th>
                    <Table.Th scope="col">{t('progress.state')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.months.map((m) => (
                    <Table.Tr key={m.month}>
                      <Table.Th scope="row">{monthLabel(i18n.language, m.month, 'long')}</Table.Th>
                      <Table.Td>{m.cumulative === null ? '—' : m.renewed}</Table.Td>
                      <Table.Td>{m.cumulative ?? '—'}</Table.Td>
                      <Table.Td>{m.targetCount === null ? '—' : oneDecimal(i18n.language, m.targetCount)}</Table.Td>
                      <Table.Td>{m.required ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={statusColor[m.status]}>
                          {t(`progress.statuses.${m.status}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
