import { describe, expect, test } from 'vitest';
import type { E2EApp } from './harness';
import { checkPage, navLinks } from './pages';

export const adminEntries = [
  'Communes et sous-entités',
  'Utilisateurs et rôles',
  'Affectations',
  "Jetons d'API",
  "Journal d'audit",
];

/** A demo account, what its navigation must show and must not show (French labels). */
export interface Account {
  email: string;
  shows: string[];
  hides: string[];
}

/**
 * One test per account: it signs in, walks its whole navigation, then opens the first commune in
 * its scope; every page must load with its title and one heading. axe runs on each account's home
 * page and on each other page the first time the file's walks reach it (an axe run costs 0.5–3 s of
 * a core, most of these walks' time, and the next account sees the same page with other buttons at
 * most: the role-specific screens are axe-checked by the feature specs). The accounts are split
 * across spec files (navigation-*.spec.ts) so the walks run beside the others.
 */
export function walkNavigation(app: () => E2EApp, accounts: readonly Account[]): void {
  const checked = new Set<string>();
  const axeOnce = (path: string) => {
    const first = path === '/' || !checked.has(path);
    checked.add(path);
    return { axe: first };
  };
  describe('every demo account', () => {
    for (const account of accounts) {
      test(`${account.email} signs in, walks its navigation, every page loads and passes axe`, async () => {
        const a = app();
        const page = await a.newPage();
        await a.signIn(page, account.email);
        expect(await page.locator('html').getAttribute('lang')).toBe('fr');
        await checkPage(a, page, '/', axeOnce('/'));

        const links = await navLinks(page);
        const names = links.map((l) => l.name);
        for (const s of account.shows) expect(names, `${account.email} sees ${s}`).toContain(s);
        for (const h of account.hides) expect(names, `${account.email} does not see ${h}`).not.toContain(h);

        for (const link of links) {
          await page
            .getByRole('navigation', { name: 'Navigation principale' })
            .getByRole('link', { name: link.name, exact: true })
            .click();
          await checkPage(a, page, link.path, axeOnce(link.path));
          const current = page
            .getByRole('navigation', { name: 'Navigation principale' })
            .locator('[aria-current="page"]');
          expect((await current.textContent())?.trim()).toBe(link.name);
        }

        // The page of the first commune in scope (sub-entities, people).
        await a.openNav(page, 'Communes');
        await checkPage(a, page, '/communes', axeOnce('/communes'));
        const open = page
          .getByRole('main')
          .getByRole('link', { name: /^Ouvrir / })
          .first();
        const target = new URL((await open.getAttribute('href')) ?? '/', a.baseUrl).pathname;
        await open.click();
        await checkPage(a, page, target, axeOnce(target));
        expect(await page.getByRole('heading', { name: 'Sous-entités' }).count()).toBe(1);
      });
    }
  });
}
