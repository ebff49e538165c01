import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roles } from '../../../../src/shared/roles';
import type { Role, User } from '../../api/types';
import { errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { PasswordField } from '../../ui/PasswordField';
import { useCommunes, useEntities } from '../communes/api';
import { useCreateUser, useUpdateUser } from './users-api';

/** Create (no `user`) or edit a user, in a dialog. */
export function UserFormModal({ opened, onClose, user }: { opened: boolean; onClose: () => void; user?: User }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={user ? t('users.editTitle', { name: user.name }) : t('users.createTitle')}
      size="lg"
    >
      {opened && (user ? <EditUser user={user} onDone={onClose} /> : <CreateUser onDone={onClose} />)}
    </Modal>
  );
}

function useRoleOptions() {
  const { t } = useTranslation();
  return roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
}

function EntitySelect({
  communeId,
  value,
  onChange,
  error,
}: {
  communeId: string;
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const entities = useEntities(communeId);
  return (
    <Select
      label={t('users.entity')}
      description={t('users.entityHelp')}
      placeholder={t('users.wholeCommune')}
      clearable
      data={(entities.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

function CreateUser({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const communes = useCommunes();
  const roleOptions = useRoleOptions();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [userRoles, setUserRoles] = useState<Role[]>([]);
  const [communeId, setCommuneId] = useState<string | null>(null);
  const [entityId, setEntityId] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [locale, setLocale] = useState<'fr' | 'en'>('fr');
  const [password, setPassword] = useState('');
  const errors = fieldErrors(create.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        email,
        name,
        roles: userRoles,
        communeId,
        entityId,
        phone: phone.trim() || null,
        locale,
        ...(password ? { password } : {}),
      },
      {
        onSuccess: (u) => {
          notifySuccess(t('users.created', { name: u.name }));
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {create.error && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(t, create.error)}
          </Alert>
        )}
        <Group grow align="flex-start">
          <TextInput
            label={t('users.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <TextInput
            label={t('users.email')}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
        </Group>
        <MultiSelect
          label={t('users.roles')}
          required
          data={roleOptions}
          value={userRoles}
          onChange={setUserRoles}
          error={errors.roles}
          searchable
        />
        <Group grow align="flex-start">
          <Select
            label={t('users.commune')}
            description={t('users.communeHelp')}
            placeholder={t('users.provider')}
            clearable
            data={(communes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={communeId}
            onChange={(v) => {
              setCommuneId(v);
              setEntityId(null);
            }}
            error={errors.communeId}
          />
          {communeId && (
            <EntitySelect communeId={communeId} value={entityId} onChange={setEntityId} error={errors.entityId} />
          )}
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t('users.phone')}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors.phone}
          />
          <Select
            label={t('users.locale')}
            data={[
              { value: 'fr', label: 'Français' },
              { value: 'en', label: 'English' },
            ]}
            value={locale}
            onChange={(v) => setLocale(v === 'en' ? 'en' : 'fr')}
            allowDeselect={false}
            error={errors.locale}
          />
        </Group>
        <PasswordField
          label={t('users.password')}
          description={t('users.passwordHelp')}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditUser({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const roleOptions = useRoleOptions();
  const [name, setName] = useState(user.name);
  const [userRoles, setUserRoles] = useState<Role[]>(user.roles);
  const [entityId, setEntityId] = useState<string | null>(user.entityId);
  const [phone, setPhone] = useState(user.phone ?? '');
  const [locale, setLocale] = useState<'fr' | 'en'>(user.locale);
  const [active, setActive] = useState(user.active);
  const [password, setPassword] = useState('');
  const errors = fieldErrors(update.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      {
        id: user.id,
        input: {
          name,
          roles: userRoles,
          entityId,
          phone: phone.trim() || null,
          locale,
          active,
          ...(password ? { password } : {}),
        },
      },
      {
        onSuccess: () => {
          notifySuccess(password ? t('users.savedWithPassword') : t('common.saved'));
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {update.error && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(t, update.error)}
          </Alert>
        )}
        <TextInput label={t('users.email')} value={user.email} readOnly variant="filled" />
        <TextInput
          label={t('users.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <MultiSelect
          label={t('users.roles')}
          required
          data={roleOptions}
          value={userRoles}
          onChange={setUserRoles}
          error={errors.roles}
          searchable
        />
        {user.communeId && (
          <EntitySelect communeId={user.communeId} value={entityId} onChange={setEntityId} error={errors.entityId} />
        )}
        <Group grow align="flex-start">
          <TextInput
            label={t('users.phone')}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors.phone}
          />
          <Select
            label={t('users.locale')}
            data={[
              { value: 'fr', label: 'Français' },
              { value: 'en', label: 'English' },
            ]}
            value={locale}
            onChange={(v) => setLocale(v === 'en' ? 'en' : 'fr')}
            allowDeselect={false}
            error={errors.locale}
          />
        </Group>
        <Switch
          label={t('users.activeLabel')}
          description={t('users.activeHelp')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <PasswordField
          label={t('users.resetPassword')}
          description={t('users.resetPasswordHelp')}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
