import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconPlus, IconTrash } from '../../ui/icons';
import { weekdayKeys, type Weekly, type WeekdayKey } from './types';

interface Props {
  weekly: Weekly;
  onChange: (weekly: Weekly) => void;
  /** Field errors of the last save, keyed like the API's (`weekly.mon.1`). */
  errors: Record<string, string>;
}

/** Weekly opening ranges, split days included: one row per weekday, any number of ranges. */
export function WeeklyEditor({ weekly, onChange, errors }: Props) {
  const { t } = useTranslation('calendars');
  const setDay = (d: WeekdayKey, ranges: Array<[string, string]>) => onChange({ ...weekly, [d]: ranges });
  const setTime = (d: WeekdayKey, i: number, end: 0 | 1, value: string) =>
    setDay(
      d,
      weekly[d].map((r, k) => (k === i ? (end === 0 ? [value, r[1]] : [r[0], value]) : r)),
    );
  // The first range of a day is prefilled with the usual morning; later ones are left to fill in.
  const addRange = (d: WeekdayKey) => setDay(d, [...weekly[d], weekly[d].length ? ['', ''] : ['08:30', '12:00']]);
  const copyMonday = () => onChange({ ...weekly, tue: weekly.mon, wed: weekly.mon, thu: weekly.mon, fri: weekly.mon });

  return (
    <Stack gap="xs">
      <Table verticalSpacing="xs" aria-describedby="weekly-help">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={120}>
              {t('editor.day')}
            </Table.Th>
            <Table.Th scope="col">{t('editor.ranges')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weekdayKeys.map((d) => (
            <Table.Tr key={d}>
              <Table.Th scope="row" fw={600}>
                {t(`weekdays.${d}`)}
              </Table.Th>
              <Table.Td>
                <Group gap="sm" wrap="wrap" align="flex-start">
                  {weekly[d].length === 0 && (
                    <Text c="dimmed" size="sm" mt={6}>
                      {t('editor.closed')}
                    </Text>
                  )}
                  {weekly[d].map(([a, b], i) => (
                    <Group key={i} gap={4} wrap="nowrap" align="flex-start">
                      <TextInput
                        aria-label={t('editor.rangeStart', { day: t(`weekdays.${d}`), n: i + 1 })}
                        value={a}
                        onChange={(e) => setTime(d, i, 0, e.currentTarget.value)}
                        w={76}
                        maxLength={5}
                        placeholder="08:30"
                        error={errors[`weekly.${d}.${i}`] ?? errors[`weekly.${d}.${i}.0`]}
                      />
                      <Text mt={6} aria-hidden="true">
                        –
                      </Text>
                      <TextInput
                        aria-label={t('editor.rangeEnd', { day: t(`weekdays.${d}`), n: i + 1 })}
                        value={b}
                        onChange={(e) => setTime(d, i, 1, e.currentTarget.value)}
                        w={76}
                        maxLength={5}
                        placeholder="12:00"
                        error={errors[`weekly.${d}.${i}.1`] ? errors[`weekly.${d}.${i}.1`] : undefined}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={4}
                        aria-label={t('editor.removeRange', { day: t(`weekdays.${d}`), n: i + 1 })}
                        onClick={() =>
                          setDay(
                            d,
                            weekly[d].filter((_, k) => k !== i),
                          )
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  ))}
                  <ActionIcon
                    variant="light"
                    mt={4}
                    aria-label={t('editor.addRange', { day: t(`weekdays.${d}`) })}
                    onClick={() => addRange(d)}
                  >
                    <IconPlus size={16} />
                  </ActionIcon>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Text id="weekly-help" size="sm" c="dimmed">
          {t('editor.weeklyHelp')}
        </Text>
        <Button variant="default" size="xs" onClick={copyMonday}>
          {t('editor.copyMonday')}
        </Button>
      </Group>
      {errors.weekly && (
        <Text c="red.9" size="sm" role="alert">
          {errors.weekly}
        </Text>
      )}
    </Stack>
  );
}
