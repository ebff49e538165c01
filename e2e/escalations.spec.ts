import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

/** Adds a person to the holders of a role in the directory's user picker (Mantine MultiSelect). */
async function addHolder(page: Page, role: string, search: string, option: string): Promise<void> {
  const picker = page.getByRole('combobox', { name: `Titulaires : ${role}`, exact: true });
  await picker.click();
  await picker.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
  await picker.press('Escape');
}

interface DirectoryJson {
  roles: Array<{ side: string; role: string; users: Array<{ email: string }> }>;
}
const holdersOf = (d: DirectoryJson, side: string, role: string) =>
  d.roles
    .find((r) => r.side === side && r.role === role)!
    .users.map((u) => u.email)
    .sort();

describe('escalations', () => {
  test('a contract manager fills the directory of Le Bouscat, then an agent escalates a ticket and sees the level, the people notified and the history, accessibly', async () => {
    // 1. The contract manager (two communes) picks Le Bouscat and adds holders on both sides.
    const manager = await app.newPage();
    await app.signIn(manager, 'contrats@mutualis.test');
    await app.openNav(manager, "Annuaire d'escalade");
    await manager.getByRole('heading', { level: 1, name: "Annuaire d'escalade" }).waitFor();
    await manager.getByRole('link', { name: 'Le Bouscat', exact: true }).click();
    await manager.getByRole('heading', { level: 1, name: "Annuaire d'escalade — Le Bouscat" }).waitFor();
    await manager.getByRole('heading', { level: 2, name: 'Côté commune' }).waitFor();
    await app.settle(manager);
    // The role of the urgent referral on sub-domain C, with the demo holder already in place.
    const communeTable = manager.getByRole('region', { name: 'Côté commune' }).getByRole('table');
    const row = communeTable
      .getByRole('row')
      .filter({ has: manager.getByRole('rowheader', { name: "Chef de service de l'utilisateur" }) });
    await row.getByText(/Saisine en urgence : C/).waitFor();
    await row.getByText('Chloé Servant (cheffe de service) (chef-service@le-bouscat.test)').waitFor();
    await app.expectNoSeriousA11yViolations(manager);

    await addHolder(
      manager,
      "Chef de service de l'utilisateur",
      'Rachel',
      'Rachel Référente (referent@le-bouscat.test)',
    );
    await addHolder(
      manager,
      "Chef de service centre d'appel et pilotage",
      'Thomas',
      'Thomas Technicien (technicien@mutualis.test)',
    );
    // A commune user is not offered for a provider-side role.
    const providerPicker = manager.getByRole('combobox', {
      name: "Titulaires : Chef de service centre d'appel et pilotage",
      exact: true,
    });
    await providerPicker.click();
    await providerPicker.fill('Arnaud');
    await manager.getByText('Personne ne correspond.').waitFor();
    await providerPicker.press('Escape');
    await app.expectNoSeriousA11yViolations(manager);
    await manager.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await manager.getByText("Annuaire d'escalade enregistré").waitFor();
    const saved = (await (
      await manager.request.get(
        new URL(manager.url()).pathname.replace('/annuaire-escalade/', '/api/v1/communes/') + '/escalation-directory',
      )
    ).json()) as DirectoryJson;
    expect(holdersOf(saved, 'commune', "Chef de service de l'utilisateur")).toEqual([
      'chef-service@le-bouscat.test',
      'referent@le-bouscat.test',
    ]);
    expect(holdersOf(saved, 'provider', "Chef de service centre d'appel et pilotage")).toEqual([
      'chef-accueil@mutualis.test',
      'technicien@mutualis.test',
    ]);

    // 2. A requester of Le Bouscat files a ticket (no category: the service desk's sub-domain C); no "Escalate" for them.
    const requester = await app.newPage();
    await app.signIn(requester, 'agent@le-bouscat.test');
    await requester.goto('/demandes/nouvelle');
    await requester.getByRole('heading', { level: 1, name: 'Nouvelle demande' }).waitFor();
    await requester.getByRole('textbox', { name: 'Titre' }).fill('Logiciel de paie bloqué');
    await requester.getByRole('button', { name: 'Envoyer la demande' }).click();
    await requester.getByRole('heading', { level: 1, name: /^BOU-\d{4}-\d{6} — Logiciel de paie bloqué$/ }).waitFor();
    await app.settle(requester);
    const ticketPath = new URL(requester.url()).pathname;
    await requester.getByText('Aucune escalade.').waitFor();
    expect(await requester.getByRole('button', { name: 'Escalader' }).count()).toBe(0);

    // 3. The technician escalates it from the ticket page.
    const agent = await app.newPage();
    await app.signIn(agent, 'technicien@mutualis.test');
    await agent.goto(ticketPath);
    await agent.getByRole('heading', { level: 1, name: /Logiciel de paie bloqué$/ }).waitFor();
    await app.settle(agent);
    const escalations = agent.getByRole('region', { name: 'Escalades' });
    await agent.getByRole('region', { name: 'Détails' }).getByText('Saisine ordinaire').waitFor();
    await escalations.getByRole('button', { name: 'Escalader' }).click();
    const dialog = agent.getByRole('dialog', { name: /^Escalader la demande BOU-/ });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: 'Saisine en urgence' }).isChecked()).toBe(true);
    await app.expectNoSeriousA11yViolations(agent);
    // The reason is required.
    await dialog.getByRole('button', { name: 'Escalader' }).click();
    await dialog.getByText("Indiquez le motif de l'escalade.").waitFor();
    await dialog.getByRole('textbox', { name: 'Motif' }).fill('La paie doit partir ce soir.');
    await dialog.getByRole('button', { name: 'Escalader' }).click();
    await dialog.waitFor({ state: 'detached' });
    await agent.getByText(/Demande escaladée : Saisine en urgence, 4 personnes prévenues/).waitFor();

    // The new level, the escalation with the people the directory names, and the history entry.
    const entry = escalations.getByRole('list', { name: 'Escalades de la demande' }).getByRole('listitem').first();
    await entry.getByText('Saisine ordinaire → Saisine en urgence').waitFor();
    await entry.getByText(/par technicien@mutualis\.test/).waitFor();
    await entry.getByText('La paie doit partir ce soir.').waitFor();
    const notified = (await entry.getByRole('list').getByRole('listitem').allTextContents()).sort();
    expect(notified).toEqual([
      "Camille Pilotage (cheffe du centre d’appel) — Chef de service centre d'appel et pilotage (service commun)",
      "Chloé Servant (cheffe de service) — Chef de service de l'utilisateur (commune)",
      "Rachel Référente — Chef de service de l'utilisateur (commune)",
      "Thomas Technicien — Chef de service centre d'appel et pilotage (service commun)",
    ]);
    await agent.getByRole('region', { name: 'Détails' }).getByText('Saisine en urgence').waitFor();
    await agent
      .getByRole('region', { name: 'Historique' })
      .getByText('Escalade : Saisine ordinaire → Saisine en urgence')
      .waitFor();
    await app.expectNoSeriousA11yViolations(agent);

    // Someone else raises it to the top level while the dialog is open: the server's 409 is shown,
    // the page catches up, and there is nothing left to raise.
    await escalations.getByRole('button', { name: 'Escalader' }).click();
    await dialog.getByRole('textbox', { name: 'Motif' }).fill('Toujours bloqué à 16 h.');
    const ticketId = ticketPath.split('/').pop()!;
    const meanwhile = await agent.request.post(`/api/v1/tickets/${ticketId}/escalations`, {
      data: { reason: 'Appel du DGS', level: 'exceptional' },
      headers: { origin: app.baseUrl },
    });
    expect(meanwhile.status(), await meanwhile.text()).toBe(201);
    await dialog.getByRole('button', { name: 'Escalader' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/ne peut pas être escaladée à ce niveau/)
      .waitFor();
    // The refreshed ticket is exceptional: no level left to choose, no submitting.
    await dialog.getByRole('radio', { name: 'Saisine exceptionnelle' }).waitFor({ state: 'detached' });
    expect(await dialog.getByRole('button', { name: 'Escalader' }).isDisabled()).toBe(true);
    await app.expectNoSeriousA11yViolations(agent);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    await escalations.getByText('Saisine en urgence → Saisine exceptionnelle').waitFor();
    await escalations.getByText(/Appel du DGS/).waitFor();
    expect(await escalations.getByRole('button', { name: 'Escalader' }).count()).toBe(0);
  });

  test('a commune referent reads the directory of their commune without editing it, accessibly', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'referent@le-bouscat.test');
    await app.openNav(page, "Annuaire d'escalade");
    await page.getByRole('heading', { level: 1, name: "Annuaire d'escalade — Le Bouscat" }).waitFor();
    // Also reachable from the commune's page.
    await app.openNav(page, 'Communes');
    await page.getByRole('main').getByRole('link', { name: 'Le Bouscat' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Le Bouscat' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: "Annuaire d'escalade" }).click();
    await page.getByRole('heading', { level: 1, name: "Annuaire d'escalade — Le Bouscat" }).waitFor();
    await app.settle(page);
    const row = page
      .getByRole('region', { name: 'Côté commune' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Directeur général des services', exact: true }) });
    await row.getByText('Denise Dugast (DGS) (dgs@le-bouscat.test)').waitFor();
    expect(await page.getByRole('combobox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Enregistrer' }).count()).toBe(0);
    await app.expectNoSeriousA11yViolations(page);
  });
});
