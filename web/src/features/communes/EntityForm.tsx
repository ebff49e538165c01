import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Entity } from '../../api/types';
import { errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { useSaveEntity } from './api';

/** The kinds of sub-entity the API knows (organisation schemas, `entityKinds`). */
export const entityKinds: Array<Entity['kind']> = ['ccas', 'service', 'site', 'school', 'library', 'other'];

/** Add (no `entity`) or edit a sub-entity of a commune, in a dialog. */
export function EntityFormModal(props: {
  opened: boolean;
  onClose: () => void;
  communeId: string;
  entity?: Entity;
  siblings: Entity[];
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.entity ? t('communes.editEntityTitle', { name: props.entity.name }) : t('communes.addEntityTitle')}
    >
      {props.opened && <EntityForm {...props} />}
    </Modal>
  );
}

function EntityForm({
  communeId,
  entity,
  siblings,
  onClose,
}: {
  communeId: string;
  entity?: Entity;
  siblings: Entity[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveEntity(communeId);
  const [name, setName] = useState(entity?.name ?? '');
  const [kind, setKind] = useState<Entity['kind'] | null>(entity?.kind ?? null);
  const [parentId, setParentId] = useState<string | null>(entity?.parentId ?? null);
  const errors = fieldErrors(save.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { id: entity?.id, input: { name, kind: kind as Entity['kind'], parentId } },
      {
        onSuccess: (saved) => {
          notifySuccess(entity ? t('common.saved') : t('communes.entityAdded', { name: saved.name }));
          onClose();
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
          label={t('communes.entityName')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <Select
          label={t('communes.entityKind')}
          required
          data={entityKinds.map((k) => ({ value: k, label: t(`entityKinds.${k}`) }))}
          value={kind}
          onChange={setKind}
          error={errors.kind}
          allowDeselect={false}
        />
        <Select
          label={t('communes.entityParent')}
          placeholder={t('common.none')}
          clearable
          data={siblings.filter((s) => s.id !== entity?.id).map((s) => ({ value: s.id, label: s.name }))}
          value={parentId}
          onChange={setParentId}
          error={errors.parentId}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {entity ? t('common.save') : t('common.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
