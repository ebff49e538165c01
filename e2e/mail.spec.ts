import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

/** A message from a Le Bouscat user that the mail server did not authenticate, held for review. */
function holdMessage(subject: string): void {
  const db = new BetterSqlite3(path.join(app.dataDir, 'mutualis.db'));
  try {
    const commune = db.prepare("select id from communes where slug = 'le-bouscat'").get() as { id: string };
    const raw = [
      'From: Arnaud Agent <agent@le-bouscat.test>',
      'To: support@mutualis.test',
      `Subject: ${subject}`,
      `Message-ID: <held-${Date.now()}@le-bouscat.test>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Le scanner de l’accueil ne numérise plus.',
      '',
    ].join('\r\n');
    const verdict = { status: 'none', method: null, domain: 'le-bouscat.test', authservId: null, results: [] };
    db.prepare(
      `insert into inbound_messages (id, message_id, mailbox_id, commune_id, from_address, subject, outcome, ticket_id,
        detail, received_at, auth_verdict, raw_message, reviewed_by, reviewed_at)
       values (?, ?, null, ?, 'agent@le-bouscat.test', ?, 'held_for_review', null, null, ?, ?, ?, null, null)`,
    ).run(
      `held-${Date.now()}`,
      `<held-${Date.now()}@le-bouscat.test>`,
      commune.id,
      subject,
      new Date().toISOString(),
      JSON.stringify(verdict),
      Buffer.from(raw).toString('base64'),
    );
  } finally {
    db.close();
  }
}

describe('mail held for review', () => {
  test('a call-centre agent reviews a message whose sender was not authenticated and accepts it, accessibly', async () => {
    holdMessage('Scanner de l’accueil');
    const page = await app.newPage();
    await app.signIn(page, 'accueil@mutualis.test');
    await app.openNav(page, 'Courriels à vérifier');
    await page.getByRole('heading', { level: 1, name: 'Courriels à vérifier' }).waitFor();
    const item = page.getByRole('article', { name: 'Scanner de l’accueil' });
    await item.getByText('Expéditeur non authentifié').waitFor();
    await item.getByText('De agent@le-bouscat.test', { exact: false }).waitFor();
    await app.expectNoSeriousA11yViolations(page);
    await item.getByRole('textbox', { name: 'Commentaire' }).fill('Vérifié par téléphone avec M. Agent');
    await item.getByRole('button', { name: 'Accepter' }).click();
    await page.getByText('Courriel accepté').waitFor();
    await page.getByText('Aucun courriel en attente.').waitFor();
    // The request now exists, opened from the accepted message.
    await app.openNav(page, 'Demandes');
    await page.getByRole('cell', { name: 'Scanner de l’accueil' }).first().waitFor();
  });

  test('a requester has no such page', async () => {
    const page = await app.newPage();
    await app.signIn(page, 'agent@le-bouscat.test');
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link', { name: 'Courriels à vérifier' }).count()).toBe(0);
  });
});
