import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';
import { checkPage, navLinks } from './pages';

// Every demo account walks its whole navigation with axe on each page (split from
// foundation.spec.ts: the longest browser file, so CI runs it beside the others).

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const adminEntries = [
  'Communes et sous-entités',
  'Utilisateurs et rôles',
  'Affectations',
  "Jetons d'API",
  "Journal d'audit",
];

/** Every demo account, what its navigation must show and must not show (French labels). */
const accounts: Array<{ email: string; shows: string[]; hides: string[] }> = [
  { email: 'admin@mutualis.test', shows: ['Accueil', 'Communes', ...adminEntries], hides: [] },
  {
    email: 'directeur@mutualis.test',
    shows: ['Accueil', 'Communes', "Journal d'audit"],
    hides: ['Utilisateurs et rôles', "Jetons d'API", 'Communes et sous-entités'],
  },
  { email: 'contrats@mutualis.test', shows: ['Accueil', 'Communes'], hides: adminEntries },
  { email: 'accueil@mutualis.test', shows: ['Accueil', 'Communes'], hides: adminEntries },
  { email: 'technicien@mutualis.test', shows: ['Accueil', 'Communes'], hides: adminEntries },
  { email: 'referent@le-bouscat.test', shows: ['Accueil', 'Communes'], hides: adminEntries },
  { email: 'agent@le-bouscat.test', shows: ['Accueil', 'Communes'], hides: adminEntries },
  { email: 'referent@villedemo.test', shows: ['Accueil', 'Communes'], hides: adminEntries },
  { email: 'agent@villedemo.test', shows: ['Accueil', 'Communes'], hides: adminEntries },
];

describe('every demo account', () => {
  for (const account of accounts) {
    test(`${account.email} signs in, walks its navigation, and every page passes axe`, async () => {
      const page = await app.newPage();
      await app.signIn(page, account.email);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await checkPage(app, page, '/');

      const links = await navLinks(page);
      const names = links.map((l) => l.name);
      for (const s of account.shows) expect(names, `${account.email} sees ${s}`).toContain(s);
      for (const h of account.hides) expect(names, `${account.email} does not see ${h}`).not.toContain(h);

      for (const link of links) {
        await page
          .getByRole('navigation', { name: 'Navigation principale' })
          .getByRole('link', { name: link.name, exact: true })
          .click();
        await checkPage(app, page, link.path);
        const current = page
          .getByRole('navigation', { name: 'Navigation principale' })
          .locator('[aria-current="page"]');
        expect((await current.textContent())?.trim()).toBe(link.name);
      }

      // The page of the first commune in scope (sub-entities, people).
      await app.openNav(page, 'Communes');
      await checkPage(app, page, '/communes');
      const open = page
        .getByRole('main')
        .getByRole('link', { name: /^Ouvrir / })
        .first();
      const target = new URL((await open.getAttribute('href')) ?? '/', app.baseUrl).pathname;
      await open.click();
      await checkPage(app, page, target);
      expect(await page.getByRole('heading', { name: 'Sous-entités' }).count()).toBe(1);
    });
  }
});
