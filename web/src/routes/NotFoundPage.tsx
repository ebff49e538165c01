import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../api/client';
import { useContext } from 'react';
import { InSignedInFrame, SignedInFrame } from './AppLayout';
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

/**
 * "Not found" for an unknown address (shown inside the signed-in layout) and for a page the
 * user's role may not open (its guard's notFound replaces the layout itself): a signed-in user
 * always sees it in the app's frame (header, navigation); anyone else, standalone.
 */
export function FramedNotFoundPage() {
  const { data: me } = useQuery(meQuery);
  const inFrame = useContext(InSignedInFrame);
  if (inFrame) return <NotFoundPage />;
  if (!me) return <StandaloneNotFoundPage />;
  return (
    <SignedInFrame me={me}>
      <NotFoundPage />
    </SignedInFrame>
  );
}
