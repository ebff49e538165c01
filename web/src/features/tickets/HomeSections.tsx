import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/client';
import { QueryState } from '../../ui/feedback';
import { IconPlus } from '../../ui/icons';
import { AnchorLink, ButtonLink } from '../../ui/links';
import { useTickets, type TicketFilters } from './api';
import { TicketTable } from './TicketTable';

const openStatuses = 'new,acknowledged,in_progress,pending,reopened';

/** A short list of tickets on the home page, with its count and a link to the whole list. */
function HomeList({ id, title, filters }: { id: string; title: string; filters: TicketFilters }) {
  const { t } = useTranslation(['tickets', 'common']);
  const tickets = useTickets({ ...filters, limit: 5 });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {tickets.data && (
          <Text size="sm" c="dimmed">
            {t(tickets.data.totalCapped ? 'list.countCapped' : 'list.count', {
              count: tickets.data.total,
              n: tickets.data.total.toLocaleString(),
            })}
          </Text>
        )}
      </Group>
      <QueryState isPending={tickets.isPending} error={tickets.error} />
      {tickets.data && <TicketTable items={tickets.data.items} />}
    </Paper>
  );
}

/**
 * The home page's service-desk block, by role: a requester starts with "Nouvelle demande" and their
 * open requests; an agent with their queue, what falls due soon and what nobody has taken in their
 * groups.
 */
export function DeskHomeSection() {
  const { t } = useTranslation(['tickets', 'common']);
  const me = useMe();
  const agent = me.communeId === null && hasPermission(me, 'tickets.work');
  if (agent)
    return (
      <Stack component="section" aria-labelledby="home-desk" gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="home-desk">
            {t('home.desk')}
          </Title>
          <AnchorLink to="/demandes">{t('home.allTickets')}</AnchorLink>
        </Group>
        <SimpleGrid cols={{ base: 1, xl: 2 }}>
          <HomeList id="home-mine" title={t('list.queues.mine')} filters={{ queue: 'mine' }} />
          <HomeList id="home-soon" title={t('list.queues.breaching_soon')} filters={{ queue: 'breaching_soon' }} />
          <HomeList
            id="home-unassigned"
            title={t('home.unassignedInMyGroups')}
            filters={{ queue: 'group', assignee: 'none' }}
          />
        </SimpleGrid>
      </Stack>
    );
  if (me.communeId === null || !hasPermission(me, 'tickets.create')) return null;
  return (
    <Stack component="section" aria-labelledby="home-requests" gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3" id="home-requests">
          {t('home.myRequests')}
        </Title>
        <ButtonLink to="/demandes/nouvelle" leftSection={<IconPlus size={18} />}>
          {t('list.new')}
        </ButtonLink>
      </Group>
      <HomeList
        id="home-open-requests"
        title={t('home.openRequests')}
        filters={{ requesterId: me.id, status: openStatuses }}
      />
    </Stack>
  );
}
