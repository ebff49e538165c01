import { useState } from 'react';
import { Button, Code, Group, Pagination, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api/client';
import type { AuditRecord, Page as ApiPage } from '../../api/types';
import { formatDateTime } from '../../ui/format';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/feedback';
import { useCommunes } from '../communes/api';
import { useUsers } from './users-api';

const PAGE_SIZE = 25;

/** Administration: the audit trail, newest first, filtered by commune, author, object type and dates; exported as CSV or XLSX. */
export function AdminAuditPage() {
  const { t, i18n } = useTranslation();
  const communes = useCommunes();
  const users = useUsers({ limit: 500, offset: 0 });
  const [communeId, setCommuneId] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [targetType, setTargetType] = useState('');
  const [debouncedType] = useDebouncedValue(targetType, 300);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const filters = {
    communeId: communeId ?? undefined,
    actorId: actorId ?? undefined,
    targetType: debouncedType.trim() || undefined,
    from: from || undefined,
    to: to || undefined,
  };
  const query = { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const exportUrl = (format: 'csv' | 'xlsx') =>
    withQuery('/api/v1/audit/export', { ...filters, format, lang: i18n.language === 'en' ? 'en' : 'fr' });
  const audit = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<ApiPage<AuditRecord>>('/audit', query),
    placeholderData: keepPreviousData,
  });
  const communeName = (id: string | null) => (id ? (communes.data?.items.find((c) => c.id === id)?.name ?? '—') : '—');

  return (
    <Page
      title={t('nav.adminAudit')}
      description={audit.data ? t('audit.count', { count: audit.data.total }) : t('audit.description')}
    >
      <Paper
        withBorder
        p="md"
        radius="md"
        component="form"
        role="search"
        aria-label={t('audit.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <Group grow align="flex-end">
          <Select
            label={t('audit.commune')}
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
            label={t('audit.actor')}
            placeholder={t('common.all')}
            clearable
            searchable
            data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            value={actorId}
            onChange={(v) => {
              setActorId(v);
              setPage(1);
            }}
          />
          <TextInput
            label={t('audit.targetType')}
            placeholder={t('audit.targetTypeHelp')}
            value={targetType}
            onChange={(e) => {
              setTargetType(e.currentTarget.value);
              setPage(1);
            }}
          />
          <TextInput
            type="date"
            label={t('audit.from')}
            value={from}
            max={to || undefined}
            onChange={(e) => {
              setFrom(e.currentTarget.value);
              setPage(1);
            }}
          />
          <TextInput
            type="date"
            label={t('audit.to')}
            value={to}
            min={from || undefined}
            onChange={(e) => {
              setTo(e.currentTarget.value);
              setPage(1);
            }}
          />
        </Group>
        <Group mt="sm" gap="xs">
          <Button component="a" variant="default" size="xs" href={exportUrl('xlsx')} download>
            {t('audit.exportXlsx')}
          </Button>
          <Button component="a" variant="default" size="xs" href={exportUrl('csv')} download>
            {t('audit.exportCsv')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('audit.exportHelp')}
          </Text>
        </Group>
      </Paper>
      {audit.data ? (
        <>
          <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
            <Table>
              <Table.Caption className="sr-only">{t('nav.adminAudit')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.at')}</Table.Th>
                  <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.commune')}</Table.Th>
                  <Table.Th scope="col">{t('audit.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.target')}</Table.Th>
                  <Table.Th scope="col">{t('audit.changes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audit.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(a.at, i18n.language)}</Table.Td>
                    <Table.Td>{a.actorLabel}</Table.Td>
                    <Table.Td>{communeName(a.communeId)}</Table.Td>
                    <Table.Td>
                      {/* In words; the code (for the API and the logs) on hover only. */}
                      <Text size="sm" title={a.action}>
                        {t(`auditActions.${a.action}`, { defaultValue: a.action })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.targetType}</Text>
                      {a.targetId && (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {a.targetId}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Changes value={a.changes} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {audit.data.items.length === 0 && (
              <Text c="dimmed" p="md">
                {t('audit.none')}
              </Text>
            )}
          </Paper>
          {audit.data.total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(audit.data.total / PAGE_SIZE)}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': t(`common.page.${control}`) })}
              getItemProps={(p) => ({ 'aria-label': t('common.page.number', { page: p }) })}
            />
          )}
        </>
      ) : (
        <QueryState isPending={audit.isPending} error={audit.error} />
      )}
    </Page>
  );
}

/** The recorded change, folded (a native disclosure: keyboard and screen-reader friendly). */
function Changes({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0))
    return <Text size="sm">—</Text>;
  return (
    <details>
      <summary style={{ cursor: 'pointer' }}>
        <Text span size="sm">
          {t('audit.showChanges')}
        </Text>
      </summary>
      <Code block mt={4} style={{ maxWidth: 420, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {JSON.stringify(value, null, 2)}
      </Code>
    </details>
  );
}
