import { useState } from 'react';
import { useSearch } from '@tanstack/react-router';
import { Button, Collapse, Group, Pagination, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe, withQuery } from '../../api/client';
import { fieldErrors, QueryState } from '../../ui/feedback';
import { IconPlus, IconSearch } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { useCommunes } from '../communes/api';
import { useTickets } from './api';
import { TicketTable, type TicketSort } from './TicketTable';
import { statuses } from './types';
import { ButtonLink } from '../../ui/links';
import { ListFilters } from './ListFilters';
import { BulkActions } from './BulkActions';
import { SavedViews } from './SavedViews';
import { cleanView, viewKeys, type ListView } from './views';

const PAGE = 25;
const queues = ['mine', 'group', 'unassigned', 'breaching_soon'] as const;

/** The tickets the user may see (a requester: theirs), searchable, by status, paginated. */
export function TicketsPage() {
  const { t, i18n } = useTranslation(['tickets', 'common']);
  const me = useMe();
  const communes = useCommunes();
  // The view on screen: the list's parameters (search, filters, queue, order), as a saved view keeps them.
  // Opened from a link with filters (a home page's count): the list starts with them.
  const initial = useSearch({ from: '/app/demandes' });
  const [view, setViewState] = useState<ListView>(initial);
  const [q, setQ] = useState(initial.q ?? '');
  const [showFilters, setShowFilters] = useState(false);
  const [page, setPage] = useState(1);
  // Tickets ticked for a bulk action (id → reference), kept across pages until the action is done.
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const staff = me.communeId === null && hasPermission(me, 'tickets.work');
  const setView = (v: ListView) => {
    setViewState(v);
    setPage(1);
  };
  const search = view.q ?? '';
  const status = view.status || null;
  const queue = view.queue || null;
  const applied = cleanView(view);
  const tickets = useTickets({ ...applied, limit: PAGE, offset: (page - 1) * PAGE });
  // The export takes the view as it is on screen (filters, search, queue, order), every page of it.
  const exportUrl = (format: 'csv' | 'xlsx') =>
    withQuery('/api/v1/tickets/export', { ...applied, format, lang: i18n.language === 'en' ? 'en' : 'fr' });
  const activeFilters = Object.keys(applied).filter(
    (k) => !['q', 'status', 'queue', 'sort', 'order'].includes(k),
  ).length;
  // A column header: first click sorts that way (dates newest first), a second reverses.
  const onSort = (key: string) =>
    setView({
      ...view,
      sort: key,
      order: view.sort === key ? (view.order === 'asc' ? 'desc' : 'asc') : key === 'createdAt' ? 'desc' : 'asc',
    });
  const sort: TicketSort = view.sort
    ? { key: view.sort, order: view.order === 'asc' ? 'asc' : 'desc' }
    : queue
      ? { key: 'resolveDueAt', order: 'asc' }
      : { key: 'createdAt', order: 'desc' };
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
          setView({ ...view, q });
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('list.search')}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              // An emptied box no longer filters: the list is not left showing the old search.
              if (!e.currentTarget.value.trim() && search) setView({ ...view, q: '' });
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
            // The filters apply to what the search box says now.
            onChange={(v) => setView({ ...view, status: v ?? '', q })}
          />
          {staff && (
            <Select
              label={t('list.queue')}
              description={t('list.queueHelp')}
              clearable
              data={queues.map((x) => ({ value: x, label: t(`list.queues.${x}`) }))}
              value={queue}
              onChange={(v) => setView({ ...view, queue: v ?? '', q })}
            />
          )}
          <Button type="submit" variant="light">
            {t('list.searchButton')}
          </Button>
          <Button
            variant={activeFilters ? 'light' : 'default'}
            onClick={() => setShowFilters((o) => !o)}
            aria-expanded={showFilters}
            aria-controls="ticket-filters"
          >
            {activeFilters ? t('list.filters.buttonActive', { count: activeFilters }) : t('list.filters.button')}
          </Button>
        </Group>
      </form>
      <Collapse expanded={showFilters} id="ticket-filters">
        <ListFilters view={view} onChange={setView} staff={staff} multiCommune={!me.communeId} />
      </Collapse>
      <SavedViews
        view={{ ...view, q: view.q ?? '' }}
        onApply={(v) => {
          const next = Object.fromEntries(viewKeys.map((k) => [k, v[k] ?? '']));
          setQ(next.q ?? '');
          setView(next);
          if (Object.keys(cleanView(next)).some((k) => !['q', 'status', 'queue', 'sort', 'order'].includes(k)))
            setShowFilters(true);
        }}
      />
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
          {staff && (
            <BulkActions
              selected={[...selected].map(([id, reference]) => ({ id, reference }))}
              onDone={() => setSelected(new Map())}
            />
          )}
          <TicketTable
            items={tickets.data.items}
            selected={staff ? new Set(selected.keys()) : undefined}
            onSelect={
              staff
                ? (id, on) =>
                    setSelected((prev) => {
                      const next = new Map(prev);
                      const reference = tickets.data.items.find((x) => x.id === id)?.reference ?? id;
                      if (on) next.set(id, reference);
                      else next.delete(id);
                      return next;
                    })
                : undefined
            }
            showCommune={me.communeId ? undefined : communeName}
            sort={sort}
            onSort={onSort}
          />
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
