import { useState } from 'react';
import { Badge, Button, Group, Pagination, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { roles } from '../../../../src/shared/roles';
import type { User } from '../../api/types';
import { IconPencil, IconPlus, IconSearch } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/feedback';
import { useCommunes } from '../communes/api';
import { UserFormModal } from './UserForm';
import { useUsers } from './users-api';

const PAGE_SIZE = 20;

/** Administration: users, their roles, activation and passwords. */
export function AdminUsersPage() {
  const { t } = useTranslation();
  const communes = useCommunes();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [communeId, setCommuneId] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const users = useUsers({
    q: debouncedQ.trim() || undefined,
    communeId: communeId ?? undefined,
    role: role ?? undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const communeName = (id: string | null) =>
    id ? (communes.data?.items.find((c) => c.id === id)?.name ?? '—') : t('users.provider');

  return (
    <Page
      title={t('nav.adminUsers')}
      description={users.data ? t('users.count', { count: users.data.total }) : undefined}
      actions={
        <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
          {t('users.create')}
        </Button>
      }
    >
      <Paper
        withBorder
        p="md"
        radius="md"
        component="form"
        role="search"
        aria-label={t('users.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <Group grow align="flex-end">
          <TextInput
            label={t('users.search')}
            placeholder={t('users.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setPage(1);
            }}
          />
          <Select
            label={t('users.commune')}
            // « Commune : Toutes » (feminine), not « Tous ».
            placeholder={t('common.allFeminine')}
            clearable
            data={(communes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={communeId}
            onChange={(v) => {
              setCommuneId(v);
              setPage(1);
            }}
          />
          <Select
            label={t('users.role')}
            placeholder={t('common.all')}
            clearable
            data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
          />
        </Group>
      </Paper>
      {users.data ? (
        <>
          <Paper withBorder radius="md">
            <Table>
              <Table.Caption className="sr-only">{t('nav.adminUsers')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.name')}</Table.Th>
                  <Table.Th scope="col">{t('users.roles')}</Table.Th>
                  <Table.Th scope="col">{t('users.commune')}</Table.Th>
                  <Table.Th scope="col">{t('users.status')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {u.name}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {u.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {u.roles.map((r) => (
                          <Badge key={r} variant="light" radius="sm" tt="none">
                            {t(`roles.${r}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{communeName(u.communeId)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={u.active ? 'green' : 'gray'} radius="sm" tt="none">
                        {u.active ? t('users.active') : t('users.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group justify="flex-end">
                        {u.abilities.canEdit && (
                          <Button
                            variant="subtle"
                            size="xs"
                            leftSection={<IconPencil size={16} />}
                            onClick={() => setEditing(u)}
                            aria-label={t('users.edit', { name: u.name })}
                          >
                            {t('common.edit')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {users.data.items.length === 0 && (
              <Text c="dimmed" p="md">
                {t('users.none')}
              </Text>
            )}
          </Paper>
          {users.data.total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(users.data.total / PAGE_SIZE)}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': t(`common.page.${control}`) })}
              getItemProps={(p) => ({ 'aria-label': t('common.page.number', { page: p }) })}
            />
          )}
        </>
      ) : (
        <QueryState isPending={users.isPending} error={users.error} />
      )}
      <UserFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        user={editing === 'new' || editing === null ? undefined : editing}
      />
    </Page>
  );
}
