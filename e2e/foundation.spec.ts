import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';
import { checkPage } from './pages';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('sign-in', () => {
  test('a wrong password shows the error and keeps the visitor on the sign-in page', async () => {
    const page = await app.newPage();
    await page.goto('/connexion');
    await page.getByLabel('Adresse électronique').fill('referent@villedemo.test');
    await page.getByLabel(/^Mot de passe/).fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Adresse électronique ou mot de passe incorrect.');
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await app.expectNoSeriousA11yViolations(page);
  });

  test('an anonymous visitor is sent to sign in, then back to the page asked for', async () => {
    const page = await app.newPage();
    await page.goto('/administration/journal');
    await page.waitForURL((u) => u.pathname === '/connexion');
    await page.getByLabel('Adresse électronique').fill('admin@mutualis.test');
    await page.getByLabel(/^Mot de passe/).fill('mutualis-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await checkPage(app, page, '/administration/journal')).toBe("Journal d'audit");
  });

  test('a commune user opening an administration address gets "page not found"', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'agent@le-bouscat.test');
    await page.goto('/administration/utilisateurs');
    const heading = page.locator('#page-title');
    await heading.waitFor();
    expect((await heading.textContent())?.trim()).toBe('Page introuvable');

    // An unknown address too, inside the app's layout (navigation still there).
    await page.goto('/nulle-part');
    await heading.waitFor();
    expect((await heading.textContent())?.trim()).toBe('Page introuvable');
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
    await app.expectNoSeriousA11yViolations(page);
  });

  test('signing out returns to the sign-in page and ends the session', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'technicien@mutualis.test');
    await page.getByRole('button', { name: 'Menu de Thomas Technicien' }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await page.waitForURL((u) => u.pathname === '/connexion');
    const me = await page.request.get('/api/v1/me');
    expect(me.status()).toBe(401);
  });
});

describe('session', () => {
  test('when the session ends, the next call sends the user to sign in, then back', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'contrats@mutualis.test');
    await page.context().clearCookies();
    // A page whose data is not in the cache yet: its first call answers 401.
    const open = page.getByRole('main').getByRole('link', { name: 'Ouvrir Le Bouscat' });
    const target = new URL((await open.getAttribute('href')) ?? '/', app.baseUrl).pathname;
    await open.click();
    await page.waitForURL((u) => u.pathname === '/connexion');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe(target);
    await page.locator('input[name="email"]').fill('contrats@mutualis.test');
    await page.locator('input[name="password"]').fill('mutualis-demo');
    await page.locator('form button[type="submit"]').click();
    expect(await checkPage(app, page, target)).toBe('Le Bouscat');
  });
});

describe('language', () => {
  test('switching to English translates the interface, sets lang, and is remembered', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'agent@villedemo.test');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await page.locator('#page-title').textContent())?.trim()).toBe('Hello, Valérie');
    expect(await page.title()).toBe('Home — Mutualis');
    await app.expectNoSeriousA11yViolations(page);

    // Saved on the account: a new browser signs in in English.
    const other = await app.newPage();
    await app.signIn(other, 'agent@villedemo.test');
    expect((await other.locator('#page-title').textContent())?.trim()).toBe('Hello, Valérie');

    await other.getByRole('button', { name: 'Français' }).click();
    await other.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
    expect(await other.locator('html').getAttribute('lang')).toBe('fr');
  });
});

describe('administration', () => {
  test('an administrator adds a sub-entity to Le Bouscat, with the API validation shown on the field', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'admin@mutualis.test');
    await app.openNav(page, 'Communes et sous-entités');
    await checkPage(app, page, '/administration/communes');
    await page.getByRole('link', { name: 'Sous-entités de Le Bouscat' }).click();
    await page.getByRole('heading', { name: 'Le Bouscat', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Ajouter une sous-entité' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle sous-entité' });
    await dialog.waitFor();
    await app.expectNoSeriousA11yViolations(page);

    // Nothing filled in: the API's 400 names the fields, shown next to them.
    await dialog.getByRole('button', { name: 'Ajouter' }).click();
    const name = dialog.getByLabel(/^Nom/);
    await dialog.locator('[aria-invalid="true"]').first().waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByText('Ce champ est obligatoire.').count()).toBeGreaterThanOrEqual(1);

    await name.fill('Service des sports');
    await dialog.getByLabel(/^Type/).click();
    await page.getByRole('option', { name: 'Service', exact: true }).click();
    await dialog.getByRole('button', { name: 'Ajouter' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: /Service des sports/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Service');
    await app.expectNoSeriousA11yViolations(page);

    // The write is in the audit trail.
    await app.openNav(page, "Journal d'audit");
    await checkPage(app, page, '/administration/journal');
    await page
      .getByRole('row', { name: /entity/ })
      .first()
      .waitFor();
  });

  test('the administration forms pass axe when open', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'admin@mutualis.test');
    await app.openNav(page, 'Utilisateurs et rôles');
    await checkPage(app, page, '/administration/utilisateurs');
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    await page.getByRole('dialog', { name: 'Nouvel utilisateur' }).waitFor();
    await app.expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await app.openNav(page, "Jetons d'API");
    await checkPage(app, page, '/administration/jetons');
    await page.getByRole('button', { name: 'Nouveau jeton' }).click();
    await page.getByRole('dialog', { name: "Nouveau jeton d'API" }).waitFor();
    await app.expectNoSeriousA11yViolations(page);
  });
});

describe('keyboard', () => {
  test('the skip link is the first stop and leads to the content; after navigation focus is on the new heading', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'referent@le-bouscat.test');
    // A full page load: focus starts at the top of the document.
    await page.reload();
    await page.locator('#page-title').waitFor();
    await app.settle(page);
    await page.keyboard.press('Tab');
    const active = () =>
      page.evaluate(() => ({
        id: document.activeElement?.id ?? '',
        text: document.activeElement?.textContent?.trim() ?? '',
      }));
    expect((await active()).text).toBe('Aller au contenu principal');
    const box = await page.locator('.skip-link').boundingBox();
    expect(box && box.x >= 0 && box.y >= 0, 'the focused skip link is on screen').toBe(true);
    await page.keyboard.press('Enter');
    expect((await active()).id).toBe('main-content');

    // Tab to the "Communes" entry of the navigation and open it with Enter.
    await page.locator('.skip-link').focus();
    for (let i = 0; i < 15 && (await active()).text !== 'Communes'; i++) await page.keyboard.press('Tab');
    expect((await active()).text).toBe('Communes');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/communes');
    await page.waitForFunction(() => document.activeElement?.id === 'page-title');
    expect((await active()).text).toBe('Communes');
  });
});

describe('administration journeys', () => {
  test('an administrator creates an API token, sees its secret once, and revokes it', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'admin@mutualis.test');
    await app.openNav(page, "Jetons d'API");
    await page.getByRole('button', { name: 'Nouveau jeton' }).click();
    const dialog = page.getByRole('dialog', { name: "Nouveau jeton d'API" });
    await dialog.waitFor();
    await dialog.getByLabel(/^Nom/).fill('Supervision');
    await dialog.getByLabel(/^Permissions/).click();
    await page.getByRole('option', { name: 'Voir les communes', exact: true }).click();
    await dialog.getByRole('heading', { name: "Nouveau jeton d'API" }).click();
    await dialog.getByRole('button', { name: 'Créer' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Jeton « Supervision » créé' });
    await secretDialog.waitFor();
    const secret = ((await secretDialog.getByTestId('token-secret').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThan(20);
    expect(
      (await page.request.get('/api/v1/communes', { headers: { authorization: `Bearer ${secret}` } })).status(),
    ).toBe(200);
    await app.expectNoSeriousA11yViolations(page);
    await secretDialog.getByRole('button', { name: 'Fermer', exact: true }).last().click();
    await secretDialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: /Supervision/ });
    await row.getByText('Actif').waitFor();
    await row.getByRole('button', { name: 'Révoquer Supervision' }).click();
    await page.getByRole('dialog', { name: 'Révoquer le jeton' }).getByRole('button', { name: 'Révoquer' }).click();
    await row.getByText('Révoqué').waitFor();
    expect(
      (await page.request.get('/api/v1/communes', { headers: { authorization: `Bearer ${secret}` } })).status(),
    ).toBe(401);
  });

  test('an administrator creates a commune user who can then sign in, and deactivates them', async () => {
    const admin = await app.newPage();
    await app.signIn(admin, 'admin@mutualis.test');
    await app.openNav(admin, 'Utilisateurs et rôles');
    await admin.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Nouvel utilisateur' });
    await dialog.waitFor();
    await dialog.getByLabel(/^Nom/).fill('Nina Nouvelle');
    await dialog.getByLabel(/^Adresse électronique/).fill('nina@le-bouscat.test');
    await dialog.getByLabel(/^Rôles/).click();
    await admin.getByRole('option', { name: 'Demandeur', exact: true }).click();
    await dialog.getByRole('heading', { name: 'Nouvel utilisateur' }).click();
    await dialog.getByLabel(/^Commune/).click();
    await admin.getByRole('option', { name: 'Le Bouscat', exact: true }).click();
    await dialog.getByLabel(/^Mot de passe/).fill('un-mot-de-passe-solide');
    await dialog.getByRole('button', { name: 'Créer' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await admin.getByLabel('Rechercher').fill('Nina');
    const row = admin.getByRole('row', { name: /Nina Nouvelle/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Le Bouscat');

    const nina = await app.newPage();
    await app.signIn(nina, 'nina@le-bouscat.test', 'un-mot-de-passe-solide');
    expect((await nina.locator('#page-title').textContent())?.trim()).toBe('Bonjour, Nina');
    await nina.getByRole('heading', { name: 'Le Bouscat' }).waitFor();

    await row.getByRole('button', { name: 'Modifier Nina Nouvelle' }).click();
    const edit = admin.getByRole('dialog', { name: 'Modifier Nina Nouvelle' });
    await edit.waitFor();
    await edit.getByLabel('Compte actif').uncheck();
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText('Désactivé').waitFor();

    const again = await app.newPage();
    await again.goto('/connexion');
    await again.locator('input[name="email"]').fill('nina@le-bouscat.test');
    await again.locator('input[name="password"]').fill('un-mot-de-passe-solide');
    await again.locator('form button[type="submit"]').click();
    await again.getByRole('alert').waitFor();
    expect(new URL(again.url()).pathname).toBe('/connexion');
  });

  test('an administrator creates a commune (the INSEE check shown in French) and assigns a technician to it', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'admin@mutualis.test');
    await app.openNav(page, 'Communes et sous-entités');
    await page.getByRole('button', { name: 'Nouvelle commune' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle commune' });
    await dialog.waitFor();
    await dialog.getByLabel(/^Nom/).fill('Saint-Médard-en-Jalles');
    await dialog.getByLabel(/^Code INSEE/).fill('12');
    await dialog.getByRole('button', { name: 'Créer' }).click();
    await dialog.getByText('Code INSEE à cinq caractères, par exemple 33069.').waitFor();
    await dialog.getByLabel(/^Code INSEE/).fill('33449');
    await dialog.getByRole('button', { name: 'Créer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /Saint-Médard-en-Jalles/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('saint-medard-en-jalles');

    await app.openNav(page, 'Affectations');
    const tech = page.getByRole('row', { name: /Thomas Technicien/ });
    await tech.getByRole('checkbox', { name: 'Affecter Thomas Technicien à Saint-Médard-en-Jalles' }).check();
    await tech.getByRole('button', { name: 'Enregistrer les affectations de Thomas Technicien' }).click();
    await page.getByText('Affectations de Thomas Technicien enregistrées.').waitFor();

    const technician = await app.newPage();
    await app.signIn(technician, 'technicien@mutualis.test');
    await technician.getByRole('heading', { name: 'Saint-Médard-en-Jalles' }).waitFor();
  });
});
