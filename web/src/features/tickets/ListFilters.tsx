import { Button, Group, MultiSelect, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffOfAnyCommune } from './staff';
import { useCommunes } from '../communes/api';
import { useCategories, useGroups } from './api';
import type { ListView } from './views';

const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
const channels = ['portal', 'email', 'phone', 'walk_in', 'monitoring'] as const;
const subdomains = ['A', 'B', 'C', 'D'] as const;
const slaStates = ['breached', 'at_risk', 'paused'] as const;

/**
 * The ticket list's filters beyond the search box: lists (several values: any of them), the
 * commune, group, assignee and category, created and due days. Each change gives the new view;
 * staff see the provider's filters (commune, group, assignee), requesters the rest.
 */
export function ListFilters({
  view,
  onChange,
  staff,
  multiCommune,
}: {
  view: ListView;
  onChange: (v: ListView) => void;
  staff: boolean;
  multiCommune: boolean;
}) {
  const { t, i18n } = useTranslation(['tickets', 'common']);
  const communes = useCommunes();
  const groups = useGroups();
  const categories = useCategories();
  // The assignee filter's people: asked for when its menu first opens (or a view names one).
  const [peopleWanted, setPeopleWanted] = useState(false);
  const people = useStaffOfAnyCommune(
    view.communeId ? [view.communeId] : (communes.data?.items ?? []).map((c) => c.id),
    staff && (peopleWanted || Boolean(view.assigneeId)),
  );
  const set = (key: string, value: string | null) => onChange({ ...view, [key]: value ?? '' });
  const list = (key: string) => (view[key] ? view[key].split(',') : []);
  const setList = (key: string, values: string[]) => set(key, values.join(','));
  const en = i18n.language === 'en';
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" data-testid="ticket-filters">
      <MultiSelect
        searchable
        label={t('fields.priority')}
        data={[...priorities]}
        value={list('priority')}
        onChange={(v) => setList('priority', v)}
        clearable
      />
      <MultiSelect
        searchable
        label={t('list.filters.sla')}
        data={slaStates.map((s) => ({ value: s, label: t(`list.sla.${s}`) }))}
        value={list('sla')}
        onChange={(v) => setList('sla', v)}
        clearable
      />
      <Select
        label={t('fields.type')}
        data={(['incident', 'request'] as const).map((x) => ({ value: x, label: t(`type.${x}`) }))}
        value={view.type || null}
        onChange={(v) => set('type', v)}
        clearable
      />
      {multiCommune && (
        <Select
          label={t('fields.commune')}
          data={(communes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={view.communeId || null}
          onChange={(v) => set('communeId', v)}
          searchable
          clearable
        />
      )}
      {staff && (
        <Select
          label={t('fields.group')}
          data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={view.groupId || null}
          onChange={(v) => set('groupId', v)}
          clearable
        />
      )}
      {staff && (
        <Select
          label={t('fields.assignee')}
          data={[
            ...(['me', 'none'] as const).map((x) => ({ value: x, label: t(`list.assignee.${x}`) })),
            // People, once the menu is opened (the ones chosen in a saved view are named too).
            ...people.map((u) => ({ value: `user:${u.id}`, label: u.name })),
            ...(view.assigneeId && !people.some((u) => u.id === view.assigneeId)
              ? [{ value: `user:${view.assigneeId}`, label: t('list.assignee.someone') }]
              : []),
          ]}
          value={view.assignee || (view.assigneeId ? `user:${view.assigneeId}` : null)}
          onChange={(v) =>
            onChange({
              ...view,
              assignee: v === 'me' || v === 'none' ? v : '',
              assigneeId: v?.startsWith('user:') ? v.slice(5) : '',
            })
          }
          onDropdownOpen={() => setPeopleWanted(true)}
          searchable
          clearable
        />
      )}
      <Select
        label={t('fields.category')}
        data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: en ? c.labelEn : c.labelFr }))}
        value={view.categoryId || null}
        onChange={(v) => set('categoryId', v)}
        searchable
        clearable
      />
      <MultiSelect
        searchable
        label={t('list.filters.subdomain')}
        data={subdomains.map((s) => ({ value: s, label: t('list.subdomain', { code: s }) }))}
        value={list('subdomain')}
        onChange={(v) => setList('subdomain', v)}
        clearable
      />
      <MultiSelect
        searchable
        label={t('fields.channel')}
        data={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        value={list('channel')}
        onChange={(v) => setList('channel', v)}
        clearable
      />
      {(['createdFrom', 'createdTo', 'dueFrom', 'dueTo'] as const).map((key) => (
        <TextInput
          key={key}
          type="date"
          label={t(`list.filters.${key}`)}
          value={view[key] ?? ''}
          onChange={(e) => set(key, e.currentTarget.value)}
        />
      ))}
      <Group align="flex-end">
        <Button
          variant="subtle"
          onClick={() => onChange({ q: view.q ?? '', status: view.status ?? '', queue: view.queue ?? '' })}
        >
          {t('list.filters.reset')}
        </Button>
      </Group>
    </SimpleGrid>
  );
}
