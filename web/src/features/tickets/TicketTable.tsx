import type { ReactNode } from 'react';
import { Badge, Checkbox, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { budgetUsed, nextDeadline, priorityColor, remainingText, urgencyOf, urgencyStyle } from './format';
import type { TicketSummary } from './types';
import { AnchorLink } from '../../ui/links';

export type TicketSort = { key: string; order: 'asc' | 'desc' };

/** A column header that sorts the list by `sortKey` (aria-sort says how it is sorted now). */
function SortTh({
  label,
  sortKey,
  sort,
  onSort,
}: {
  label: ReactNode;
  sortKey: string;
  sort?: TicketSort;
  onSort?: (key: string) => void;
}) {
  const { t } = useTranslation('tickets');
  if (!onSort) return <Table.Th scope="col">{label}</Table.Th>;
  const active = sort?.key === sortKey;
  return (
    <Table.Th scope="col" aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton
        onClick={() => onSort(sortKey)}
        fw={700}
        fz="sm"
        className="nowrap"
        title={t('list.sortBy')}
        data-sort={sortKey}
      >
        {label}
        <span aria-hidden="true">{active ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </UnstyledButton>
    </Table.Th>
  );
}

/** The ticket list: reference, title, status, priority, remaining business time; optional selection and sorting. */
export function TicketTable({
  items,
  selected,
  onSelect,
  showCommune,
  sort,
  onSort,
}: {
  items: TicketSummary[];
  selected?: Set<string>;
  onSelect?: (id: string, on: boolean) => void;
  showCommune?: (id: string) => string;
  sort?: TicketSort;
  onSort?: (key: string) => void;
}) {
  const { t, i18n } = useTranslation(['tickets', 'common']);
  const th = (label: string, sortKey: string) => <SortTh label={label} sortKey={sortKey} sort={sort} onSort={onSort} />;
  if (!items.length) return <Text>{t('list.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover>
        <caption className="sr-only">{t('list.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            {onSelect && (
              <Table.Th scope="col">
                <span className="sr-only">{t('list.select')}</span>
              </Table.Th>
            )}
            {th(t('fields.reference'), 'reference')}
            <Table.Th scope="col">{t('fields.title')}</Table.Th>
            {showCommune && <Table.Th scope="col">{t('fields.commune')}</Table.Th>}
            {th(t('fields.status'), 'status')}
            {th(t('fields.priority'), 'priority')}
            <Table.Th scope="col">{t('fields.assignee')}</Table.Th>
            {th(t('fields.remaining'), 'resolveDueAt')}
            {th(t('fields.createdAt'), 'createdAt')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((x) => {
            const next = nextDeadline(x);
            const urgency = urgencyOf(next.remaining, next.budget, x.priority);
            const used = budgetUsed(next.remaining, next.budget);
            const style = urgencyStyle[urgency];
            const p1 = x.priority === 'P1';
            return (
              <Table.Tr key={x.id} className={p1 ? 'ticket-row-p1' : undefined} data-urgency={urgency}>
                {onSelect && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t('list.selectOne', { reference: x.reference })}
                      checked={selected?.has(x.id) ?? false}
                      onChange={(e) => onSelect(x.id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td className="nowrap">
                  <AnchorLink
                    to="/demandes/$ticketId"
                    params={{ ticketId: x.id }}
                    fw={p1 ? 700 : undefined}
                    className="ticket-ref"
                  >
                    {x.reference}
                  </AnchorLink>
                </Table.Td>
                <Table.Td fw={p1 ? 600 : undefined}>{x.title}</Table.Td>
                {showCommune && <Table.Td>{showCommune(x.communeId)}</Table.Td>}
                <Table.Td>
                  <Badge variant="light" tt="none">
                    {t(`status.${x.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge color={priorityColor[x.priority]} variant={p1 ? 'filled' : 'light'} tt="none">
                    {x.priority}
                  </Badge>
                </Table.Td>
                <Table.Td>{x.assigneeName ?? '—'}</Table.Td>
                <Table.Td miw={150}>
                  <Badge variant={style.variant} color={style.color} tt="none">
                    {remainingText(t, next.remaining)}
                  </Badge>
                  {next.remaining !== null && (
                    <Text size="xs" mt={2}>
                      {t(next.which === 'ack' ? 'remaining.beforeAck' : 'remaining.beforeResolve')}
                      {used !== null && used <= 1
                        ? ` · ${t('remaining.used', { percent: Math.round(used * 100) })}`
                        : ''}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="nowrap">{formatDateTime(x.createdAt, i18n.language)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
