import { Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/feedback';
import { AnchorLink } from '../../ui/links';
import { useCommuneAvailability } from './api';

const hours = (h: number, lang: string) =>
  `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(h)} h`;
const percent = (v: number | null, lang: string) =>
  v === null
    ? '—'
    : `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 }).format(v * 100)} %`;

/**
 * The commune dashboard's card: availability of its critical applications over the period, each
 * on its own clock (business hours or 24/7), least available first, linked to the application.
 */
export function AvailabilitySummary({ communeId, period }: { communeId: string; period: string }) {
  const { t, i18n } = useTranslation('applications');
  const q = useCommuneAvailability(communeId, period);
  const lang = i18n.language;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="availability-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="availability-heading">
          {t('dashboard.title', { period })}
        </Title>
        <Group gap="md">
          <AnchorLink
            to="/parc-applicatif/$communeId/pannes"
            params={{ communeId }}
            search={{ periode: period, criticite: 'critical' }}
          >
            {t('dashboard.outages')}
          </AnchorLink>
          <AnchorLink to="/parc-applicatif/$communeId" params={{ communeId }}>
            {t('dashboard.portfolio')}
          </AnchorLink>
        </Group>
      </Group>
      <QueryState isPending={q.isPending} error={q.error} />
      {q.data &&
        (q.data.items.length === 0 ? (
          <Text c="dimmed">{t('dashboard.none')}</Text>
        ) : (
          <Stack gap="xs">
            <Text size="sm">{t('dashboard.intro')}</Text>
            <Table>
              <Table.Caption className="sr-only">{t('dashboard.caption', { period })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('field.name')}</Table.Th>
                  <Table.Th scope="col">{t('field.outageCalendar')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.availability')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.downtime')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.outageCount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((a) => (
                  <Table.Tr key={a.applicationId}>
                    <Table.Th scope="row" fw={500}>
                      <AnchorLink to="/applications/$applicationId" params={{ applicationId: a.applicationId }}>
                        {a.applicationName}
                      </AnchorLink>
                    </Table.Th>
                    <Table.Td>{t(`calendar.${a.outageCalendar}`)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm" fw={600}>
                          {percent(a.availability, lang)}
                        </Text>
                        {a.availability !== null && (
                          <Progress
                            value={a.availability * 100}
                            color={a.availability >= 0.999 ? 'teal' : a.availability >= 0.99 ? 'yellow' : 'red'}
                            size="sm"
                            aria-hidden
                          />
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {t('dashboard.downOf', {
                        down: hours(a.downtimeHours, lang),
                        window: hours(a.windowHours, lang),
                      })}
                    </Table.Td>
                    <Table.Td>{a.outages}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
    </Card>
  );
}
