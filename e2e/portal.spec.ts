import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('requester portal', () => {
  test('a requester files a ticket with a category and follows it: deadlines, reply, accessibly', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'agent@le-bouscat.test');
    await app.openNav(page, 'Demandes');
    await page.getByRole('heading', { level: 1, name: "Demandes d'assistance" }).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Nouvelle demande' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle demande' }).waitFor();
    await page
      .getByRole('textbox', { name: 'Catégorie' })
      .or(page.getByRole('combobox', { name: 'Catégorie' }))
      .first()
      .click();
    await page.getByRole('option', { name: 'Impression' }).click();
    await page.getByRole('textbox', { name: 'Titre' }).fill('Imprimante du service état civil en panne');
    await page.getByRole('textbox', { name: 'Description' }).fill('Plus aucune impression depuis ce matin.');
    await app.expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();

    // The ticket page: reference in the title, contractual deadlines, remaining business time.
    const heading = page.getByRole('heading', {
      level: 1,
      name: /^BOU-\d{4}-\d{6} — Imprimante du service état civil en panne$/,
    });
    await heading.waitFor();
    await page.getByText('Prise en compte avant').waitFor();
    await page.getByText('Nouvelle', { exact: true }).first().waitFor();
    await app.expectNoSeriousA11yViolations(page);

    await page.getByRole('textbox', { name: 'Votre message' }).fill('Le modèle est une Ricoh MP C3004.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.getByText('Le modèle est une Ricoh MP C3004.').waitFor();
    // A requester cannot write internal notes nor move the ticket.
    expect(await page.getByRole('checkbox', { name: /Note interne/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Résoudre' }).count()).toBe(0);

    // The ticket is in "my tickets".
    await app.openNav(page, 'Demandes');
    await page.getByRole('cell', { name: 'Imprimante du service état civil en panne' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^\d+ demandes?$/ })
      .waitFor();
  });

  test('the commune referent sees how many tickets match, the count capped past 1,000', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'referent@le-bouscat.test');
    await app.openNav(page, 'Demandes');
    // Two years of demo history: the count stops at 1,000 and says so.
    await page
      .getByRole('status')
      .filter({ hasText: /^Plus de 1\s?000 demandes : affinez la recherche/ })
      .waitFor();
    await app.expectNoSeriousA11yViolations(page);
    // The pages go on past the count's cap (40 pages of 25), one at a time.
    await page.getByRole('button', { name: '40', exact: true }).click();
    await page.getByRole('button', { name: '41', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await page.getByRole('button', { name: '42', exact: true }).waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThan(1);
    // A search narrows it to an exact count.
    await page.getByRole('textbox', { name: 'Rechercher' }).fill('imprimante');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^\d{1,3} demandes?$/ })
      .waitFor();
  });
});
