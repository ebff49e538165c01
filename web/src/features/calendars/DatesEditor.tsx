import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { IconPlus, IconTrash } from '../../ui/icons';

interface Props {
  /** Accessible label of the list and its input (e.g. "Fermetures exceptionnelles"). */
  label: string;
  description: string;
  dates: string[];
  onChange: (dates: string[]) => void;
  /** Field errors keyed like the API's (`closures.0`). */
  errors: Record<string, string>;
  field: 'closures' | 'workedDates';
}

/** A list of local dates (closures or worked dates): add with a date input, remove one by one. */
export function DatesEditor({ label, description, dates, onChange, errors, field }: Props) {
  const { t, i18n } = useTranslation('calendars');
  const [value, setValue] = useState('');
  const add = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    onChange([...new Set([...dates, value])].sort());
    setValue('');
  };
  const problems = Object.entries(errors).filter(([k]) => k === field || k.startsWith(`${field}.`));
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs">
        <TextInput
          type="date"
          label={label}
          description={description}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={add} disabled={!value}>
          {t('editor.addDate')}
        </Button>
      </Group>
      {dates.length ? (
        <Group gap="xs" component="ul" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {dates.map((d) => (
            <li key={d}>
              <Badge
                variant="light"
                size="lg"
                radius="sm"
                tt="none"
                rightSection={
                  <ActionIcon
                    size="xs"
                    variant="transparent"
                    color="dark"
                    aria-label={t('editor.removeDate', { date: formatDate(d, i18n.language) })}
                    onClick={() => onChange(dates.filter((x) => x !== d))}
                  >
                    <IconTrash size={12} />
                  </ActionIcon>
                }
              >
                {formatDate(d, i18n.language)}
              </Badge>
            </li>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('editor.noDates')}
        </Text>
      )}
      {problems.map(([k, m]) => (
        <Text key={k} c="red.9" size="sm" role="alert">
          {m}
        </Text>
      ))}
    </Stack>
  );
}
