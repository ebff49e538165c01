import { ActionIcon, Badge, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, hasPermission, useMe } from '../../api/client';
import type { Page } from '../../api/types';
import { errorMessage } from '../../ui/feedback';
import { useAssignableUsers } from './staff';
import type { Ticket } from './types';

interface Watcher {
  userId: string;
  name: string;
}

/**
 * The ticket's watchers (CC): told of its public replies and status changes. Anyone who sees the
 * ticket follows it or stops; the service desk adds a colleague or removes a watcher.
 */
export function Watchers({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation(['tickets', 'common']);
  const me = useMe();
  const qc = useQueryClient();
  const key = ['ticket', ticket.id, 'watchers'] as const;
  const staff = me.communeId === null && hasPermission(me, 'tickets.work');
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.get<Page<Watcher>>(`/tickets/${encodeURIComponent(ticket.id)}/watchers`),
  });
  const colleagues = useAssignableUsers(ticket.id, staff);
  const done = () => void qc.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (userId: string) =>
      api.post<Page<Watcher>>(`/tickets/${encodeURIComponent(ticket.id)}/watchers`, { userId }),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: (userId: string) =>
      api.del(`/tickets/${encodeURIComponent(ticket.id)}/watchers/${encodeURIComponent(userId)}`),
    onSuccess: done,
  });
  const items = list.data?.items ?? [];
  const following = items.some((w) => w.userId === me.id);
  const error = add.error ?? remove.error;
  return (
    <section aria-labelledby="ticket-watchers">
      <Title order={2} size="h4" id="ticket-watchers" mb="xs">
        {t('watchers.title')}
      </Title>
      <Stack gap="xs">
        {items.length === 0 ? (
          <Text size="sm">{t('watchers.none')}</Text>
        ) : (
          <Group gap="xs">
            {items.map((w) => (
              <Badge
                key={w.userId}
                variant="light"
                tt="none"
                size="lg"
                rightSection={
                  staff || w.userId === me.id ? (
                    <ActionIcon
                      size="xs"
                      variant="transparent"
                      aria-label={t('watchers.remove', { name: w.name })}
                      onClick={() => remove.mutate(w.userId)}
                    >
                      ×
                    </ActionIcon>
                  ) : undefined
                }
              >
                {w.name}
              </Badge>
            ))}
          </Group>
        )}
        <Button
          variant="default"
          size="xs"
          loading={add.isPending || remove.isPending}
          onClick={() => (following ? remove.mutate(me.id) : add.mutate(me.id))}
        >
          {following ? t('watchers.unfollow') : t('watchers.follow')}
        </Button>
        {staff && (
          <Select
            label={t('watchers.add')}
            data={colleagues
              .filter((c) => !items.some((w) => w.userId === c.id))
              .map((c) => ({ value: c.id, label: c.name }))}
            value={null}
            onChange={(id) => id && add.mutate(id)}
            searchable
            size="xs"
          />
        )}
        {error && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(t, error)}
          </Text>
        )}
      </Stack>
    </section>
  );
}
