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

  test('the commune approves next year’s renewal plan, sets its policy, and a technician records a line’s order, accessibly', async () => {
    const year = new Date().getFullYear() + 1;
    const referent = await app.newPage();
    await app.signIn(referent, 'referent@le-bouscat.test');
    await app.openNav(referent, 'Parc des postes');
    await referent.getByRole('heading', { level: 1, name: 'Parc des postes — Le Bouscat' }).waitFor();
    await referent.getByRole('heading', { level: 2, name: 'Politique de renouvellement' }).waitFor();
    // The share is the contract's, shown read-only with its source.
    await referent
      .getByText(/Part annuelle à renouveler : 16,7 %, fixée par le contrat en vigueur \(indicateur 3\.1\.1/)
      .waitFor();
    const approve = referent.getByRole('button', {
      name: new RegExp(`^Approuver le plan ${year} \\(\\d+ appareils\\)$`),
    });
    await approve.waitFor();
    await app.settle(referent);
    await app.expectNoSeriousA11yViolations(referent);

    // The policy: laptops renewed after 4 years, from today; kept with who set it.
    await referent.getByRole('button', { name: 'Modifier la politique' }).click();
    const form = referent.getByRole('form', { name: 'Modifier la politique' });
    await form.getByLabel('Renouveler après (années) — Portable').fill('4');
    await form.getByLabel('Renouveler hors garantie — Portable').check();
    await form.getByLabel('Motif (délibération, budget…)').fill('Délibération du conseil');
    await app.expectNoSeriousA11yViolations(referent);
    await form.getByRole('button', { name: 'Enregistrer la politique' }).click();
    await referent.getByText('Politique de renouvellement enregistrée.').waitFor();
    await referent
      .getByText(/Politique de la commune en vigueur depuis le .* \(fixée par referent@le-bouscat\.test\)/)
      .waitFor();

    await approve.click();
    await referent.getByText(`Plan ${year} approuvé : la liste des appareils est figée.`).waitFor();
    await referent
      .getByRole('status')
      .filter({ hasText: `Plan ${year} approuvé` })
      .getByText(/par referent@le-bouscat\.test/)
      .waitFor();
    await referent.getByRole('table', { name: 'Suivi du plan approuvé, ligne par ligne' }).waitFor();
    expect(await referent.getByRole('button', { name: /^Approuver le plan/ }).count()).toBe(0);
    await app.settle(referent);
    await app.expectNoSeriousA11yViolations(referent);

    // A technician records the first line's order; the line moves to "Commandé".
    const tech = await app.newPage();
    await app.signIn(tech, 'technicien@mutualis.test');
    await app.openNav(tech, 'Parc des postes');
    await tech.getByRole('link', { name: 'Le Bouscat', exact: true }).click();
    const lines = tech.getByRole('table', { name: 'Suivi du plan approuvé, ligne par ligne' });
    await lines.waitFor();
    await lines
      .getByRole('button', { name: /^Commande passée — / })
      .first()
      .click();
    const step = tech.getByRole('form', { name: /^Commande passée — / });
    await step.getByLabel('Date').waitFor();
    await app.expectNoSeriousA11yViolations(tech);
    await step.getByRole('button', { name: 'Enregistrer l’étape' }).click();
    await tech.getByText('Étape enregistrée : Commande passée.').waitFor();
    await lines
      .getByRole('cell', { name: /\(technicien@mutualis\.test\)$/ })
      .first()
      .waitFor();
    await lines
      .getByRole('button', { name: /^Livraison reçue — / })
      .first()
      .waitFor();
    await app.settle(tech);
    await app.expectNoSeriousA11yViolations(tech);
  }, 420_000);

  test('a requester names a device by its serial on a new ticket; the device page lists the ticket, accessibly', async () => {
    // E2E-PF-0001 is the laptop the first test imported (in repair, still in the fleet).
    const page = await app.newPage();
    await app.signIn(page, 'agent@le-bouscat.test');
    await app.openNav(page, 'Demandes');
    await page.getByRole('link', { name: 'Nouvelle demande' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle demande' }).waitFor();
    await page.getByRole('textbox', { name: 'Titre' }).fill('Portable qui ne démarre plus');
    const picker = page
      .getByRole('textbox', { name: 'Appareils concernés' })
      .or(page.getByRole('combobox', { name: 'Appareils concernés' }))
      .first();
    await picker.click();
    await picker.fill('E2E-PF-0001');
    await page.getByRole('option', { name: /^E2E-PF-0001 — Portable ThinkPad T14/ }).click();
    // The check runs with the list closed: Mantine's open dropdown nests its scroll area in the listbox.
    await picker.press('Escape');
    await app.expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^BOU-\d{4}-\d{6} — Portable qui ne démarre plus$/ });
    await heading.waitFor();
    const reference = (await heading.textContent())!.split(' — ')[0]!;
    await page
      .getByRole('region', { name: 'Appareils concernés' })
      .getByText(/^E2E-PF-0001 — Portable ThinkPad T14/)
      .waitFor();
    await app.settle(page);
    await app.expectNoSeriousA11yViolations(page);

    const tech = await app.newPage();
    await app.signIn(tech, 'technicien@mutualis.test');
    await app.openNav(tech, 'Parc des postes');
    await tech.getByRole('link', { name: 'Le Bouscat', exact: true }).click();
    await tech.getByLabel('Rechercher').fill('E2E-PF-0001');
    await tech.getByRole('link', { name: 'E2E-PF-0001' }).click();
    await tech.getByRole('heading', { level: 2, name: 'Demandes liées (1)' }).waitFor();
    await tech.getByRole('link', { name: reference }).waitFor();
    await tech.getByText('1 incident (compté dans le classement du plan de renouvellement).').waitFor();
    await app.settle(tech);
    await app.expectNoSeriousA11yViolations(tech);
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
