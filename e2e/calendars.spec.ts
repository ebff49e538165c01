import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('calendars and on-call', () => {
  test('a contract manager edits a town-hall calendar with a live deadline preview, accessibly', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'contrats@mutualis.test');
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Calendriers' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Calendriers ouvrés' }).waitFor();
    await app.settle(page);
    expect(await page.getByRole('link', { name: "Centre d'appel" }).count()).toBe(1);
    await app.expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Mairie du Bouscat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mairie du Bouscat' }).waitFor();
    // A Friday 16:50 ticket is due on Monday 17:00 (3.3.1, "lendemain au maximum").
    await page.getByLabel('Ticket ouvert le (Europe/Paris)').fill('2026-03-06T16:50');
    const sentence = page.getByText(/est dû le lundi 9 mars 2026 à 17:00/);
    await sentence.waitFor();
    // The preview follows the draft: Saturday mornings move the deadline to Saturday.
    await page.getByRole('button', { name: 'Ajouter une plage le Samedi' }).click();
    await page.getByText(/est dû le samedi 7 mars 2026 à 12:00/).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Supprimer la plage 1 du Samedi' }).click();
    await sentence.waitFor();

    // Whit Monday worked (journée de solidarité), saved as version 2.
    await page.getByRole('button', { name: 'Marquer Lundi de Pentecôte comme travaillé' }).first().click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(/Mairie du Bouscat enregistré \(version 2\)/).waitFor();
  });

  test('a commune user reads their calendar and previews a deadline without editing', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'agent@le-bouscat.test');
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Calendriers' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Calendriers ouvrés' }).waitFor();
    await app.settle(page);
    expect(await page.getByRole('link', { name: "Centre d'appel" }).count()).toBe(0);
    await page.getByRole('link', { name: 'Mairie du Bouscat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mairie du Bouscat' }).waitFor();
    await page.getByLabel('Ticket ouvert le (Europe/Paris)').fill('2026-03-06T16:50');
    await page.getByText(/est dû le lundi 9 mars 2026 à 17:00/).waitFor();
    expect(await page.getByRole('button', { name: 'Enregistrer' }).count()).toBe(0);
    await app.expectNoSeriousA11yViolations(page);
  });

  test('the on-call roster shows the council meetings and their two agents', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'referent@le-bouscat.test');
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Astreintes' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Astreintes' }).waitFor();
    await app.settle(page);
    await app.expectNoSeriousA11yViolations(page);
    // The demo plans the next two council meetings, next month and the one after.
    await page.getByRole('button', { name: 'Mois suivant' }).click();
    const card = page.getByText(/^Conseil municipal du /).first();
    await card.waitFor();
    const agents = page.getByRole('list', { name: "Agents d'astreinte" }).first();
    expect(await agents.getByRole('listitem').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Planifier une astreinte' }).count()).toBe(0);
    await app.expectNoSeriousA11yViolations(page);
  });
});
