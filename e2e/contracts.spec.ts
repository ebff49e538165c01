import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('commitment contracts', () => {
  test('a referent reads the contract in force, compares the two versions and downloads Avenant n°1 as PDF', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'referent@le-bouscat.test');
    await app.openNav(page, "Contrat d'engagement");
    await page.getByRole('heading', { level: 1, name: "Contrat d'engagement — Le Bouscat" }).waitFor();
    await app.settle(page);
    // The indicators table of the annex, with every column of the reference.
    const table = page.getByRole('table', { name: 'Les indicateurs et valeurs cibles' });
    await table.waitFor();
    await table.getByRole('rowheader', { name: /Indicateur 4\.2\.2/ }).waitFor();
    expect(await table.getByRole('columnheader').count()).toBe(9);
    await app.expectNoSeriousA11yViolations(page);

    // The escalation matrix tab: 3 referral types × 4 sub-domains.
    await page.getByRole('tab', { name: 'Matrice de saisine' }).click();
    const matrix = page.getByRole('table', { name: /Matrice de saisine/ });
    await matrix.getByRole('rowheader', { name: 'Saisine exceptionnelle' }).waitFor();
    expect(await matrix.getByRole('rowheader').count()).toBe(3);

    // Comparison of version 1 (2016) and version 2 (Avenant n°1).
    await page.getByRole('link', { name: 'Comparer les versions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comparaison des versions — Le Bouscat' }).waitFor();
    await app.settle(page);
    const changes = page.getByRole('table', { name: 'Différences entre la version 1 et la version 2' });
    await changes.waitFor();
    const removed = changes.getByRole('row').filter({ hasText: 'Supprimé' });
    expect(await removed.count()).toBe(1);
    expect(await removed.textContent()).toContain('vidéosurveillance');
    expect(await changes.getByRole('row').filter({ hasText: 'Ajouté' }).count()).toBe(1);
    await page.getByText(/^\d+ différences$/).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // Avenant n°1 and its PDF.
    await page.getByRole('link', { name: 'Retour au contrat' }).click();
    await app.settle(page);
    await page.getByRole('link', { name: 'Avenant n°1' }).click();
    await page.getByRole('heading', { level: 1, name: 'Avenant n°1' }).waitFor();
    await app.settle(page);
    await app.expectNoSeriousA11yViolations(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('avenant-1-le-bouscat.pdf');
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('a requester sees only the escalation matrix and the support hours', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'agent@le-bouscat.test');
    await app.openNav(page, "Contrat d'engagement");
    await page.getByRole('heading', { level: 1, name: "Contrat d'engagement — Le Bouscat" }).waitFor();
    await app.settle(page);
    await page.getByRole('table', { name: /Matrice de saisine/ }).waitFor();
    await page.getByRole('table', { name: /Horaires d'ouverture de l'assistance/ }).waitFor();
    expect(await page.getByRole('table', { name: 'Les indicateurs et valeurs cibles' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Télécharger (PDF)' }).count()).toBe(0);
    await app.expectNoSeriousA11yViolations(page);
  });

  test('a contract manager drafts an amendment, edits a priority, then abandons the draft', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'contrats@mutualis.test');
    await app.openNav(page, "Contrat d'engagement");
    await page.getByRole('link', { name: 'Le Bouscat' }).click();
    await page.getByRole('heading', { level: 1, name: "Contrat d'engagement — Le Bouscat" }).waitFor();
    await app.settle(page);
    await page.getByRole('button', { name: 'Préparer un avenant' }).click();
    await page.getByRole('heading', { level: 1, name: 'Avenant n°2' }).waitFor();
    await app.settle(page);
    const priorities = page.getByRole('textbox', { name: 'Priorités' });
    await priorities.fill(`${await priorities.inputValue()}\nDéployer la fibre dans les écoles ;`);
    await page.getByRole('button', { name: 'Enregistrer les priorités' }).click();
    await page.getByText('Enregistré.').first().waitFor();
    await app.settle(page);
    await page.getByRole('tab', { name: 'Priorités' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Déployer la fibre dans les écoles' }).first().waitFor();
    await app.expectNoSeriousA11yViolations(page);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: "Abandonner ce projet d'avenant" }).click();
    await page.getByRole('heading', { level: 1, name: "Contrat d'engagement — Le Bouscat" }).waitFor();
  });

  test('the director drafts and signs an amendment with a future effective date', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'directeur@mutualis.test');
    await page.goto('/contrats');
    await page.getByRole('link', { name: 'Villedemo' }).click();
    await page.getByRole('heading', { level: 1, name: "Contrat d'engagement — Villedemo" }).waitFor();
    await app.settle(page);
    await page.getByRole('button', { name: 'Préparer un avenant' }).click();
    await page.getByRole('heading', { level: 1, name: 'Avenant n°1' }).waitFor();
    await app.settle(page);
    // A backdated effective date is refused with a message on the field.
    await page.getByLabel("Date d'entrée en vigueur").fill('2019-03-01');
    await page.getByRole('button', { name: "Signer l'avenant" }).click();
    await page
      .getByText(/Date d’entrée en vigueur refusée/)
      .first()
      .waitFor();
    await app.expectNoSeriousA11yViolations(page);
    const next = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Date d'entrée en vigueur").fill(next);
    await page.getByRole('button', { name: "Signer l'avenant" }).click();
    await page.getByText('Avenant signé.').first().waitFor();
    await app.settle(page);
    await page.getByText('Signé', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: "Signer l'avenant" }).count()).toBe(0);
  });
});
