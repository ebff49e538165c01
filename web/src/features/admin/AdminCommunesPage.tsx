import { useState } from 'react';
import { Button, Group, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Commune } from '../../api/types';
import { IconPencil, IconPlus } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/feedback';
import { useCommunes } from '../communes/api';
import { CommuneFormModal } from '../communes/CommuneForm';
import { AnchorLink } from '../../ui/links';

/** Administration: communes (create, edit) and the way to their sub-entities. */
export function AdminCommunesPage() {
  const { t } = useTranslation();
  const communes = useCommunes();
  const [editing, setEditing] = useState<Commune | 'new' | null>(null);
  return (
    <Page
      title={t('nav.adminCommunes')}
      description={t('adminCommunes.description')}
      actions={
        <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
          {t('adminCommunes.create')}
        </Button>
      }
    >
      {communes.data ? (
        <Paper withBorder radius="md">
          <Table>
            <Table.Caption className="sr-only">{t('adminCommunes.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('communes.name')}</Table.Th>
                <Table.Th scope="col">{t('communes.slug')}</Table.Th>
                <Table.Th scope="col">{t('communes.inseeCode')}</Table.Th>
                <Table.Th scope="col">{t('communes.entities')}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {communes.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td fw={600}>{c.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {c.slug}
                    </Text>
                  </Table.Td>
                  <Table.Td>{c.inseeCode ?? '—'}</Table.Td>
                  <Table.Td>
                    <AnchorLink
                      to="/communes/$communeId"
                      params={{ communeId: c.id }}
                      aria-label={t('adminCommunes.manageEntities', { name: c.name })}
                    >
                      {t('communes.entityCount', { count: c.entityCount })}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      {c.abilities.canEdit && (
                        <Button
                          variant="subtle"
                          size="xs"
                          leftSection={<IconPencil size={16} />}
                          onClick={() => setEditing(c)}
                          aria-label={t('adminCommunes.edit', { name: c.name })}
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
        </Paper>
      ) : (
        <QueryState isPending={communes.isPending} error={communes.error} />
      )}
      <CommuneFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        commune={editing === 'new' || editing === null ? undefined : editing}
      />
    </Page>
  );
}
