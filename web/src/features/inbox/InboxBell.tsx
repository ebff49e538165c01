import { useState } from 'react';
import { ActionIcon, Box, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { InboxItem } from '../../api/types';
import { formatDateTime } from '../../ui/format';
import { IconBell } from '../../ui/icons';
import { UnstyledButtonLink } from '../../ui/links';
import { useInbox, useMarkAllRead, useMarkRead } from './api';

/** What an item says, in the interface language, from the facts the API gives. */
export function itemText(t: TFunction, item: InboxItem, language: string): string {
  const base = { reference: item.reference, actor: item.actorName ?? t('someone') };
  switch (item.kind) {
    case 'assigned':
      return item.actorName ? t('kind.assigned', base) : t('kind.assigned_system', base);
    case 'reply':
      return t('kind.reply', base);
    case 'sla_warning':
      return t('kind.sla_warning', {
        ...base,
        clock: t(`clock.${item.clock ?? 'resolve'}`),
        dueAt: item.dueAt ? formatDateTime(item.dueAt, language) : '',
      });
    case 'sla_breach':
      return t('kind.sla_breach', { ...base, clock: t(`clock.${item.clock ?? 'resolve'}`) });
    case 'escalation':
      return item.internal
        ? t('kind.escalation_internal', base)
        : t('kind.escalation', { ...base, level: t(`level.${item.level ?? 'urgent'}`) });
  }
}

/**
 * The bell of the header: my unread count (in its accessible name), and in its popover my recent
 * notifications, each a link to its ticket that marks it read, and "mark all as read". Polled
 * every minute.
 */
export function InboxBell() {
  const { t, i18n } = useTranslation('inbox');
  const [opened, setOpened] = useState(false);
  const inbox = useInbox();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = inbox.data?.unread ?? 0;
  const items = inbox.data?.items ?? [];
  const label = t('bell.label', { count: unread });

  return (
    <Indicator
      label={<span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
      disabled={unread === 0}
      size={18}
      offset={4}
      color="red"
    >
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width={380}
        shadow="md"
        withinPortal
        trapFocus
      >
        <Popover.Target>
          <ActionIcon
            variant="default"
            size={36}
            radius="md"
            aria-label={label}
            title={label}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={20} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} role="dialog" aria-labelledby="inbox-title">
          <Group justify="space-between" px="md" py="sm" wrap="nowrap">
            <Text id="inbox-title" component="h2" fw={700} size="md">
              {t('bell.title')}
            </Text>
            <Button
              variant="subtle"
              size="compact-sm"
              disabled={unread === 0}
              loading={markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              {t('bell.readAll')}
            </Button>
          </Group>
          <Divider />
          {inbox.error ? (
            <Text px="md" py="sm" c="red" role="alert">
              {t('bell.loadFailed')}
            </Text>
          ) : items.length === 0 ? (
            <Text px="md" py="md" c="dimmed" size="sm">
              {t('bell.empty')}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={420}>
              <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
                {items.map((item) => (
                  <li key={item.id}>
                    <UnstyledButtonLink
                      to="/demandes/$ticketId"
                      params={{ ticketId: item.ticketId }}
                      display="block"
                      px="md"
                      py="xs"
                      className="inbox-item"
                      data-unread={item.readAt ? undefined : 'true'}
                      onClick={() => {
                        if (!item.readAt) markRead.mutate(item.id);
                        setOpened(false);
                      }}
                    >
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <Box
                          mt={7}
                          w={8}
                          h={8}
                          style={{
                            borderRadius: '50%',
                            flex: 'none',
                            background: item.readAt ? 'transparent' : 'var(--mantine-color-marianne-6)',
                          }}
                          aria-hidden="true"
                        />
                        <Box>
                          <Text size="sm" fw={item.readAt ? 400 : 700}>
                            {!item.readAt && <span className="sr-only">{t('bell.unreadPrefix')}</span>}
                            {itemText(t, item, i18n.language)}
                          </Text>
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {item.title}
                          </Text>
                          {item.excerpt && (
                            <Text size="xs" c="dimmed" lineClamp={2}>
                              « {item.excerpt} »
                            </Text>
                          )}
                          <Text size="xs" c="dimmed">
                            {formatDateTime(item.createdAt, i18n.language)}
                          </Text>
                        </Box>
                      </Group>
                    </UnstyledButtonLink>
                  </li>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
