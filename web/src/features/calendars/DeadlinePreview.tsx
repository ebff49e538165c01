import { useState } from 'react';
import { Alert, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../ui/feedback';
import { useDeadline } from './api';
import { formatInZone, isoToLocalInput, localInputToIso, weeklyMinutes } from './format';
import type { CalendarDraft, DeadlineAsk, Weekly } from './types';

const asks = ['rule', 'PT1H', 'PT4H', 'PT8H', 'PT24H', 'PT40H', 'week'] as const;

/**
 * The instant and the question last chosen in this tab: saving a calendar shows its page with a
 * new preview, which starts from them rather than from "now".
 */
const remembered: { fromIso?: string; ask?: (typeof asks)[number] } = {};

/**
 * "Un ticket ouvert le … est dû le …": the server computes the deadline, on the draft being edited
 * (editors) or on the saved calendar. Times are read and shown in the calendar's zone.
 */
export function DeadlinePreview({
  calendarId,
  draft,
  timezone,
  weekly,
}: {
  calendarId?: string;
  draft?: CalendarDraft;
  timezone: string;
  /** The saved calendar's week (the draft's is used when editing). */
  weekly?: Weekly;
}) {
  const { t, i18n } = useTranslation('calendars');
  const { t: tc } = useTranslation();
  const [fromLocal, setFromLocalState] = useState(() =>
    isoToLocalInput(remembered.fromIso ?? new Date().toISOString(), timezone),
  );
  const [ask, setAskState] = useState<(typeof asks)[number]>(remembered.ask ?? 'rule');
  const setFromLocal = (v: string) => {
    setFromLocalState(v);
    remembered.fromIso = localInputToIso(v, timezone) ?? undefined;
  };
  const setAsk = (v: (typeof asks)[number]) => {
    setAskState(v);
    remembered.ask = v;
  };
  const weekMinutes = weeklyMinutes(draft?.weekly ?? weekly);
  const hours = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 }).format(
    weekMinutes / 60,
  );
  const [debouncedDraft] = useDebouncedValue(draft, 400);
  const from = localInputToIso(fromLocal, timezone);
  const question: DeadlineAsk =
    ask === 'rule'
      ? { rule: 'next-business-day-end' }
      : ask === 'week'
        ? { duration: `PT${weekMinutes}M` }
        : { duration: ask };
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
            data={asks
              .filter((a) => a !== 'week' || weekMinutes > 0)
              .map((a) => ({ value: a, label: t(`preview.asks.${a}`, { hours }) }))}
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
