import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../../../src/shared/roles';
import type { ApiToken, Permission } from '../../api/types';
import { formatDateTime } from '../../ui/format';
import { IconPlus } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { errorMessage, fieldErrors, notifyError, notifySuccess, QueryState } from '../../ui/feedback';
import { useCommunes } from '../communes/api';
import { useCreateToken, useRevokeToken, useTokens } from './tokens-api';

/** Administration: API tokens for integrations (create — secret shown once —, revoke). */
export function AdminTokensPage() {
  const { t, i18n } = useTranslation();
  const tokens = useTokens();
  const communes = useCommunes();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const communeName = (id: string | null) =>
    id ? (communes.data?.items.find((c) => c.id === id)?.name ?? '—') : t('tokens.allCommunes');
  const fmt = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '—');

  return (
    <Page
      title={t('nav.adminTokens')}
      description={t('tokens.description')}
      actions={
        <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      }
    >
      {tokens.data ? (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table>
            <Table.Caption className="sr-only">{t('nav.adminTokens')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tokens.name')}</Table.Th>
                <Table.Th scope="col">{t('tokens.commune')}</Table.Th>
                <Table.Th scope="col">{t('tokens.permissions')}</Table.Th>
                <Table.Th scope="col">{t('tokens.createdAt')}</Table.Th>
                <Table.Th scope="col">{t('tokens.lastUsedAt')}</Table.Th>
                <Table.Th scope="col">{t('tokens.status')}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {k.name}
                    </Text>
                    <Code>{k.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{communeName(k.communeId)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {k.permissions.map((p) => (
                        <Badge key={p} variant="light" radius="sm" tt="none" title={p}>
                          {t(`permissions.${p}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{fmt(k.createdAt)}</Table.Td>
                  <Table.Td>{fmt(k.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={k.revokedAt ? 'gray' : 'green'} radius="sm" tt="none">
                      {k.revokedAt ? t('tokens.revoked') : t('tokens.active')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {!k.revokedAt && (
                      <Button
                        variant="subtle"
                        color="red"
                        size="xs"
                        onClick={() => setRevoking(k)}
                        aria-label={t('tokens.revokeNamed', { name: k.name })}
                      >
                        {t('tokens.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {tokens.data.items.length === 0 && (
            <Text c="dimmed" p="md">
              {t('tokens.none')}
            </Text>
          )}
        </Paper>
      ) : (
        <QueryState isPending={tokens.isPending} error={tokens.error} />
      )}

      <Modal opened={creating} onClose={() => setCreating(false)} title={t('tokens.createTitle')} size="lg">
        {creating && (
          <TokenForm
            onDone={(created) => {
              setCreating(false);
              if (created) setSecret(created);
            }}
          />
        )}
      </Modal>

      <Modal
        opened={secret !== null}
        onClose={() => setSecret(null)}
        title={t('tokens.secretTitle', { name: secret?.name })}
        size="lg"
      >
        <Stack>
          <Alert color="yellow" title={t('tokens.secretOnce')}>
            {t('tokens.secretHelp')}
          </Alert>
          <Code block data-testid="token-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {secret?.token}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret?.token ?? ''}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t('tokens.copied') : t('tokens.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setSecret(null)}>{t('common.close')}</Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('tokens.revokeTitle')}>
        <Stack>
          <Text>{t('tokens.revokeConfirm', { name: revoking?.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() =>
                revoking &&
                revoke.mutate(revoking.id, {
                  onSuccess: () => {
                    notifySuccess(t('tokens.revokedNamed', { name: revoking.name }));
                    setRevoking(null);
                  },
                  onError: (e) => notifyError(t, e),
                })
              }
            >
              {t('tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}

function TokenForm({ onDone }: { onDone: (created: { name: string; token: string } | null) => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const communes = useCommunes();
  const [name, setName] = useState('');
  const [perms, setPerms] = useState<Permission[]>([]);
  const [communeId, setCommuneId] = useState<string | null>(null);
  const [expiresOn, setExpiresOn] = useState('');
  const errors = fieldErrors(create.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // A date typed as YYYY-MM-DD expires at the end of that day, local time.
    const expiresAt = expiresOn ? new Date(`${expiresOn}T23:59:59`).toISOString() : null;
    create.mutate(
      { name, permissions: perms, communeId, expiresAt },
      { onSuccess: (k) => onDone({ name: k.name, token: k.token }) },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {create.error && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(t, create.error)}
          </Alert>
        )}
        <TextInput
          label={t('tokens.name')}
          description={t('tokens.nameHelp')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <MultiSelect
          label={t('tokens.permissions')}
          required
          searchable
          data={permissions.map((p) => ({ value: p, label: t(`permissions.${p}`) }))}
          value={perms}
          onChange={setPerms}
          error={errors.permissions}
        />
        <Group grow align="flex-start">
          <Select
            label={t('tokens.commune')}
            description={t('tokens.communeHelp')}
            placeholder={t('tokens.allCommunes')}
            clearable
            data={(communes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={communeId}
            onChange={setCommuneId}
            error={errors.communeId}
          />
          <TextInput
            label={t('tokens.expiresOn')}
            description={t('tokens.expiresHelp')}
            type="date"
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
            error={errors.expiresAt}
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
