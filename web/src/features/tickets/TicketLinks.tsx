import { ActionIcon, Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, hasPermission, useMe } from '../../api/client';
import type { Page } from '../../api/types';
import { errorMessage, fieldErrors } from '../../ui/feedback';
import { AnchorLink } from '../../ui/links';
import type { Status, Ticket } from './types';

interface Link {
  ticketId: string;
  reference: string;
  title: string;
  status: Status;
}

/**
 * Tickets linked to this one ("see also", same commune), and for the service desk: link another
 * by its reference, unlink, or merge this ticket into another (it is closed, its replies and files
 * move there).
 */
export function TicketLinks({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation(['tickets', 'common']);
  const me = useMe();
  const qc = useQueryClient();
  const key = ['ticket', ticket.id, 'links'] as const;
  const staff = hasPermission(me, 'tickets.work');
  const [reference, setReference] = useState('');
  const [mergeRef, setMergeRef] = useState('');
  // The merge target found (to confirm), false when no other ticket has the reference.
  const [confirming, setConfirming] = useState<{ id: string; reference: string } | false | null>(null);
  const base = `/tickets/${encodeURIComponent(ticket.id)}`;
  const list = useQuery({ queryKey: key, queryFn: () => api.get<Page<Link>>(`${base}/links`) });
  const refresh = () =>
    Promise.all([qc.invalidateQueries({ queryKey: ['ticket'] }), qc.invalidateQueries({ queryKey: ['tickets'] })]);
  const link = useMutation({
    mutationFn: (ref: string) => api.post<Page<Link>>(`${base}/links`, { reference: ref.trim() }),
    onSuccess: async () => {
      setReference('');
      await refresh();
    },
  });
  const unlink = useMutation({
    mutationFn: (id: string) => api.del(`${base}/links/${encodeURIComponent(id)}`),
    onSuccess: refresh,
  });
  // The merge target is named by its reference: looked up (within the caller's scope) first.
  const find = useMutation({
    mutationFn: async (ref: string) => {
      const page = await api.get<Page<{ id: string; reference: string }>>(
        `/tickets?q=${encodeURIComponent(ref.trim())}&limit=1`,
      );
      const found = page.items.find((x) => x.reference.toLowerCase() === ref.trim().toLowerCase());
      return found && found.id !== ticket.id ? found : null;
    },
    onSuccess: (found) => setConfirming(found ?? false),
  });
  const merge = useMutation({
    mutationFn: (intoId: string) => api.post<Ticket>(`${base}/merge`, { intoId }),
    onSuccess: async () => {
      setConfirming(null);
      setMergeRef('');
      await refresh();
    },
  });
  const items = list.data?.items ?? [];
  const error = unlink.error ?? find.error ?? merge.error;
  // The API's refusals name the field; say them in the interface's words.
  const linkError = fieldErrors(link.error, (p) => (p.code === 'invalid_option' ? t('links.refused') : undefined));
  const open = ticket.status !== 'closed' && !ticket.mergedIntoId;
  return (
    <section aria-labelledby="ticket-links">
      <Title order={2} size="h4" id="ticket-links" mb="xs">
        {t('links.title')}
      </Title>
      <Stack gap="xs">
        {ticket.mergedIntoId && (
          <Text size="sm" role="status">
            {t('links.merged')}{' '}
            <AnchorLink to="/demandes/$ticketId" params={{ ticketId: ticket.mergedIntoId }}>
              {t('links.openMerged')}
            </AnchorLink>
          </Text>
        )}
        {items.length === 0 ? (
          <Text size="sm">{t('links.none')}</Text>
        ) : (
          <ul className="plain-list" aria-label={t('links.title')}>
            {items.map((l) => (
              <li key={l.ticketId}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                    <AnchorLink to="/demandes/$ticketId" params={{ ticketId: l.ticketId }} className="ticket-ref">
                      {l.reference}
                    </AnchorLink>
                    <Text size="sm">{l.title}</Text>
                  </Stack>
                  <Badge variant="light" tt="none">
                    {t(`status.${l.status}`)}
                  </Badge>
                  {staff && (
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      aria-label={t('links.remove', { reference: l.reference })}
                      onClick={() => unlink.mutate(l.ticketId)}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
              </li>
            ))}
          </ul>
        )}
        {staff && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (reference.trim()) link.mutate(reference);
            }}
          >
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label={t('links.reference')}
                placeholder={t('links.referenceExample')}
                value={reference}
                onChange={(e) => setReference(e.currentTarget.value)}
                size="xs"
                style={{ flex: 1 }}
                error={linkError.reference ?? linkError.linkedId}
              />
              <Button type="submit" size="xs" variant="default" loading={link.isPending}>
                {t('links.add')}
              </Button>
            </Group>
          </form>
        )}
        {staff && open && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (mergeRef.trim()) find.mutate(mergeRef);
            }}
          >
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label={t('links.mergeInto')}
                description={t('links.mergeHelp')}
                placeholder={t('links.referenceExample')}
                value={mergeRef}
                onChange={(e) => {
                  setMergeRef(e.currentTarget.value);
                  setConfirming(null);
                }}
                size="xs"
                style={{ flex: 1 }}
                error={confirming === false ? t('links.mergeUnknown', { reference: mergeRef.trim() }) : undefined}
              />
              <Button type="submit" size="xs" variant="default" loading={find.isPending}>
                {t('links.merge')}
              </Button>
            </Group>
          </form>
        )}
        {confirming && (
          <Group gap="xs" role="group" aria-label={t('links.confirmTitle')}>
            <Text size="sm">{t('links.confirm', { reference: confirming.reference })}</Text>
            <Button size="xs" color="red" loading={merge.isPending} onClick={() => merge.mutate(confirming.id)}>
              {t('links.confirmMerge', { reference: confirming.reference })}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setConfirming(null)}>
              {t('common:common.cancel')}
            </Button>
          </Group>
        )}
        {error !== null && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(t, error)}
          </Text>
        )}
      </Stack>
    </section>
  );
}
