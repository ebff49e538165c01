import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { makeCommune, makeTicketRow, makeUser, multipart } from '../factories';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

// A project page's tickets, documents and what its editor offers (owners, the phase list): linking a ticket of the project's commune (by id or by
// reference), never one of another commune; documents stored like ticket attachments (sniffed,
// size-limited, served as downloads); the scope on every route; the audit trail.
describeEachDb('projects: linked tickets and documents', (dialect) => {
  let t: BareTestApp;
  let a: string;
  let b: string;
  let projectA: string;
  let projectB: string;
  const tickets: Record<string, { id: string; reference: string }> = {};
  const people: Record<string, { id: string; email: string }> = {};

  const call = async (who: string | null, method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: who ? await t.as(people[who]!.email) : ANON,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const fields = (r: { json(): unknown }) =>
    (r.json() as { error: { details: { fields: Array<{ field: string; code: string }> } } }).error.details.fields;
  const upload = async (who: string | null, project: string, filename: string, data: Buffer, type?: string) => {
    const m = multipart(filename, data, type);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project}/documents`,
      headers: { ...(who ? await t.as(people[who]!.email) : ANON), 'content-type': m.contentType },
      payload: m.payload,
    });
  };
  const audit = async (action: string) =>
    (await t.app.ctx.db.selectFrom('auditLog').select(['targetId', 'changes']).where('action', '=', action).execute())
      .length;

  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    const db = t.app.ctx.db;
    a = await makeCommune(t, { name: 'Projetville', slug: 'projetville' });
    b = await makeCommune(t, { name: 'Autreville', slug: 'autreville' });
    people.manager = await makeUser(t, { roles: ['project_manager'], assigned: [a, b] });
    people.tech = await makeUser(t, { roles: ['technician'], assigned: [a] });
    people.owner = await makeUser(t, { roles: ['project_owner'], communeId: a });
    people.referentB = await makeUser(t, { roles: ['contract_referent'], communeId: b });
    const mk = async (communeId: string, title: string) => {
      const r = await call('manager', 'POST', `/api/v1/communes/${communeId}/projects`, { title, kind: 'commune' });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    projectA = await mk(a, 'Portail citoyen');
    projectB = await mk(b, 'Sauvegarde externalisée');
    for (const [key, communeId, title, at] of [
      ['a1', a, 'Formulaire du portail en erreur', '2026-02-02T09:00:00.000Z'],
      ['a2', a, 'Compte du prestataire du portail', '2026-02-03T09:00:00.000Z'],
      ['b1', b, 'Sauvegarde en échec', '2026-02-04T09:00:00.000Z'],
    ] as const) {
      const id = await makeTicketRow(db, { communeId, createdAt: at, title });
      const row = await db.selectFrom('tickets').select('reference').where('id', '=', id).executeTakeFirstOrThrow();
      tickets[key] = { id, reference: row.reference };
    }
  });
  afterAll(async () => {
    await t.close();
  });

  describe('linked tickets', () => {
    it('links tickets of the commune by id or by reference and lists them, latest link first', async () => {
      let r = await call('manager', 'POST', `/api/v1/projects/${projectA}/tickets`, { ticket: tickets.a1!.id });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({
        id: tickets.a1!.id,
        reference: tickets.a1!.reference,
        title: 'Formulaire du portail en erreur',
        status: 'new',
        linkedBy: { id: people.manager!.id },
      });
      t.clock.advance(60_000);
      r = await call('manager', 'POST', `/api/v1/projects/${projectA}/tickets`, { ticket: tickets.a2!.reference });
      expect(r.statusCode, r.body).toBe(201);
      const list = (await call('manager', 'GET', `/api/v1/projects/${projectA}/tickets`)).json();
      expect(list.total).toBe(2);
      expect(list.items.map((x: { reference: string }) => x.reference)).toEqual([
        tickets.a2!.reference,
        tickets.a1!.reference,
      ]);
      expect(await audit('project.ticket_linked')).toBe(2);
    });

    it('refuses a ticket of another commune or unknown on the field, twice the same with 409, nothing written', async () => {
      const before = await audit('project.ticket_linked');
      for (const ticket of [tickets.b1!.id, tickets.b1!.reference, 'BOU-2026-999999']) {
        const r = await call('manager', 'POST', `/api/v1/projects/${projectA}/tickets`, { ticket });
        expect(r.statusCode, r.body).toBe(400);
        expect(fields(r)).toEqual([expect.objectContaining({ field: 'ticket', code: 'unknown_reference' })]);
      }
      const empty = await call('manager', 'POST', `/api/v1/projects/${projectA}/tickets`, { ticket: ' ' });
      expect(fields(empty).map((f) => f.field)).toEqual(['ticket']);
      const twice = await call('manager', 'POST', `/api/v1/projects/${projectA}/tickets`, { ticket: tickets.a1!.id });
      expect(twice.statusCode).toBe(409);
      expect(await audit('project.ticket_linked')).toBe(before);
      const rows = await t.app.ctx.db.selectFrom('projectTickets').select('ticketId').execute();
      expect(rows.map((x) => x.ticketId).sort()).toEqual([tickets.a1!.id, tickets.a2!.id].sort());
    });

    it('hides the project from another commune (404), refuses readers (403) and anonymous callers (401)', async () => {
      const url = `/api/v1/projects/${projectA}/tickets`;
      expect((await call('referentB', 'GET', url)).statusCode).toBe(404);
      expect((await call('referentB', 'POST', url, { ticket: tickets.b1!.id })).statusCode).toBe(404);
      expect((await call('referentB', 'DELETE', `${url}/${tickets.a1!.id}`)).statusCode).toBe(404);
      expect((await call('tech', 'GET', url)).statusCode).toBe(200);
      expect((await call('tech', 'POST', url, { ticket: tickets.a1!.id })).statusCode).toBe(403);
      expect((await call('tech', 'DELETE', `${url}/${tickets.a1!.id}`)).statusCode).toBe(403);
      expect((await call(null, 'GET', url)).statusCode).toBe(401);
      // Autreville's own project cannot take Projetville's ticket either.
      const r = await call('manager', 'POST', `/api/v1/projects/${projectB}/tickets`, { ticket: tickets.a1!.id });
      expect(fields(r).map((f) => f.field)).toEqual(['ticket']);
    });

    it('unlinks a ticket (the ticket stays), then answers 404 for a link that is no more', async () => {
      const url = `/api/v1/projects/${projectA}/tickets/${tickets.a2!.id}`;
      expect((await call('manager', 'DELETE', url)).statusCode).toBe(204);
      expect((await call('manager', 'DELETE', url)).statusCode).toBe(404);
      const list = (await call('manager', 'GET', `/api/v1/projects/${projectA}/tickets`)).json();
      expect(list.items.map((x: { id: string }) => x.id)).toEqual([tickets.a1!.id]);
      const still = await t.app.ctx.db.selectFrom('tickets').select('id').where('id', '=', tickets.a2!.id).execute();
      expect(still).toHaveLength(1);
      expect(await audit('project.ticket_unlinked')).toBe(1);
    });
  });

  describe('documents', () => {
    let pdfDoc: { id: string; url: string; sha256: string };

    it('stores a document by its content type sniffed from the bytes and serves it as a download', async () => {
      const r = await upload('manager', projectA, 'cahier des charges.pdf', PDF, 'image/png');
      expect(r.statusCode, r.body).toBe(201);
      pdfDoc = r.json();
      expect(r.json()).toMatchObject({
        projectId: projectA,
        filename: 'cahier des charges.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        uploadedBy: { id: people.manager!.id },
        abilities: { canDelete: true },
      });
      t.clock.advance(60_000);
      const csv = await upload('manager', projectA, 'planning.csv', Buffer.from('lot;date\nRecette;2026-04-01\n'));
      expect(csv.json().contentType).toBe('text/csv');
      const list = (await call('tech', 'GET', `/api/v1/projects/${projectA}/documents`)).json();
      expect(list.items.map((d: { filename: string }) => d.filename)).toEqual([
        'planning.csv',
        'cahier des charges.pdf',
      ]);
      expect(list.items[0].abilities).toEqual({ canDelete: false });
      const dl = await call('tech', 'GET', pdfDoc.url);
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe('application/pdf');
      expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="cahier des charges.pdf"/);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      expect(dl.rawPayload.equals(PDF)).toBe(true);
      expect(await audit('project.document_added')).toBe(2);
    });

    it('refuses executables and markup (415), files over the limit (413), a body that is not multipart (415)', async () => {
      const exe = await upload('manager', projectA, 'photo.png', ELF, 'image/png');
      expect(exe.statusCode).toBe(415);
      expect(exe.json().error.code).toBe('unsupported_media_type');
      expect(
        (await upload('manager', projectA, 'page.txt', Buffer.from('<html><script>alert(1)</script></html>')))
          .statusCode,
      ).toBe(415);
      const limit = t.app.ctx.config.maxUploadBytes;
      t.app.ctx.config.maxUploadBytes = 1000;
      try {
        const big = await upload('manager', projectA, 'big.txt', Buffer.alloc(1001, 'a'));
        expect(big.statusCode).toBe(413);
      } finally {
        t.app.ctx.config.maxUploadBytes = limit;
      }
      const json = await call('manager', 'POST', `/api/v1/projects/${projectA}/documents`, { file: 'x' });
      expect(json.statusCode).toBe(415);
      const rows = await t.app.ctx.db.selectFrom('projectDocuments').select('id').execute();
      expect(rows).toHaveLength(2);
    });

    it('checks the scope and the permission on every route', async () => {
      expect((await call('referentB', 'GET', `/api/v1/projects/${projectA}/documents`)).statusCode).toBe(404);
      expect((await upload('referentB', projectA, 'x.pdf', PDF)).statusCode).toBe(404);
      expect((await call('referentB', 'GET', pdfDoc.url)).statusCode).toBe(404);
      expect((await call('referentB', 'DELETE', pdfDoc.url)).statusCode).toBe(404);
      expect((await upload('tech', projectA, 'x.pdf', PDF)).statusCode).toBe(403);
      expect((await call('tech', 'DELETE', pdfDoc.url)).statusCode).toBe(403);
      expect((await call('owner', 'GET', pdfDoc.url)).statusCode).toBe(200);
      expect((await call(null, 'GET', pdfDoc.url)).statusCode).toBe(401);
      expect((await upload(null, projectA, 'x.pdf', PDF)).statusCode).toBe(401);
    });

    it('deletes a document; its bytes go once nothing refers to them any more', async () => {
      const stored = path.join(t.app.ctx.config.dataDir, 'attachments', pdfDoc.sha256.slice(0, 2), pdfDoc.sha256);
      // The same bytes in Autreville's project: deleting one copy keeps the file.
      const copy = (await upload('manager', projectB, 'copie.pdf', PDF)).json();
      expect(copy.sha256).toBe(pdfDoc.sha256);
      expect((await call('manager', 'DELETE', pdfDoc.url)).statusCode).toBe(204);
      expect((await call('manager', 'GET', pdfDoc.url)).statusCode).toBe(404);
      expect((await call('manager', 'DELETE', pdfDoc.url)).statusCode).toBe(404);
      expect(fs.existsSync(stored)).toBe(true);
      expect((await call('manager', 'GET', copy.url)).rawPayload.equals(PDF)).toBe(true);
      expect((await call('manager', 'DELETE', copy.url)).statusCode).toBe(204);
      expect(fs.existsSync(stored)).toBe(false);
      expect(await audit('project.document_deleted')).toBe(2);
      const list = (await call('owner', 'GET', `/api/v1/projects/${projectA}/documents`)).json();
      expect(list.items.map((d: { filename: string }) => d.filename)).toEqual(['planning.csv']);
    });
  });

  describe('editing a project: owners, phases, milestones and risks', () => {
    it('offers as owners the active users of the commune and the provider staff, to editors only', async () => {
      const r = await call('manager', 'GET', `/api/v1/projects/${projectA}/owner-candidates`);
      expect(r.statusCode, r.body).toBe(200);
      const ids = (l: Array<{ id: string }>) => l.map((x) => x.id);
      expect(ids(r.json().commune)).toEqual([people.owner!.id]);
      expect(ids(r.json().provider)).toEqual(expect.arrayContaining([people.manager!.id, people.tech!.id]));
      expect(ids(r.json().provider)).not.toContain(people.referentB!.id);
      expect((await call('referentB', 'GET', `/api/v1/projects/${projectA}/owner-candidates`)).statusCode).toBe(404);
      expect((await call('tech', 'GET', `/api/v1/projects/${projectA}/owner-candidates`)).statusCode).toBe(403);
      const set = await call('manager', 'PATCH', `/api/v1/projects/${projectA}`, {
        communeOwnerId: people.owner!.id,
        providerOwnerId: people.tech!.id,
      });
      expect(set.json()).toMatchObject({
        communeOwner: { id: people.owner!.id },
        providerOwner: { id: people.tech!.id },
      });
      const wrongSide = await call('manager', 'PATCH', `/api/v1/projects/${projectA}`, {
        communeOwnerId: people.tech!.id,
        providerOwnerId: people.owner!.id,
      });
      expect(fields(wrongSide).map((f) => f.field)).toEqual(['communeOwnerId', 'providerOwnerId']);
    });

    it('replaces phases, milestones and risks, refusing each bad entry on its own field', async () => {
      const url = `/api/v1/projects/${projectA}`;
      const ok = await call('manager', 'PATCH', url, {
        phases: [
          { key: 'etudes', label: 'Études et conseil', status: 'done', start: '2026-01-05', end: '2026-02-27' },
          { key: 'recette', label: 'Recette', status: 'in_progress', start: '2026-03-02', end: null },
        ],
        milestones: [{ label: 'Mise en ligne', date: '2026-06-30', reached: false }],
        risks: [{ text: 'Retard du marché', level: 'high' }],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().phases.map((x: { key: string; status: string }) => [x.key, x.status])).toEqual([
        ['etudes', 'done'],
        ['recette', 'in_progress'],
      ]);
      expect(ok.json().milestones).toEqual([{ label: 'Mise en ligne', date: '2026-06-30', reached: false }]);
      expect(ok.json().risks).toEqual([{ text: 'Retard du marché', level: 'high' }]);
      const bad = await call('manager', 'PATCH', url, {
        phases: [
          { key: 'etudes', label: 'Études', status: 'done', start: '2026-02-01', end: '2026-01-01' },
          { key: 'etudes', label: '', status: 'todo' },
        ],
        milestones: [{ label: 'Recette', date: '2026-13-01', reached: false }],
        risks: [{ text: 'Budget', level: 'extreme' }],
      });
      expect(bad.statusCode).toBe(400);
      expect(
        fields(bad)
          .map((f) => f.field)
          .sort(),
      ).toEqual(['milestones.0.date', 'phases.1.label', 'risks.0.level']);
      const order = await call('manager', 'PATCH', url, {
        phases: [
          { key: 'etudes', label: 'Études', status: 'done', start: '2026-02-01', end: '2026-01-01' },
          { key: 'etudes', label: 'Encore', status: 'todo' },
        ],
        plannedStart: '2026-05-01',
        plannedGoLive: '2026-04-01',
      });
      expect(fields(order).map((f) => f.field)).toEqual(['phases.0.end', 'phases.1.key', 'plannedGoLive']);
      const still = (await call('owner', 'GET', url)).json();
      expect(still.phases).toHaveLength(2);
      expect(still.risks).toEqual([{ text: 'Retard du marché', level: 'high' }]);
    });

    it('starts new projects with the configured phase list (the annex list by default)', async () => {
      const list = await call('owner', 'GET', '/api/v1/project-phases');
      expect(list.json().phases.map((x: { key: string }) => x.key)).toEqual([
        'etudes',
        'amoa',
        'cahier_des_charges',
        'marches',
        'deploiement',
        'conduite_du_changement',
        'bilan',
      ]);
      const phases = [
        { key: 'etudes', label: 'Études et conseil' },
        { key: 'marches', label: 'Passation des marchés' },
        { key: 'bilan', label: 'Bilan' },
      ];
      const twice = await call('manager', 'PUT', '/api/v1/project-phases', { phases: [...phases, phases[0]] });
      expect(fields(twice).map((f) => f.field)).toEqual(['phases.3.key']);
      expect((await call('manager', 'PUT', '/api/v1/project-phases', { phases: [] })).statusCode).toBe(400);
      expect((await call('owner', 'PUT', '/api/v1/project-phases', { phases })).statusCode).toBe(403);
      expect((await call('manager', 'PUT', '/api/v1/project-phases', { phases })).statusCode).toBe(200);
      const created = await call('manager', 'POST', `/api/v1/communes/${a}/projects`, {
        title: 'Téléphonie IP',
        kind: 'metropolitan',
      });
      expect(created.json().phases.map((x: { key: string; status: string }) => [x.key, x.status])).toEqual([
        ['etudes', 'todo'],
        ['marches', 'todo'],
        ['bilan', 'todo'],
      ]);
      expect(await audit('project_phases.update')).toBe(1);
      expect((await call(null, 'GET', '/api/v1/project-phases')).statusCode).toBe(401);
    });
  });
});
