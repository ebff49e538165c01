import { useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Page as ListPage, User } from '../../api/types';
import { errorMessage, fieldErrors, notifySuccess, QueryState } from '../../ui/feedback';
import { IconSearch } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { useCommunes } from '../communes/api';
import { useBulkAssign, useGroups, useTickets } from '../tickets/api';
import { BulkActions } from '../tickets/BulkActions';
import { TicketForm } from '../tickets/TicketForm';
import { TicketTable } from '../tickets/TicketTable';
import { useAssignableForCommunes } from '../tickets/staff';

/** Phone entry: find the caller by name or phone; the commune comes with them. */
function PhoneEntry() {
  const { t } = useTranslation(['callcentre', 'common']);
  const navigate = useNavigate();
  const communes = useCommunes();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [caller, setCaller] = useState<User | null>(null);
  const people = useQuery({
    queryKey: ['people', search] as const,
    queryFn: () => api.get<ListPage<User>>('/people', { q: search }),
    enabled: search.length >= 2,
  });
  const communeName = (id: string | null) => communes.data?.items.find((c) => c.id === id)?.name ?? '';
  return (
    <section aria-labelledby="phone-entry">
      <Title order={2} size="h3" id="phone-entry" mb="sm">
        {t('entry.title')}
      </Title>
      <Stack>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('entry.caller')}
              description={t('entry.callerHelp')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              leftSection={<IconSearch size={16} />}
              style={{ flex: 1 }}
            />
            <Button type="submit" variant="light">
              {t('entry.find')}
            </Button>
          </Group>
        </form>
        <QueryState isPending={people.isFetching} error={people.error} />
        {people.data &&
          !caller &&
          (people.data.items.length ? (
            <Stack gap="xs" role="list" aria-label={t('entry.results')}>
              {people.data.items.map((p) => (
                <Paper key={p.id} withBorder p="xs" role="listitem">
                  <Group justify="space-between">
                    <Text>
                      {p.name} · {communeName(p.communeId)} · {p.phone ?? p.email}
                    </Text>
                    <Button size="xs" onClick={() => setCaller(p)} aria-label={t('entry.chooseOne', { name: p.name })}>
                      {t('entry.choose')}
                    </Button>
                  </Group>
                </Paper>
              ))}
            </Stack>
          ) : (
            <Text>{t('entry.nobody')}</Text>
          ))}
        {caller && (
          <Stack>
            <Alert color="blue" title={t('entry.callerChosen')}>
              {caller.name} — {communeName(caller.communeId)}{' '}
              <Button size="xs" variant="subtle" onClick={() => setCaller(null)}>
                {t('entry.change')}
              </Button>
            </Alert>
            <TicketForm
              key={caller.id}
              communeId={caller.communeId ?? undefined}
              requesterId={caller.id}
              channel="phone"
              onCreated={(ticket) => {
                notifySuccess(t('entry.created', { reference: ticket.reference }));
                void navigate({ to: '/demandes/$ticketId', params: { ticketId: ticket.id } });
              }}
            />
          </Stack>
        )}
      </Stack>
    </section>
  );
}

/** The queues with bulk assignment. */
function Queues() {
  const { t, i18n } = useTranslation(['callcentre', 'common']);
  const [queue, setQueue] = useState<string>('unassigned');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [groupId, setGroupId] = useState<string | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const tickets = useTickets({ queue, limit: 100 });
  const groups = useGroups();
  const communes = useCommunes();
  // Assignable: staff of every commune among the selected tickets (of the queue's, before a choice).
  const listed = tickets.data?.items ?? [];
  const chosen = listed.filter((x) => selected.has(x.id));
  const staff = useAssignableForCommunes((chosen.length ? chosen : listed).map((x) => x.communeId));
  const bulk = useBulkAssign();
  const errors = fieldErrors(bulk.error);
  const communeName = (id: string) => communes.data?.items.find((c) => c.id === id)?.name ?? '…';
  return (
    <section aria-labelledby="queues">
      <Title order={2} size="h3" id="queues" mb="sm">
        {t('queues.title')}
      </Title>
      <Tabs
        value={queue}
        onChange={(v) => {
          setQueue(v ?? 'unassigned');
          setSelected(new Set());
        }}
      >
        <Tabs.List>
          {(['mine', 'group', 'unassigned', 'breaching_soon'] as const).map((q) => (
            <Tabs.Tab key={q} value={q}>
              {t(`queues.${q}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Stack mt="md">
        <QueryState isPending={tickets.isPending} error={tickets.error} />
        {tickets.data && (
          <>
            <Text>
              {t(tickets.data.totalCapped ? 'queues.countCapped' : 'queues.count', {
                count: tickets.data.total,
                n: tickets.data.total.toLocaleString(i18n.language),
              })}
            </Text>
            <TicketTable
              items={tickets.data.items}
              selected={selected}
              showCommune={communeName}
              onSelect={(id, on) =>
                setSelected((s) => {
                  const n = new Set(s);
                  if (on) n.add(id);
                  else n.delete(id);
                  return n;
                })
              }
            />
          </>
        )}
        <Paper withBorder p="sm">
          <Group align="flex-end">
            <Select
              label={t('bulk.group')}
              data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
              value={groupId}
              onChange={setGroupId}
              clearable
              error={errors.groupId}
            />
            <Select
              label={t('bulk.assignee')}
              data={staff.map((u) => ({ value: u.id, label: u.name }))}
              value={assigneeId}
              onChange={setAssigneeId}
              clearable
              searchable
              error={errors.assigneeId}
            />
            <Button
              disabled={!selected.size || (!groupId && !assigneeId)}
              loading={bulk.isPending}
              onClick={() =>
                bulk.mutate(
                  { ids: [...selected], ...(groupId ? { groupId } : {}), ...(assigneeId ? { assigneeId } : {}) },
                  {
                    onSuccess: (r) => {
                      setSelected(new Set());
                      notifySuccess(t('bulk.done', { count: r.updated }));
                    },
                  },
                )
              }
            >
              {t('bulk.assign', { count: selected.size })}
            </Button>
          </Group>
          {bulk.error && !errors.groupId && !errors.assigneeId && (
            <Alert mt="sm" color="red" role="alert">
              {errorMessage(t, bulk.error)}
            </Alert>
          )}
        </Paper>
        <BulkActions selected={chosen} onDone={() => setSelected(new Set())} />
      </Stack>
    </section>
  );
}

/** The call-centre console: phone entry, queues with remaining business time, bulk assignment. */
export function CallCentrePage() {
  const { t } = useTranslation(['callcentre', 'common']);
  return (
    <Page title={t('title')} description={t('description')}>
      <Stack gap="xl">
        <PhoneEntry />
        <Queues />
      </Stack>
    </Page>
  );
}
