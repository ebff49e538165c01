import { useState } from 'react';
import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { usePhaseList, usePutPhaseList, type PhaseList } from './api';

type Row = PhaseList['phases'][number];

/** A stable key for a phase named by hand: its label without accents, lower-case, `_` between words. */
export function phaseKey(label: string): string {
  return (
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || 'phase'
  );
}

/**
 * The phases a new project starts with (the annex's sub-domain B list by default): the shared
 * service's project managers rename, reorder, add and remove them. Existing projects keep theirs.
 */
export function PhaseListPanel() {
  const { t } = useTranslation(['projects', 'common']);
  const list = usePhaseList();
  const put = usePutPhaseList();
  const [rows, setRows] = useState<Row[] | null>(null);
  const shown = rows ?? list.data?.phases ?? [];
  const errors = fieldErrors(put.error);
  const edit = (next: Row[]) => {
    put.reset();
    setRows(next);
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...shown];
    const [r] = next.splice(i, 1);
    next.splice(i + by, 0, r!);
    edit(next);
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="phase-list-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="phase-list-heading">
          {t('phaseList.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('phaseList.help')}
        </Text>
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {shown.map((r, i) => (
            <li key={`${r.key}-${i}`} style={{ marginBottom: 6 }}>
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  style={{ flex: 1 }}
                  label={t('phaseList.label', { n: i + 1 })}
                  value={r.label}
                  onChange={(e) => {
                    const next = [...shown];
                    next[i] = { ...r, label: e.currentTarget.value };
                    edit(next);
                  }}
                  error={errors[`phases.${i}.label`] ?? errors[`phases.${i}.key`]}
                />
                <Group gap={4} mt={24} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('phaseList.up', { label: r.label })}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('phaseList.down', { label: r.label })}
                    disabled={i === shown.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('phaseList.remove', { label: r.label })}
                    disabled={shown.length <= 1}
                    onClick={() => edit(shown.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              </Group>
            </li>
          ))}
        </ol>
        <Group>
          <Button
            variant="default"
            onClick={() => edit([...shown, { key: '', label: '' }])}
            disabled={shown.length >= 30}
          >
            {t('phaseList.add')}
          </Button>
          <Button
            loading={put.isPending}
            disabled={rows === null}
            onClick={() =>
              put.mutate(
                { phases: shown.map((r) => ({ key: r.key || phaseKey(r.label), label: r.label })) },
                {
                  onSuccess: () => {
                    setRows(null);
                    notifySuccess(t('phaseList.saved'));
                  },
                },
              )
            }
          >
            {t('phaseList.save')}
          </Button>
          {rows !== null && (
            <Button variant="subtle" onClick={() => (put.reset(), setRows(null))}>
              {t('phaseList.cancel')}
            </Button>
          )}
        </Group>
        {put.error && !Object.keys(errors).length ? (
          <Text c="red" size="sm" role="alert">
            {errorMessage(t, put.error)}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
