import { useEffect, useRef, type ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface PageProps {
  /** The page heading, also the document title ("<title> — Mutualis"). */
  title: string;
  /** A different document title, when the heading is not a good one (e.g. a greeting). */
  documentTitle?: string;
  /** A line under the heading. */
  description?: ReactNode;
  /** Buttons on the right of the heading. */
  actions?: ReactNode;
  children?: ReactNode;
}

/** Sets the document title of a page (WCAG 2.4.2, RGAA 8.6). */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
}

const loadedAt = window.location.href;
let navigated = false;

/**
 * After a client-side navigation, focus moves to the new page's heading so that keyboard and
 * screen-reader users start from the new content, as after a full page load (RGAA 12.x). On the
 * page the browser loaded, focus stays where the browser put it.
 */
function useFocusOnNavigation(ref: React.RefObject<HTMLHeadingElement | null>): void {
  useEffect(() => {
    if (!navigated && window.location.href === loadedAt) return;
    navigated = true;
    ref.current?.focus();
  }, [ref]);
}

/** A page of the app: one h1 (the target of focus after navigation), actions, content. */
export function Page({ title, documentTitle, description, actions, children }: PageProps) {
  useDocumentTitle(documentTitle ?? title);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title ref={heading} order={1} size="h2" id="page-title" tabIndex={-1} style={{ outline: 'none' }}>
            {title}
          </Title>
          {description && (
            <Text c="dimmed" mt={4}>
              {description}
            </Text>
          )}
        </div>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}
