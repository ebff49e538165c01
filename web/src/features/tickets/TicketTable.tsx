import { Badge, Checkbox, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { priorityColor, remainingColor, remainingText } from './format';
import type { TicketSummary } from './types';
import { AnchorLink } from '../../ui/links';

/** The ticket list: reference, title, status, priority, remaining business time; optional selection. */
export function TicketTable({
  items,
  selected,
  onSelect,
  showCommune,
}: {
  items: TicketSummary[];
  selected?: Set<string>;
  onSelect?: (id: string, on: boolean) => void;
  showCommune?: (id: string) => string;
}) {
  const { t, i18n } = useTranslation(['tickets', 'common']);
  if (!items.length) return <Text>{t('list.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover>
        <caption className="visually-hidden">{t('list.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            {onSelect && (
              <Table.Th scope="col">
                <span className="visually-hidden">{t('list.select')}</span>
              </Table.Th>
            )}
            <Table.Th scope="col">{t('fields.reference')}</Table.Th>
            <Table.Th scope="col">{t('fields.title')}</Table.Th>
            {showCommune && <Table.Th scope="col">{t('fields.commune')}</Table.Th>}
            <Table.Th scope="col">{t('fields.status')}</Table.Th>
            <Table.Th scope="col">{t('fields.priority')}</Table.Th>
            <Table.Th scope="col">{t('fields.assignee')}</Table.Th>
            <Table.Th scope="col">{t('fields.remaining')}</Table.Th>
            <Table.Th scope="col">{t('fields.createdAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((x) => {
            const acknowledge = x.remainingBusinessSeconds.acknowledge;
            const remaining = acknowledge !== null ? acknowledge : x.remainingBusinessSeconds.resolve;
            return (
              <Table.Tr key={x.id}>
                {onSelect && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t('list.selectOne', { reference: x.reference })}
                      checked={selected?.has(x.id) ?? false}
                      onChange={(e) => onSelect(x.id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <AnchorLink to="/demandes/$ticketId" params={{ ticketId: x.id }}>
                    {x.reference}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{x.title}</Table.Td>
                {showCommune && <Table.Td>{showCommune(x.communeId)}</Table.Td>}
                <Table.Td>
                  <Badge variant="light" tt="none">
                    {t(`status.${x.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge color={priorityColor[x.priority]} tt="none">
                    {x.priority}
                  </Badge>
                </Table.Td>
                <Table.Td>{x.assigneeName ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" color={remainingColor(remaining)} tt="none">
                    {acknowledge !== null ? `${t('remaining.ack')} · ` : ''}
                    {remainingText(t, remaining)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(x.createdAt, i18n.language)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
