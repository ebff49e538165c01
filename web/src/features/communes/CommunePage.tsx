import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, hasPermission, useMe } from '../../api/client';
import { NotFoundPage } from '../../routes/NotFoundPage';
import type { Entity, Page as ApiPage, User } from '../../api/types';
import { IconPencil, IconPlus, IconTrash } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { errorMessage, notifySuccess, QueryState } from '../../ui/feedback';
import { useCommune, useDeleteEntity, useEntities } from './api';
import { EntityFormModal } from './EntityForm';
import { communeRoute } from './routes';
import { AnchorLink, ButtonLink } from '../../ui/links';

/** One commune: its identity, its sub-entities (managed here) and its people. */
export function CommunePage() {
  const { t } = useTranslation();
  const { communeId } = communeRoute.useParams();
  const commune = useCommune(communeId);
  const me = useMe();
  // Outside the user's scope the API answers 404, as for a commune that does not exist.
  if (commune.error instanceof ApiError && commune.error.status === 404) return <NotFoundPage />;
  if (!commune.data) {
    return (
      <Page title={t('communes.title')}>
        <QueryState isPending={commune.isPending} error={commune.error} />
      </Page>
    );
  }
  const c = commune.data;
  return (
    <Stack gap="md">
      <Breadcrumbs aria-label={t('common.breadcrumb')}>
        <AnchorLink to="/communes">{t('communes.title')}</AnchorLink>
        <Text aria-current="page">{c.name}</Text>
      </Breadcrumbs>
      <Page
        title={c.name}
        description={[
          c.inseeCode ? t('communes.insee', { code: c.inseeCode }) : null,
          t('communes.slugValue', { slug: c.slug }),
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          hasPermission(me, 'escalation_directory.read') ? (
            <ButtonLink to="/annuaire-escalade/$communeId" params={{ communeId: c.id }} variant="default">
              {t('escalations:directory.open')}
            </ButtonLink>
          ) : undefined
        }
      >
        <Entities communeId={c.id} canEdit={c.abilities.canEdit} />
        <People communeId={c.id} />
      </Page>
    </Stack>
  );
}

function Entities({ communeId, canEdit }: { communeId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const entities = useEntities(communeId);
  const remove = useDeleteEntity();
  const [editing, setEditing] = useState<Entity | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Entity | null>(null);
  const items = entities.data?.items ?? [];
  const nameOf = (id: string | null) => items.find((e) => e.id === id)?.name;

  return (
    <section aria-labelledby="entities-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="entities-heading">
          {t('communes.entities')}
        </Title>
        {canEdit && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
            {t('communes.addEntity')}
          </Button>
        )}
      </Group>
      {entities.data ? (
        items.length ? (
          <Paper withBorder radius="md">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('communes.entityName')}</Table.Th>
                  <Table.Th scope="col">{t('communes.entityKind')}</Table.Th>
                  <Table.Th scope="col">{t('communes.entityParent')}</Table.Th>
                  {canEdit && (
                    <Table.Th scope="col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td fw={600}>{e.name}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" radius="sm" tt="none">
                        {t(`entityKinds.${e.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{nameOf(e.parentId) ?? '—'}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('communes.editEntity', { name: e.name })}
                            onClick={() => setEditing(e)}
                          >
                            <IconPencil size={18} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('communes.deleteEntity', { name: e.name })}
                            onClick={() => setDeleting(e)}
                          >
                            <IconTrash size={18} />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        ) : (
          <Text c="dimmed">{t('communes.noEntities')}</Text>
        )
      ) : (
        <QueryState isPending={entities.isPending} error={entities.error} />
      )}
      <EntityFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        communeId={communeId}
        entity={editing === 'new' || editing === null ? undefined : editing}
        siblings={items}
      />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('communes.deleteEntityTitle')}>
        <Stack>
          <Text>{t('communes.deleteEntityConfirm', { name: deleting?.name })}</Text>
          {remove.error && (
            <Text c="red.9" role="alert">
              {errorMessage(t, remove.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                deleting &&
                remove.mutate(deleting.id, {
                  onSuccess: () => {
                    notifySuccess(t('communes.entityDeleted', { name: deleting.name }));
                    setDeleting(null);
                  },
                })
              }
            >
              {t('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </section>
  );
}

/** The commune's users, for those who may read them. */
function People({ communeId }: { communeId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = hasPermission(me, 'users.read');
  const users = useQuery({
    queryKey: ['users', { communeId }],
    queryFn: () => api.get<ApiPage<User>>('/users', { communeId, limit: 200 }),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <section aria-labelledby="people-heading">
      <Title order={2} size="h3" id="people-heading" mb="sm">
        {t('communes.people')}
      </Title>
      {users.data ? (
        users.data.items.length ? (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {users.data.items.map((u) => (
              <Paper key={u.id} withBorder p="md" radius="md">
                <Text fw={600}>{u.name}</Text>
                <Text size="sm" c="dimmed">
                  {u.roles.map((r) => t(`roles.${r}`)).join(', ')}
                </Text>
                <Text size="sm">{u.email}</Text>
                {u.phone && <Text size="sm">{u.phone}</Text>}
                {!u.active && (
                  <Badge color="gray" variant="light" mt={4}>
                    {t('users.inactive')}
                  </Badge>
                )}
              </Paper>
            ))}
          </SimpleGrid>
        ) : (
          <Text c="dimmed">{t('communes.noPeople')}</Text>
        )
      ) : (
        <QueryState isPending={users.isPending} error={users.error} />
      )}
    </section>
  );
}
