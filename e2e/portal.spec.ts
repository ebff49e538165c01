import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { checkPage } from './pages';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('requester portal', () => {
  test('a requester files a ticket with a category and follows it: deadlines, reply, accessibly', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'agent@le-bouscat.test');
    await app.openNav(page, 'Demandes');
    await page.getByRole('heading', { level: 1, name: "Demandes d'assistance" }).waitFor();
    await app.expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Nouvelle demande' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle demande' }).waitFor();
    await page
      .getByRole('textbox', { name: 'Catégorie' })
      .or(page.getByRole('combobox', { name: 'Catégorie' }))
      .first()
      .click();
    await page.getByRole('option', { name: 'Impression' }).click();
    await page.getByRole('textbox', { name: 'Titre' }).fill('Imprimante du service état civil en panne');
    await page.getByRole('textbox', { name: 'Description' }).fill('Plus aucune impression depuis ce matin.');
    await app.expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();

    // The ticket page: reference in the title, contractual deadlines, remaining business time.
    const heading = page.getByRole('heading', {
      level: 1,
      name: /^BOU-\d{4}-\d{6} — Imprimante du service état civil en panne$/,
    });
    await heading.waitFor();
    await page.getByText('Prise en compte avant').waitFor();
    await page.getByText('Nouvelle', { exact: true }).first().waitFor();
    await app.expectNoSeriousA11yViolations(page);

    await page.getByRole('textbox', { name: 'Votre message' }).fill('Le modèle est une Ricoh MP C3004.');
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.getByText('Le modèle est une Ricoh MP C3004.').waitFor();

    // A reply with its files: they show under the reply; a file the server refuses is named, the reply stays.
    await page.getByRole('textbox', { name: 'Votre message' }).fill('La photo du message d’erreur.');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Joindre à ma réponse' }).click();
    await (
      await chooser
    ).setFiles([
      { name: 'erreur.png', mimeType: 'image/png', buffer: PNG },
      { name: 'outil.exe', mimeType: 'application/octet-stream', buffer: ELF },
    ]);
    const pending = page.getByRole('list', { name: 'Fichiers joints à la réponse' });
    await pending.getByRole('listitem').filter({ hasText: 'outil.exe' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    const message = page.getByRole('article').filter({ hasText: 'La photo du message d’erreur.' });
    await message.getByRole('link', { name: 'erreur.png' }).waitFor();
    await page.getByRole('alert').filter({ hasText: '« outil.exe » n’a pas été joint' }).waitFor();
    expect(await message.getByRole('link', { name: 'outil.exe' }).count()).toBe(0);
    await app.expectNoSeriousA11yViolations(page);
    // On a phone, the status and the deadlines come before the conversation.
    await page.setViewportSize({ width: 390, height: 844 });
    const top = async (name: string) =>
      (await page.getByText(name, { exact: true }).first().boundingBox())?.y ?? Number.NaN;
    // Polled: the layout settles after the resize.
    const gap = async (above: string, below: string) => (await top(below)) - (await top(above));
    await expect.poll(() => gap('État', 'Échanges')).toBeGreaterThan(0);
    await expect.poll(() => gap('Résolution avant', 'Échanges')).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1360, height: 900 });
    await expect.poll(() => gap('Résolution avant', 'Échanges')).toBeGreaterThan(-400);
    // A requester cannot write internal notes nor move the ticket.
    expect(await page.getByRole('checkbox', { name: /Note interne/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Résoudre' }).count()).toBe(0);

    // The ticket is in "my tickets".
    await app.openNav(page, 'Demandes');
    await page.getByRole('cell', { name: 'Imprimante du service état civil en panne' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^\d+ demandes?$/ })
      .waitFor();
  });

  test('the commune referent sees how many tickets match, the count capped past 1,000', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'referent@le-bouscat.test');
    await app.openNav(page, 'Demandes');
    // Two years of demo history: the count stops at 1,000 and says so.
    await page
      .getByRole('status')
      .filter({ hasText: /^Plus de 1\s?000 demandes : affinez la recherche/ })
      .waitFor();
    await app.expectNoSeriousA11yViolations(page);
    // The pages go on past the count's cap (40 pages of 25), one at a time.
    await page.getByRole('button', { name: '40', exact: true }).click();
    await page.getByRole('button', { name: '41', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Page suivante' }).click();
    await page.getByRole('button', { name: '42', exact: true }).waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThan(1);
    // A search narrows it to an exact count.
    await page.getByRole('textbox', { name: 'Rechercher' }).fill('imprimante');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^\d{1,3} demandes?$/ })
      .waitFor();
  });
});

// The bell and the profile page (issue 13), in this file to share its server.

/** Two unread items in the technician's bell, about a ticket of a commune they work for. */
function fillBell(): { reference: string } {
  const db = new BetterSqlite3(path.join(app.dataDir, 'mutualis.db'));
  try {
    const t = db
      .prepare(
        `select t.id, t.reference, t.title, t.commune_id as communeId, u.id as userId from tickets t
         join assignments a on a.commune_id = t.commune_id join users u on u.id = a.user_id
         where u.email = 'technicien@mutualis.test' order by t.created_at desc limit 1`,
      )
      .get() as { id: string; reference: string; title: string; communeId: string; userId: string };
    const insert = db.prepare(
      `insert into inbox_items (id, user_id, commune_id, kind, ticket_id, data, created_at, read_at)
       values (?, ?, ?, ?, ?, ?, ?, null)`,
    );
    const now = Date.now();
    insert.run(
      '0190a000-0000-7000-8000-000000000001',
      t.userId,
      t.communeId,
      'assigned',
      t.id,
      JSON.stringify({ reference: t.reference, title: t.title, actorName: 'Anne Accueil' }),
      new Date(now - 60_000).toISOString(),
    );
    insert.run(
      '0190a000-0000-7000-8000-000000000002',
      t.userId,
      t.communeId,
      'sla_warning',
      t.id,
      JSON.stringify({
        reference: t.reference,
        title: t.title,
        clock: 'resolve',
        dueAt: new Date(now + 3_600_000).toISOString(),
      }),
      new Date(now).toISOString(),
    );
    return { reference: t.reference };
  } finally {
    db.close();
  }
}

describe('profile and notifications', () => {
  test('a technician sees the bell, reads the notifications, opens the profile and changes a preference, accessibly', async () => {
    const { reference } = fillBell();
    const page = await app.newPage();
    await app.signIn(page, 'technicien@mutualis.test');

    // The bell says how many are unread; its list words each item and links to the ticket.
    const bell = page.getByRole('button', { name: 'Notifications, 2 non lues' });
    await bell.waitFor();
    await bell.click();
    const dialog = page.getByRole('dialog', { name: 'Notifications' });
    await dialog.getByText(`Anne Accueil vous a attribué la demande ${reference}`).waitFor();
    await dialog.getByText(new RegExp(`^Non lue : Échéance proche \\(résolution\\) : demande ${reference}`)).waitFor();
    await app.expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await page.getByRole('button', { name: 'Notifications, aucune non lue' }).waitFor();
    await page.keyboard.press('Escape');

    // The profile, from the user menu.
    await page.getByRole('button', { name: /^Menu de / }).click();
    await page.getByRole('menuitem', { name: 'Mon profil' }).click();
    expect(await checkPage(app, page, '/profil')).toBe('Mon profil');
    await page.getByText('technicien@mutualis.test', { exact: true }).first().waitFor();

    // Email notifications off, saved, still off after a reload.
    const email = page.getByRole('checkbox', { name: 'Recevoir les notifications par courriel' });
    expect(await email.isChecked()).toBe(true);
    await email.uncheck();
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
    await page.getByText('Préférences de notification enregistrées.').waitFor();
    await page.reload();
    await page.locator('#page-title').waitFor();
    await app.settle(page);
    expect(await page.getByRole('checkbox', { name: 'Recevoir les notifications par courriel' }).isChecked()).toBe(
      false,
    );

    // The password form shows its errors under their fields.
    await page.getByRole('textbox', { name: 'Mot de passe actuel', exact: true }).fill('pas-le-bon-mot-de-passe');
    await page.getByRole('textbox', { name: 'Nouveau mot de passe', exact: true }).fill('un-mot-de-passe-neuf');
    await page
      .getByRole('textbox', { name: 'Confirmer le nouveau mot de passe', exact: true })
      .fill('un-autre-mot-de-passe');
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await page.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();
    await page
      .getByRole('textbox', { name: 'Confirmer le nouveau mot de passe', exact: true })
      .fill('un-mot-de-passe-neuf');
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await page.getByText('Le mot de passe actuel est incorrect.').waitFor();
    await app.expectNoSeriousA11yViolations(page);
  });
});
