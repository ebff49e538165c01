import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

/** The Monday of the current week in Paris, YYYY-MM-DD (the form's default). */
function thisMonday(): string {
  const d = new Date();
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Indicator {
  code: string;
  source: string;
  details: { commune: { actualDays: number; submittedDays: number } };
}

describe('projects', () => {
  test('plan → project → a week of time recorded by staff → approved by the project owner → 2.1.1, accessibly', async () => {
    // 1. A technician opens Le Bouscat's plan and projects.
    const tech = await app.newPage();
    await app.signIn(tech, 'technicien@mutualis.test');
    await app.openNav(tech, 'Projets et schéma numérique');
    await tech.getByRole('link', { name: 'Le Bouscat', exact: true }).click();
    await tech.getByRole('heading', { level: 1, name: 'Schéma numérique et projets — Le Bouscat' }).waitFor();
    await app.settle(tech);
    await tech.getByRole('table', { name: /Versions de « Schéma numérique communal 2014-2019 »/ }).waitFor();
    await app.expectNoSeriousA11yViolations(tech);

    // 2. A project planned for next year, not started: no time on it yet.
    const communeId = new URL(tech.url()).pathname.split('/').pop()!;
    const next = new Date().getFullYear() + 1;
    const planned = (await (
      await tech.request.get(`/api/v1/communes/${communeId}/projects?year=${next}&status=planned`)
    ).json()) as { items: Array<{ id: string; title: string }> };
    const project = planned.items[0]!;
    await tech.getByRole('link', { name: project.title, exact: true }).first().click();
    await tech.getByRole('heading', { level: 1, name: project.title }).waitFor();
    await app.settle(tech);
    await tech.getByText('Aucun temps saisi.').waitFor();

    // 3. The technician records Monday of this week.
    const monday = thisMonday();
    const month = monday.slice(0, 7);
    const director = await app.newPage();
    await app.signIn(director, 'directeur@mutualis.test');
    const measure = async () => {
      const r = (await (
        await director.request.get(`/api/v1/communes/${communeId}/indicators?period=${month}`)
      ).json()) as {
        items: Indicator[];
      };
      return r.items.find((i) => i.code === '2.1.1')!;
    };
    const before = await measure();
    expect(before.source).toBe('computed');
    await tech.getByLabel('Lundi', { exact: true }).fill('1');
    await tech.getByRole('button', { name: 'Saisir ma semaine' }).click();
    await tech.getByText('Semaine enregistrée, en attente de validation').waitFor();
    await tech.getByRole('table', { name: 'Temps saisis' }).getByText('À valider').waitFor();
    await app.expectNoSeriousA11yViolations(tech);
    const pending = await measure();
    expect(pending.details.commune.actualDays).toBe(before.details.commune.actualDays);
    expect(pending.details.commune.submittedDays).toBe(before.details.commune.submittedDays + 1);

    // 4. Le Bouscat's project owner approves it; the approved day now counts in 2.1.1.
    const owner = await app.newPage();
    await app.signIn(owner, 'projets@le-bouscat.test');
    await owner.goto(`/projets/${project.id}`);
    await owner.getByRole('heading', { level: 1, name: project.title }).waitFor();
    await app.settle(owner);
    await owner.getByRole('button', { name: `Valider — Thomas Technicien, ${monday}` }).click();
    await owner.getByText('Décision enregistrée').waitFor();
    await owner.getByRole('table', { name: 'Temps saisis' }).getByText('Validé').waitFor();
    await app.expectNoSeriousA11yViolations(owner);
    const after = await measure();
    expect(after.details.commune.actualDays).toBe(before.details.commune.actualDays + 1);

    // 5. The workload table, by commune.
    await app.openNav(owner, 'Charge des projets');
    await owner.getByRole('heading', { level: 1, name: 'Charge des projets' }).waitFor();
    await app.settle(owner);
    await owner.getByRole('table', { name: /Charge prévue \/ réalisée par mois/ }).waitFor();
    await app.expectNoSeriousA11yViolations(owner);
  });
});
