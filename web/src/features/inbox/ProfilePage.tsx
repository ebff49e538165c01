import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, meQuery, useMe } from '../../api/client';
import type { Me } from '../../api/types';
import { storeLanguage, type Language } from '../../i18n';
import { Page } from '../../ui/Page';
import { PasswordField } from '../../ui/PasswordField';
import { fieldErrors, notifyError, notifySuccess, QueryState } from '../../ui/feedback';
import { useChangePassword, usePreferences, useSavePreferences, type Preferences } from './api';

/** My profile: who I am, my interface language, my email notification choices, my password. */
export function ProfilePage() {
  const { t } = useTranslation('profile');
  const me = useMe();
  return (
    <Page title={t('title')}>
      <Section id="profile-account" title={t('account.title')}>
        <dl className="profile-facts" style={{ margin: 0 }}>
          <Text component="dt" size="sm" c="dimmed">
            {t('account.name')}
          </Text>
          <Text component="dd" m={0} mb="xs" fw={600}>
            {me.name}
          </Text>
          <Text component="dt" size="sm" c="dimmed">
            {t('account.email')}
          </Text>
          <Text component="dd" m={0}>
            {me.email}
          </Text>
        </dl>
      </Section>
      <LanguageSection me={me} />
      <PreferencesSection />
      <PasswordSection />
    </Page>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={id} maw={720}>
      <Title order={2} size="h4" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The account's language (PATCH /me), applied at once and remembered on this browser. */
function LanguageSection({ me }: { me: Me }) {
  const { t, i18n } = useTranslation('profile');
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (locale: Language) => api.patch<Me>('/me', { locale }),
    onSuccess: async (updated, locale) => {
      qc.setQueryData(meQuery.queryKey, updated);
      storeLanguage(locale);
      await i18n.changeLanguage(locale);
      notifySuccess(t('language.saved'));
    },
    onError: (e) => notifyError(t, e),
  });
  const current = (save.isPending ? save.variables : undefined) ?? me.locale;
  return (
    <Section id="profile-language" title={t('language.title')}>
      <Radio.Group
        label={t('language.label')}
        value={current}
        onChange={(v) => {
          if (v === 'fr' || v === 'en') save.mutate(v);
        }}
      >
        <Group mt="xs">
          <Radio value="fr" label={t('language.fr')} lang="fr" />
          <Radio value="en" label={t('language.en')} lang="en" />
        </Group>
      </Radio.Group>
    </Section>
  );
}

/** Email notification preferences (GET/PUT /me/notification-preferences). */
function PreferencesSection() {
  const { t } = useTranslation('profile');
  const prefs = usePreferences();
  return (
    <Section id="profile-notifications" title={t('notifications.title')}>
      <QueryState isPending={prefs.isPending} error={prefs.error} />
      {prefs.data && <PreferencesForm initial={prefs.data} />}
    </Section>
  );
}

function PreferencesForm({ initial }: { initial: Preferences }) {
  const { t } = useTranslation('profile');
  const save = useSavePreferences();
  const [form, setForm] = useState<Preferences>(initial);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(form, {
      onSuccess: () => notifySuccess(t('notifications.saved')),
      onError: (err) => notifyError(t, err),
    });
  };

  return (
    <form onSubmit={submit} aria-labelledby="profile-notifications">
      <Stack gap="sm">
        <Checkbox
          label={t('notifications.email')}
          checked={form.email}
          onChange={(e) => setForm({ ...form, email: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('notifications.workingHoursOnly')}
          description={t('notifications.workingHoursHint')}
          checked={form.workingHoursOnly}
          disabled={!form.email}
          onChange={(e) => setForm({ ...form, workingHoursOnly: e.currentTarget.checked })}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('notifications.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const emptyPassword = { currentPassword: '', newPassword: '', confirm: '' };

/** Password change: current, new and its confirmation; each error under its field. */
function PasswordSection() {
  const { t } = useTranslation('profile');
  const change = useChangePassword();
  const [form, setForm] = useState(emptyPassword);
  const [mismatch, setMismatch] = useState(false);
  const errors = fieldErrors(change.error, (p) => {
    if (p.code !== 'invalid') return undefined;
    if (p.field === 'currentPassword') return t('password.wrongCurrent');
    if (p.field === 'newPassword') return t('password.sameAsCurrent');
    return undefined;
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.newPassword !== form.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate(
      { currentPassword: form.currentPassword, newPassword: form.newPassword },
      {
        onSuccess: () => {
          setForm(emptyPassword);
          notifySuccess(t('password.changed'));
        },
        onError: (err) => {
          if (Object.keys(fieldErrors(err)).length === 0) notifyError(t, err);
        },
      },
    );
  };

  return (
    <Section id="profile-password" title={t('password.title')}>
      <form onSubmit={submit} aria-labelledby="profile-password" noValidate>
        <Stack gap="sm" maw={420}>
          <PasswordField
            label={t('password.current')}
            autoComplete="current-password"
            required
            value={form.currentPassword}
            error={errors.currentPassword}
            onChange={(e) => setForm({ ...form, currentPassword: e.currentTarget.value })}
          />
          <PasswordField
            label={t('password.new')}
            description={t('password.newHint')}
            autoComplete="new-password"
            required
            value={form.newPassword}
            error={errors.newPassword}
            onChange={(e) => setForm({ ...form, newPassword: e.currentTarget.value })}
          />
          <PasswordField
            label={t('password.confirm')}
            autoComplete="new-password"
            required
            value={form.confirm}
            error={mismatch ? t('password.mismatch') : undefined}
            onChange={(e) => setForm({ ...form, confirm: e.currentTarget.value })}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
