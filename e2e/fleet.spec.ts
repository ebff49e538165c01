import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('fleet', () => {
  test('a technician previews and imports a fleet file, sees the renewal plan, and puts a device in repair, accessibly', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'technicien@mutualis.test');
    await app.openNav(page, 'Parc des postes');
    await page.getByRole('heading', { level: 1, name: 'Parc des postes' }).waitFor();
    await page.getByRole('link', { name: 'Le Bouscat', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Parc des postes — Le Bouscat' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^Plan de renouvellement \d{4}$/ }).waitFor();
    await page.getByText(/la part contractuelle de 16,7 % demande \d+ renouvellements/).waitFor();
    await page.getByRole('heading', { level: 2, name: /^Appareils \(\d+\)$/ }).waitFor();
    await app.settle(page);
    await app.expectNoSeriousA11yViolations(page);

    // Import: the preview reports the rows, nothing is written until accepted.
    const csv =
      'Type;Numéro de série;Modèle;Statut;Mise en service\nPortable;E2E-PF-0001;ThinkPad T14;En service;2026-01-15\nGrille-pain;E2E-X;;;\n';
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'parc.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByText('2 lignes lues : 1 à créer, 0 à mettre à jour, 0 inchangées, 1 refusées.').waitFor();
    await page.getByRole('cell', { name: 'unknown kind "Grille-pain"' }).waitFor();
    await app.expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText(/Import terminé : 1 créés/).waitFor();

    // The imported laptop, found by its serial; its page; a change of status kept in its history.
    await page.getByLabel('Rechercher').fill('E2E-PF-0001');
    await page.getByRole('link', { name: 'E2E-PF-0001' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E-PF-0001' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
    await app.settle(page);
    await app.expectNoSeriousA11yViolations(page);
    await page.getByRole('region', { name: 'Changer le statut' }).getByLabel('Statut').click();
    await page.getByRole('option', { name: 'En réparation' }).click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Appareil mis à jour.').waitFor();
    await page.getByRole('cell', { name: /status : deployed → in_repair/ }).waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThan(3);
  });

  test('the fleet page shows 3.1.1 month by month (chart and table) and exports the filtered list, accessibly', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'technicien@mutualis.test');
    await app.openNav(page, 'Parc des postes');
    await page.getByRole('link', { name: 'Le Bouscat', exact: true }).click();
    const progress = page.getByRole('region', { name: /^Renouvellement \d{4} mois par mois \(indicateur 3\.1\.1\)$/ });
    await progress.waitFor();
    await progress.getByLabel('Année').fill('2025');
    await page
      .getByRole('heading', { level: 2, name: 'Renouvellement 2025 mois par mois (indicateur 3.1.1)' })
      .waitFor();
    await progress
      .getByText(/Parc au 1er janvier : \d+ appareils ; l’année demande \d+ renouvellements \(16,7 %\)/)
      .waitFor();
    await progress.getByRole('img', { name: /Renouvellements cumulés par mois/ }).waitFor();
    const table = progress.getByRole('table', { name: 'Renouvellements par mois et part exigée' });
    await table.getByRole('rowheader', { name: 'décembre 2025' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(13);
    await app.settle(page);
    await app.expectNoSeriousA11yViolations(page);

    // The export buttons carry the current filters; the CSV holds only the laptops.
    await page.getByLabel('Type', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Portable' }).click();
    const csvLink = page.getByRole('link', { name: 'Exporter en CSV' });
    await expect.poll(() => csvLink.getAttribute('href')).toMatch(/format=csv.*kind=laptop/);
    const xlsxHref = await page.getByRole('link', { name: 'Exporter en XLSX' }).getAttribute('href');
    expect(xlsxHref).toMatch(/format=xlsx.*kind=laptop/);
    const res = await page.request.get(new URL((await csvLink.getAttribute('href'))!, page.url()).toString());
    expect(res.status()).toBe(200);
    const lines = (await res.text()).trim().split(/\r\n/);
    expect(lines[0]).toMatch(/^\ufeff?Type;Nom;Numéro de série/);
    expect(lines.slice(1).every((l) => l.startsWith('laptop;'))).toBe(true);
    await app.expectNoSeriousA11yViolations(page);
  });
});
