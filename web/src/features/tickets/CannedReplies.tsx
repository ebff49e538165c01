import { useState } from 'react';
import { Button, Popover, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/client';
import { fieldErrors, notifySuccess } from '../../ui/feedback';
import { useGroups } from './api';
import { useCannedReplies, useSaveCannedReply } from './canned';

/**
 * The reply box's canned replies: pick one of my groups' ready-made answers (it fills the box, to
 * edit before sending; the ticket's own group first), or keep what the box says as a new one.
 */
export function CannedReplies({
  body,
  onPick,
  ticketGroupId,
}: {
  body: string;
  onPick: (text: string) => void;
  ticketGroupId: string | null;
}) {
  const { t } = useTranslation(['tickets', 'common']);
  const me = useMe();
  const replies = useCannedReplies(true);
  const groups = useGroups();
  const save = useSaveCannedReply();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const items = replies.data?.items ?? [];
  const byGroup = [...new Set(items.map((r) => r.groupId))].sort(
    (a, b) => Number(b === ticketGroupId) - Number(a === ticketGroupId),
  );
  const mine = (groups.data?.items ?? []).filter((g) => g.memberIds.includes(me.id));
  const errors = fieldErrors(save.error);
  return (
    <>
      <Select
        label={t('canned.pick')}
        placeholder={items.length ? t('canned.placeholder') : t('canned.none')}
        disabled={!items.length}
        data={byGroup.map((g) => ({
          group: items.find((r) => r.groupId === g)!.groupName,
          items: items.filter((r) => r.groupId === g).map((r) => ({ value: r.id, label: r.title })),
        }))}
        value={null}
        onChange={(id) => {
          const r = items.find((x) => x.id === id);
          if (r) onPick(r.body);
        }}
        searchable
        w={260}
      />
      {mine.length > 0 && (
        <Popover opened={open} onChange={setOpen} trapFocus position="top" withArrow>
          <Popover.Target>
            <Button variant="subtle" disabled={!body.trim()} onClick={() => setOpen((o) => !o)}>
              {t('canned.keep')}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate(
                  { groupId: groupId ?? mine[0]!.id, title: title.trim(), body },
                  {
                    onSuccess: (r) => {
                      setOpen(false);
                      setTitle('');
                      notifySuccess(t('canned.kept', { title: r.title, group: r.groupName }));
                    },
                  },
                );
              }}
            >
              <Stack gap="xs" w={280}>
                <TextInput
                  label={t('canned.title')}
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                  error={errors.title}
                  required
                  data-autofocus
                />
                <Select
                  label={t('canned.group')}
                  data={mine.map((g) => ({ value: g.id, label: g.name }))}
                  value={groupId ?? mine[0]!.id}
                  onChange={setGroupId}
                  error={errors.groupId}
                  comboboxProps={{ withinPortal: false }}
                />
                <Button type="submit" loading={save.isPending} disabled={!title.trim()}>
                  {t('canned.save')}
                </Button>
              </Stack>
            </form>
          </Popover.Dropdown>
        </Popover>
      )}
    </>
  );
}
