import { useState } from 'react';
import { Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { useWorkload } from './api';

const month = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;

/** Planned and approved person-days per month, by team or commune: a table (the accessible form of a chart). */
export function WorkloadPage() {
  const { t } = useTranslation('projects');
  const now = new Date();
  const [from, setFrom] = useState(month(new Date(now.getFullYear(), now.getMonth() - 11, 1)));
  const [to, setTo] = useState(month(now));
  const [groupBy, setGroupBy] = useState<'team' | 'commune'>('team');
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to) && from <= to;
  const w = useWorkload({ from: valid ? from : month(now), to: valid ? to : month(now), groupBy });
  const label = (key: string, l: string) => (groupBy === 'team' ? t(`team.${key}`, { defaultValue: l }) : l);
  return (
    <Page title={t('workload.title')} description={t('workload.intro')}>
      <Stack gap="md">
        <Group align="flex-end">
          <TextInput
            type="month"
            label={t('workload.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput type="month" label={t('workload.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <div>
            <Text size="sm" fw={500} id="group-by-label" mb={4}>
              {t('workload.groupBy')}
            </Text>
            <SegmentedControl
              aria-labelledby="group-by-label"
              value={groupBy}
              onChange={(v) => setGroupBy(v)}
              data={[
                { value: 'team', label: t('workload.byTeam') },
                { value: 'commune', label: t('workload.byCommune') },
              ]}
            />
          </div>
        </Group>
        <QueryState isPending={w.isPending} error={w.error} />
        {w.data && (
          <Table.ScrollContainer minWidth={600}>
            <Table striped withColumnBorders>
              <Table.Caption>{t('workload.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{groupBy === 'team' ? t('workload.byTeam') : t('workload.byCommune')}</Table.Th>
                  {w.data.months.map((m) => (
                    <Table.Th scope="col" key={m}>
                      {m}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">{t('workload.total')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {w.data.items.map((r) => (
                  <Table.Tr key={r.key}>
                    <Table.Th scope="row">{label(r.key, r.label)}</Table.Th>
                    {r.months.map((m) => (
                      <Table.Td key={m.month}>
                        {m.planned} / {m.actual}
                      </Table.Td>
                    ))}
                    <Table.Td fw={600}>
                      {r.planned} / {r.actual}
                    </Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row">{t('workload.total')}</Table.Th>
                  {w.data.totals.months.map((m) => (
                    <Table.Td key={m.month} fw={600}>
                      {m.planned} / {m.actual}
                    </Table.Td>
                  ))}
                  <Table.Td fw={700}>
                    {w.data.totals.planned} / {w.data.totals.actual}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Page>
  );
}
