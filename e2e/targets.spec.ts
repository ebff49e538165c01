import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

// Issue 12: a target the contract leaves "to be agreed" is measured, shown as such, and agreed by both sides.
describe('targets agreed from a measured baseline', () => {
  test('the contract manager proposes a target from the baseline and approves it; the commune approves it too', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'contrats@mutualis.test');
    await page.goto('/indicateurs');
    await app.settle(page);
    await page.getByRole('link', { name: 'Le Bouscat' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Indicateurs — Le Bouscat' }).waitFor();
    await app.settle(page);
    // The commitments' status heads the dashboard.
    await page.getByRole('region', { name: 'Engagements du contrat' }).getByRole('table').waitFor();
    const section = page.getByRole('region', { name: /Engagement 3\.3/ });
    // 3.3.2 is to be agreed: measured, never judged, with its baseline.
    await section.getByText('À définir conjointement').waitFor();
    await section.getByText('Mesuré, non évalué').first().waitFor();
    expect(await section.getByRole('table').count()).toBeGreaterThanOrEqual(1);
    await app.expectNoSeriousA11yViolations(page);

    await section.getByRole('link', { name: "Convenir d'une cible" }).click();
    await page.getByRole('heading', { level: 1, name: 'Cibles à convenir — Le Bouscat' }).waitFor();
    await app.settle(page);
    await page.getByRole('table').waitFor();
    // Prefilled with the suggested target, every value editable.
    const p1 = page.getByRole('textbox', { name: 'Délai P1' });
    expect(await p1.inputValue()).toMatch(/\d+ h/);
    await page.getByRole('textbox', { name: 'Décision (comité, avenant)' }).fill('Comité de suivi du 2 décembre 2026');
    await app.expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Proposer cette cible' }).click();
    const card = page.getByRole('article', { name: /3\.3\.2 — Proposée/ });
    await card.waitFor();
    await card.getByText(/en attente : métropole, commune/).waitFor();
    await card.getByRole('button', { name: 'Approuver pour la métropole' }).click();
    await card.getByText(/approuvé côté métropole par/).waitFor();
    await card.getByText(/en attente : commune/).waitFor();
    // The provider side cannot approve twice.
    expect(await card.getByRole('button', { name: /Approuver/ }).count()).toBe(0);

    const referent = await app.newPage();
    await app.signIn(referent, 'referent@le-bouscat.test');
    await referent.goto('/indicateurs');
    await app.settle(referent);
    await referent
      .getByRole('region', { name: /Engagement 3\.3/ })
      .getByRole('link', { name: "Convenir d'une cible" })
      .click();
    const theirs = referent.getByRole('article', { name: /3\.3\.2 — Proposée/ });
    await theirs.getByRole('button', { name: 'Approuver pour la commune' }).click();
    await referent.getByRole('article', { name: /3\.3\.2 — Convenue/ }).waitFor();
    await referent.getByText(/approuvé côté commune par/).waitFor();
    await app.expectNoSeriousA11yViolations(referent);
  });

  test('the director sets an internal service objective; a wrong order of delays is explained in French', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'directeur@mutualis.test');
    await app.openNav(page, 'Objectifs de service internes');
    await page.getByRole('heading', { level: 1, name: 'Objectifs de service internes' }).waitFor();
    await app.settle(page);
    await page
      .getByRole('cell', { name: /Toute la métropole/ })
      .first()
      .waitFor();
    for (const [p, v] of [
      ['P1', '8'],
      ['P2', '4'],
      ['P3', '24'],
      ['P4', '40'],
    ] as const)
      await page.getByRole('textbox', { name: `Délai ${p}` }).fill(v);
    await page.getByRole('textbox', { name: 'Applicable à partir du' }).fill('2030-01-07');
    await page.getByRole('button', { name: 'Enregistrer la version' }).click();
    await page.getByText('Ne peut pas être plus court que le délai de la priorité précédente.').waitFor();
    await page.getByRole('textbox', { name: 'Délai P2' }).fill('12');
    await page.getByRole('button', { name: 'Enregistrer la version' }).click();
    await page.getByRole('cell', { name: '07/01/2030' }).waitFor();
    await app.expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Retirer' }).click();
    await page.getByText('Version retirée.').waitFor();
  });
});
