import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { E2EApp } from './harness';

/** The links of the side navigation: accessible name and path. */
export async function navLinks(page: Page): Promise<Array<{ name: string; path: string }>> {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.waitFor();
  return nav
    .getByRole('link')
    .evaluateAll((links) =>
      links.map((a) => ({ name: (a.textContent ?? '').trim(), path: new URL((a as HTMLAnchorElement).href).pathname })),
    );
}

/**
 * Waits for the page at `path` to show its heading, then checks title, heading and (unless
 * `axe: false`) accessibility.
 */
export async function checkPage(app: E2EApp, page: Page, path: string, opts: { axe?: boolean } = {}): Promise<string> {
  await page.waitForURL((u) => u.pathname === path);
  const heading = page.locator('#page-title');
  await heading.waitFor();
  await app.settle(page);
  const h1 = (await heading.textContent())?.trim() ?? '';
  expect(h1, `heading of ${path}`).not.toBe('');
  expect(h1, `${path} is not found`).not.toBe('Page introuvable');
  expect(await page.title()).toMatch(/ — Mutualis$/);
  expect(await page.locator('h1').count(), `one h1 on ${path}`).toBe(1);
  if (opts.axe !== false) await app.expectNoSeriousA11yViolations(page);
  return h1;
}
