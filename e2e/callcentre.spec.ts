import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';
import type { Page } from 'playwright-core';

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

// Bulk actions (issue 13), in this file to share its server: one server start less in CI.

/** A Mantine select by its label (a combobox, or a textbox in older versions). */
function select(page: Page, name: string) {
  return page.getByRole('combobox', { name }).or(page.getByRole('textbox', { name })).first();
}

describe('bulk actions on a ticket list', () => {
  test('an agent changes the status of two tickets, then merges one into the other, and reads the summary', async () => {
    // Two new tickets of one commune (a merge stays within a commune), unassigned: the demo's
    // queue depends on the day it is generated, so the test brings its own pair.
    const requester = await app.newPage();
    await app.signIn(requester, 'agent@le-bouscat.test');
    const [first, second] = await requester.evaluate(async () => {
      const open = async (title: string) => {
        const r = await fetch('/api/v1/tickets', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'incident',
            title,
            description: 'Le bureau ne démarre plus.',
            impact: 'high',
            urgency: 'high',
            channel: 'portal',
          }),
        });
        return ((await r.json()) as { reference: string }).reference;
      };
      return [
        await open('Poste bloqué au service état civil'),
        await open('Poste bloqué à l’état civil, second appel'),
      ];
    });
    await requester.close();
    expect(first).toMatch(/^BOU-/);
    expect(second).toMatch(/^BOU-/);
    const page = await app.newPage();
    await app.signIn(page, 'accueil@mutualis.test');
    await app.openNav(page, "Prise d'appels");
    await page.getByRole('checkbox', { name: `Sélectionner ${first}` }).waitFor();
    await page.getByRole('checkbox', { name: `Sélectionner ${second}` }).waitFor();

    // Nothing selected: no bulk actions.
    expect(await page.getByRole('heading', { name: /^Actions groupées/ }).count()).toBe(0);
    await page.getByRole('checkbox', { name: `Sélectionner ${first}` }).check();
    await page.getByRole('checkbox', { name: `Sélectionner ${second}` }).check();
    await page.getByRole('heading', { name: 'Actions groupées : 2 demandes sélectionnées' }).waitFor();

    await select(page, 'Nouvel état').click();
    await page.getByRole('option', { name: 'En cours', exact: true }).click();
    await page.getByRole('textbox', { name: /Commentaire/ }).fill('Nous prenons votre demande en charge.');
    await page.getByRole('button', { name: 'Changer le statut de 2 demandes' }).click();
    const summary = page.getByRole('status').filter({ hasText: 'Résumé de l’action' });
    await summary.waitFor();
    await summary.getByText(first, { exact: true }).waitFor();
    await summary.getByText(second, { exact: true }).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // Merge the second into the first (both still in the unassigned queue).
    await page.getByRole('checkbox', { name: `Sélectionner ${first}` }).check();
    await page.getByRole('checkbox', { name: `Sélectionner ${second}` }).check();
    await select(page, 'Demande conservée, parmi la sélection').click();
    await page.getByRole('option', { name: first, exact: true }).click();
    await page.getByRole('button', { name: `Fusionner 1 demande dans ${first}` }).click();
    await summary.getByText(`1 demande fusionnée dans ${first}`).waitFor();
    await summary.getByText('Fusionnée', { exact: true }).waitFor();
    await app.expectNoSeriousA11yViolations(page);
    // The selection was cleared; the summary stays until closed.
    await page.getByRole('heading', { name: 'Actions groupées', exact: true }).waitFor();
    await summary.getByRole('button', { name: 'Fermer le résumé' }).click();
    expect(await page.getByRole('heading', { name: /^Actions groupées/ }).count()).toBe(0);
  });

  test('an agent links a related ticket from the ticket page, unlinks it, then merges the ticket into it', async () => {
    // Two reports of one outage by two services of Le Bouscat.
    const requester = await app.newPage();
    await app.signIn(requester, 'agent@le-bouscat.test');
    const [a, b] = await requester.evaluate(async () => {
      const open = async (title: string) => {
        const r = await fetch('/api/v1/tickets', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'incident',
            title,
            description: 'Plus de courriels.',
            impact: 'medium',
            urgency: 'medium',
            channel: 'portal',
          }),
        });
        return (await r.json()) as { id: string; reference: string };
      };
      return [await open('Messagerie coupée au service urbanisme'), await open('Messagerie coupée à l’accueil')];
    });
    await requester.close();
    const page = await app.newPage();
    await app.signIn(page, 'accueil@mutualis.test');
    await page.goto(`/demandes/${a!.id}`);
    const links = page.getByRole('region', { name: 'Demandes liées' });
    await links.getByText('Aucune demande liée.').waitFor();
    // A wrong reference is refused on the field, in French.
    await links.getByRole('textbox', { name: 'Lier une demande (référence)' }).fill('BOU-2026-999999');
    await links.getByRole('button', { name: 'Lier', exact: true }).click();
    await links.getByText('Aucune autre demande de la même commune ne porte cette référence.').waitFor();
    await links.getByRole('textbox', { name: 'Lier une demande (référence)' }).fill(b!.reference);
    await links.getByRole('button', { name: 'Lier', exact: true }).click();
    await links.getByRole('link', { name: b!.reference }).waitFor();
    await page.getByRole('region', { name: 'Historique' }).getByText(`Liée à ${b!.reference}`).waitFor();
    await app.settle(page);
    await app.expectNoSeriousA11yViolations(page);
    // Unlink, then merge this ticket into the other, after confirming.
    await links.getByRole('button', { name: `Retirer le lien avec ${b!.reference}` }).click();
    await links.getByText('Aucune demande liée.').waitFor();
    await links.getByRole('textbox', { name: 'Fusionner dans une autre demande (référence)' }).fill(b!.reference);
    await links.getByRole('button', { name: 'Fusionner…' }).click();
    await links.getByRole('button', { name: `Fusionner dans ${b!.reference}` }).click();
    await links.getByText('Cette demande a été fusionnée dans une autre, et close.').waitFor();
    expect(await links.getByRole('textbox', { name: 'Fusionner dans une autre demande (référence)' }).count()).toBe(0);
    await links.getByRole('link', { name: 'Ouvrir la demande conservée' }).click();
    await page.getByRole('heading', { level: 1, name: `${b!.reference} — Messagerie coupée à l’accueil` }).waitFor();
  });
});
