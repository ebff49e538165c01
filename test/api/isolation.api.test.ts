import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { makeUser, multipart, openTicket, townHallCalendar } from '../factories';
import { sample } from '../openapi-sample';
import { rawMail } from '../mail/messages';
import { processInbound } from '../../src/server/modules/mail-inbound/process';
import { addInboxItems } from '../../src/server/modules/inbox';

// Commune isolation, generated from the route table: every route of the OpenAPI document that
// takes an id or a commune is called by users of another commune on Le Bouscat's objects, and
// must answer exactly as it does for an id that does not exist (404, no data, nothing written).
// A route added tomorrow is covered the day it lands: a path whose object has no fixture below
// fails this test until one is added. Every non-public route answers 401 to an anonymous caller.

const NOWHERE = '00000000-0000-7000-8000-000000000000';

interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Record<string, unknown> }>;
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  security?: unknown[];
}

/** Routes that answer anonymous callers on purpose. */
const publicRoutes = new Set(['GET /api/v1/health', 'POST /api/v1/auth/login', 'GET /api/v1/auth/session']);

/**
 * Inputs the minimal sample of the schema cannot make valid (rules across fields, "something to
 * change"): the isolation check needs the request to get past validation to the scope check.
 */
const inputs: Record<string, { query?: Record<string, string>; body?: unknown }> = {
  'PUT /api/v1/calendars/{id}': { body: townHallCalendar() },
  'GET /api/v1/calendars/{id}/deadline': { query: { from: '2026-01-05T09:00:00+01:00', duration: 'PT4H' } },
  'GET /api/v1/calendars/{id}/business-time': {
    query: { from: '2026-01-05T09:00:00+01:00', to: '2026-01-06T09:00:00+01:00' },
  },
  'PATCH /api/v1/amendments/{id}': { body: { object: 'Objet de l’avenant' } },
  'PATCH /api/v1/annex-versions/{id}': { body: { scopeNote: 'y compris pour son CCAS' } },
  'PATCH /api/v1/applications/{id}': { body: { version: '9.9' } },
  'GET /api/v1/applications/{id}/availability': { query: { period: '2026' } },
  'PATCH /api/v1/outages/{id}': { body: { cause: 'Disque saturé' } },
  'PATCH /api/v1/projects/{id}': { body: { priority: 1 } },
  'POST /api/v1/projects/{id}/time-entries': {
    body: { weekStart: '2026-02-23', team: 'applications', days: [1, 0, 0, 0, 0, 0, 0] },
  },
  'POST /api/v1/time-entries/{id}/decision': { body: { decision: 'approved' } },
  'PATCH /api/v1/devices/{id}': { body: { site: 'Salle du conseil' } },
  'POST /api/v1/communes/{id}/renewal-plan/approval': { body: { year: 2027 } },
  'POST /api/v1/renewal-plan-lines/{id}/steps': { body: { step: 'ordered', on: '2026-03-01' } },
  'PUT /api/v1/communes/{id}/renewal-policy': {
    body: { effectiveFrom: '2026-04-01', rules: { desktop: { maxAgeYears: 5, renewOutOfWarranty: true } } },
  },
  'PUT /api/v1/communes/{id}/alert-rules': { body: { rules: [] } },
  'POST /api/v1/communes/{id}/alert-rules/test': { body: { labels: { application: 'Messagerie' } } },
  'GET /api/v1/communes/{id}/availability': { query: { period: '2026' } },
};

/** Routes that take a file (multipart/form-data, field `file`). */
const uploads = new Set([
  '/api/v1/tickets/{id}/attachments',
  '/api/v1/communes/{id}/indicators/{code}/manual/evidence',
  '/api/v1/communes/{id}/devices/import',
  '/api/v1/communes/{id}/application-baseline/import',
  '/api/v1/projects/{id}/documents',
]);

describeEachDb('commune isolation of every route, from the OpenAPI document', (dialect) => {
  let t: TestApp;
  let operations: Operation[];
  let doc: Record<string, unknown>;
  /** Le Bouscat's object behind each path's `{id}`, by the path segment before it. */
  const objectOf: Record<string, string> = {};
  /** The Le Bouscat ticket linked to the project (the `{ticketId}` of the unlink route). */
  let linkedTicket = NOWHERE;
  const callers: Array<{ name: string; headers: () => Promise<Record<string, string>>; allPermissions: boolean }> = [];

  const counts = async () => {
    const lb = t.org.communes.leBouscat;
    const out: Record<string, number> = {};
    for (const table of [
      'auditLog',
      'tickets',
      'ticketComments',
      'ticketHistory',
      'ticketAttachments',
      'entities',
      'calendars',
      'annexVersions',
      'amendments',
      'indicatorManualValues',
      'indicatorSnapshots',
      'escalationDirectory',
      'oncallPeriods',
      'users',
      'targetProposals',
      'targetApprovals',
      'contracts',
      'applications',
      'applicationHistory',
      'outages',
      'projects',
      'projectTimeEntries',
      'projectTickets',
      'projectDocuments',
      'digitalPlanVersions',
      'devices',
      'deviceHistory',
      'ticketDevices',
      'renewalPolicies',
      'renewalPlans',
      'renewalPlanLines',
      'alertLabelRules',
    ] as const) {
      const r = await t.app.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('communeId', '=', lb)
        .executeTakeFirstOrThrow();
      out[table] = Number(r.n);
    }
    return out;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    const lb = t.org.communes.leBouscat;
    const vd = t.org.communes.villedemo;
    const admin = await t.as('admin@mutualis.test');
    const db = t.app.ctx.db;

    // Le Bouscat's objects, one of each kind a route names.
    const ticket = await openTicket(t, 'agent@le-bouscat.test');
    const file = multipart('note.txt', Buffer.from('Bonjour'), 'text/plain');
    const attachment = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/attachments`,
      headers: { ...(await t.as('agent@le-bouscat.test')), 'content-type': file.contentType },
      payload: file.payload,
    });
    expect(attachment.statusCode, attachment.body).toBe(201);
    const cm = await t.as('contrats@mutualis.test');
    const manual = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/communes/${lb}/indicators/1.2.1/manual?period=2026-Q1`,
      headers: cm,
      payload: { value: 'Comité tenu', status: 'met', comment: 'Compte rendu joint' },
    });
    expect(manual.statusCode, manual.body).toBe(200);
    const pdf = multipart('cr.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    const evidence = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${lb}/indicators/1.2.1/manual/evidence?period=2026-Q1`,
      headers: { ...cm, 'content-type': pdf.contentType },
      payload: pdf.payload,
    });
    expect(evidence.statusCode, evidence.body).toBe(201);
    const mailbox = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mailboxes',
      headers: admin,
      payload: {
        communeId: lb,
        host: '127.0.0.1',
        port: 993,
        username: 'support',
        password: 'secret-secret',
      },
    });
    expect(mailbox.statusCode, mailbox.body).toBe(201);
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin,
      payload: { name: 'Supervision du Bouscat', permissions: ['tickets.read'], communeId: lb },
    });
    expect(token.statusCode, token.body).toBe(201);
    // A reply held for review (its sender not authenticated by the mail server).
    const held = await processInbound(
      t.app.ctx,
      Buffer.from(
        await rawMail({
          from: 'agent@le-bouscat.test',
          subject: `Re: [${ticket.reference as string}] suivi`,
          text: 'Toujours en panne',
          messageId: '<isolation-held@le-bouscat.test>',
          authResults: [],
        }),
      ),
      { id: null, communeId: null, senderAuth: 'require', authservId: null },
    );
    expect(held.outcome).toBe('held_for_review');
    const heldId = (
      await db
        .selectFrom('inboundMessages')
        .select('id')
        .where('messageId', '=', held.messageId)
        .executeTakeFirstOrThrow()
    ).id;
    // A target proposal for Le Bouscat's 3.3.2 (to be agreed), and an operating-target override.
    const proposal = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${lb}/indicators/3.3.2/target-proposals`,
      headers: cm,
      payload: {
        baselineFrom: '2025-01-01',
        baselineTo: '2026-01-01',
        effectiveFrom: '2026-04-01',
        target: {
          kind: 'resolution_delay',
          byPriority: { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' },
          targetShare: 0.9,
        },
      },
    });
    expect(proposal.statusCode, proposal.body).toBe(201);
    const operating = await t.app.inject({
      method: 'POST',
      url: '/api/v1/operating-targets',
      headers: admin,
      payload: {
        communeId: lb,
        effectiveFrom: '2026-06-01',
        resolution: { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' },
      },
    });
    expect(operating.statusCode, operating.body).toBe(201);
    const application = (
      await db
        .selectFrom('applications')
        .select('id')
        .where('communeId', '=', lb)
        .orderBy('name')
        .executeTakeFirstOrThrow()
    ).id;
    const outage = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${lb}/outages`,
      headers: cm,
      payload: { applicationId: application, startedAt: '2026-02-02T09:00:00Z', restoredAt: '2026-02-02T10:00:00Z' },
    });
    expect(outage.statusCode, outage.body).toBe(201);
    // A project of Le Bouscat with a week of time recorded on it.
    const project = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${lb}/projects`,
      headers: admin,
      payload: { title: 'Portail citoyen', kind: 'commune', plannedYear: 2026 },
    });
    expect(project.statusCode, project.body).toBe(201);
    const timeEntry = await t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.json().id as string}/time-entries`,
      headers: await t.as('technicien@mutualis.test'),
      payload: { weekStart: '2026-02-16', team: 'applications', days: [1, 1, 0, 0, 0, 0, 0] },
    });
    expect(timeEntry.statusCode, timeEntry.body).toBe(201);
    // Le Bouscat's renewal plan of 2027, approved by its referent: its lines are tracked.
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${lb}/renewal-plan/approval`,
      headers: await t.as('referent@le-bouscat.test'),
      payload: { year: 2027 },
    });
    expect(approved.statusCode, approved.body).toBe(201);
    // The ticket linked to the project, and a document of it.
    const linked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.json().id as string}/tickets`,
      headers: admin,
      payload: { ticket: ticket.id as string },
    });
    expect(linked.statusCode, linked.body).toBe(201);
    linkedTicket = ticket.id as string;
    const docFile = multipart('cahier.txt', Buffer.from('Cahier des charges'), 'text/plain');
    const document = await t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.json().id as string}/documents`,
      headers: { ...admin, 'content-type': docFile.contentType },
      payload: docFile.payload,
    });
    expect(document.statusCode, document.body).toBe(201);
    // An item of the bell of Le Bouscat's agent about the ticket.
    const [agentId] = await addInboxItems(
      db,
      { kind: 'reply', ticket, userIds: [t.org.users['agent@le-bouscat.test']!] },
      new Date('2026-03-02T09:00:00.000Z'),
    );
    expect(agentId).toBeTruthy();
    const inboxItem = (
      await db.selectFrom('inboxItems').select('id').where('ticketId', '=', ticket.id).executeTakeFirstOrThrow()
    ).id;
    const first = async (
      table: 'amendments' | 'annexVersions' | 'calendars' | 'oncallPeriods' | 'entities' | 'devices',
    ) => (await db.selectFrom(table).select('id').where('communeId', '=', lb).executeTakeFirstOrThrow()).id;
    // A saved view of Le Bouscat's agent (views belong to people: nobody of Villedemo reaches it).
    const view = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ticket-views',
      headers: await t.as('agent@le-bouscat.test'),
      payload: { name: 'Mes demandes', query: { status: 'new' } },
    });
    expect(view.statusCode, view.body).toBe(201);
    // A canned reply of the workplace group (support groups are the provider's: nobody of Villedemo reaches it).
    const supportGroups = (await t.app.inject({ url: '/api/v1/support-groups', headers: admin })).json()
      .items as Array<{
      id: string;
      code: string;
    }>;
    const canned = await t.app.inject({
      method: 'POST',
      url: '/api/v1/canned-replies',
      headers: admin,
      payload: { groupId: supportGroups.find((g) => g.code === 'workplace')!.id, title: 'Réponse', body: 'Bonjour' },
    });
    expect(canned.statusCode, canned.body).toBe(201);
    Object.assign(objectOf, {
      tickets: ticket.id as string,
      'ticket-views': view.json().id as string,
      'canned-replies': canned.json().id as string,
      attachments: attachment.json().id as string,
      'indicator-evidence': evidence.json().id as string,
      mailboxes: mailbox.json().id as string,
      tokens: token.json().id as string,
      'inbound-messages': heldId,
      communes: lb,
      users: t.org.users['agent@le-bouscat.test']!,
      entities: await first('entities'),
      amendments: await first('amendments'),
      'annex-versions': await first('annexVersions'),
      calendars: await first('calendars'),
      oncall: await first('oncallPeriods'),
      'target-proposals': proposal.json().id as string,
      'operating-targets': operating.json().id as string,
      applications: application,
      outages: outage.json().id as string,
      projects: project.json().id as string,
      'time-entries': timeEntry.json().id as string,
      'project-documents': document.json().id as string,
      devices: await first('devices'),
      inbox: inboxItem,
      'renewal-plan-lines': (approved.json() as { lines: Array<{ id: string }> }).lines[0]!.id,
    });

    // The callers: Villedemo's contract referent, a contract manager assigned to Villedemo only,
    // and a Villedemo token holding every permission (created by the administrator).
    const manager = await makeUser(t, { roles: ['contract_manager'], assigned: [vd] });
    const everything = (await t.app.inject({ url: '/api/v1/me', headers: admin })).json().permissions as string[];
    const vdToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin,
      payload: { name: 'Intégration de Villedemo', permissions: everything, communeId: vd },
    });
    expect(vdToken.statusCode, vdToken.body).toBe(201);
    const bearer = { authorization: `Bearer ${vdToken.json().token as string}` };
    callers.push(
      { name: 'Villedemo referent', headers: () => t.as('referent@villedemo.test'), allPermissions: false },
      { name: 'contract manager of Villedemo only', headers: () => t.as(manager.email), allPermissions: false },
      { name: 'Villedemo token with every permission', headers: () => Promise.resolve(bearer), allPermissions: true },
    );

    doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    operations = Object.entries(
      doc.paths as Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>,
    ).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  /** The request of an operation with the given ids in its path and a minimal valid input. */
  function request(op: Operation, ids: { id: string; communeId?: string }) {
    const url = op.path
      .replace('{id}', encodeURIComponent(ids.id))
      .replace('{ticketId}', encodeURIComponent(linkedTicket))
      .replace('{domain}', 'numerique')
      .replace('{code}', '1.2.1');
    const given = inputs[`${op.method} ${op.path}`];
    const query = new URLSearchParams(given?.query);
    for (const p of op.parameters ?? []) {
      if (p.in !== 'query' || query.has(p.name)) continue;
      if (p.name === 'communeId' && ids.communeId) query.set(p.name, ids.communeId);
      else if (p.required) query.set(p.name, String(sample(p.schema, doc)));
    }
    const qs = query.toString();
    if (uploads.has(op.path)) {
      const f = multipart('note.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
      return { url: qs ? `${url}?${qs}` : url, payload: f.payload, contentType: f.contentType };
    }
    const schema = op.requestBody?.content?.['application/json']?.schema;
    let payload = (given?.body ?? (schema ? sample(schema, doc) : undefined)) as Record<string, unknown> | undefined;
    if (payload && ids.communeId && schema && 'properties' in schema) {
      const props = (schema as { properties?: Record<string, unknown> }).properties ?? {};
      if ('communeId' in props) payload = { ...payload, communeId: ids.communeId };
    }
    return { url: qs ? `${url}?${qs}` : url, payload, contentType: payload ? 'application/json' : undefined };
  }

  async function call(op: Operation, headers: Record<string, string>, ids: { id: string; communeId?: string }) {
    const r = request(op, ids);
    return t.app.inject({
      method: op.method as 'GET',
      url: r.url,
      headers: { ...headers, ...(r.contentType ? { 'content-type': r.contentType } : {}) },
      payload: r.payload as never,
    });
  }

  it('answers a user of another commune on every route with an id as if the object did not exist', async () => {
    const before = await counts();
    const withId = operations.filter((op) => op.path.includes('{id}'));
    expect(withId.length).toBeGreaterThan(50);
    const problems: string[] = [];
    for (const op of withId) {
      const segment = /\/api\/v1\/(?:[^/]+\/)*?([^/]+)\/\{id\}/.exec(op.path)?.[1] ?? '';
      const target = objectOf[segment];
      if (!target) {
        problems.push(`${op.method} ${op.path}: no Le Bouscat fixture for "${segment}" objects (add one above)`);
        continue;
      }
      for (const caller of callers) {
        const h = await caller.headers();
        const theirs = await call(op, h, { id: target });
        const none = await call(op, h, { id: NOWHERE });
        const where = `${op.method} ${op.path} as ${caller.name}`;
        const code = (r: typeof theirs) => (r.json() as { error?: { code?: string } }).error?.code;
        if (theirs.statusCode < 400 || theirs.statusCode >= 500)
          problems.push(`${where}: ${theirs.statusCode} ${theirs.body.slice(0, 200)}`);
        else if (theirs.statusCode !== none.statusCode || code(theirs) !== code(none))
          problems.push(
            `${where}: ${theirs.statusCode} ${code(theirs)} but ${none.statusCode} ${code(none)} for no object`,
          );
        else if (caller.allPermissions && theirs.statusCode !== 404)
          problems.push(`${where}: ${theirs.statusCode} ${theirs.body.slice(0, 200)} (expected 404)`);
        if (theirs.body.includes(target)) problems.push(`${where}: the answer names the object`);
      }
    }
    expect(problems).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('gives a user of another commune nothing of Le Bouscat on routes that take a commune', async () => {
    const before = await counts();
    const lb = t.org.communes.leBouscat;
    const takesCommune = operations.filter((op) => {
      if (op.path.includes('{id}')) return false;
      const inQuery = (op.parameters ?? []).some((p) => p.in === 'query' && p.name === 'communeId');
      const body = op.requestBody?.content?.['application/json']?.schema as { properties?: object } | undefined;
      return inQuery || Boolean(body?.properties && 'communeId' in body.properties);
    });
    expect(takesCommune.length).toBeGreaterThan(8);
    const problems: string[] = [];
    for (const op of takesCommune) {
      for (const caller of callers) {
        const h = await caller.headers();
        const theirs = await call(op, h, { id: NOWHERE, communeId: lb });
        const none = await call(op, h, { id: NOWHERE, communeId: NOWHERE });
        const where = `${op.method} ${op.path} as ${caller.name}`;
        if (theirs.statusCode >= 500) problems.push(`${where}: ${theirs.statusCode}`);
        else if (theirs.statusCode !== none.statusCode) {
          problems.push(
            `${where}: ${theirs.statusCode} but ${none.statusCode} for no commune: ${theirs.body.slice(0, 200)}`,
          );
        } else if (theirs.statusCode < 300 && !/json/.test(String(theirs.headers['content-type']))) {
          // A file (an export): the same as the one answered for no commune, which holds its header
          // row only (workbooks compared by their cells: a workbook's bytes hold its creation time).
          if ((await fileContent(theirs)) !== (await fileContent(none)))
            problems.push(`${where}: the file differs from the one for no commune`);
        } else if (theirs.statusCode < 300) {
          const items = (theirs.json() as { items?: Array<{ communeId?: string | null }> }).items;
          if (!items) problems.push(`${where}: ${theirs.statusCode} ${theirs.body.slice(0, 200)}`);
          else if (items.some((i) => i.communeId === lb)) problems.push(`${where}: lists Le Bouscat's objects`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('answers 401 to an anonymous caller on every route but the public ones', async () => {
    const problems: string[] = [];
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      if (!op.path.startsWith('/api/v1/')) continue;
      const res = await call(op, ANON, {
        id: objectOf[/\/api\/v1\/(?:[^/]+\/)*?([^/]+)\/\{id\}/.exec(op.path)?.[1] ?? ''] ?? NOWHERE,
      });
      if (publicRoutes.has(key)) {
        // Public: it may refuse the input (wrong password: 401 invalid_credentials), not the caller.
        if ((res.json() as { error?: { code?: string } }).error?.code === 'unauthenticated')
          problems.push(`${key}: public, yet refused to anonymous callers`);
      } else if (res.statusCode !== 401) problems.push(`${key}: ${res.statusCode}`);
    }
    expect(problems).toEqual([]);
  });
});

/** What a downloaded file says: a workbook's cell values sheet by sheet, any other file's text. */
async function fileContent(res: { rawPayload: Buffer; body: string; headers: Record<string, unknown> }) {
  if (!String(res.headers['content-type']).includes('spreadsheetml')) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return JSON.stringify(wb.worksheets.map((ws) => ws.getSheetValues()));
}
