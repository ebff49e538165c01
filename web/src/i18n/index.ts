import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import fr from './fr.json';
import en from './en.json';
import { auditActionLabels } from '../../../src/shared/audit-actions';
import { serviceDeskLabels } from '../../../src/shared/service-desk-labels';

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];
export const LOCALE_KEY = 'mutualis.locale';

// Shared strings live in fr.json / en.json (namespace "common", the default). A capability may
// bring its own namespace as <ns>.fr.json + <ns>.en.json in this folder: they are picked up
// here without touching any shared file, and used as t('<ns>:key') or useTranslation('<ns>').
const nsFiles = import.meta.glob<Record<string, unknown>>('./*.*.json', { eager: true, import: 'default' });
const resources: Record<Language, Record<string, Record<string, unknown>>> = {
  fr: { common: { ...fr, auditActions: auditActionLabels.fr } },
  en: { common: { ...en, auditActions: auditActionLabels.en } },
};
for (const [file, content] of Object.entries(nsFiles)) {
  const m = /^\.\/([\w-]+)\.(fr|en)\.json$/.exec(file);
  if (m) resources[m[2] as Language][m[1]!] = content;
}
// Vocabularies the server also writes (exports) come from src/shared, merged where the screens read them.
for (const lng of languages) resources[lng].tickets = { ...resources[lng].tickets, ...serviceDeskLabels[lng] };

/** The language last chosen on this browser, if any. */
export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(LOCALE_KEY);
    return v === 'en' || v === 'fr' ? v : null;
  } catch {
    return null;
  }
}

/** Remembers the language on this browser. */
export function storeLanguage(lng: Language): void {
  try {
    localStorage.setItem(LOCALE_KEY, lng);
  } catch {
    // Private browsing without storage: the choice still applies to this page.
  }
}

i18n.on('languageChanged', (lng) => {
  // The page language follows the interface (WCAG 3.1.1, RGAA 8.3).
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage() ?? 'fr',
  fallbackLng: 'fr',
  supportedLngs: [...languages],
  defaultNS: 'common',
  ns: ['common', ...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
