import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Commune } from '../../api/types';
import { errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { useSaveCommune } from './api';

/** Create (no `commune`) or edit a commune, in a dialog. */
export function CommuneFormModal({
  opened,
  onClose,
  commune,
}: {
  opened: boolean;
  onClose: () => void;
  commune?: Commune;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={commune ? t('communes.editTitle', { name: commune.name }) : t('communes.createTitle')}
    >
      {opened && <CommuneForm commune={commune} onDone={onClose} />}
    </Modal>
  );
}

function CommuneForm({ commune, onDone }: { commune?: Commune; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCommune();
  const [name, setName] = useState(commune?.name ?? '');
  const [slug, setSlug] = useState(commune?.slug ?? '');
  const [inseeCode, setInseeCode] = useState(commune?.inseeCode ?? '');
  const errors = fieldErrors(save.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        id: commune?.id,
        input: { name, ...(slug.trim() ? { slug: slug.trim() } : {}), inseeCode: inseeCode.trim() || null },
      },
      {
        onSuccess: (c) => {
          notifySuccess(commune ? t('common.saved') : t('communes.created', { name: c.name }));
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
            {errorMessage(t, save.error)}
          </Alert>
        )}
        <TextInput
          label={t('communes.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <TextInput
          label={t('communes.slug')}
          description={t('communes.slugHelp')}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
          error={errors.slug}
        />
        <TextInput
          label={t('communes.inseeCode')}
          description={t('communes.inseeHelp')}
          value={inseeCode}
          onChange={(e) => setInseeCode(e.currentTarget.value)}
          error={errors.inseeCode}
          maxLength={5}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {commune ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
