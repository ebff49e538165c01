import { useState } from 'react';
import { Button, Checkbox, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Commune, User } from '../../api/types';
import { Page } from '../../ui/Page';
import { notifyError, notifySuccess, QueryState } from '../../ui/feedback';
import { useCommunes } from '../communes/api';
import { useSetAssignments, useUsers } from './users-api';

/** Administration: which communes each provider staff member is assigned to. */
export function AdminAssignmentsPage() {
  const { t } = useTranslation();
  const communes = useCommunes();
  const users = useUsers({ limit: 500, offset: 0 });
  // Provider staff are the users without a commune of their own.
  const staff = (users.data?.items ?? []).filter((u) => u.communeId === null);
  const ready = communes.data && users.data;

  return (
    <Page title={t('nav.adminAssignments')} description={t('assignments.description')}>
      {ready ? (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table>
            <Table.Caption className="sr-only">{t('assignments.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('assignments.staff')}</Table.Th>
                {communes.data.items.map((c) => (
                  <Table.Th key={c.id} scope="col" ta="center">
                    {c.name}
                  </Table.Th>
                ))}
                <Table.Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.map((u) => (
                <AssignmentRow
                  key={`${u.id}:${u.assignedCommuneIds.join(',')}`}
                  user={u}
                  communes={communes.data.items}
                />
              ))}
            </Table.Tbody>
          </Table>
          {staff.length === 0 && (
            <Text c="dimmed" p="md">
              {t('assignments.none')}
            </Text>
          )}
        </Paper>
      ) : (
        <QueryState isPending={communes.isPending || users.isPending} error={communes.error ?? users.error} />
      )}
    </Page>
  );
}

function AssignmentRow({ user, communes }: { user: User; communes: Commune[] }) {
  const { t } = useTranslation();
  const save = useSetAssignments();
  const [selected, setSelected] = useState<string[]>(user.assignedCommuneIds);
  const changed =
    selected.length !== user.assignedCommuneIds.length || selected.some((id) => !user.assignedCommuneIds.includes(id));

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        <Text fw={600} size="sm">
          {user.name}
        </Text>
        <Text size="sm" c="dimmed">
          {user.roles.map((r) => t(`roles.${r}`)).join(', ')}
        </Text>
      </Table.Th>
      {communes.map((c) => (
        <Table.Td key={c.id} ta="center">
          <Checkbox
            style={{ display: 'inline-block' }}
            aria-label={t('assignments.assign', { name: user.name, commune: c.name })}
            checked={selected.includes(c.id)}
            disabled={!user.abilities.canEdit}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setSelected((s) => (on ? [...s, c.id] : s.filter((x) => x !== c.id)));
            }}
          />
        </Table.Td>
      ))}
      <Table.Td>
        <Button
          size="xs"
          variant={changed ? 'filled' : 'default'}
          disabled={!changed}
          loading={save.isPending}
          aria-label={t('assignments.saveFor', { name: user.name })}
          onClick={() =>
            save.mutate(
              { id: user.id, communeIds: selected },
              {
                onSuccess: () => notifySuccess(t('assignments.saved', { name: user.name })),
                onError: (e) => notifyError(t, e),
              },
            )
          }
        >
          {t('common.save')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
