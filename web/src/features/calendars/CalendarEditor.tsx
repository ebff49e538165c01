import { useState, type FormEvent } from 'react';
import { Alert, Button, Grid, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { useCommunes } from '../communes/api';
import { useSaveCalendar } from './api';
import { DatesEditor } from './DatesEditor';
import { DeadlinePreview } from './DeadlinePreview';
import { HolidaysPanel } from './HolidaysPanel';
import { WeeklyEditor } from './WeeklyEditor';
import { timeZones } from './format';
import { holidayPresets, type Calendar, type CalendarDraft } from './types';

interface Props {
  /** The calendar being edited; a new one when absent. */
  calendar?: Calendar;
  initial: CalendarDraft;
  onSaved: (c: Calendar) => void;
}

/** The calendar editor: weekly ranges with split days, holiday preset, closures, worked dates, zone; live preview. */
export function CalendarEditor({ calendar, initial, onSaved }: Props) {
  const { t } = useTranslation('calendars');
  const { t: tc } = useTranslation();
  const save = useSaveCalendar();
  const communes = useCommunes();
  const [draft, setDraft] = useState<CalendarDraft>(initial);
  const [communeId, setCommuneId] = useState<string | null>(null);
  const errors = fieldErrors(save.error);
  const set = <K extends keyof CalendarDraft>(k: K, v: CalendarDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const toggleWorked = (date: string) =>
    set(
      'workedDates',
      draft.workedDates.includes(date)
        ? draft.workedDates.filter((x) => x !== date)
        : [...draft.workedDates, date].sort(),
    );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { id: calendar?.id, draft, communeId },
      {
        onSuccess: (c) => {
          notifySuccess(
            calendar ? t('editor.saved', { name: c.name, version: c.version }) : t('editor.created', { name: c.name }),
          );
          onSaved(c);
        },
      },
    );
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <form onSubmit={onSubmit} noValidate aria-label={t('editor.formLabel')}>
          <Stack gap="md">
            {save.error && !Object.keys(errors).length && (
              <Alert color="red" role="alert">
                {errorMessage(tc, save.error)}
              </Alert>
            )}
            {Object.keys(errors).length > 0 && (
              <Alert color="red" role="alert">
                {t('editor.fixErrors')}
              </Alert>
            )}
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Group grow align="flex-start">
                  <TextInput
                    label={t('editor.name')}
                    required
                    value={draft.name}
                    onChange={(e) => set('name', e.currentTarget.value)}
                    error={errors.name}
                    data-autofocus
                  />
                  <Select
                    label={t('editor.timezone')}
                    searchable
                    data={timeZones()}
                    value={draft.timezone}
                    onChange={(v) => v && set('timezone', v)}
                    error={errors.timezone}
                    allowDeselect={false}
                  />
                </Group>
                {!calendar && (
                  <Select
                    label={t('editor.commune')}
                    description={t('editor.communeHelp')}
                    placeholder={t('editor.providerCalendar')}
                    clearable
                    data={(communes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                    value={communeId}
                    onChange={setCommuneId}
                    error={errors.communeId}
                  />
                )}
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="weekly-heading">
              <Title order={2} size="h4" id="weekly-heading" mb="xs">
                {t('editor.weekly')}
              </Title>
              <WeeklyEditor weekly={draft.weekly} onChange={(w) => set('weekly', w)} errors={errors} />
            </Paper>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="holidays-heading">
              <Stack gap="sm">
                <Title order={2} size="h4" id="holidays-heading">
                  {t('editor.holidays')}
                </Title>
                <Select
                  label={t('editor.holidayPreset')}
                  data={holidayPresets.map((p) => ({ value: p, label: t(`presets.${p}`) }))}
                  value={draft.holidays}
                  onChange={(v) => v && set('holidays', v)}
                  allowDeselect={false}
                  error={errors.holidays}
                />
                <HolidaysPanel
                  preset={draft.holidays}
                  workedDates={draft.workedDates}
                  closures={draft.closures}
                  onToggleWorked={toggleWorked}
                />
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="dates-heading">
              <Stack gap="md">
                <Title order={2} size="h4" id="dates-heading">
                  {t('editor.exceptions')}
                </Title>
                <DatesEditor
                  field="closures"
                  label={t('editor.closures')}
                  description={t('editor.closuresHelp')}
                  dates={draft.closures}
                  onChange={(v) => set('closures', v)}
                  errors={errors}
                />
                <DatesEditor
                  field="workedDates"
                  label={t('editor.workedDates')}
                  description={t('editor.workedDatesHelp')}
                  dates={draft.workedDates}
                  onChange={(v) => set('workedDates', v)}
                  errors={errors}
                />
              </Stack>
            </Paper>
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {calendar ? t('editor.save') : t('editor.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <div style={{ position: 'sticky', top: 80 }}>
          <DeadlinePreview draft={draft} timezone={draft.timezone} />
        </div>
      </Grid.Col>
    </Grid>
  );
}
