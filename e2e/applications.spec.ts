import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('application portfolio', () => {
  test("Le Bouscat's referent finds a critical application, its availability and the outage timeline, accessibly", async () => {
    const page = await app.newPage();
    await app.signIn(page, 'referent@le-bouscat.test');
    await app.openNav(page, 'Parc applicatif');
    await page.getByRole('heading', { level: 1, name: 'Parc applicatif — Le Bouscat' }).waitFor();
    await app.settle(page);
    await page.getByText('40 applications').waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // Critical applications only.
    await page.getByLabel('Criticité').selectOption('critical');
    await page.getByText('6 applications').waitFor();
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(7);

    // The mail application: its record, its availability over the year on its 24/7 clock.
    await page.getByRole('link', { name: 'Messagerie', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Messagerie' }).waitFor();
    await app.settle(page);
    await page.getByRole('heading', { level: 2, name: 'Disponibilité' }).waitFor();
    await page.getByRole('rowheader', { name: 'Calendrier des pannes' }).waitFor();
    await page.getByText('24 h/24, 7 j/7').first().waitFor();
    await page.getByText(/d'indisponibilité sur/).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // The commune's outage timeline, last year: outages linked to their P1 incidents.
    await page.getByRole('link', { name: 'Parc applicatif', exact: true }).first().click();
    await page.getByRole('link', { name: 'Chronologie des pannes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pannes des applications — Le Bouscat' }).waitFor();
    await page.getByLabel('Période').selectOption(String(new Date().getFullYear() - 1));
    await app.settle(page);
    await page.getByText(/^\d+ pannes$/).waitFor();
    await page
      .getByText(/Remise en service :/)
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: /^BOU-\d{4}-\d+$/ }).count()).toBeGreaterThan(0);
    await app.expectNoSeriousA11yViolations(page);
  });
});
