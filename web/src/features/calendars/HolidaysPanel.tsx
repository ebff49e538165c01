import { useState } from 'react';
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { QueryState } from '../../ui/feedback';
import { useHolidays } from './api';
import type { HolidayPreset } from './types';

interface Props {
  preset: HolidayPreset;
  workedDates: string[];
  closures: string[];
  /** Toggle a holiday as worked (e.g. Whit Monday, journée de solidarité); absent when read-only. */
  onToggleWorked?: (date: string) => void;
}

/** The holidays the preset closes this year or next, and which of them the calendar works anyway. */
export function HolidaysPanel({ preset, workedDates, closures, onToggleWorked }: Props) {
  const { t, i18n } = useTranslation('calendars');
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const holidays = useHolidays(preset, Number(year));
  if (preset === 'none')
    return (
      <Text size="sm" c="dimmed">
        {t('holidays.noneHelp')}
      </Text>
    );
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm">{t('holidays.help')}</Text>
        <SegmentedControl
          size="xs"
          aria-label={t('holidays.year')}
          value={year}
          onChange={setYear}
          data={[String(thisYear), String(thisYear + 1)]}
        />
      </Group>
      {holidays.data ? (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('holidays.date')}</Table.Th>
              <Table.Th scope="col">{t('holidays.name')}</Table.Th>
              <Table.Th scope="col">{t('holidays.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {holidays.data.items.map((h) => {
              const worked = workedDates.includes(h.date) && !closures.includes(h.date);
              return (
                <Table.Tr key={h.date}>
                  <Table.Td>{formatDate(h.date, i18n.language)}</Table.Td>
                  <Table.Td>{t(`holidayNames.${h.key}`)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Badge variant={worked ? 'filled' : 'light'} color={worked ? 'teal.8' : 'gray'} tt="none">
                        {worked ? t('holidays.worked') : t('holidays.closed')}
                      </Badge>
                      {onToggleWorked && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => onToggleWorked(h.date)}
                          aria-label={
                            worked
                              ? t('holidays.unmarkWorkedFor', { name: t(`holidayNames.${h.key}`) })
                              : t('holidays.markWorkedFor', { name: t(`holidayNames.${h.key}`) })
                          }
                        >
                          {worked ? t('holidays.unmarkWorked') : t('holidays.markWorked')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : (
        <QueryState isPending={holidays.isPending} error={holidays.error} />
      )}
    </Stack>
  );
}
