import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { formatDateTime } from '../../ui/format';
import type { Ticket } from './types';

/** Rules (or revokes) force majeure on a ticket's late acknowledgement: it is then excluded from 3.3.1. */
function useForceMajeure(id: string, revoke: boolean) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api.post<Ticket>(`/tickets/${encodeURIComponent(id)}/force-majeure${revoke ? '/revoke' : ''}`, { reason }),
    onSuccess: (ticket) => {
      qc.setQueryData(['ticket', id], ticket);
      void qc.invalidateQueries({ queryKey: ['ticket', id] });
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['indicators'] });
    },
  });
}

/**
 * The contractual side of a ticket's deadlines: where the resolution delay comes from (signed annex,
 * agreed target, or the provider's internal service objective), and 3.3.1's force majeure — its
 * ruling shown to everyone (the commune sees it and why), the action to holders of
 * tickets.force_majeure (`abilities.canRuleForceMajeure`) on a late acknowledgement.
 */
export function ForceMajeure({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation('targets');
  const [open, setOpen] = useState(false);
  const fm = ticket.forceMajeure;
  const can = ticket.abilities.canRuleForceMajeure;
  const origin = ticket.resolveTargetOrigin;
  if (!origin && !fm && !(can && ticket.ackBreached)) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="contract-terms">
      <Stack gap="xs">
        <Title order={2} size="h4" id="contract-terms">
          {t('ticket.title')}
        </Title>
        {origin && (
          <Group gap="xs">
            <Text size="sm">{t('ticket.resolveOrigin')}</Text>
            <Badge variant="outline" radius="sm" color={origin === 'operating' ? 'gray.7' : 'blue.8'} tt="none">
              {t(`ticket.origin.${origin}`)}
            </Badge>
          </Group>
        )}
        {origin === 'operating' && (
          <Text size="xs" c="dimmed">
            {t('ticket.operatingHelp')}
          </Text>
        )}
        {fm ? (
          <Stack gap={4}>
            <Group gap="xs">
              <Badge color="grape.8" variant="filled" radius="sm" tt="none">
                {t('ticket.forceMajeure')}
              </Badge>
              <Text size="sm">{t('ticket.excluded')}</Text>
            </Group>
            <Text size="sm">
              {t('ticket.ruledBy', { who: fm.by, when: fm.at ? formatDateTime(fm.at, i18n.language) : '' })}
            </Text>
            <Text size="sm">
              {t('ticket.reason')} : {fm.reason}
            </Text>
            {can && (
              <Group>
                <Button size="xs" variant="default" onClick={() => setOpen(true)}>
                  {t('ticket.revoke')}
                </Button>
              </Group>
            )}
          </Stack>
        ) : (
          can &&
          ticket.ackBreached && (
            <Group>
              <Button size="xs" variant="light" color="grape" onClick={() => setOpen(true)}>
                {t('ticket.rule')}
              </Button>
            </Group>
          )
        )}
      </Stack>
      {open && <ReasonModal ticket={ticket} revoke={Boolean(fm)} onClose={() => setOpen(false)} />}
    </Paper>
  );
}

function ReasonModal({ ticket, revoke, onClose }: { ticket: Ticket; revoke: boolean; onClose: () => void }) {
  const { t } = useTranslation('targets');
  const mutation = useForceMajeure(ticket.id, revoke);
  const [reason, setReason] = useState('');
  const errors = fieldErrors(mutation.error);
  return (
    <Modal opened onClose={onClose} title={t(revoke ? 'ticket.revokeTitle' : 'ticket.ruleTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate(reason, {
            onSuccess: () => {
              notifySuccess(t(revoke ? 'ticket.revoked' : 'ticket.ruled'));
              onClose();
            },
          });
        }}
      >
        <Stack>
          <Text size="sm">{t(revoke ? 'ticket.revokeHelp' : 'ticket.ruleHelp')}</Text>
          <Textarea
            label={t('ticket.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            minLength={3}
            autosize
            minRows={3}
            error={errors.reason}
          />
          {mutation.error && !Object.keys(errors).length && (
            <Text c="red.8" role="alert">
              {errorMessage(t, mutation.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" color="grape" loading={mutation.isPending}>
              {t(revoke ? 'ticket.revoke' : 'ticket.rule')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
