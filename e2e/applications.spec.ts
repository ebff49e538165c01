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

  test('the contract manager previews then imports the transferred inventory, and edits and tries alert rules', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'contrats@mutualis.test');
    await app.openNav(page, 'Parc applicatif');
    await page.getByRole('link', { name: 'Le Bouscat', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Parc applicatif — Le Bouscat' }).waitFor();
    await app.settle(page);
    const inventory = page.getByRole('region', { name: 'Inventaire du parc applicatif transféré' });
    await inventory.getByText(/au 15 févr\. 2016 : 33 applications\./).waitFor();

    // A file with a problem: the preview names the row; nothing can be accepted.
    const bad = 'Nom;Domaine\nMessagerie;collaboration\nmessagerie;collaboration\n';
    await inventory
      .locator('input[type="file"]')
      .setInputFiles({ name: 'inventaire.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await inventory.getByRole('button', { name: 'Prévisualiser' }).click();
    await inventory.getByText('CSV : 2 lignes lues, 1 valides dont 1 rattachées au parc, 1 problèmes.').waitFor();
    await inventory.getByRole('cell', { name: '« messagerie » is already on row 2.' }).waitFor();
    expect(await inventory.getByRole('button', { name: "Confirmer l'import" }).isDisabled()).toBe(true);
    await app.expectNoSeriousA11yViolations(page);

    // A clean file, dated: previewed, then accepted.
    const good = 'Nom;Domaine\nMessagerie;collaboration\nLogiciel des archives;other\n';
    await inventory
      .locator('input[type="file"]')
      .setInputFiles({ name: 'inventaire.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await inventory.getByLabel("Date de l'inventaire").fill('2016-02-15');
    await inventory.getByLabel('Intitulé').fill('Inventaire signé');
    await inventory.getByRole('button', { name: 'Prévisualiser' }).click();
    await inventory.getByText('CSV : 2 lignes lues, 2 valides dont 1 rattachées au parc, 0 problèmes.').waitFor();
    await inventory.getByRole('cell', { name: 'Absente du parc' }).waitFor();
    await inventory.getByRole('button', { name: "Confirmer l'import" }).click();
    await inventory.getByText(/Inventaire signé, au 15 févr\. 2016 : 2 applications\./).waitFor();

    // Alert rules: add one, try a label set against it, remove it.
    await page.getByRole('link', { name: 'Règles des alertes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Règles des alertes de supervision — Le Bouscat' }).waitFor();
    await app.settle(page);
    await page.getByText(/Aucune règle/).waitFor();
    await app.expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Ajouter une règle' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Label').fill('job');
    await dialog.getByLabel('Valeur').fill('civilnet-rh');
    await dialog.getByLabel('Application').selectOption({ label: 'Paie et ressources humaines' });
    await app.expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    const table = page.getByRole('table', { name: "Règles label → application, dans l'ordre d'évaluation" });
    await table.getByRole('link', { name: 'Paie et ressources humaines' }).waitFor();

    await page.getByLabel("Labels de l'alerte").fill('alertname=Down\njob=civilnet-rh');
    await page.getByRole('button', { name: 'Essayer' }).click();
    await page.getByText('Rattachée par la règle n° 1 (job = civilnet-rh) :').waitFor();
    await page.getByLabel("Labels de l'alerte").fill('job=inconnu');
    await page.getByRole('button', { name: 'Essayer' }).click();
    await page.getByText(/Aucune application de la commune/).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Supprimer la règle job = civilnet-rh' }).click();
    await page.getByText(/Aucune règle/).waitFor();
  });

  test("the commune dashboard shows its critical applications' availability and drills down to their outages", async () => {
    const page = await app.newPage();
    await app.signIn(page, 'contrats@mutualis.test');
    await page.goto('/indicateurs');
    await page.getByRole('table').getByRole('link', { name: 'Le Bouscat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicateurs — Le Bouscat' }).waitFor();
    const year = String(new Date().getFullYear() - 1);
    await app.settle(page);
    const periodSelect = page
      .getByRole('combobox', { name: 'Période' })
      .or(page.getByRole('textbox', { name: 'Période' }))
      .first();
    await periodSelect.click();
    await page.getByRole('option', { name: year, exact: true }).click();
    await app.settle(page);
    const card = page.getByRole('region', { name: `Disponibilité des applications critiques — ${year}` });
    await card.getByRole('rowheader', { name: 'Messagerie' }).waitFor();
    await card
      .getByText(/ sur \d[\d\s ]* h$/)
      .first()
      .waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // 4.1.1 drills down to the outages of critical applications of the period.
    const region = page.getByRole('region', { name: /Engagement 4\.1/ });
    await region.getByRole('link', { name: 'Pannes' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Pannes des applications — Le Bouscat' }).waitFor();
    await app.settle(page);
    expect(await page.getByLabel('Période').inputValue()).toBe(year);
    expect(await page.getByLabel('Criticité').inputValue()).toBe('critical');
    await page.getByText(/^\d+ pannes?$/).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // From the card, the application's own page.
    await page.goBack();
    await page
      .getByRole('region', { name: `Disponibilité des applications critiques — ${year}` })
      .getByRole('link', { name: 'Messagerie' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Messagerie' }).waitFor();
  });

  test('the contract manager records an application outage from a P1 incident', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'contrats@mutualis.test');
    await app.openNav(page, 'Parc applicatif');
    await page.getByRole('link', { name: 'Le Bouscat', exact: true }).first().click();
    await page.getByRole('link', { name: 'Chronologie des pannes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pannes des applications — Le Bouscat' }).waitFor();
    await page.getByLabel('Période').selectOption(String(new Date().getFullYear() - 1));
    await app.settle(page);
    // A demo outage's incident: its page offers to record an outage from it.
    await page
      .getByRole('link', { name: /^BOU-\d{4}-\d+$/ })
      .first()
      .click();
    await page.getByRole('link', { name: 'Déclarer une panne applicative' }).click();
    const dialog = page.getByRole('dialog', { name: "Déclarer une panne d'application" });
    await dialog.getByText(/À partir de l'incident BOU-\d{4}-\d+/).waitFor();
    expect(await dialog.getByLabel('Début de la panne').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await dialog.getByLabel('Application en panne').selectOption({ label: 'Site internet (Importante)' });
    await dialog.getByLabel('Cause').fill('Certificat expiré');
    await app.expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Enregistrer la panne' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Site internet' }).first().waitFor();
    await page
      .getByText(/Certificat expiré/)
      .first()
      .waitFor();
  });
});
