import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/client';
import { errorMessage, fieldErrors } from '../../ui/feedback';
import { findByReference, useBulkMerge, useBulkTransition } from './api';
import { statuses, type BulkMergeResult, type BulkTransitionResult, type Status, type TicketSummary } from './types';

/** What a bulk action needs of a selected ticket. */
export type BulkTicket = Pick<TicketSummary, 'id' | 'reference'>;

/** The last action's summary: what changed, what was skipped and why. */
type Summary = { kind: 'transition'; result: BulkTransitionResult } | { kind: 'merge'; result: BulkMergeResult };

/** Statuses a ticket may be moved to (`new` is where tickets start, never a target). */
const targets = statuses.filter((s) => s !== 'new');

/**
 * Bulk actions on the selected tickets of a list (staff with tickets.work): change their status,
 * or merge them into one of them (or into a ticket given by its reference). Each ticket is handled
 * on its own by the server; the summary below says, ticket by ticket, what changed and why the
 * others were left as they were. `onDone` runs after each action (e.g. to clear the selection);
 * the summary stays until closed or the next action.
 */
export function BulkActions({ selected, onDone }: { selected: readonly BulkTicket[]; onDone: () => void }) {
  const { t } = useTranslation(['tickets', 'common']);
  const me = useMe();
  const [to, setTo] = useState<Status | null>(null);
  const [comment, setComment] = useState('');
  const [targetId, setTargetId] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const [referenceError, setReferenceError] = useState<string | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const transition = useBulkTransition();
  const merge = useBulkMerge();
  const [looking, setLooking] = useState(false);

  if (!hasPermission(me, 'tickets.work')) return null;
  if (!selected.length && !summary) return null;

  const moveErrors = fieldErrors(transition.error);
  const mergeErrors = fieldErrors(merge.error);
  // The target chosen among the selected tickets, if it is still selected.
  const chosenTarget = selected.find((x) => x.id === targetId) ?? null;
  const typedReference = reference.trim();

  const applyTransition = () => {
    if (!to) return;
    setSummary(null);
    merge.reset();
    transition.mutate(
      { ids: selected.map((x) => x.id), to, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      {
        onSuccess: (result) => {
          setSummary({ kind: 'transition', result });
          setComment('');
          onDone();
        },
      },
    );
  };

  const applyMerge = async () => {
    setSummary(null);
    setReferenceError(null);
    transition.reset();
    let into: BulkTicket | null = chosenTarget;
    if (!into && typedReference) {
      setLooking(true);
      try {
        into = await findByReference(typedReference);
      } catch (err) {
        setReferenceError(errorMessage(t, err));
        return;
      } finally {
        setLooking(false);
      }
      if (!into) {
        setReferenceError(t('bulk.merge.unknownReference', { reference: typedReference }));
        return;
      }
    }
    if (!into) return;
    const intoId = into.id;
    const ids = selected.map((x) => x.id).filter((id) => id !== intoId);
    if (!ids.length) {
      setReferenceError(t('bulk.merge.nothingElse'));
      return;
    }
    merge.mutate(
      { ids, intoId },
      {
        onSuccess: (result) => {
          setSummary({ kind: 'merge', result });
          setTargetId(null);
          setReference('');
          onDone();
        },
      },
    );
  };

  const mergeCount = chosenTarget ? selected.length - 1 : selected.length;
  const mergeInto = chosenTarget?.reference ?? typedReference;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="bulk-actions-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="bulk-actions-title">
          {selected.length ? t('bulk.title', { count: selected.length }) : t('bulk.titleNone')}
        </Title>

        {selected.length > 0 && (
          <>
            <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
              <Text component="legend" fw={600}>
                {t('bulk.status.legend')}
              </Text>
              <Group align="flex-end" wrap="wrap">
                <Select
                  label={t('bulk.status.to')}
                  placeholder={t('bulk.status.choose')}
                  data={targets.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                  value={to}
                  onChange={setTo}
                  error={moveErrors.to}
                  allowDeselect={false}
                />
                <Textarea
                  label={t('bulk.status.comment')}
                  description={t('bulk.status.commentHelp')}
                  value={comment}
                  onChange={(e) => setComment(e.currentTarget.value)}
                  error={moveErrors.comment}
                  autosize
                  minRows={1}
                  maxRows={4}
                  style={{ flex: 1, minWidth: 240 }}
                />
                <Button disabled={!to} loading={transition.isPending} onClick={applyTransition}>
                  {t('bulk.status.apply', { count: selected.length })}
                </Button>
              </Group>
              {transition.error && !moveErrors.to && !moveErrors.comment && (
                <Alert color="red" role="alert">
                  {moveErrors.ids ?? errorMessage(t, transition.error)}
                </Alert>
              )}
            </Stack>

            <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
              <Text component="legend" fw={600}>
                {t('bulk.merge.legend')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('bulk.merge.help')}
              </Text>
              <Group align="flex-end" wrap="wrap">
                <Select
                  label={t('bulk.merge.target')}
                  placeholder={t('bulk.merge.chooseTarget')}
                  data={selected.map((x) => ({ value: x.id, label: x.reference }))}
                  value={chosenTarget?.id ?? null}
                  onChange={(v) => {
                    setTargetId(v);
                    if (v) setReference('');
                    setReferenceError(null);
                  }}
                  clearable
                  searchable
                />
                <TextInput
                  label={t('bulk.merge.reference')}
                  placeholder={t('links.referenceExample')}
                  value={reference}
                  onChange={(e) => {
                    setReference(e.currentTarget.value);
                    if (e.currentTarget.value) setTargetId(null);
                    setReferenceError(null);
                  }}
                  error={referenceError ?? mergeErrors.intoId}
                />
                <Button
                  color="orange"
                  disabled={!chosenTarget && !typedReference}
                  loading={merge.isPending || looking}
                  onClick={() => void applyMerge()}
                >
                  {mergeInto
                    ? t('bulk.merge.applyInto', { count: mergeCount, reference: mergeInto })
                    : t('bulk.merge.apply')}
                </Button>
              </Group>
              {merge.error && !mergeErrors.intoId && (
                <Alert color="red" role="alert">
                  {mergeErrors.ids ?? errorMessage(t, merge.error)}
                </Alert>
              )}
            </Stack>
          </>
        )}

        {summary && <BulkSummary summary={summary} onClose={() => setSummary(null)} />}
      </Stack>
    </Paper>
  );
}

/** The summary of the last action, announced to screen readers. */
function BulkSummary({ summary, onClose }: { summary: Summary; onClose: () => void }) {
  const { t } = useTranslation(['tickets', 'common']);
  const r = summary.result;
  const done = summary.kind === 'transition' ? summary.result.changed : summary.result.merged;
  const headline =
    summary.kind === 'transition'
      ? t('bulk.summary.changed', { count: done, status: t(`status.${summary.result.items[0]?.to ?? 'new'}`) })
      : t('bulk.summary.merged', { count: done, reference: summary.result.into.reference });
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-body)" role="status" aria-live="polite">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Title order={3} size="h5">
            {t('bulk.summary.title')}
          </Title>
          <Text>{headline}</Text>
          {r.skipped > 0 && <Text c="orange.8">{t('bulk.summary.skipped', { count: r.skipped })}</Text>}
        </Stack>
        <CloseButton onClick={onClose} aria-label={t('bulk.summary.close')} />
      </Group>
      <Table mt="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('fields.reference')}</Table.Th>
            <Table.Th scope="col">{t('bulk.summary.outcome')}</Table.Th>
            <Table.Th scope="col">{t('bulk.summary.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{item.reference ?? t('bulk.summary.unknownTicket')}</Table.Td>
              <Table.Td>
                <Badge color={item.outcome === 'skipped' ? 'orange' : 'green'} variant="light">
                  {t(`bulk.outcome.${item.outcome}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {item.outcome === 'skipped'
                  ? t(`bulk.reason.${item.reason ?? 'conflict'}`, {
                      from: item.from ? t(`status.${item.from}`) : '',
                    })
                  : summary.kind === 'transition'
                    ? t('bulk.summary.fromTo', {
                        from: item.from ? t(`status.${item.from}`) : '',
                        to: t(`status.${'to' in item ? item.to : 'closed'}`),
                      })
                    : t('bulk.summary.mergedInto', { reference: summary.result.into.reference })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
