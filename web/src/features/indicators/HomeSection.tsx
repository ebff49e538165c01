import { Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/feedback';
import { AnchorLink } from '../../ui/links';
import { useOverview } from './api';
import { StatusBadge } from './components';
import { periodChoices } from './periods';

/** What the home page flags: a commitment missed, or heading that way, in the quarter under way. */
const flagged = new Set(['missed', 'at_risk']);

/**
 * The contract manager's (and director's) home block: for the quarter under way, each commune's
 * commitments that are missed or at risk, worst first, each opening the commune's indicators.
 * A commune with nothing flagged says so, so a quiet block is never mistaken for a missing one.
 */
export function CommitmentsAtRiskSection() {
  const { t } = useTranslation(['indicators', 'common']);
  const period = periodChoices().quarters[0]!;
  const overview = useOverview(period);
  return (
    <Stack component="section" aria-labelledby="home-commitments" gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3" id="home-commitments">
          {t('home.title', { period })}
        </Title>
        <AnchorLink to="/indicateurs" search={{ periode: period }}>
          {t('home.all')}
        </AnchorLink>
      </Group>
      <QueryState isPending={overview.isPending} error={overview.error} />
      {overview.data && (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
          {overview.data.items.map((c) => {
            const items = Object.entries(c.indicators)
              .filter(([, v]) => flagged.has(v.status))
              .sort(([, a], [, b]) => (a.status === b.status ? 0 : a.status === 'missed' ? -1 : 1));
            return (
              <Paper
                key={c.communeId}
                withBorder
                radius="md"
                p="md"
                component="article"
                aria-labelledby={`home-c-${c.communeId}`}
              >
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Title order={3} size="h4" id={`home-c-${c.communeId}`}>
                    {c.communeName}
                  </Title>
                  <AnchorLink
                    to="/indicateurs/$communeId"
                    params={{ communeId: c.communeId }}
                    search={{ periode: period }}
                    size="sm"
                    aria-label={t('home.openCommune', { commune: c.communeName })}
                  >
                    {t('home.open')}
                  </AnchorLink>
                </Group>
                {items.length ? (
                  <List spacing="xs" listStyleType="none" p={0} m={0}>
                    {items.map(([code, v]) => (
                      <List.Item key={code}>
                        <Group gap="xs" wrap="nowrap" align="flex-start">
                          <StatusBadge status={v.status} />
                          <div>
                            <Text size="sm" fw={600}>
                              {code} — {v.title}
                            </Text>
                            <Text size="sm" c="dimmed">
                              {v.display}
                              {v.target ? ` · ${t('target')} : ${v.target}` : ''}
                            </Text>
                          </div>
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('home.none')}
                  </Text>
                )}
              </Paper>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}
