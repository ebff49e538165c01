import { StrictMode, useMemo, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './styles.css';
import './i18n';
import { queryClient, setOnUnauthenticated } from './api/client';
import { router } from './router';
import { cssVariablesResolver, makeTheme } from './theme';

// A 401 on a signed-in page (session expired): back to the sign-in page, then here again.
setOnUnauthenticated(() => {
  if (router.state.location.pathname !== '/connexion')
    void router.navigate({ to: '/connexion', search: { redirect: router.state.location.href } });
});

/** Mantine with the theme in the current language (labels of the close buttons). */
function ThemeProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(() => makeTheme(t('common.close')), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider>
      {/* Bottom right, narrow: a toast never covers the header's user menu nor a page's actions at the top. */}
      <Notifications position="bottom-right" containerWidth={360} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ThemeProvider>
  </StrictMode>,
);
