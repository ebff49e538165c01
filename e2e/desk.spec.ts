import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

// Issue 13: the defects agents and requesters met on their everyday screens.

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

/** Console errors and failed API calls (4xx/5xx) of a page, from now on. */
function watch(page: Page): { errors: string[]; failed: string[] } {
  const seen = { errors: [] as string[], failed: [] as string[] };
  page.on('console', (m) => {
    if (m.type() === 'error') seen.errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().includes('/api/')) seen.failed.push(`${r.status()} ${r.url()}`);
  });
  return seen;
}

/** A Mantine select by its label (a combobox, or a textbox in older versions). */
function select(page: Page, name: string | RegExp) {
  return page.getByRole('combobox', { name }).or(page.getByRole('textbox', { name })).first();
}

/** Files a ticket through the portal form; returns its reference. */
async function fileTicket(
  page: Page,
  title: string,
  opts: { type?: 'Incident' | 'Demande'; impact?: string; urgency?: string } = {},
): Promise<string> {
  await page.goto('/demandes/nouvelle');
  await page.getByRole('heading', { level: 1, name: 'Nouvelle demande' }).waitFor();
  if (opts.type) await page.locator('form').getByText(opts.type, { exact: true }).click();
  await select(page, 'Catégorie').click();
  await page.getByRole('option', { name: 'Impression' }).click();
  if (opts.type) {
    // Defect 10: the chosen type is kept when a category is picked.
    expect(
      await page
        .locator(`input[type="radio"][value="${opts.type === 'Demande' ? 'request' : 'incident'}"]`)
        .isChecked(),
    ).toBe(true);
  }
  await page.getByRole('textbox', { name: 'Titre' }).fill(title);
  for (const [label, value] of [
    ['Impact', opts.impact],
    ['Urgence', opts.urgency],
  ] as const) {
    if (!value) continue;
    await select(page, label).click();
    await page.getByRole('option', { name: value, exact: true }).click();
  }
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  const heading = page.getByRole('heading', { level: 1, name: new RegExp(`— ${title}$`) });
  await heading.waitFor();
  return (await heading.innerText()).split(' — ')[0]!;
}

describe('everyday screens (issue 13)', () => {
  test('first visit and sign-in: no 401 logged, empty fields named without a request', async () => {
    const page = await app.newPage();
    const seen = watch(page);
    await page.goto('/');
    await page.waitForURL((u) => u.pathname === '/connexion');
    await app.settle(page);
    // Defect 3: the first visit asks who is signed in without a 401 on /me.
    expect(seen.failed).toEqual([]);
    expect(seen.errors).toEqual([]);
    // Defect 12: each empty field says so, and nothing is sent.
    await page.locator('form button[type="submit"]').click();
    await page.getByText('Ce champ est obligatoire.').nth(1).waitFor();
    expect(await page.getByText('Ce champ est obligatoire.').count()).toBe(2);
    expect(await page.getByText('La requête contient des champs invalides.').count()).toBe(0);
    expect(seen.failed).toEqual([]);
  });

  test('a requester: type kept with a category, the ticket page without 403s, the score shown after the survey', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'agent@le-bouscat.test');
    const reference = await fileTicket(page, 'Toner à commander pour le service urbanisme', { type: 'Demande' });
    await page
      .getByRole('definition')
      .filter({ hasText: /^Demande$/ })
      .waitFor();

    // Defect 3: the requester's ticket page asks nothing it may not read.
    const seen = watch(page);
    await page.reload();
    await page.locator('#page-title').waitFor();
    await app.settle(page);
    expect(seen.failed).toEqual([]);

    // The shared service acknowledges and resolves it.
    const tech = await app.newPage();
    await app.signIn(tech, 'technicien@mutualis.test');
    await tech.goto('/demandes');
    await tech.getByRole('textbox', { name: 'Rechercher' }).fill(reference);
    await tech.getByRole('button', { name: 'Rechercher' }).click();
    await tech.getByRole('link', { name: reference }).click();
    await tech.getByRole('button', { name: 'Prendre en compte' }).click();
    await tech.getByRole('button', { name: 'Résoudre' }).waitFor();
    await tech.getByRole('button', { name: 'Résoudre' }).click();
    await tech.getByText('Résolue', { exact: true }).first().waitFor();

    // Defect 14: the requester answers; the score stays in view, the history in order.
    await page.reload();
    await page.getByRole('heading', { name: 'Votre avis' }).waitFor();
    const star = await page.getByRole('radio', { name: '4 étoiles' }).getAttribute('id');
    await page.locator(`label[for="${star}"]`).click();
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await page.getByText('Note donnée : 4/5').first().waitFor();
    await page.getByRole('heading', { name: 'Avis de satisfaction' }).waitFor();
    // The history is fetched again after the answer: wait for its entry before reading the order.
    const historyRegion = page.getByRole('region', { name: 'Historique' });
    await historyRegion
      .getByText(/Avis de satisfaction/)
      .first()
      .waitFor();
    const history = await historyRegion.innerText();
    expect(history.indexOf('Enquête de satisfaction envoyée')).toBeGreaterThan(history.indexOf('→ Résolue'));
    expect(history.indexOf('Avis de satisfaction')).toBeGreaterThan(history.indexOf('Enquête de satisfaction envoyée'));
    // Defect 11: names, not e-mail addresses.
    expect(history).toContain('Arnaud Agent');
    expect(history).toContain('Thomas Technicien');
    expect(history).not.toMatch(/@/);
    await app.expectNoSeriousA11yViolations(page);
  });

  test('replies in Markdown: a preview before sending, shown formatted, what could run removed', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'agent@le-bouscat.test');
    // A requester's home starts with their requests and "Nouvelle demande", before the commune.
    const requests = page.getByRole('heading', { level: 2, name: 'Mes demandes' });
    await requests.waitFor();
    const commune = page.getByText('Votre commune', { exact: true });
    expect((await requests.boundingBox())!.y).toBeLessThan((await commune.boundingBox())!.y);
    await page.getByRole('region', { name: 'En cours' }).waitFor();
    await fileTicket(page, 'Accès au logiciel de l’état civil');
    const reply = [
      'Bonjour, **urgent** : les postes concernés',
      '',
      '- accueil',
      '- *état civil*',
      '',
      '[procédure](https://intranet.example/proc) [piège](javascript:alert(1))',
      '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b onclick="window.__pwned = 3">b</b>',
    ].join('\n');
    await page.getByRole('textbox', { name: 'Votre message' }).fill(reply);
    await page.getByRole('button', { name: 'Aperçu' }).click();
    const preview = page.getByRole('region', { name: 'Aperçu' });
    await preview.locator('strong', { hasText: 'urgent' }).waitFor();
    expect(await preview.locator('li').allInnerTexts()).toEqual(['accueil', 'état civil']);
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    const shown = page.locator('.markdown').filter({ hasText: 'les postes concernés' }).first();
    await shown.locator('em', { hasText: 'état civil' }).waitFor();
    const link = shown.getByRole('link', { name: 'procédure' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await shown.getByRole('link', { name: 'piège' }).count()).toBe(0);
    const unsafe = await shown.evaluate(
      (el) => el.querySelectorAll('script, img, [onclick], [onerror], a[href^="javascript"]').length,
    );
    expect(unsafe).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await app.expectNoSeriousA11yViolations(page);
  });

  test('canned replies: kept for my group from the reply box, picked again on another ticket', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'technicien@mutualis.test');
    // An agent's home: their queue, what falls due soon, what nobody took in their groups.
    await page.getByRole('heading', { level: 2, name: 'Centre de services' }).waitFor();
    for (const name of ['Mes demandes', 'Échéance proche ou dépassée', 'Non affectées dans mes groupes'])
      await page.getByRole('region', { name }).waitFor();
    await app.openNav(page, 'Demandes');
    const links = page.locator('tbody tr td a.ticket-ref');
    await links.first().waitFor();
    const [first, second] = [await links.nth(0).innerText(), await links.nth(1).innerText()];
    await links.nth(0).click();
    await page.locator('#page-title').filter({ hasText: first }).waitFor();
    const text = 'Bonjour,\n\nPouvez-vous **redémarrer** le poste et nous dire si le problème persiste ?';
    await page.getByRole('textbox', { name: 'Votre message' }).fill(text);
    await page.getByRole('button', { name: 'Garder comme réponse type' }).click();
    await page.getByRole('textbox', { name: 'Nom de la réponse type' }).fill('Redémarrage du poste');
    await page.getByRole('button', { name: 'Garder', exact: true }).click();
    await page.getByText(/^Réponse type « Redémarrage du poste » gardée pour /).waitFor();
    // Watchers (CC): the technician follows the ticket, then stops.
    const watchers = page.getByRole('region', { name: 'Observateurs (copie)' });
    await watchers.getByRole('button', { name: 'Suivre cette demande' }).click();
    await watchers.getByText('Thomas Technicien').waitFor();
    await app.expectNoSeriousA11yViolations(page);
    await watchers.getByRole('button', { name: 'Ne plus suivre' }).click();
    await watchers.getByText('Personne d’autre ne suit cette demande.').waitFor();

    await app.openNav(page, 'Demandes');
    await page.getByRole('link', { name: second }).click();
    await page.locator('#page-title').filter({ hasText: second }).waitFor();
    await select(page, 'Réponse type').click();
    await page.getByRole('option', { name: 'Redémarrage du poste' }).click();
    expect(await page.getByRole('textbox', { name: 'Votre message' }).inputValue()).toBe(text);
  });

  test('the desk: a P1 stands out, queues by due time, whole badges, hidden texts hidden, searches cleared', async () => {
    const requester = await app.newPage();
    await app.signIn(requester, 'agent@le-bouscat.test');
    const reference = await fileTicket(requester, 'Serveur de messagerie arrêté', {
      impact: 'Critique',
      urgency: 'Critique',
    });

    const page = await app.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await app.signIn(page, 'accueil@mutualis.test');
    await app.openNav(page, 'Demandes');

    // Defect 2: the caption and the selection header are for screen readers only.
    const caption = page.locator('table caption').first();
    expect((await caption.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);

    // Defect 9 + urgency: queues sort by due time; the P1 is first of "Non affectées" and stands out.
    await select(page, 'File').click();
    await page.getByRole('option', { name: 'Non affectées' }).click();
    await app.settle(page);
    const row = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: reference }) });
    expect(await row.getAttribute('class')).toContain('ticket-row-p1');
    await row.getByText(/avant prise en compte · \d+ % du délai écoulé/).waitFor();
    // Soonest resolution due first (the API's order for a queue), not newest first.
    const shown = await page.locator('tbody tr td a.ticket-ref').allInnerTexts();
    const api = await page.evaluate(async () => {
      const r = await fetch('/api/v1/tickets?queue=unassigned&limit=25');
      return ((await r.json()) as { items: Array<{ reference: string; resolveDueAt: string | null }> }).items;
    });
    expect(shown).toEqual(api.map((i) => i.reference));
    const dues = api.map((i) => i.resolveDueAt).filter((d): d is string => d !== null);
    expect(dues).toEqual([...dues].sort());

    // Defect 16: every badge shows its whole text, references stay on one line.
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll('.mantine-Badge-label')]
        .filter((b) => (b as HTMLElement).scrollWidth > (b as HTMLElement).clientWidth + 1)
        .map((b) => b.textContent),
    );
    expect(cut).toEqual([]);
    const wrapped = await page.evaluate(() =>
      [...document.querySelectorAll('tbody tr td a.ticket-ref')]
        .filter((a) => a.getClientRects().length > 1)
        .map((a) => a.textContent),
    );
    expect(wrapped).toEqual([]);
    await app.expectNoSeriousA11yViolations(page);

    // Defect 13: an emptied search box no longer filters when a status is chosen.
    await select(page, 'File').click();
    await page.getByRole('option', { name: 'Non affectées' }).click(); // deselect
    await page.getByRole('textbox', { name: 'Rechercher' }).fill(reference);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^1 demande$/ })
      .waitFor();
    // The export takes the view on screen: this search, so this one ticket, in words.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Exporter en CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^demandes-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await fs.promises.readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${reference};Serveur de messagerie arrêté;Le Bouscat;Incident;`);
    await page.getByRole('textbox', { name: 'Rechercher' }).fill('');
    await select(page, 'État').click();
    await page.getByRole('option', { name: 'Nouvelle', exact: true }).click();
    await app.settle(page);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(1);
  });

  test('the list: columns sort, filters narrow as the API does, a view saved and shared with my group', async () => {
    const page = await app.newPage();
    const seen = watch(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await app.signIn(page, 'technicien@mutualis.test');
    await app.openNav(page, 'Demandes');
    await page.locator('tbody tr').first().waitFor();
    const api = (query: string) =>
      page.evaluate(async (q) => {
        const r = await fetch(`/api/v1/tickets?${q}&limit=25`);
        return ((await r.json()) as { items: Array<{ reference: string }> }).items.map((i) => i.reference);
      }, query);
    const shown = () => page.locator('tbody tr td a.ticket-ref').allInnerTexts();

    // A column header sorts; a second click reverses; aria-sort says which way.
    await page.getByRole('button', { name: /^Priorité/ }).click();
    await app.settle(page);
    expect(await page.getByRole('columnheader', { name: /^Priorité/ }).getAttribute('aria-sort')).toBe('ascending');
    const ascending = await api('sort=priority&order=asc');
    await expect.poll(shown, { timeout: 10_000 }).toEqual(ascending);
    await page.getByRole('button', { name: /^Priorité/ }).click();
    await app.settle(page);
    expect(await page.getByRole('columnheader', { name: /^Priorité/ }).getAttribute('aria-sort')).toBe('descending');

    // The filters: missed deadlines of the workplace group, newest first by default order of the column.
    await page.getByRole('button', { name: 'Filtres', exact: true }).click();
    await select(page, 'Engagement de délai').click();
    await page.getByRole('option', { name: 'Délai dépassé' }).click();
    await page.keyboard.press('Escape');
    await select(page, 'Groupe').click();
    await page.getByRole('option', { name: 'Poste de travail et proximité' }).click();
    await app.settle(page);
    const groups = await page.evaluate(async () => {
      const r = await fetch('/api/v1/support-groups');
      return ((await r.json()) as { items: Array<{ id: string; code: string }> }).items;
    });
    const workplace = groups.find((g) => g.code === 'workplace')!.id;
    const late = await api(`sla=breached&groupId=${workplace}&sort=priority&order=desc`);
    await expect.poll(shown, { timeout: 10_000 }).toEqual(late);
    await page.getByRole('button', { name: 'Filtres (2)' }).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // Saved and shared with my group; after a reload, picking it brings the filters back.
    await page.getByRole('button', { name: 'Enregistrer la vue' }).click();
    await page.getByRole('textbox', { name: 'Nom de la vue' }).fill('Proximité en retard');
    await select(page, 'Partager avec le groupe').click();
    await page.getByRole('option', { name: 'Poste de travail et proximité' }).click();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Vue « Proximité en retard » enregistrée.').waitFor();
    await page.reload();
    await page.locator('tbody tr').first().waitFor();
    await select(page, 'Vues enregistrées').click();
    await page.getByRole('option', { name: 'Proximité en retard' }).click();
    await app.settle(page);
    await page.getByRole('button', { name: 'Filtres (2)' }).waitFor();
    await expect.poll(shown, { timeout: 10_000 }).toEqual(late);
    expect(seen.errors).toEqual([]);
    expect(seen.failed).toEqual([]);
  });

  test('the director’s home: the desk by commune and the week’s trend, a count opens its list, commitments at risk', async () => {
    const page = await app.newPage();
    const seen = watch(page);
    await app.signIn(page, 'directeur@mutualis.test');
    const desk = page.getByRole('region', { name: 'Le centre de services par commune' });
    await desk.getByRole('rowheader', { name: 'Le Bouscat' }).waitFor();
    await desk.getByRole('rowheader', { name: 'Villedemo' }).waitFor();
    await desk
      .getByRole('rowheader', { name: /^Semaine du/ })
      .first()
      .waitFor();
    const summary = await page.evaluate(async () => (await fetch('/api/v1/tickets/summary')).json());
    const lb = (summary.items as Array<{ communeName: string; breached: number; communeId: string }>).find(
      (c) => c.communeName === 'Le Bouscat',
    )!;
    expect(lb.breached).toBeGreaterThan(0);
    const commitments = page.getByRole('region', { name: /^Engagements à risque/ });
    await commitments.getByRole('article', { name: 'Le Bouscat' }).waitFor();
    await app.settle(page);
    await app.expectNoSeriousA11yViolations(page);
    // The director reads the backlog first; the contract manager, the commitments.
    const firstOf = async (p: typeof page) => {
      const titles = await p.getByRole('heading', { level: 2 }).allInnerTexts();
      return titles.findIndex((h) => h.startsWith('Engagements à risque')) <
        titles.indexOf('Le centre de services par commune')
        ? 'commitments'
        : 'desk';
    };
    expect(await firstOf(page)).toBe('desk');
    const manager = await app.newPage();
    await app.signIn(manager, 'contrats@mutualis.test');
    await manager
      .getByRole('region', { name: /^Engagements à risque/ })
      .getByRole('article')
      .first()
      .waitFor();
    await manager.getByRole('region', { name: 'Le centre de services par commune' }).waitFor();
    expect(await firstOf(manager)).toBe('commitments');
    await manager.close();
    // Le Bouscat's missed deadlines: the count opens the list with those filters.
    await desk.getByRole('link', { name: /^Délai dépassé — Le Bouscat/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Demandes' }).waitFor();
    await page.getByRole('button', { name: 'Filtres (2)' }).waitFor();
    await app.settle(page);
    await page
      .getByText(`${lb.breached} demande${lb.breached > 1 ? 's' : ''}`, { exact: true })
      .first()
      .waitFor();

    // The assignee filter names people, not only "me" and "nobody".
    await page.getByRole('button', { name: 'Filtres (2)' }).click();
    await select(page, 'Technicien').click();
    await page.getByRole('option', { name: 'Thomas Technicien' }).click();
    await app.settle(page);
    await page.getByRole('button', { name: 'Filtres (3)' }).waitFor();
    const tech = await page.evaluate(async (c) => {
      const r = await fetch(`/api/v1/assignable-users?communeId=${c}`);
      const people = ((await r.json()) as { items: Array<{ id: string; name: string }> }).items;
      return people.find((u) => u.name === 'Thomas Technicien')!.id;
    }, lb.communeId);
    const refs = await page.evaluate(
      async ([c, u]) => {
        const r = await fetch(
          `/api/v1/tickets?communeId=${c}&status=new,acknowledged,in_progress,pending,reopened&sla=breached&assigneeId=${u}&limit=25`,
        );
        return ((await r.json()) as { items: Array<{ reference: string }> }).items.map((i) => i.reference);
      },
      [lb.communeId, tech] as const,
    );
    await expect
      .poll(() => page.locator('tbody tr td a.ticket-ref').allInnerTexts(), { timeout: 10_000 })
      .toEqual(refs);
    expect(seen.errors).toEqual([]);
    expect(seen.failed).toEqual([]);
  });

  test('keyboard: shortcuts on the list and the ticket page, listed in a help dialog', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'technicien@mutualis.test');
    await app.openNav(page, 'Demandes');
    await page.locator('tbody tr').first().waitFor();
    await page.locator('#main-content').focus();
    // `/` goes to the search box; typing there is not a shortcut.
    await page.keyboard.press('/');
    expect(
      await page.getByRole('textbox', { name: 'Rechercher' }).evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.keyboard.type('j');
    expect(await page.getByRole('textbox', { name: 'Rechercher' }).inputValue()).toBe('j');
    await page.getByRole('textbox', { name: 'Rechercher' }).fill('');
    await page.locator('#main-content').focus();
    // `j` walks the rows; Enter opens the ticket.
    await page.keyboard.press('j');
    const first = page.locator('tbody tr td a.ticket-ref').first();
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    const reference = await first.innerText();
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', { name: new RegExp(reference) })
      .first()
      .waitFor();
    await app.settle(page);
    // `?` lists the keys, the page's own included; axe finds nothing serious in the dialog.
    await page.locator('#main-content').focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    await dialog.waitFor();
    await dialog.getByRole('cell', { name: 'Écrire une réponse' }).waitFor();
    await app.expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // `r` goes to the reply box.
    await page.locator('#main-content').focus();
    await page.keyboard.press('r');
    expect(
      await page
        .getByRole('textbox', { name: /Votre message/ })
        .first()
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    // `g d` goes back to the list; the header's "?" button opens the same help.
    await page.locator('#main-content').focus();
    await page.keyboard.press('g');
    await page.keyboard.press('d');
    await page.waitForURL(/\/demandes$/);
    await page.getByRole('button', { name: 'Raccourcis clavier' }).click();
    await dialog.waitFor();
  });

  test('assignment: the chosen group is kept on a second click, clearing says from → to', async () => {
    const requester = await app.newPage();
    await app.signIn(requester, 'agent@le-bouscat.test');
    const reference = await fileTicket(requester, 'Écran qui clignote au service des sports');

    const page = await app.newPage();
    await app.signIn(page, 'accueil@mutualis.test');
    await page.goto('/demandes');
    await page.getByRole('textbox', { name: 'Rechercher' }).fill(reference);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: reference }).click();
    await page.locator('#page-title').waitFor();
    await app.settle(page);

    const group = select(page, 'Groupe');
    const chosen = await group.inputValue();
    expect(chosen).not.toBe('');
    // Defect 1: clicking the chosen option again keeps it.
    await group.click();
    await page.getByRole('option', { name: chosen, exact: true }).click();
    await app.settle(page);
    expect(await group.inputValue()).toBe(chosen);
    // Choosing another group then says which, from → to, signed with a name.
    await group.click();
    const other = page.getByRole('option').filter({ hasNotText: chosen }).first();
    const otherName = (await other.innerText()).trim();
    await other.click();
    const history = page.getByRole('region', { name: 'Historique' });
    await history
      .getByText(`Groupe : ${chosen.replace(/ \(N\d\)$/, '')} → ${otherName.replace(/ \(N\d\)$/, '')}`)
      .waitFor();
    expect(await history.innerText()).toContain('Antoine Accueil');
    expect(await history.innerText()).not.toContain('· system');

    // "Assign to me", then a change of urgency: the history says each from → to.
    await page.getByRole('button', { name: 'M’affecter la demande' }).click();
    await history.getByText('Technicien : (aucun) → Antoine Accueil').waitFor();
    expect(await select(page, 'Technicien').inputValue()).toBe('Antoine Accueil');
    const urgency = page.getByRole('region', { name: 'Classement' });
    await urgency
      .getByRole('combobox', { name: 'Urgence' })
      .or(urgency.getByRole('textbox', { name: 'Urgence' }))
      .first()
      .click();
    await page.getByRole('option', { name: 'Critique', exact: true }).click();
    await history.getByText('Urgence : Moyen → Critique').waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // Defect 16: the toast of a reply does not cover the header (user menu).
    await page.getByRole('textbox', { name: 'Votre message' }).fill('Nous passons cet après-midi.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    // Measured in the page as the toast shows (it closes by itself a few seconds later).
    const below = await page.waitForFunction(() => {
      const toast = document.querySelector('.mantine-Notification-root');
      const header = document.querySelector('header');
      if (!toast || !header) return null;
      return { toast: toast.getBoundingClientRect().top, header: header.getBoundingClientRect().bottom };
    });
    const { toast, header } = (await below.jsonValue())!;
    expect(toast).toBeGreaterThan(header);
  });

  test('a page the role may not open is "not found" inside the app frame', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'agent@le-bouscat.test');
    await page.goto('/administration/journal');
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    // Defect 6: the header and the navigation are there, as on any unknown address.
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
    await page.getByRole('button', { name: /Menu de/ }).waitFor();
  });

  test('French of the contract and admin screens; the period kept from the overview into a commune', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'directeur@mutualis.test');
    await app.openNav(page, 'Indicateurs');
    // Defect 4: the period chosen on the overview is the one of the commune's dashboard.
    await select(page, /Période/).click();
    const option = page.getByRole('option').nth(3);
    const period = (await option.innerText()).trim();
    await option.click();
    await app.settle(page);
    await page.getByRole('link', { name: 'Le Bouscat' }).first().click();
    await page.locator('#page-title').waitFor();
    await app.settle(page);
    expect(await select(page, /Période/).inputValue()).toBe(period);
    expect(new URL(page.url()).searchParams.get('periode')).not.toBeNull();

    // Defect 17: "la commune du Bouscat", "Signé le … au Bouscat".
    await app.openNav(page, "Contrat d'engagement");
    await page.getByRole('link', { name: 'Le Bouscat' }).first().click();
    await page
      .getByText(/la commune du Bouscat/)
      .first()
      .waitFor();
    await page.getByText(/^Commune du Bouscat, représentée par son Maire/).waitFor();
    // Generated wording contracts the name; the signed preamble keeps its own ("La commune de Le
    // Bouscat représentée par son Maire…", as in the reference), shown verbatim.
    expect(await page.getByText(/^Commune de Le Bouscat/).count()).toBe(0);
    await page
      .getByText(/^Signé le \d{2}\/\d{2}\/\d{4}/)
      .first()
      .waitFor();
    expect(await page.getByText(/Signé le — —|à Le Bouscat/).count()).toBe(0);
  });

  test('the audit log in words, "Commune : Toutes", the navigation column down the whole page', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'admin@mutualis.test');
    await page.goto('/administration/journal');
    await page.locator('#page-title').waitFor();
    await app.settle(page);
    await page.getByRole('cell', { name: 'Connexion' }).first().waitFor();
    expect(await page.getByRole('cell', { name: 'auth.login' }).count()).toBe(0);
    expect(await select(page, 'Commune').getAttribute('placeholder')).toBe('Toutes');

    // Dates and export: a day in the future holds nothing; the export follows the filters.
    await page.getByLabel('Du', { exact: true }).fill('2099-01-01');
    await page.getByText('Aucune entrée.').waitFor();
    await page.getByLabel('Du', { exact: true }).fill('');
    await page.getByRole('cell', { name: 'Connexion' }).first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Exporter en CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^journal-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await fs.promises.readFile((await download.path())!, 'utf8');
    expect(csv).toContain('Date;Auteur;Commune;Action');
    expect(csv).toContain(';Connexion;auth.login;');

    // Defect 16: the side menu's white column reaches the bottom of a long page (a full-page capture).
    await app.openNav(page, 'Demandes');
    const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundImage);
    expect(colour).toContain('linear-gradient');
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(pageHeight).toBeGreaterThan(900);
  });
});
