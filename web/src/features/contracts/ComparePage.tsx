import { Badge, Group, Select, Table, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/feedback';
import { useCommune } from '../communes/api';
import { useComparison, useVersions, type Change } from './api';
import { validityText, withDefaultBase } from './format';
import { compareRoute } from './routes';
import { AnchorLink } from '../../ui/links';

const opColor = { added: 'green', removed: 'red', changed: 'orange' } as const;

/** A value of the comparison as text: strings as they are, other values as compact JSON. */
function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.length === 0) return '—';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(' · ');
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') {
    const items =
      'items' in v && Array.isArray(v.items) ? v.items.filter((x): x is string => typeof x === 'string') : [];
    return [v.text, ...items.map((x) => `• ${x}`)].join('\n');
  }
  return JSON.stringify(v, null, 1);
}

/** Comparison of two annex versions, item by item; additions, removals and changes are labelled in words. */
export function ComparePage() {
  const { t, i18n } = useTranslation('contracts');
  const { communeId } = compareRoute.useParams();
  const search = compareRoute.useSearch();
  const versions = useVersions(communeId, 'numerique');
  // Opened from one version only (a draft amendment's "compare"): against the last signed one before it.
  const { from, to } = withDefaultBase(versions.data?.items ?? [], search);
  const navigate = useNavigate();
  const commune = useCommune(communeId);
  const cmp = useComparison(from, to);
  const options = (versions.data?.items ?? []).map((v) => ({
    value: v.id,
    label: `${t('version', { version: v.version })} — ${v.status === 'draft' ? t('status.draft') : validityText(t, v, i18n.language)}`,
  }));
  const set = (key: 'from' | 'to', value: string | null) =>
    void navigate({
      to: '/contrats/$communeId/comparer',
      params: { communeId },
      search: () => ({ from, to, [key]: value ?? undefined }),
    });

  return (
    <Page
      title={t('compare.title', { name: commune.data?.name ?? '' })}
      description={
        <AnchorLink to="/contrats/$communeId" params={{ communeId }}>
          {t('compare.back')}
        </AnchorLink>
      }
    >
      <Group align="flex-end">
        <Select
          label={t('compare.from')}
          data={options}
          value={from ?? null}
          onChange={(v) => set('from', v)}
          allowDeselect={false}
          w={400}
        />
        <Select
          label={t('compare.to')}
          data={options}
          value={to ?? null}
          onChange={(v) => set('to', v)}
          allowDeselect={false}
          w={400}
        />
      </Group>
      <QueryState
        isPending={versions.isPending || (cmp.isPending && cmp.fetchStatus !== 'idle')}
        error={versions.error ?? cmp.error}
      />
      {cmp.data && (
        <>
          <Text role="status">{t('compare.count', { count: cmp.data.total })}</Text>
          <Table.ScrollContainer minWidth={900}>
            <Table withTableBorder withColumnBorders verticalSpacing="xs" fz="sm">
              <Table.Caption>
                {t('compare.caption', { from: cmp.data.from.version, to: cmp.data.to.version })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {(['op', 'section', 'item', 'field', 'before', 'after'] as const).map((c) => (
                    <Table.Th scope="col" key={c}>
                      {t(`compare.col.${c}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cmp.data.changes.map((c: Change, i) => (
                  <Table.Tr key={i} data-op={c.op}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge color={opColor[c.op]} variant="light" style={{ overflow: 'visible' }}>
                        {t(`compare.op.${c.op}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{t(`compare.section.${c.section}`)}</Table.Td>
                    <Table.Th scope="row" fw="normal">
                      {c.key}
                    </Table.Th>
                    <Table.Td>{c.field ? t(`compare.field.${c.field}`, { defaultValue: c.field }) : ''}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                      {c.op === 'added' ? '' : <del>{show(c.before)}</del>}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                      {c.op === 'removed' ? '' : <ins>{show(c.after)}</ins>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Page>
  );
}
