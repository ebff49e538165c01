import { useMemo, useState } from 'react';
import { Button, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/feedback';
import { overviewExportUrl, useOverview, type IndicatorStatus } from './api';
import { PeriodSelect, StatusBadge } from './components';
import { AnchorLink } from '../../ui/links';

const statusRank: Record<IndicatorStatus, number> = { missed: 0, at_risk: 1, met: 2, info: 3, no_data: 4 };

/** Communes side by side: one row per commune, one column per indicator, sortable. */
export function Overview({ period, onPeriod }: { period: string; onPeriod: (p: string) => void }) {
  const { t } = useTranslation('indicators');
  const q = useOverview(period);
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 }>({ key: 'commune', dir: 1 });
  const codes = useMemo(() => {
    const all = new Set<string>();
    for (const r of q.data?.items ?? [])
      for (const [c, v] of Object.entries(r.indicators)) if (v.status !== 'no_data' || !c.match(/^\d/)) all.add(c);
    return [...all].sort(
      (a, b) =>
        (a.startsWith('SD') ? 1 : 0) - (b.startsWith('SD') ? 1 : 0) || a.localeCompare(b, undefined, { numeric: true }),
    );
  }, [q.data]);
  const rows = useMemo(() => {
    const list = [...(q.data?.items ?? [])];
    list.sort((a, b) => {
      if (sort.key === 'commune') return sort.dir * a.communeName.localeCompare(b.communeName);
      const x = a.indicators[sort.key];
      const y = b.indicators[sort.key];
      const d =
        (x?.value ?? -Infinity) - (y?.value ?? -Infinity) ||
        statusRank[x?.status ?? 'no_data'] - statusRank[y?.status ?? 'no_data'];
      return sort.dir * d;
    });
    return list;
  }, [q.data, sort]);
  const header = (key: string, label: string) => (
    <Table.Th
      scope="col"
      key={key}
      aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton
        onClick={() => setSort((s) => ({ key, dir: s.key === key ? (s.dir === 1 ? -1 : 1) : 1 }))}
        fw={700}
      >
        {label} {sort.key === key ? (sort.dir === 1 ? '▲' : '▼') : ''}
      </UnstyledButton>
    </Table.Th>
  );
  return (
    <Stack gap="lg">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <PeriodSelect value={period} onChange={onPeriod} />
        <Button component="a" variant="default" href={overviewExportUrl(period, 'xlsx')} download>
          {t('exportXlsx')}
        </Button>
        <Button component="a" variant="default" href={overviewExportUrl(period, 'pdf')} download>
          {t('exportPdf')}
        </Button>
      </Group>
      {!q.data ? (
        <QueryState isPending={q.isPending} error={q.error} />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped withTableBorder>
            <Table.Caption>{t('overviewCaption', { period })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {header('commune', t('commune'))}
                {codes.map((c) => header(c, c.startsWith('SD.') ? t(`sd.${c.slice(3)}`) : c))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.communeId}>
                  <Table.Th scope="row">
                    <AnchorLink
                      to="/indicateurs/$communeId"
                      params={{ communeId: r.communeId }}
                      search={{ periode: period }}
                    >
                      {r.communeName}
                    </AnchorLink>
                  </Table.Th>
                  {codes.map((c) => {
                    const v = r.indicators[c];
                    return (
                      <Table.Td key={c}>
                        {v ? (
                          <Stack gap={2}>
                            <Text size="sm" fw={600}>
                              {v.display}
                            </Text>
                            <StatusBadge status={v.status} />
                          </Stack>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
