import { useState } from 'react';
import { Button, Group, Pagination, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe, withQuery } from '../../api/client';
import { fieldErrors, QueryState } from '../../ui/feedback';
import { IconPlus, IconSearch } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { useCommunes } from '../communes/api';
import { useTickets } from './api';
import { TicketTable } from './TicketTable';
import { statuses } from './types';
import { ButtonLink } from '../../ui/links';

const PAGE = 25;
const queues = ['mine', 'group', 'unassigned', 'breaching_soon'] as const;

/** The tickets the user may see (a requester: theirs), searchable, by status, paginated. */
export function TicketsPage() {
  const { t, i18n } = useTranslation(['tickets', 'common']);
  const me = useMe();
  const communes = useCommunes();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [queue, setQueue] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const staff = me.communeId === null && hasPermission(me, 'tickets.work');
  const view = { q: search || undefined, status: status ?? undefined, queue: queue ?? undefined };
  const tickets = useTickets({ ...view, limit: PAGE, offset: (page - 1) * PAGE });
  // The export takes the view as it is on screen (filters, search, queue), every page of it.
  const exportUrl = (format: 'csv' | 'xlsx') =>
    withQuery('/api/v1/tickets/export', { ...view, format, lang: i18n.language === 'en' ? 'en' : 'fr' });
  const communeName = (id: string) => communes.data?.items.find((c) => c.id === id)?.name ?? '…';
  // Past a capped count the pages go on one at a time while full pages come back.
  const data = tickets.data;
  const pages = !data
    ? 0
    : data.totalCapped
      ? Math.max(Math.ceil(data.total / PAGE), page + (data.items.length === PAGE ? 1 : 0))
      : Math.ceil(data.total / PAGE);
  return (
    <Page
      title={t('list.title')}
      description={t('list.description')}
      actions={
        hasPermission(me, 'tickets.create') && (
          <ButtonLink to="/demandes/nouvelle" leftSection={<IconPlus size={18} />}>
            {t('list.new')}
          </ButtonLink>
        )
      }
    >
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q);
          setPage(1);
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('list.search')}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              // An emptied box no longer filters: the list is not left showing the old search.
              if (!e.currentTarget.value.trim() && search) {
                setSearch('');
                setPage(1);
              }
            }}
            leftSection={<IconSearch size={16} />}
            style={{ flex: 1 }}
            error={fieldErrors(tickets.error).q}
          />
          <Select
            label={t('fields.status')}
            clearable
            data={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={status}
            onChange={(v) => {
              setStatus(v);
              // The filters apply to what the search box says now.
              setSearch(q);
              setPage(1);
            }}
          />
          {staff && (
            <Select
              label={t('list.queue')}
              description={t('list.queueHelp')}
              clearable
              data={queues.map((x) => ({ value: x, label: t(`list.queues.${x}`) }))}
              value={queue}
              onChange={(v) => {
                setQueue(v);
                setSearch(q);
                setPage(1);
              }}
            />
          )}
          <Button type="submit" variant="light">
            {t('list.searchButton')}
          </Button>
        </Group>
      </form>
      <QueryState isPending={tickets.isPending} error={tickets.error} />
      {tickets.data && (
        <Stack>
          <Group justify="space-between" align="center">
            <Text size="sm" role="status">
              {t(tickets.data.totalCapped ? 'list.countCapped' : 'list.count', {
                count: tickets.data.total,
                n: tickets.data.total.toLocaleString(i18n.language),
              })}
            </Text>
            {tickets.data.total > 0 && (
              <Group gap="xs">
                <Button component="a" variant="default" size="xs" href={exportUrl('xlsx')} download>
                  {t('list.exportXlsx')}
                </Button>
                <Button component="a" variant="default" size="xs" href={exportUrl('csv')} download>
                  {t('list.exportCsv')}
                </Button>
              </Group>
            )}
          </Group>
          <TicketTable items={tickets.data.items} showCommune={me.communeId ? undefined : communeName} />
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': t(`list.${control}`) })}
            />
          )}
        </Stack>
      )}
    </Page>
  );
}
