import { useState } from 'react';
import { ActionIcon, Button, Group, Popover, Select, Stack, TextInput, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/client';
import { fieldErrors, notifySuccess } from '../../ui/feedback';
import { IconTrash } from '../../ui/icons';
import { useGroups } from './api';
import { cleanView, useDeleteTicketView, useSaveTicketView, useTicketViews, type ListView } from './views';

/**
 * Saved views of the ticket list: pick one to apply its filters, save the current one under a name
 * (for me, or shared with one of my groups), delete mine.
 */
export function SavedViews({ view, onApply }: { view: ListView; onApply: (v: ListView) => void }) {
  const { t } = useTranslation(['tickets', 'common']);
  const me = useMe();
  const views = useTicketViews();
  const groups = useGroups();
  const save = useSaveTicketView();
  const del = useDeleteTicketView();
  const [current, setCurrent] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const items = views.data?.items ?? [];
  const chosen = items.find((v) => v.id === current);
  const errors = fieldErrors(save.error);
  const shareable = (groups.data?.items ?? []).filter((g) => g.memberIds.includes(me.id));
  return (
    <Group align="flex-end" gap="xs">
      <Select
        label={t('views.label')}
        placeholder={items.length ? t('views.pick') : t('views.none')}
        data={[
          { group: t('views.mine'), items: items.filter((v) => v.mine).map((v) => ({ value: v.id, label: v.name })) },
          {
            group: t('views.shared'),
            items: items
              .filter((v) => !v.mine)
              .map((v) => ({ value: v.id, label: t('views.sharedBy', { name: v.name, group: v.groupName ?? '' }) })),
          },
        ].filter((g) => g.items.length)}
        value={current}
        onChange={(id) => {
          setCurrent(id);
          const v = items.find((x) => x.id === id);
          if (v) onApply(v.query);
        }}
        clearable
        w={260}
      />
      {chosen?.mine && (
        <Tooltip label={t('views.delete', { name: chosen.name })}>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('views.delete', { name: chosen.name })}
            loading={del.isPending}
            onClick={() =>
              del.mutate(chosen.id, {
                onSuccess: () => {
                  setCurrent(null);
                  notifySuccess(t('views.deleted'));
                },
              })
            }
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      )}
      <Popover opened={open} onChange={setOpen} trapFocus position="bottom-end" withArrow>
        <Popover.Target>
          <Button variant="default" onClick={() => setOpen((o) => !o)}>
            {t('views.save')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(
                { name: name.trim(), query: cleanView(view), groupId },
                {
                  onSuccess: (v) => {
                    setOpen(false);
                    setName('');
                    setCurrent(v.id);
                    notifySuccess(t('views.saved', { name: v.name }));
                  },
                },
              );
            }}
          >
            <Stack gap="xs" w={280}>
              <TextInput
                label={t('views.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name ?? (save.error && !errors.groupId ? save.error.message : undefined)}
                required
                data-autofocus
              />
              {shareable.length > 0 && (
                <Select
                  label={t('views.shareWith')}
                  placeholder={t('views.onlyMe')}
                  data={shareable.map((g) => ({ value: g.id, label: g.name }))}
                  value={groupId}
                  onChange={setGroupId}
                  error={errors.groupId}
                  clearable
                  comboboxProps={{ withinPortal: false }}
                />
              )}
              <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
                {t('views.saveButton')}
              </Button>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
