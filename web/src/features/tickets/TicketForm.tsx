import { useMemo, useState } from 'react';
import { Alert, Button, FileInput, Group, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../ui/feedback';
import { useMe } from '../../api/client';
import { uploadAttachment, useCategories, useCreateTicket } from './api';
import { DevicePicker } from './TicketDevices';
import { levels, type Level, type Ticket } from './types';

/**
 * The ticket form: portal (the requester's own commune) or call centre (commune and caller given
 * by the console). Files are attached after the ticket exists; a refused file is reported without
 * losing the ticket.
 */
export function TicketForm({
  communeId,
  requesterId,
  channel = 'portal',
  onCreated,
}: {
  communeId?: string;
  requesterId?: string;
  channel?: 'portal' | 'phone' | 'walk_in';
  onCreated: (t: Ticket, fileErrors: string[]) => void;
}) {
  const { t } = useTranslation(['tickets', 'common']);
  const categories = useCategories();
  const create = useCreateTicket();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [type, setType] = useState<'incident' | 'request'>('incident');
  // Once the person has chosen the type, a category never changes it behind their back.
  const [typeChosen, setTypeChosen] = useState(false);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [impact, setImpact] = useState<Level>('medium');
  const [urgency, setUrgency] = useState<Level>('medium');
  const [files, setFiles] = useState<File[]>([]);
  const [deviceIds, setDeviceIds] = useState<string[]>([]);
  const me = useMe();
  const [uploading, setUploading] = useState(false);
  const errors = fieldErrors(create.error);
  // The commune and the requester come from the page (portal or call-centre console), not from an
  // input: their problems show above the form, as does any failure that names no field.
  const formError =
    errors.communeId ??
    errors.requesterId ??
    (create.error && !Object.keys(errors).length ? errorMessage(t, create.error) : null);
  const categoryOptions = useMemo(
    () => (categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.label })),
    [categories.data],
  );
  const levelOptions = levels.map((l) => ({ value: l, label: t(`levels.${l}`) }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const body = {
      type,
      title,
      description,
      categoryId: categoryId ?? undefined,
      impact,
      urgency,
      channel,
      communeId,
      requesterId,
      deviceIds: deviceIds.length ? deviceIds : undefined,
    };
    const ticket = await create.mutateAsync({ body, key }).catch(() => null);
    if (!ticket) return;
    setUploading(true);
    const fileErrors: string[] = [];
    for (const f of files)
      await uploadAttachment(ticket.id, f).catch((err) => fileErrors.push(`${f.name} : ${errorMessage(t, err)}`));
    setUploading(false);
    setKey(crypto.randomUUID());
    setDeviceIds([]);
    onCreated(ticket, fileErrors);
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack maw={720}>
        {formError ? (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        ) : null}
        <SegmentedControl
          aria-label={t('fields.type')}
          value={type}
          onChange={(v) => {
            setType(v);
            setTypeChosen(true);
          }}
          data={[
            { value: 'incident', label: t('type.incident') },
            { value: 'request', label: t('type.request') },
          ]}
        />
        <Select
          label={t('fields.category')}
          data={categoryOptions}
          value={categoryId}
          onChange={(v) => {
            setCategoryId(v);
            const c = categories.data?.items.find((x) => x.id === v);
            if (c && !typeChosen) setType(c.defaultType);
          }}
          searchable
          clearable
          error={errors.categoryId}
        />
        <TextInput
          label={t('fields.title')}
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          maxLength={200}
        />
        <Textarea
          label={t('fields.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={4}
          error={errors.description}
        />
        <Group grow>
          <Select
            label={t('fields.impact')}
            description={t('form.impactHelp')}
            data={levelOptions}
            value={impact}
            onChange={(v) => v && setImpact(v)}
            allowDeselect={false}
            error={errors.impact}
          />
          <Select
            label={t('fields.urgency')}
            description={t('form.urgencyHelp')}
            data={levelOptions}
            value={urgency}
            onChange={(v) => v && setUrgency(v)}
            allowDeselect={false}
            error={errors.urgency}
          />
        </Group>
        <DevicePicker
          communeId={communeId ?? me.communeId}
          requesterId={requesterId}
          value={deviceIds}
          onChange={setDeviceIds}
          error={errors.deviceIds}
        />
        <FileInput
          label={t('fields.attachments')}
          description={t('form.filesHelp')}
          multiple
          clearable
          value={files}
          onChange={setFiles}
        />
        <Group>
          <Button type="submit" loading={create.isPending || uploading}>
            {t('form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
