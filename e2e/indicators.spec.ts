import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('indicators dashboards', () => {
  test("a commune referent sees their commune's commitments with status as text, trend and drill-down, accessibly", async () => {
    const page = await app.newPage();
    await app.signIn(page, 'referent@le-bouscat.test');
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Indicateurs' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Indicateurs — Le Bouscat' }).waitFor();
    await app.settle(page);
    const section = page.getByRole('region', { name: /Engagement 3\.3/ });
    await section.waitFor();
    expect(await section.getByRole('heading', { level: 3, name: /3\.3\.1/ }).count()).toBe(1);
    // Status shown as words, not colour alone.
    const statuses = await section.locator('.mantine-Badge-root').allTextContents();
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    for (const s of statuses)
      expect([
        'Atteint',
        'À surveiller',
        'Non atteint',
        'Pas de données',
        'Mesuré, non évalué',
        // Where each target comes from (issue 12).
        'Cible contractuelle',
        'Cible convenue',
        'À définir conjointement',
      ]).toContain(s);
    await app.expectNoSeriousA11yViolations(page);

    // Drill-down to the tickets behind 3.3.1.
    await section.getByRole('button', { name: 'Tickets' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog
      .getByText(/ticket/)
      .first()
      .waitFor();
    await app.expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Escape');

    // The side-by-side view is not theirs.
    expect(await page.getByRole('heading', { name: 'Indicateurs des communes' }).count()).toBe(0);
  });

  test('the director sees the communes side by side, sorts a column, opens one commune', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'directeur@mutualis.test');
    await page.goto('/indicateurs');
    await page.getByRole('heading', { level: 1, name: 'Indicateurs des communes' }).waitFor();
    await app.settle(page);
    const table = page.getByRole('table');
    await table.getByRole('rowheader', { name: 'Le Bouscat' }).waitFor();
    await table.getByRole('rowheader', { name: 'Villedemo' }).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    const header = table.getByRole('columnheader', { name: /3\.3\.1/ });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');

    await table.getByRole('link', { name: 'Villedemo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicateurs — Villedemo' }).waitFor();
    await app.settle(page);
    await page.getByRole('region', { name: /Engagement 3\.3/ }).waitFor();
    await app.expectNoSeriousA11yViolations(page);
  });

  test('the contract manager enters a manual value with its comment', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'contrats@mutualis.test');
    await page.goto('/indicateurs');
    await page.getByRole('table').getByRole('link', { name: 'Le Bouscat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicateurs — Le Bouscat' }).waitFor();
    await app.settle(page);
    expect(await page.getByRole('button', { name: 'Figer la période' }).count()).toBe(1);
    const region = page.getByRole('region', { name: /Engagement 1\.1/ });
    await region.getByRole('button', { name: 'Saisir la valeur' }).click();
    const dialog = page.getByRole('dialog');
    // 1.1.1 is an existence rule: the value is judged (oui / non), the comment says what exists.
    await dialog.getByLabel('Valeur').fill('oui');
    await dialog.getByLabel('Commentaire').fill('Délibération du conseil municipal');
    await app.expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await region.getByText(/Délibération du conseil municipal/).waitFor();
    await region.getByText('Atteint', { exact: true }).waitFor();
    await region.getByText(/Saisi par contrats@mutualis\.test/).waitFor();
  });
});
