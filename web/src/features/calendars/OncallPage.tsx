import { useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/client';
import { errorMessage, notifySuccess, QueryState } from '../../ui/feedback';
import { IconPencil, IconPhone, IconPlus, IconTrash } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { useCommunes } from '../communes/api';
import { useDeleteOncall, useOncall } from './api';
import { OncallFormModal } from './OncallForm';
import { weekdayKeys, type OncallPeriod } from './types';

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'fr-FR');
const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/** The weeks (Monday first) covering a month, as dates. */
function monthWeeks(year: number, month: number): Date[][] {
  const first = new Date(year, month, 1);
  const start = new Date(year, month, 1 - ((first.getDay() + 6) % 7));
  const weeks: Date[][] = [];
  for (let w = 0; w < 6; w++) {
    const week = Array.from(
      { length: 7 },
      (_, i) => new Date(start.getFullYear(), start.getMonth(), start.getDate() + w * 7 + i),
    );
    if (w > 0 && week[0]!.getMonth() !== month) break;
    weeks.push(week);
  }
  return weeks;
}

/** On-call rosters (astreintes): a month calendar of the periods and the agents to call. */
export function OncallPage() {
  const { t, i18n } = useTranslation('calendars');
  const { t: tc } = useTranslation();
  const me = useMe();
  const communes = useCommunes();
  const [communeId, setCommuneId] = useState<string | null>(null);
  const [cursor, setCursor] = useState(() => {
    const n = new Date();
    return { year: n.getFullYear(), month: n.getMonth() };
  });
  const [editing, setEditing] = useState<OncallPeriod | 'new' | null>(null);
  const [deleting, setDeleting] = useState<OncallPeriod | null>(null);
  const remove = useDeleteOncall();
  const weeks = useMemo(() => monthWeeks(cursor.year, cursor.month), [cursor]);
  const from = weeks[0]![0]!;
  const lastWeek = weeks[weeks.length - 1]!;
  const to = new Date(lastWeek[6]!.getFullYear(), lastWeek[6]!.getMonth(), lastWeek[6]!.getDate() + 1);
  const periods = useOncall({ communeId, from: from.toISOString(), to: to.toISOString() });
  const canManage = hasPermission(me, 'oncall.manage');
  const fmtTime = new Intl.DateTimeFormat(locale(i18n.language), { hour: '2-digit', minute: '2-digit' });
  const fmtDateTime = new Intl.DateTimeFormat(locale(i18n.language), { dateStyle: 'full', timeStyle: 'short' });
  const monthLabel = new Intl.DateTimeFormat(locale(i18n.language), { month: 'long', year: 'numeric' }).format(
    new Date(cursor.year, cursor.month, 1),
  );
  const communeName = (id: string) => communes.data?.items.find((c) => c.id === id)?.name ?? '';

  const byDay = new Map<string, OncallPeriod[]>();
  for (const p of periods.data?.items ?? []) {
    const s = new Date(p.startsAt);
    const e = new Date(Date.parse(p.endsAt) - 1);
    for (
      let d = new Date(s.getFullYear(), s.getMonth(), s.getDate());
      d <= e;
      d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)
    ) {
      byDay.set(dayKey(d), [...(byDay.get(dayKey(d)) ?? []), p]);
    }
  }
  const shift = (n: number) =>
    setCursor((c) => {
      const d = new Date(c.year, c.month + n, 1);
      return { year: d.getFullYear(), month: d.getMonth() };
    });
  const inMonth = (periods.data?.items ?? []).filter(
    (p) =>
      new Date(p.startsAt) < new Date(cursor.year, cursor.month + 1, 1) &&
      new Date(p.endsAt) > new Date(cursor.year, cursor.month, 1),
  );

  return (
    <Page
      title={t('oncall.title')}
      description={t('oncall.description')}
      actions={
        canManage && (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
            {t('oncall.plan')}
          </Button>
        )
      }
    >
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Button variant="default" onClick={() => shift(-1)} aria-label={t('oncall.previousMonth')}>
            ‹
          </Button>
          <Title
            order={2}
            size="h4"
            aria-live="polite"
            style={{ minWidth: 180, textAlign: 'center', textTransform: 'capitalize' }}
          >
            {monthLabel}
          </Title>
          <Button variant="default" onClick={() => shift(1)} aria-label={t('oncall.nextMonth')}>
            ›
          </Button>
        </Group>
        {(communes.data?.items.length ?? 0) > 1 && (
          <Select
            label={t('oncall.commune')}
            placeholder={t('oncall.allCommunes')}
            clearable
            data={(communes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={communeId}
            onChange={setCommuneId}
            w={240}
          />
        )}
      </Group>
      {periods.error && <QueryState isPending={false} error={periods.error} />}
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table layout="fixed" withColumnBorders aria-label={t('oncall.gridLabel', { month: monthLabel })}>
          <Table.Thead>
            <Table.Tr>
              {weekdayKeys.map((d) => (
                <Table.Th key={d} scope="col">
                  {t(`weekdaysShort.${d}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weeks.map((week) => (
              <Table.Tr key={dayKey(week[0]!)}>
                {week.map((d) => {
                  const items = byDay.get(dayKey(d)) ?? [];
                  return (
                    <Table.Td key={dayKey(d)} style={{ verticalAlign: 'top', height: 84 }}>
                      <Text
                        size="sm"
                        fw={d.getMonth() === cursor.month ? 600 : 400}
                        c={d.getMonth() === cursor.month ? undefined : 'dimmed'}
                      >
                        {d.getDate()}
                      </Text>
                      <Stack gap={2}>
                        {items.map((p) => (
                          <Badge
                            key={p.id}
                            variant="light"
                            radius="sm"
                            tt="none"
                            fullWidth
                            style={{ justifyContent: 'flex-start' }}
                            title={p.name}
                          >
                            {fmtTime.format(new Date(p.startsAt))} {p.name}
                          </Badge>
                        ))}
                      </Stack>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <section aria-labelledby="oncall-list-heading">
        <Title order={2} size="h4" id="oncall-list-heading" mb="sm">
          {t('oncall.listTitle', { month: monthLabel })}
        </Title>
        {periods.data ? (
          inMonth.length ? (
            <Stack gap="sm">
              {inMonth.map((p) => (
                <Paper key={p.id} withBorder radius="md" p="md">
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Stack gap={4}>
                      <Text fw={700}>{p.name}</Text>
                      <Text size="sm">
                        {t('oncall.when', {
                          from: fmtDateTime.format(new Date(p.startsAt)),
                          to: fmtDateTime.format(new Date(p.endsAt)),
                        })}{' '}
                        · {communeName(p.communeId)}
                      </Text>
                      <Group
                        gap="md"
                        component="ul"
                        aria-label={t('oncall.agents')}
                        style={{ listStyle: 'none', padding: 0, margin: 0 }}
                      >
                        {p.agents.map((a) => (
                          <li key={a.id}>
                            <Group gap={4} wrap="nowrap">
                              <IconPhone size={16} />
                              <Text size="sm">
                                <Text span fw={600}>
                                  {a.name}
                                </Text>
                                {a.phone ? ` — ${a.phone}` : ''}
                              </Text>
                            </Group>
                          </li>
                        ))}
                      </Group>
                      {p.belowMinimum && (
                        <Alert color="red" variant="light" p="xs" role="status">
                          {t('oncall.belowMinimum', { count: p.agents.length, minimum: p.minimumAgents })}
                        </Alert>
                      )}
                      {p.notes && (
                        <Text size="sm" c="dimmed">
                          {p.notes}
                        </Text>
                      )}
                    </Stack>
                    {p.abilities.canEdit && (
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('oncall.edit', { name: p.name })}
                          onClick={() => setEditing(p)}
                        >
                          <IconPencil size={18} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('oncall.delete', { name: p.name })}
                          onClick={() => setDeleting(p)}
                        >
                          <IconTrash size={18} />
                        </ActionIcon>
                      </Group>
                    )}
                  </Group>
                </Paper>
              ))}
            </Stack>
          ) : (
            <Text c="dimmed">{t('oncall.empty')}</Text>
          )
        ) : (
          <QueryState isPending={periods.isPending} error={null} />
        )}
      </section>
      <OncallFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        period={editing === 'new' || editing === null ? undefined : editing}
        defaultCommuneId={communeId}
      />
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('oncall.deleteTitle')}>
        <Stack>
          <Text>{t('oncall.deleteConfirm', { name: deleting?.name })}</Text>
          {remove.error && (
            <Text c="red.9" role="alert">
              {errorMessage(tc, remove.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {tc('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                deleting &&
                remove.mutate(deleting.id, {
                  onSuccess: () => {
                    notifySuccess(t('oncall.deleted', { name: deleting.name }));
                    setDeleting(null);
                  },
                })
              }
            >
              {tc('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
