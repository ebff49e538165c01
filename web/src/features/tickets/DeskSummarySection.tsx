import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/feedback';
import { AnchorLink } from '../../ui/links';
import { useDeskSummary } from './api';
import { openStatuses } from './types';
import type { ListView } from './views';

const open = openStatuses.join(',');

/** A count that opens the ticket list with the same filters (0 is plain text). */
function CountLink({ n, search, label }: { n: number; search: ListView; label: string }) {
  const { i18n } = useTranslation();
  const text = n.toLocaleString(i18n.language);
  if (n === 0) return <>{text}</>;
  return (
    <AnchorLink to="/demandes" search={search} aria-label={label} fw={600}>
      {text}
    </AnchorLink>
  );
}

/**
 * The director's and contract manager's view of the desk: each commune's backlog, what of it missed
 * or is about to miss a deadline, what nobody has taken; and whether the backlog is being worked
 * down (tickets opened and resolved per week). Every count opens the list it counts.
 */
export function DeskSummarySection() {
  const { t, i18n } = useTranslation(['tickets', 'common']);
  const summary = useDeskSummary(8);
  const dayFmt = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const data = summary.data;
  return (
    <Stack component="section" aria-labelledby="home-desk-summary" gap="sm">
      <Title order={2} size="h3" id="home-desk-summary">
        {t('home.summary.title')}
      </Title>
      <QueryState isPending={summary.isPending} error={summary.error} />
      {data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Paper withBorder radius="md" p="md">
            <Table striped>
              <Table.Caption>{t('home.summary.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('home.summary.commune')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('home.summary.open')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('home.summary.breached')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('home.summary.atRisk')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('home.summary.unassigned')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((c) => {
                  const base = { communeId: c.communeId, status: open };
                  const label = (key: string, n: number) =>
                    t('home.summary.linkLabel', { what: t(`home.summary.${key}`), commune: c.communeName, n });
                  return (
                    <Table.Tr key={c.communeId}>
                      <Table.Th scope="row" fw={600}>
                        {c.communeName}
                      </Table.Th>
                      <Table.Td ta="right">
                        <CountLink n={c.open} search={base} label={label('open', c.open)} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Group gap={6} justify="flex-end" wrap="nowrap">
                          <CountLink
                            n={c.breached}
                            search={{ ...base, sla: 'breached' }}
                            label={label('breached', c.breached)}
                          />
                          {c.breached > 0 && (
                            <Badge color="red.8" variant="filled" size="sm" radius="sm">
                              {t('home.summary.late')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right">
                        <CountLink
                          n={c.atRisk}
                          search={{ ...base, sla: 'at_risk' }}
                          label={label('atRisk', c.atRisk)}
                        />
                      </Table.Td>
                      <Table.Td ta="right">
                        <CountLink
                          n={c.unassigned}
                          search={{ ...base, assignee: 'none' }}
                          label={label('unassigned', c.unassigned)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
              {data.items.length > 1 && (
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th scope="row">{t('home.summary.total')}</Table.Th>
                    {(['open', 'breached', 'atRisk', 'unassigned'] as const).map((k) => (
                      <Table.Td key={k} ta="right" fw={700}>
                        {data.totals[k].toLocaleString(i18n.language)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                </Table.Tfoot>
              )}
            </Table>
          </Paper>
          <Paper withBorder radius="md" p="md">
            <Table>
              <Table.Caption>{t('home.summary.trendCaption', { weeks: data.trend.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('home.summary.week')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('home.summary.opened')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('home.summary.resolved')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('home.summary.net')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.trend.map((w) => {
                  const net = w.opened - w.resolved;
                  return (
                    <Table.Tr key={w.weekStart}>
                      <Table.Th scope="row" fw={500}>
                        {t('home.summary.weekOf', { day: dayFmt.format(new Date(`${w.weekStart}T00:00:00Z`)) })}
                      </Table.Th>
                      <Table.Td ta="right">{w.opened.toLocaleString(i18n.language)}</Table.Td>
                      <Table.Td ta="right">{w.resolved.toLocaleString(i18n.language)}</Table.Td>
                      <Table.Td ta="right">
                        <Text span size="sm" fw={600} c={net > 0 ? 'red.9' : undefined}>
                          {net > 0 ? `+${net}` : net === 0 ? '0' : `−${-net}`}
                        </Text>
                        <Text span className="sr-only">
                          {' '}
                          {t(net > 0 ? 'home.summary.grew' : net < 0 ? 'home.summary.shrank' : 'home.summary.flat')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Paper>
        </SimpleGrid>
      )}
    </Stack>
  );
}
