import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { useCommunes } from '../communes/api';
import { useProviderStaff, useSaveOncall } from './api';
import type { OncallPeriod } from './types';

/** `datetime-local` value (browser time) ↔ ISO instant. */
const toInput = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const toIso = (value: string) => (value ? new Date(value).toISOString() : '');

/** Plan (no `period`) or edit an on-call period, in a dialog. */
export function OncallFormModal({
  opened,
  onClose,
  period,
  defaultCommuneId,
}: {
  opened: boolean;
  onClose: () => void;
  period?: OncallPeriod;
  defaultCommuneId?: string | null;
}) {
  const { t } = useTranslation('calendars');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={period ? t('oncall.editTitle', { name: period.name }) : t('oncall.createTitle')}
      size="lg"
    >
      {opened && <OncallForm period={period} defaultCommuneId={defaultCommuneId ?? null} onDone={onClose} />}
    </Modal>
  );
}

function OncallForm({
  period,
  defaultCommuneId,
  onDone,
}: {
  period?: OncallPeriod;
  defaultCommuneId: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation('calendars');
  const { t: tc } = useTranslation();
  const save = useSaveOncall();
  const communes = useCommunes();
  const staff = useProviderStaff(true);
  const [communeId, setCommuneId] = useState<string | null>(period?.communeId ?? defaultCommuneId);
  const [name, setName] = useState(period?.name ?? '');
  const [startsAt, setStartsAt] = useState(period ? toInput(period.startsAt) : '');
  const [endsAt, setEndsAt] = useState(period ? toInput(period.endsAt) : '');
  const [agentIds, setAgentIds] = useState<string[]>(period?.agents.map((a) => a.id) ?? []);
  const [notes, setNotes] = useState(period?.notes ?? '');
  const errors = fieldErrors(save.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        id: period?.id,
        input: {
          communeId: communeId ?? '',
          name,
          startsAt: toIso(startsAt),
          endsAt: toIso(endsAt),
          agentIds,
          notes: notes.trim() || null,
        },
      },
      {
        onSuccess: (p) => {
          notifySuccess(period ? t('oncall.saved', { name: p.name }) : t('oncall.created', { name: p.name }));
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {save.error && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(tc, save.error)}
          </Alert>
        )}
        <Select
          label={t('oncall.commune')}
          required
          disabled={Boolean(period)}
          data={(communes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={communeId}
          onChange={setCommuneId}
          error={errors.communeId}
        />
        <TextInput
          label={t('oncall.name')}
          description={t('oncall.nameHelp')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t('oncall.startsAt')}
            required
            value={startsAt}
            onChange={(e) => setStartsAt(e.currentTarget.value)}
            error={errors.startsAt}
          />
          <TextInput
            type="datetime-local"
            label={t('oncall.endsAt')}
            required
            value={endsAt}
            onChange={(e) => setEndsAt(e.currentTarget.value)}
            error={errors.endsAt}
          />
        </Group>
        <MultiSelect
          label={t('oncall.agents')}
          description={t('oncall.agentsHelp')}
          required
          searchable
          data={(staff.data ?? []).map((u) => ({ value: u.id, label: u.phone ? `${u.name} (${u.phone})` : u.name }))}
          value={agentIds}
          onChange={setAgentIds}
          error={errors.agentIds}
        />
        <Textarea
          label={t('oncall.notes')}
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {tc('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {period ? tc('common.save') : t('oncall.plan')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
