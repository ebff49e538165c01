import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Page } from '../ui/Page';
import { ButtonLink } from '../ui/links';

/** Unknown address, or a page the user may not open (inside the signed-in layout). */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <Text>{t('notFound.text')}</Text>
      <div>
        <ButtonLink to="/">{t('notFound.back')}</ButtonLink>
      </div>
    </Page>
  );
}

/** The same, outside any layout: brings its own main landmark. */
export function StandaloneNotFoundPage() {
  return (
    <main style={{ padding: 'var(--mantine-spacing-lg)' }}>
      <NotFoundPage />
    </main>
  );
}
