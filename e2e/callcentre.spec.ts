import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('call-centre console', () => {
  test('an agent takes a phone call, triages the ticket and replies, accessibly', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'accueil@mutualis.test');
    await app.openNav(page, "Prise d'appels");
    await page.getByRole('heading', { level: 1, name: "Prise d'appels" }).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // Phone entry: find the caller by phone number; the commune comes with them.
    await page.getByRole('textbox', { name: 'Appelant' }).fill('05 57 22 26 41');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByRole('button', { name: 'Choisir Arnaud Agent' }).click();
    await page.getByText(/Arnaud Agent — Le Bouscat/).waitFor();
    await page.getByRole('textbox', { name: 'Titre' }).fill('Messagerie inaccessible depuis le poste de l’accueil');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByRole('heading', { level: 1, name: /^BOU-\d{4}-\d{6} — Messagerie inaccessible/ }).waitFor();
    await page.getByText('Téléphone', { exact: true }).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // Triage: acknowledge, internal note, public reply.
    await page.getByRole('button', { name: 'Prendre en compte' }).click();
    await page.getByText('Prise en compte', { exact: true }).first().waitFor();
    await page.getByRole('textbox', { name: 'Votre message' }).fill('Vérifier le profil Outlook.');
    await page.getByRole('checkbox', { name: /Note interne/ }).check();
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    await page.getByText('Vérifier le profil Outlook.').waitFor();
    await page.getByRole('checkbox', { name: /Note interne/ }).uncheck();
    await page.getByRole('textbox', { name: 'Votre message' }).fill('Nous reconfigurons votre messagerie.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.getByText('Nous reconfigurons votre messagerie.').waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // Queues: the demo history has unassigned tickets; breaching soon shows remaining business time.
    await app.openNav(page, "Prise d'appels");
    await page.getByRole('tab', { name: 'Échéance proche' }).click();
    await page
      .getByText(/\d+ demandes?/)
      .first()
      .waitFor();
    expect(await page.getByRole('tab', { name: 'Non affectées' }).count()).toBe(1);
    await app.expectNoSeriousA11yViolations(page);
  });
});
