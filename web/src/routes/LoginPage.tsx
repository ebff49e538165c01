import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Container, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, meQuery } from '../api/client';
import type { Me } from '../api/types';
import i18n, { storedLanguage } from '../i18n';
import { Brand } from '../ui/Brand';
import { errorMessage, fieldErrors } from '../ui/feedback';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PasswordField } from '../ui/PasswordField';
import { useDocumentTitle } from '../ui/Page';
import { safeRedirect } from './redirect';
import { loginRoute } from './root';

/** Sign-in with email and password. */
export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const search = loginRoute.useSearch();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: () => api.post<{ user: Me }>('/auth/login', { email, password }),
    onSuccess: async ({ user }) => {
      // The language chosen on this browser wins and is saved on the account; otherwise the
      // account's language applies.
      const chosen = storedLanguage();
      let me = user;
      if (chosen && chosen !== user.locale) me = await api.patch<Me>('/me', { locale: chosen }).catch(() => user);
      else if (!chosen && i18n.language !== user.locale) await i18n.changeLanguage(user.locale);
      // Nothing fetched for a previous session may show to this one.
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, me);
      await navigate({ to: safeRedirect(search.redirect) });
    },
  });

  // Empty fields are named here, before any request (the server would refuse them anyway).
  const [missing, setMissing] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(login.error), ...missing };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const empty: Record<string, string> = {};
    if (!email.trim()) empty.email = t('validation.required');
    if (!password) empty.password = t('validation.required');
    setMissing(empty);
    if (Object.keys(empty).length) {
      login.reset();
      return;
    }
    login.mutate();
  };

  return (
    <Box mih="100vh" style={{ display: 'flex', flexDirection: 'column' }}>
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" px="md" h={64}>
          <Brand />
          <LanguageSwitch />
        </Group>
      </Box>
      <Box component="main" id="main-content" style={{ flex: 1 }}>
        <Container size={460} py={64}>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <form onSubmit={onSubmit} noValidate>
              <Stack gap="md">
                <div>
                  <Title order={1} size="h2">
                    {t('login.heading')}
                  </Title>
                  <Text c="dimmed" size="sm" mt={6}>
                    {t('login.intro')}
                  </Text>
                </div>
                {login.error && !Object.keys(errors).length && (
                  <Alert color="red" role="alert" title={t('login.failed')}>
                    {errorMessage(t, login.error)}
                  </Alert>
                )}
                <TextInput
                  label={t('login.email')}
                  type="email"
                  name="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={errors.email}
                />
                <PasswordField
                  label={t('login.password')}
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={errors.password}
                />
                <Button type="submit" loading={login.isPending} fullWidth size="md">
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
        </Container>
      </Box>
    </Box>
  );
}
