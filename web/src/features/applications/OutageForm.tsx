import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, hasPermission, useMe } from '../../api/client';
import { errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { AnchorLink, ButtonLink } from '../../ui/links';
import { useApplications, type Outage } from './api';

/** `YYYY-MM-DDTHH:mm` (local, for a datetime-local input) of an ISO instant. */
function localInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
const toIso = (v: string) => (v ? new Date(v).toISOString() : null);

/**
 * Records an outage by hand (`POST /communes/{id}/outages`), e.g. from a P1 incident: the ticket
 * and its opening time come prefilled when the form is opened from the ticket's page.
 */
export function OutageForm({
  communeId,
  ticket,
  onClose,
  onSaved,
}: {
  communeId: string;
  ticket?: { id: string; reference: string; createdAt: string };
  onClose: () => void;
  /** Called with the outage recorded, instead of onClose (the caller closes the form). */
  onSaved?: (o: Outage) => void;
}) {
  const { t } = useTranslation(['applications', 'common']);
  const qc = useQueryClient();
  const apps = useApplications(communeId, {});
  const [applicationId, setApplicationId] = useState('');
  const [startedAt, setStartedAt] = useState(localInput(ticket?.createdAt));
  const [intervenedAt, setIntervenedAt] = useState('');
  const [restoredAt, setRestoredAt] = useState('');
  const [cause, setCause] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.post<Outage>(`/communes/${encodeURIComponent(communeId)}/outages`, {
        applicationId,
        startedAt: toIso(startedAt),
        intervenedAt: toIso(intervenedAt),
        restoredAt: toIso(restoredAt),
        cause: cause || undefined,
        ticketId: ticket?.id ?? null,
      }),
    onSuccess: (o) => {
      void qc.invalidateQueries({ queryKey: ['outages', communeId] });
      void qc.invalidateQueries({ queryKey: ['availability', communeId] });
      notifySuccess(t('outageForm.done'));
      if (onSaved) onSaved(o);
      else onClose();
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <Modal opened onClose={onClose} title={t('outageForm.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {ticket && (
            <Text size="sm">
              {t('outageForm.fromTicket')}{' '}
              <AnchorLink to="/demandes/$ticketId" params={{ ticketId: ticket.id }} underline="always">
                {ticket.reference}
              </AnchorLink>
            </Text>
          )}
          <NativeSelect
            label={t('outageForm.application')}
            value={applicationId}
            onChange={(e) => setApplicationId(e.currentTarget.value)}
            required
            error={errors.applicationId}
            data={[
              { value: '', label: t('rules.pick') },
              ...(apps.data?.items ?? [])
                .filter((a) => a.status !== 'retired')
                .map((a) => ({ value: a.id, label: `${a.name} (${t(`criticality.${a.criticality}`)})` })),
            ]}
          />
          <TextInput
            type="datetime-local"
            label={t('outageForm.startedAt')}
            value={startedAt}
            onChange={(e) => setStartedAt(e.currentTarget.value)}
            required
            error={errors.startedAt}
          />
          <TextInput
            type="datetime-local"
            label={t('outageForm.intervenedAt')}
            value={intervenedAt}
            onChange={(e) => setIntervenedAt(e.currentTarget.value)}
            error={errors.intervenedAt}
          />
          <TextInput
            type="datetime-local"
            label={t('outageForm.restoredAt')}
            value={restoredAt}
            onChange={(e) => setRestoredAt(e.currentTarget.value)}
            error={errors.restoredAt}
          />
          <Textarea
            label={t('outageForm.cause')}
            value={cause}
            onChange={(e) => setCause(e.currentTarget.value)}
            autosize
            minRows={2}
            error={errors.cause}
          />
          {save.error != null && Object.keys(errors).length === 0 && (
            <Text c="red.8" role="alert">
              {errorMessage(t, save.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('rules.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('outageForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** On a P1 incident's page: the way to record the application outage it reports. */
export function OutageFromIncident({
  ticket,
}: {
  ticket: { id: string; communeId: string; type: string; priority: string };
}) {
  const { t } = useTranslation('applications');
  const me = useMe();
  if (ticket.type !== 'incident' || ticket.priority !== 'P1' || !hasPermission(me, 'applications.manage')) return null;
  return (
    <ButtonLink
      variant="light"
      to="/parc-applicatif/$communeId/pannes"
      params={{ communeId: ticket.communeId }}
      search={{ ticket: ticket.id }}
    >
      {t('outageForm.fromIncident')}
    </ButtonLink>
  );
}
