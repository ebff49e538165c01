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

  test('a project manager edits a project (owner, phase, milestone, risk), links a ticket, adds a document, accessibly', async () => {
    const pm = await app.newPage();
    await app.signIn(pm, 'projets@mutualis.test');
    const communes = (await (await pm.request.get('/api/v1/communes')).json()) as {
      items: Array<{ id: string; name: string }>;
    };
    const communeId = communes.items.find((c) => c.name === 'Le Bouscat')!.id;
    const next = new Date().getFullYear() + 1;
    const list = (await (
      await pm.request.get(`/api/v1/communes/${communeId}/projects?year=${next}&status=planned`)
    ).json()) as { items: Array<{ id: string; title: string }> };
    const project = list.items[list.items.length - 1]!;
    const detail = (await (await pm.request.get(`/api/v1/projects/${project.id}`)).json()) as {
      phases: unknown[];
      milestones: unknown[];
      risks: unknown[];
    };
    await pm.goto(`/projets/${project.id}`);
    await pm.getByRole('heading', { level: 1, name: project.title }).waitFor();
    await app.settle(pm);
    await app.expectNoSeriousA11yViolations(pm);

    // The provider-side owner, picked from the staff.
    const facts = pm.getByRole('form', { name: 'Modifier le projet' });
    await facts.getByLabel('Chef de projet (service commun)', { exact: true }).click();
    await pm.getByRole('option', { name: 'Paul Programmes (projets numériques)' }).click();
    await facts.getByRole('button', { name: 'Enregistrer' }).click();
    await pm.getByText('Projet enregistré').first().waitFor();
    await pm.getByText('Paul Programmes (projets numériques)', { exact: true }).first().waitFor();

    // A phase ending before it starts is refused on its own field, then corrected.
    const phases = pm.getByRole('form', { name: 'Modifier les phases' });
    await phases.getByLabel('Début de la phase 1', { exact: true }).fill(`${next}-03-01`);
    await phases.getByLabel('Fin de la phase 1', { exact: true }).fill(`${next}-02-01`);
    await phases.getByRole('button', { name: 'Enregistrer' }).click();
    await pm.waitForSelector('input[aria-invalid="true"]');
    expect(await phases.getByLabel('Fin de la phase 1', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await app.expectNoSeriousA11yViolations(pm);
    await phases.getByLabel('Fin de la phase 1', { exact: true }).fill(`${next}-04-30`);
    await phases.getByLabel('Ou nommer une autre phase').fill('Recette utilisateurs');
    await phases.getByRole('button', { name: 'Ajouter cette phase' }).click();
    await phases.getByRole('button', { name: 'Enregistrer' }).click();
    await pm
      .getByRole('cell', { name: 'Recette utilisateurs' })
      .or(pm.getByRole('rowheader', { name: 'Recette utilisateurs' }))
      .first()
      .waitFor();

    // A milestone and a risk.
    const m = detail.milestones.length + 1;
    const milestones = pm.getByRole('form', { name: 'Modifier les jalons' });
    await milestones.getByRole('button', { name: 'Ajouter un jalon' }).click();
    await milestones.getByLabel(`Jalon ${m}`, { exact: true }).fill('Mise en ligne du portail');
    await milestones.getByLabel(`Date du jalon ${m}`, { exact: true }).fill(`${next}-06-30`);
    await milestones.getByRole('button', { name: 'Enregistrer' }).click();
    await pm.getByText(/Mise en ligne du portail —/).waitFor();
    const r = detail.risks.length + 1;
    const risks = pm.getByRole('form', { name: 'Modifier les risques' });
    await risks.getByRole('button', { name: 'Ajouter un risque' }).click();
    await risks.getByLabel(`Risque ${r}`, { exact: true }).fill('Marché infructueux');
    await risks.getByRole('button', { name: 'Enregistrer' }).click();
    await pm.getByText('Marché infructueux — moyen').waitFor();
    const saved = (await (await pm.request.get(`/api/v1/projects/${project.id}`)).json()) as {
      providerOwner: { name: string };
      phases: Array<{ label: string; end: string | null }>;
      risks: Array<{ text: string; level: string }>;
    };
    expect(saved.providerOwner.name).toBe('Paul Programmes (projets numériques)');
    expect(saved.phases[0]!.end).toBe(`${next}-04-30`);
    expect(saved.phases.map((p) => p.label)).toContain('Recette utilisateurs');
    expect(saved.risks).toContainEqual({ text: 'Marché infructueux', level: 'medium' });

    // A ticket of Le Bouscat, linked by its reference.
    const tickets = (await (await pm.request.get(`/api/v1/tickets?communeId=${communeId}`)).json()) as {
      items: Array<{ reference: string }>;
    };
    const reference = tickets.items[0]!.reference;
    await pm.getByLabel('Lier une demande').fill(reference);
    await pm.getByRole('button', { name: 'Lier', exact: true }).click();
    await pm.getByRole('table', { name: 'Demandes liées au projet' }).getByRole('link', { name: reference }).waitFor();

    // A document: uploaded, listed with its download link.
    await pm.locator('input[type="file"]').setInputFiles({
      name: 'cahier-des-charges.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Cahier des charges du projet\n'),
    });
    await pm.getByRole('button', { name: 'Déposer', exact: true }).click();
    const docs = pm.getByRole('table', { name: 'Documents du projet' });
    await docs.getByRole('link', { name: 'cahier-des-charges.txt' }).waitFor();
    await app.settle(pm);
    await app.expectNoSeriousA11yViolations(pm);

    // Deleted again, and the ticket unlinked.
    await pm.getByRole('button', { name: 'Supprimer le document cahier-des-charges.txt' }).click();
    await pm.getByText('Document supprimé').waitFor();
    await pm.getByRole('button', { name: `Délier la demande ${reference}` }).click();
    await pm.getByText('Aucune demande liée à ce projet.').waitFor();
  });

  test('the shared service configures the phases new projects start with, accessibly', async () => {
    const pm = await app.newPage();
    await app.signIn(pm, 'projets@mutualis.test');
    await pm.goto('/projets');
    const panel = pm.getByRole('region', { name: 'Phases des nouveaux projets' });
    const first = panel.getByLabel('Phase 1', { exact: true });
    await first.waitFor();
    const original = await pm.evaluate(async () => (await fetch('/api/v1/project-phases')).json());
    await app.settle(pm);
    await app.expectNoSeriousA11yViolations(pm);
    // An emptied label is refused on its own field; nothing is saved.
    await first.fill('');
    await panel.getByRole('button', { name: 'Enregistrer la liste' }).click();
    await panel
      .getByText(/caractère|obligatoire/i)
      .first()
      .waitFor();
    // A phase added by hand, moved up, saved: the API gives it a key from its label.
    await first.fill((original as { phases: Array<{ label: string }> }).phases[0]!.label);
    await panel.getByRole('button', { name: 'Ajouter une phase' }).click();
    const count = (original as { phases: unknown[] }).phases.length;
    await panel.getByLabel(`Phase ${count + 1}`, { exact: true }).fill('Recette utilisateur');
    await panel.getByRole('button', { name: 'Monter « Recette utilisateur »' }).click();
    await panel.getByRole('button', { name: 'Enregistrer la liste' }).click();
    await pm.getByText('Liste des phases enregistrée.').waitFor();
    const saved = (await pm.evaluate(async () => (await fetch('/api/v1/project-phases')).json())) as {
      phases: Array<{ key: string; label: string }>;
    };
    expect(saved.phases).toHaveLength(count + 1);
    expect(saved.phases[count - 1]).toEqual({ key: 'recette_utilisateur', label: 'Recette utilisateur' });
    // Back to the list as it was, for the other tests.
    const restored = await pm.evaluate(
      async (body) =>
        (
          await fetch('/api/v1/project-phases', {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).status,
      original,
    );
    expect(restored).toBe(200);
  });
});
