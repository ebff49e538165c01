import { useState } from 'react';
import {
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/client';
import { errorMessage, notifySuccess, QueryState } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { IconPlus, IconTrash } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { useCommunes } from '../communes/api';
import { useCalendar, useCalendars, useDeleteCalendar } from './api';
import { CalendarEditor } from './CalendarEditor';
import { DeadlinePreview } from './DeadlinePreview';
import { HolidaysPanel } from './HolidaysPanel';
import { newDraft, rangesText, weeklyGroups, weeklyHours } from './format';
import { calendarRoute } from './routes';
import { weekdayKeys, type Calendar, type CalendarDraft } from './types';
import { AnchorLink, ButtonLink } from '../../ui/links';

/** "Lundi – vendredi : 08:30–12:00, 13:00–17:00" lines. */
function WeeklySummary({ calendar }: { calendar: Pick<Calendar, 'weekly'> }) {
  const { t } = useTranslation('calendars');
  return (
    <Stack gap={2}>
      {weeklyGroups(calendar.weekly).map((g) => (
        <Text key={g.from} size="sm">
          <Text span fw={600}>
            {g.from === g.to
              ? t(`weekdays.${g.from}`)
              : t('list.dayRange', { from: t(`weekdays.${g.from}`), to: t(`weekdays.${g.to}`) })}
          </Text>
          {' : '}
          {rangesText(g.ranges)}
        </Text>
      ))}
    </Stack>
  );
}

/** The calendars the user may see; editors create new ones. */
export function CalendarsPage() {
  const { t, i18n } = useTranslation('calendars');
  const me = useMe();
  const calendars = useCalendars();
  const communes = useCommunes();
  const communeName = (id: string | null) =>
    id ? (communes.data?.items.find((c) => c.id === id)?.name ?? '…') : t('list.provider');
  return (
    <Page
      title={t('list.title')}
      description={t('list.description')}
      actions={
        hasPermission(me, 'calendars.manage') && (
          <ButtonLink to="/calendriers/nouveau" leftSection={<IconPlus size={18} />}>
            {t('list.new')}
          </ButtonLink>
        )
      }
    >
      {calendars.data ? (
        calendars.data.items.length ? (
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
            {calendars.data.items.map((c) => (
              <Paper key={c.id} withBorder radius="md" p="md">
                <Stack gap="xs">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <AnchorLink to="/calendriers/$calendarId" params={{ calendarId: c.id }} fw={700} size="lg">
                      {c.name}
                    </AnchorLink>
                    <Badge variant="light" tt="none">
                      {communeName(c.communeId)}
                    </Badge>
                  </Group>
                  <WeeklySummary calendar={c} />
                  <Text size="sm" c="dimmed">
                    {t('list.facts', {
                      hours: weeklyHours(c.weeklyOpeningSeconds, i18n.language),
                      preset: t(`presets.${c.holidays}`),
                      version: c.version,
                    })}
                  </Text>
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        ) : (
          <Text c="dimmed">{t('list.empty')}</Text>
        )
      ) : (
        <QueryState isPending={calendars.isPending} error={calendars.error} />
      )}
    </Page>
  );
}

function Crumbs({ current }: { current: string }) {
  const { t } = useTranslation('calendars');
  const { t: tc } = useTranslation();
  return (
    <Breadcrumbs aria-label={tc('common.breadcrumb')}>
      <AnchorLink to="/calendriers">{t('list.title')}</AnchorLink>
      <Text aria-current="page">{current}</Text>
    </Breadcrumbs>
  );
}

/** A new calendar. */
export function CalendarNewPage() {
  const { t } = useTranslation('calendars');
  const navigate = useNavigate();
  return (
    <Stack gap="md">
      <Crumbs current={t('list.new')} />
      <Page title={t('list.new')} description={t('editor.newDescription')}>
        <CalendarEditor
          initial={newDraft()}
          onSaved={(c) => void navigate({ to: '/calendriers/$calendarId', params: { calendarId: c.id } })}
        />
      </Page>
    </Stack>
  );
}

/** One calendar: the editor for those who may change it, a read-only view with the preview otherwise. */
export function CalendarPage() {
  const { t, i18n } = useTranslation('calendars');
  const { t: tc } = useTranslation();
  const { calendarId } = calendarRoute.useParams();
  const calendar = useCalendar(calendarId);
  const navigate = useNavigate();
  const remove = useDeleteCalendar();
  const [confirm, setConfirm] = useState(false);
  if (!calendar.data) {
    return (
      <Page title={t('list.title')}>
        <QueryState isPending={calendar.isPending} error={calendar.error} />
      </Page>
    );
  }
  const c = calendar.data;
  const draft: CalendarDraft = {
    name: c.name,
    timezone: c.timezone,
    weekly: c.weekly,
    holidays: c.holidays,
    closures: c.closures,
    workedDates: c.workedDates,
  };
  return (
    <Stack gap="md">
      <Crumbs current={c.name} />
      <Page
        title={c.name}
        description={t('view.facts', {
          zone: c.timezone,
          hours: weeklyHours(c.weeklyOpeningSeconds, i18n.language),
          version: c.version,
        })}
        actions={
          c.abilities.canDelete && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={18} />}
              onClick={() => setConfirm(true)}
            >
              {t('view.delete')}
            </Button>
          )
        }
      >
        {c.abilities.canEdit ? (
          <CalendarEditor key={`${c.id}@${c.version}`} calendar={c} initial={draft} onSaved={() => undefined} />
        ) : (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="md">
                <Paper withBorder radius="md" p="md" component="section" aria-labelledby="weekly-heading">
                  <Title order={2} size="h4" id="weekly-heading" mb="xs">
                    {t('editor.weekly')}
                  </Title>
                  <Table>
                    <Table.Tbody>
                      {weekdayKeys.map((d) => (
                        <Table.Tr key={d}>
                          <Table.Th scope="row">{t(`weekdays.${d}`)}</Table.Th>
                          <Table.Td>{c.weekly[d]?.length ? rangesText(c.weekly[d]) : t('editor.closed')}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Paper>
                <Paper withBorder radius="md" p="md" component="section" aria-labelledby="holidays-heading">
                  <Title order={2} size="h4" id="holidays-heading" mb="xs">
                    {t('presets.' + c.holidays)}
                  </Title>
                  <HolidaysPanel preset={c.holidays} workedDates={c.workedDates} closures={c.closures} />
                </Paper>
                {c.closures.length > 0 && (
                  <Paper withBorder radius="md" p="md" component="section" aria-labelledby="closures-heading">
                    <Title order={2} size="h4" id="closures-heading" mb="xs">
                      {t('editor.closures')}
                    </Title>
                    <Text>{c.closures.map((d) => formatDate(d, i18n.language)).join(' · ')}</Text>
                  </Paper>
                )}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <DeadlinePreview calendarId={c.id} timezone={c.timezone} weekly={c.weekly} />
            </Grid.Col>
          </Grid>
        )}
      </Page>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('view.deleteTitle')}>
        <Stack>
          <Text>{t('view.deleteConfirm', { name: c.name })}</Text>
          {remove.error && (
            <Text c="red.9" role="alert">
              {errorMessage(tc, remove.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              {tc('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(c.id, {
                  onSuccess: () => {
                    notifySuccess(t('view.deleted', { name: c.name }));
                    void navigate({ to: '/calendriers' });
                  },
                })
              }
            >
              {tc('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
