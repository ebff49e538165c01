import { Box, Button } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, meQuery } from '../api/client';
import type { Me } from '../api/types';
import { storeLanguage, type Language } from '../i18n';
import { IconWorld } from './icons';

/** Switches French ⇄ English; remembers the choice on this browser and, when signed in, on the account. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const target: Language = i18n.language === 'en' ? 'fr' : 'en';

  const switchLanguage = async () => {
    await i18n.changeLanguage(target);
    storeLanguage(target);
    if (queryClient.getQueryData(meQuery.queryKey)) {
      try {
        queryClient.setQueryData(meQuery.queryKey, await api.patch<Me>('/me', { locale: target }));
      } catch {
        // The browser keeps the choice; the account keeps its previous language until next time.
      }
    }
  };

  return (
    <Button
      variant="default"
      size="sm"
      px="sm"
      leftSection={<IconWorld size={18} />}
      lang={target}
      title={t('language.switchLabel')}
      onClick={() => void switchLanguage()}
    >
      <Box component="span" visibleFrom="sm">
        {t('language.switchTo')}
      </Box>
      {/* On a phone, the language code only (its name stays the accessible name). */}
      <Box component="span" hiddenFrom="sm" aria-hidden="true">
        {target.toUpperCase()}
      </Box>
      <Box component="span" hiddenFrom="sm" className="sr-only">
        {t('language.switchTo')}
      </Box>
    </Button>
  );
}
