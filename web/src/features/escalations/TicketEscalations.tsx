import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Modal, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage, fieldErrors, notifySuccess, QueryState } from '../../ui/feedback';
import { formatDateTime } from '../../ui/format';
import type { Ticket } from '../tickets/types';
import { useEscalate, useEscalations } from './api';
import { referralLevels, type ReferralLevel } from './types';

/** Badge colours of the referral levels, always with their name (never colour alone). */
export const levelColor: Record<ReferralLevel, string> = { ordinary: 'gray', urgent: 'orange', exceptional: 'red' };

/** The ticket's referral level as a badge. */
export function ReferralLevelBadge({ level }: { level: ReferralLevel }) {
  const { t } = useTranslation('escalations');
  return (
    <Badge color={levelColor[level]} variant={level === 'ordinary' ? 'light' : 'filled'} tt="none">
      {t(`level.${level}`)}
    </Badge>
  );
}

/**
 * A ticket's escalations (the current level is in the ticket's details; here: level reached, by whom or automatically, when, why, who was notified)
 * and, for those the server allows (`abilities.canEscalate`), the "Escalate" dialog.
 */
export function TicketEscalations({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation(['escalations', 'common']);
  const escalations = useEscalations(ticket.id);
  const [open, setOpen] = useState(false);
  const items = escalations.data?.items ?? [];
  return (
    <section aria-labelledby="escalations">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h3" id="escalations">
          {t('ticket.title')}
        </Title>
        {ticket.abilities.canEscalate && (
          <Button variant="light" color="red" onClick={() => setOpen(true)}>
            {t('ticket.escalate')}
          </Button>
        )}
      </Group>
      <Stack gap="sm">
        <QueryState isPending={escalations.isPending} error={escalations.error} />
        {escalations.data && items.length === 0 && <Text>{t('ticket.none')}</Text>}
        {items.length > 0 && (
          <ol
            aria-label={t('ticket.list')}
            style={{
              listStyle: 'none',
              margin: 0,
              padding: 0,
              display: 'flex',
              flexDirection: 'column',
              gap: 'var(--mantine-spacing-sm)',
            }}
          >
            {items.map((e) => (
              <li key={e.id}>
                <Paper withBorder p="sm" radius="md">
                  <Text fw={600}>{t('ticket.fromTo', { from: t(`level.${e.from}`), to: t(`level.${e.to}`) })}</Text>
                  <Text size="sm">
                    {formatDateTime(e.at, i18n.language)} ·{' '}
                    {e.automatic ? t('ticket.automatic') : t('ticket.by', { name: e.actorLabel })}
                  </Text>
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    <strong>{t('ticket.reason')}</strong> {e.automatic ? t('ticket.automaticReason') : e.reason}
                  </Text>
                  <Text size="sm" fw={600} mt={4}>
                    {t('ticket.notified')}
                  </Text>
                  {e.notified.length ? (
                    <List size="sm">
                      {e.notified.map((n) => (
                        <List.Item key={`${n.userId}-${n.side}-${n.role}`}>
                          {t('ticket.person', { name: n.name, role: n.role, side: t(`side.${n.side}`) })}
                        </List.Item>
                      ))}
                    </List>
                  ) : (
                    <Text size="sm">{t('ticket.nobody')}</Text>
                  )}
                </Paper>
              </li>
            ))}
          </ol>
        )}
      </Stack>
      {/* Kept while open: after a 409 the refreshed ticket may no longer be escalatable, and the message must stay. */}
      {(ticket.abilities.canEscalate || open) && (
        <EscalateDialog ticket={ticket} opened={open} onClose={() => setOpen(false)} />
      )}
    </section>
  );
}

/** The escalation form: target level (the next one by default) and the reason, required. */
function EscalateDialog({ ticket, opened, onClose }: { ticket: Ticket; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(['escalations', 'common']);
  const escalate = useEscalate(ticket.id);
  const above = referralLevels.slice(referralLevels.indexOf(ticket.referralLevel) + 1);
  const [chosen, setChosen] = useState<ReferralLevel | null>(null);
  // The next level unless another one above the current level was chosen (the level may have risen meanwhile).
  const level = chosen && above.includes(chosen) ? chosen : above[0];
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const errors = fieldErrors(escalate.error);
  const reasonError = missing ? t('dialog.reasonRequired') : errors.reason;
  const other =
    escalate.error && !errors.reason && !errors.level
      ? escalate.error instanceof ApiError && escalate.error.status === 409
        ? t('dialog.conflict')
        : errorMessage(t, escalate.error)
      : null;
  const close = () => {
    escalate.reset();
    setMissing(false);
    onClose();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    escalate.mutate(
      { reason: reason.trim(), level },
      {
        onSuccess: (x) => {
          notifySuccess(t('dialog.done', { level: t(`level.${x.to}`), count: x.notified.length }));
          setReason('');
          setChosen(null);
          close();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title={t('dialog.title', { reference: ticket.reference })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('dialog.intro')}</Text>
          <Text>
            {t('ticket.current')} <ReferralLevelBadge level={ticket.referralLevel} />
          </Text>
          {above.length > 0 && (
            <Radio.Group
              label={t('dialog.level')}
              value={level ?? null}
              onChange={setChosen}
              error={errors.level}
              required
            >
              <Stack gap="xs" mt="xs">
                {above.map((l) => (
                  <Radio key={l} value={l} label={t(`level.${l}`)} />
                ))}
              </Stack>
            </Radio.Group>
          )}
          <Textarea
            label={t('dialog.reason')}
            description={t('dialog.reasonHelp')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              if (e.currentTarget.value.trim()) setMissing(false);
            }}
            required
            autosize
            minRows={3}
            maxLength={2000}
            error={reasonError}
            data-autofocus
          />
          {other && (
            <Alert color="red" role="alert">
              {other}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={escalate.isPending} disabled={!ticket.abilities.canEscalate}>
              {t('dialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
