import { useState } from 'react';
import { Alert, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../ui/feedback';
import { useDeadline } from './api';
import { formatInZone, isoToLocalInput, localInputToIso } from './format';
import type { CalendarDraft, DeadlineAsk } from './types';

const asks = ['rule', 'PT1H', 'PT4H', 'PT8H', 'PT24H', 'PT40H', 'P1W'] as const;

/**
 * "Un ticket ouvert le … est dû le …": the server computes the deadline, on the draft being edited
 * (editors) or on the saved calendar. Times are read and shown in the calendar's zone.
 */
export function DeadlinePreview({
  calendarId,
  draft,
  timezone,
}: {
  calendarId?: string;
  draft?: CalendarDraft;
  timezone: string;
}) {
  const { t, i18n } = useTranslation('calendars');
  const { t: tc } = useTranslation();
  const [fromLocal, setFromLocal] = useState(() => isoToLocalInput(new Date().toISOString(), timezone));
  const [ask, setAsk] = useState<(typeof asks)[number]>('rule');
  const [debouncedDraft] = useDebouncedValue(draft, 400);
  const from = localInputToIso(fromLocal, timezone);
  const question: DeadlineAsk = ask === 'rule' ? { rule: 'next-business-day-end' } : { duration: ask };
  const deadline = useDeadline({ calendarId, draft: debouncedDraft, from, ask: question });
  const problems = fieldErrors(deadline.error);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="preview-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="preview-heading">
          {t('preview.title')}
        </Title>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="datetime-local"
            label={t('preview.openedAt', { zone: timezone })}
            value={fromLocal}
            onChange={(e) => setFromLocal(e.currentTarget.value)}
            error={problems.from}
          />
          <Select
            label={t('preview.deadline')}
            value={ask}
            onChange={(v) => v && setAsk(v)}
            data={asks.map((a) => ({ value: a, label: t(`preview.asks.${a}`) }))}
            allowDeselect={false}
            w={280}
          />
        </Group>
        <div aria-live="polite" aria-atomic="true">
          {deadline.data && from && !deadline.error ? (
            <Text size="lg">
              {t('preview.sentenceStart', { from: formatInZone(from, timezone, i18n.language) })}{' '}
              <Text span fw={700}>
                {t('preview.sentenceDue', { due: formatInZone(deadline.data.due, timezone, i18n.language) })}
              </Text>
            </Text>
          ) : deadline.error ? (
            <Alert color="orange" variant="light">
              {Object.values(problems)[0] ?? errorMessage(tc, deadline.error)}
            </Alert>
          ) : (
            <Text c="dimmed">{from ? t('preview.computing') : t('preview.pickInstant')}</Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
