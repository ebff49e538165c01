import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { multipart } from '../factories';
import {
  portfolioProvider,
  interventionDelayProvider,
  restorationDelayProvider,
} from '../../src/server/modules/applications';
import type { ProviderInput } from '../../src/server/modules/indicators';

// The portfolio, its history and baseline, outages and availability, the monitoring webhook,
// and the providers of 2.2.1, 4.1.1 and 4.1.2, on the demo world (no bulk tickets).
describeEachDb('applications and outages', (dialect) => {
  let t: TestApp;
  let lb: string;
  let vd: string;
  let token: string;
  let vdToken: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    lb = t.org.communes.leBouscat;
    vd = t.org.communes.villedemo;
    const admin = await t.as('admin@mutualis.test');
    const mk = async (communeId: string, permissions: string[]) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin,
        payload: { name: 'Supervision', permissions, communeId },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().token as string;
    };
    token = await mk(lb, ['integrations.alerts']);
    vdToken = await mk(vd, ['integrations.alerts']);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = async (url: string, who = 'referent@le-bouscat.test') => t.app.inject({ url, headers: await t.as(who) });
  const apps = async (q = '') => (await get(`/api/v1/communes/${lb}/applications${q}`)).json();
  const appNamed = async (name: string) =>
    (await apps(`?q=${encodeURIComponent(name)}`)).items.find((a: { name: string }) => a.name === name);

  describe('portfolio', () => {
    it('lists the demo portfolio, filtered by criticality and text', async () => {
      const all = await apps();
      expect(all.total).toBe(40);
      expect(all.items[0]).toMatchObject({ communeId: lb, reconstructed: true, abilities: { canEdit: false } });
      const critical = await apps('?criticality=critical');
      expect(critical.total).toBe(6);
      expect(critical.items.every((a: { criticality: string }) => a.criticality === 'critical')).toBe(true);
      const mail = await apps('?q=exchange');
      expect(mail.items.map((a: { name: string }) => a.name)).toEqual(['Messagerie']);
      expect(mail.items[0]).toMatchObject({ outageCalendar: 'continuous', inBaseline: true });
      expect((await appNamed('Parapheur électronique')).inBaseline).toBe(false);
    });
    it('answers 404 to another commune, 401 to nobody, 400 naming the field', async () => {
      expect((await get(`/api/v1/communes/${lb}/applications`, 'referent@villedemo.test')).statusCode).toBe(404);
      const a = await appNamed('Messagerie');
      expect((await get(`/api/v1/applications/${a.id}`, 'referent@villedemo.test')).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/v1/communes/${lb}/applications`, headers: ANON })).statusCode).toBe(401);
      const bad = await get(`/api/v1/communes/${lb}/applications?criticality=vital`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.fields[0].field).toBe('criticality');
    });
    it('changes an application, records the history, refuses a duplicate name', async () => {
      const a = await appNamed('Médiathèque');
      const cm = await t.as('contrats@mutualis.test');
      const r = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${a.id}`,
        headers: cm,
        payload: { version: '4.13', criticality: 'critical' },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ version: '4.13', criticality: 'critical', abilities: { canEdit: true } });
      const h = (await get(`/api/v1/applications/${a.id}/history`)).json();
      expect(h.items.at(-1)).toMatchObject({
        kind: 'updated',
        actor: 'contrats@mutualis.test',
        changes: { version: ['4.12', '4.13'], criticality: ['important', 'critical'] },
      });
      const dup = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${a.id}`,
        headers: cm,
        payload: { name: 'messagerie' },
      });
      expect(dup.statusCode).toBe(400);
      expect(dup.json().error.details.fields[0]).toMatchObject({ field: 'name', code: 'already_used' });
      const empty = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${a.id}`,
        headers: cm,
        payload: {},
      });
      expect(empty.statusCode).toBe(400);
      // A referent reads but does not change.
      const ref = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${a.id}`,
        headers: await t.as('referent@le-bouscat.test'),
        payload: { version: '5' },
      });
      expect(ref.statusCode).toBe(403);
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/applications/${a.id}`,
        headers: cm,
        payload: { version: '4.12', criticality: 'important' },
      });
    });
    it('creates an application and keeps the transferred inventory', async () => {
      const cm = await t.as('contrats@mutualis.test');
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/communes/${lb}/applications`,
        headers: cm,
        payload: {
          name: 'Gestion des assurances',
          domain: 'finances',
          hosting: 'vendor_saas',
          criticality: 'standard',
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ status: 'in_service', outageCalendar: 'business_hours', inBaseline: false });
      const b = (await get(`/api/v1/communes/${lb}/application-baseline`)).json();
      expect(b).toMatchObject({ asOf: '2016-02-15', source: 'convention_annex', reconstructed: true });
      expect(b.items).toHaveLength(33);
    });
    it('imports the transferred inventory from a CSV file', async () => {
      const cm = await t.as('contrats@mutualis.test');
      const file = multipart(
        'inventaire.csv',
        Buffer.from('\uFEFFNom;Domaine\nMessagerie;collaboration\nLogiciel disparu;other\n'),
        'text/csv',
      );
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/communes/${lb}/application-baseline/import?asOf=2016-02-15&label=Inventaire%20sign%C3%A9`,
        headers: { ...cm, 'content-type': file.contentType },
        payload: file.payload,
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ written: true, format: 'csv', rows: 2, errors: [] });
      expect(r.json().baseline).toMatchObject({ asOf: '2016-02-15', label: 'Inventaire signé', source: 'import' });
      const mail = await appNamed('Messagerie');
      expect(r.json().baseline.items).toEqual([
        { name: 'Logiciel disparu', domain: 'other', applicationId: null },
        { name: 'Messagerie', domain: 'collaboration', applicationId: mail.id },
      ]);
      const bad = multipart('x.csv', Buffer.from('produit\nx\n'), 'text/csv');
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/v1/communes/${lb}/application-baseline/import?asOf=2016-02-15`,
        headers: { ...cm, 'content-type': bad.contentType },
        payload: bad.payload,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details.fields[0].field).toBe('file');
      // XLSX: a dry run previews (rows matched, problems by row and field) and writes nothing.
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Inventaire');
      ws.addRow(['Logiciel', 'Domaine']);
      ws.addRow(['Messagerie', 'collaboration']);
      ws.addRow(['Paie et ressources humaines', 'rh']);
      ws.addRow(['messagerie', 'collaboration']);
      const xfile = multipart(
        'inventaire.xlsx',
        Buffer.from(await wb.xlsx.writeBuffer()),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const importXlsx = (dryRun: boolean) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/communes/${lb}/application-baseline/import?asOf=2017-01-01&dryRun=${String(dryRun)}`,
          headers: { ...cm, 'content-type': xfile.contentType },
          payload: xfile.payload,
        });
      const preview = await importXlsx(true);
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toMatchObject({
        dryRun: true,
        written: false,
        baseline: null,
        format: 'xlsx',
        asOf: '2017-01-01',
        rows: 3,
        errors: [{ row: 4, field: 'name', reason: '« messagerie » is already on row 2.' }],
      });
      expect(preview.json().items).toEqual([
        { row: 2, name: 'Messagerie', domain: 'collaboration', applicationId: mail.id, applicationName: 'Messagerie' },
        expect.objectContaining({
          row: 3,
          name: 'Paie et ressources humaines',
          applicationName: 'Paie et ressources humaines',
        }),
      ]);
      const stillSigned = (await get(`/api/v1/communes/${lb}/application-baseline`)).json();
      expect(stillSigned).toMatchObject({ asOf: '2016-02-15', label: 'Inventaire signé' });
      // Accepted with a problem: refused whole, naming the row and column; nothing written.
      const refusedXlsx = await importXlsx(false);
      expect(refusedXlsx.statusCode).toBe(400);
      expect(refusedXlsx.json().error.details.fields).toEqual([
        expect.objectContaining({ field: 'rows.4.name', code: 'invalid' }),
      ]);
      expect((await get(`/api/v1/communes/${lb}/application-baseline`)).json().asOf).toBe('2016-02-15');
      // A referent reads the inventory but does not import one.
      const refIn = await t.app.inject({
        method: 'POST',
        url: `/api/v1/communes/${lb}/application-baseline/import?dryRun=true`,
        headers: { ...(await t.as('referent@le-bouscat.test')), 'content-type': xfile.contentType },
        payload: xfile.payload,
      });
      expect(refIn.statusCode).toBe(403);
      // Back to the demo inventory for the indicator tests below.
      const demo = (await import('../../src/server/modules/applications/demo')).leBouscatPortfolio();
      const put = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/communes/${lb}/application-baseline`,
        headers: cm,
        payload: {
          asOf: '2016-02-15',
          label: 'Inventaire du parc applicatif transféré annexé à la convention',
          items: demo.filter((a) => a.inServiceSince <= '2016-02-15').map((a) => ({ name: a.name, domain: a.domain })),
        },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().items).toHaveLength(33);
    });
  });

  describe('monitoring webhook', () => {
    const payload = (status: 'firing' | 'resolved', labels: Record<string, string>, fp = 'fp-exchange-1') => ({
      receiver: 'mutualis',
      status,
      version: '4',
      groupKey: '{}:{alertname="AppDown"}',
      truncatedAlerts: 0,
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://127.0.0.1:9093',
      alerts: [
        {
          status,
          labels: { alertname: 'AppDown', severity: 'critical', ...labels },
          annotations: { summary: 'Messagerie indisponible' },
          startsAt: '2026-03-02T07:00:00Z',
          endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-03-02T07:45:00Z',
          generatorURL: 'http://127.0.0.1:9090/graph',
          fingerprint: fp,
        },
      ],
    });
    const post = (body: unknown, bearer: string | null = token, url = '/api/v1/integrations/alertmanager') =>
      t.app.inject({
        method: 'POST',
        url,
        headers: bearer ? { authorization: `Bearer ${bearer}` } : ANON,
        payload: body as Record<string, unknown>,
      });
    const outages = async () => (await get(`/api/v1/communes/${lb}/outages?period=2026`)).json();

    it('opens one outage and one incident ticket per firing alert, idempotently, and records the restoration', async () => {
      const before = (await outages()).total;
      const first = await post(payload('firing', { application: 'Messagerie' }));
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ received: 1, opened: 1, unmapped: 0 });
      const again = await post(payload('firing', { application: 'messagerie' }));
      expect(again.json()).toMatchObject({ opened: 0, updated: 1 });
      const list = await outages();
      expect(list.total).toBe(before + 1);
      const o = list.items.find((x: { source: string }) => x.source === 'alertmanager');
      expect(o).toMatchObject({
        applicationName: 'Messagerie',
        startedAt: '2026-03-02T07:00:00.000Z',
        restoredAt: null,
        notifications: 2,
        alertName: 'AppDown',
      });
      const ticket = (await get(`/api/v1/tickets/${o.ticketId}`, 'contrats@mutualis.test')).json();
      expect(ticket).toMatchObject({ type: 'incident', channel: 'monitoring', priority: 'P1', status: 'new' });
      const resolved = await post(payload('resolved', { application: 'Messagerie' }));
      expect(resolved.json()).toMatchObject({ resolved: 1 });
      await post(payload('resolved', { application: 'Messagerie' }));
      const done = (await get(`/api/v1/outages/${o.id}`)).json();
      expect(done).toMatchObject({ restoredAt: '2026-03-02T07:45:00.000Z', restorationHours: 0.75, notifications: 4 });
      expect((await outages()).total).toBe(before + 1);
      // The ticket stays for the technician to close.
      expect((await get(`/api/v1/tickets/${o.ticketId}`, 'contrats@mutualis.test')).json().status).toBe('new');
      // A technician's acknowledgement is the first intervention.
      const tech = await t.as('contrats@mutualis.test');
      const ack = await t.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${o.ticketId}/transitions`,
        headers: tech,
        payload: { to: 'acknowledged' },
      });
      expect(ack.statusCode, ack.body).toBe(200);
      await t.app.ctx.events.settle();
      expect((await get(`/api/v1/outages/${o.id}`)).json()).toMatchObject({
        intervenedAt: '2026-03-02T09:00:00.000Z',
        interventionHours: 2,
      });
    });

    it('maps by id and through Grafana too; a retry of the same firing after resolution opens nothing', async () => {
      const a = await appNamed('Gestion financière');
      const r = await post(
        payload('firing', { mutualis_application_id: a.id }, 'fp-fin'),
        token,
        '/api/v1/integrations/grafana',
      );
      expect(r.json()).toMatchObject({ opened: 1 });
      expect((await post(payload('resolved', { mutualis_application_id: a.id }, 'fp-fin'))).json()).toMatchObject({
        resolved: 1,
      });
      expect((await post(payload('firing', { mutualis_application_id: a.id }, 'fp-fin'))).json()).toMatchObject({
        opened: 0,
        updated: 1,
      });
    });

    it("cannot post alerts for another commune's applications", async () => {
      const a = await appNamed('Police municipale');
      // Villedemo has a « Police municipale » of its own: the name would map to it; the id does not cross.
      const before = (await outages()).total;
      const r = await post(
        payload('firing', { mutualis_application_id: a.id, application: 'Portail citoyen' }, 'fp-x'),
        vdToken,
      );
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ opened: 0, unmapped: 1 });
      expect((await outages()).total).toBe(before);
    });

    it("maps by a commune's label rules when the alert names no application", async () => {
      const cm = await t.as('contrats@mutualis.test');
      const paie = await appNamed('Paie et ressources humaines');
      const bad = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/communes/${lb}/alert-rules`,
        headers: cm,
        payload: { rules: [{ label: 'job', value: 'civilnet-rh', applicationId: 'nope' }] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.fields[0]).toMatchObject({ field: 'rules.0.applicationId' });
      const put = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/communes/${lb}/alert-rules`,
        headers: cm,
        payload: { rules: [{ label: 'job', value: 'civilnet-rh', applicationId: paie.id }] },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().items).toEqual([
        { label: 'job', value: 'civilnet-rh', applicationId: paie.id, applicationName: 'Paie et ressources humaines' },
      ]);
      const r = await post(payload('firing', { job: 'civilnet-rh' }, 'fp-job'));
      expect(r.json()).toMatchObject({ opened: 1 });
      const o = (await outages()).items.find(
        (x: { applicationName: string; source: string }) =>
          x.source === 'alertmanager' && x.applicationName === 'Paie et ressources humaines',
      );
      expect(o).toBeDefined();
      // The rule tester says what the webhook would do, and how.
      const tryLabels = async (labels: Record<string, string>, who = 'referent@le-bouscat.test', commune = lb) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/communes/${commune}/alert-rules/test`,
          headers: await t.as(who),
          payload: { labels },
        });
      expect((await tryLabels({ job: 'civilnet-rh', alertname: 'Down' })).json()).toEqual({
        matched: true,
        by: 'rule',
        applicationId: paie.id,
        applicationName: 'Paie et ressources humaines',
        rule: { label: 'job', value: 'civilnet-rh', position: 0 },
      });
      expect((await tryLabels({ application: 'MESSAGERIE' })).json()).toMatchObject({
        matched: true,
        by: 'name',
        applicationName: 'Messagerie',
      });
      expect((await tryLabels({ application: paie.id })).json()).toMatchObject({ by: 'id', applicationId: paie.id });
      expect((await tryLabels({ job: 'inconnu' })).json()).toEqual({
        matched: false,
        by: null,
        applicationId: null,
        applicationName: null,
        rule: null,
      });
      // Tried in Villedemo, Le Bouscat's rule and ids map to nothing.
      const vdMatch = await tryLabels({ job: 'civilnet-rh', application: paie.id }, 'referent@villedemo.test', vd);
      expect(vdMatch.json()).toMatchObject({ matched: false });
      const badLabels = await tryLabels({ 'not a label': 'x' });
      expect(badLabels.statusCode).toBe(400);
      expect(badLabels.json().error.details.fields[0].field).toMatch(/^labels/);
      expect((await tryLabels({ job: 'civilnet-rh' }, 'referent@villedemo.test')).statusCode).toBe(404);
      // Villedemo's token with the same label finds nothing of its own.
      expect((await post(payload('firing', { job: 'civilnet-rh' }, 'fp-job-vd'), vdToken)).json()).toMatchObject({
        unmapped: 1,
      });
    });

    it('reads a Grafana alerting webhook as Grafana sends it (extra fields, several alerts)', async () => {
      const a = await appNamed('Site internet');
      const grafana = {
        receiver: 'mutualis',
        status: 'firing',
        orgId: 1,
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'HTTP probe', application: 'Site internet', grafana_folder: 'Mairie' },
            annotations: { summary: 'Le site ne répond plus' },
            startsAt: '2026-03-02T06:00:00Z',
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: 'https://grafana.example/alerting/grafana/abc/view',
            fingerprint: 'c6eadffa33fcdf37',
            silenceURL: 'https://grafana.example/alerting/silence/new',
            dashboardURL: '',
            panelURL: '',
            values: { B: 0, C: 1 },
            valueString: "[ var='B' labels={} value=0 ]",
          },
          {
            status: 'firing',
            labels: { alertname: 'HTTP probe', application: 'Logiciel inconnu' },
            annotations: {},
            startsAt: '2026-03-02T06:00:00Z',
            endsAt: '0001-01-01T00:00:00Z',
            fingerprint: 'd00d',
          },
        ],
        groupLabels: { alertname: 'HTTP probe' },
        commonLabels: { alertname: 'HTTP probe' },
        commonAnnotations: {},
        externalURL: 'https://grafana.example/',
        version: '1',
        groupKey: '{}:{alertname="HTTP probe"}',
        truncatedAlerts: 0,
        title: '[FIRING:2] HTTP probe',
        state: 'alerting',
        message: '**Firing** …',
      };
      const r = await post(grafana, token, '/api/v1/integrations/grafana');
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ received: 2, opened: 1, unmapped: 1 });
      const o = (await get(`/api/v1/outages/${r.json().results[0].outageId as string}`)).json();
      expect(o).toMatchObject({ applicationId: a.id, source: 'grafana', alertName: 'HTTP probe' });
      expect(o.ticketId).toBeTruthy();
      // The same payload again (Grafana repeats): nothing new.
      expect((await post(grafana, token, '/api/v1/integrations/grafana')).json()).toMatchObject({
        opened: 0,
        updated: 1,
      });
    });

    it('opens one outage and one ticket when the same first firing arrives many times at once', async () => {
      const body = payload('firing', { application: 'Messagerie' }, 'fp-race');
      const results = await Promise.all(Array.from({ length: 12 }, () => post(body)));
      expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
      expect(results.filter((r) => r.json().opened === 1)).toHaveLength(1);
      const ids = new Set(results.map((r) => r.json().results[0].outageId as string));
      expect(ids.size).toBe(1);
      const o = (await get(`/api/v1/outages/${[...ids][0]!}`)).json();
      expect(o.notifications).toBe(12);
      const tickets = await t.app.ctx.db
        .selectFrom('tickets')
        .select('id')
        .where('title', 'like', '%Messagerie%')
        .where('channel', '=', 'monitoring')
        .where('createdAt', '=', t.app.ctx.now().toISOString())
        .execute();
      expect(tickets.map((x) => x.id)).toContain(o.ticketId);
      expect(new Set(tickets.map((x) => x.id)).size).toBe(tickets.length);
    });

    it('refuses an anonymous caller, a token without the permission, and a malformed payload', async () => {
      expect((await post(payload('firing', { application: 'Messagerie' }), null)).statusCode).toBe(401);
      const cm = await t.as('admin@mutualis.test');
      const other = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: cm,
        payload: { name: 'Lecture', permissions: ['tickets.read'], communeId: lb },
      });
      expect((await post(payload('firing', { application: 'Messagerie' }), other.json().token)).statusCode).toBe(403);
      const bad = await post({ alerts: [{ status: 'burning', labels: {}, startsAt: 'hier' }] });
      expect(bad.statusCode).toBe(400);
      const fields = (bad.json().error.details.fields as Array<{ field: string }>).map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['alerts.0.status', 'alerts.0.startsAt']));
    });
  });

  describe('outages by hand, availability and the indicators', () => {
    let mail: { id: string };
    let finance: { id: string };
    beforeAll(async () => {
      mail = await appNamed('Messagerie'); // continuous clock
      finance = await appNamed('Paie et ressources humaines'); // business hours
      const cm = await t.as('contrats@mutualis.test');
      const make = async (body: Record<string, unknown>) => {
        const r = await t.app.inject({
          method: 'POST',
          url: `/api/v1/communes/${lb}/outages`,
          headers: cm,
          payload: body,
        });
        expect(r.statusCode, r.body).toBe(201);
        return r.json();
      };
      // February 2026 (Paris = UTC+1).
      await make({
        applicationId: mail.id,
        startedAt: '2026-02-02T09:00:00Z',
        intervenedAt: '2026-02-02T10:00:00Z',
        restoredAt: '2026-02-02T12:00:00Z',
      });
      await make({
        applicationId: mail.id,
        startedAt: '2026-02-10T21:00:00Z',
        intervenedAt: '2026-02-10T21:30:00Z',
        restoredAt: '2026-02-11T01:00:00Z',
      });
      // Friday 16:00 Paris → Monday 09:30 Paris: 1 h + 1 h business; restored Monday 11:30 Paris: 4 h.
      await make({
        applicationId: finance.id,
        startedAt: '2026-02-13T15:00:00Z',
        intervenedAt: '2026-02-16T08:30:00Z',
        restoredAt: '2026-02-16T10:30:00Z',
        cause: 'Saturation disque',
      });
    });

    it('refuses inconsistent times and unknown applications', async () => {
      const cm = await t.as('contrats@mutualis.test');
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/communes/${lb}/outages`,
        headers: cm,
        payload: { applicationId: mail.id, startedAt: '2026-02-02T09:00:00Z', restoredAt: '2026-02-01T09:00:00Z' },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details.fields[0].field).toBe('restoredAt');
      const other = (await get(`/api/v1/communes/${vd}/applications`, 'referent@villedemo.test')).json().items[0];
      const x = await t.app.inject({
        method: 'POST',
        url: `/api/v1/communes/${lb}/outages`,
        headers: cm,
        payload: { applicationId: other.id, startedAt: '2026-02-02T09:00:00Z' },
      });
      expect(x.statusCode).toBe(400);
      expect(x.json().error.details.fields[0]).toMatchObject({ field: 'applicationId', code: 'unknown_reference' });
    });

    it('lists outages of a period with their delays on the clock of the application', async () => {
      const feb = (await get(`/api/v1/communes/${lb}/outages?period=2026-02`)).json();
      expect(feb.total).toBe(3);
      const byStart = Object.fromEntries(feb.items.map((o: { startedAt: string }) => [o.startedAt, o]));
      expect(byStart['2026-02-13T15:00:00.000Z']).toMatchObject({ interventionHours: 2, restorationHours: 4 });
      expect(byStart['2026-02-10T21:00:00.000Z']).toMatchObject({ interventionHours: 0.5, restorationHours: 4 });
      expect((await get(`/api/v1/communes/${lb}/outages?period=2026-13`)).statusCode).toBe(400);
    });

    it('computes availability over a period', async () => {
      const a = (await get(`/api/v1/applications/${mail.id}/availability?period=2026-02`)).json();
      // February 2026: 28 days × 24 h = 672 h; down 3 h + 4 h.
      expect(a).toMatchObject({ windowHours: 672, downtimeHours: 7, outages: 2, outageCalendar: 'continuous' });
      expect(a.availability).toBeCloseTo(1 - 7 / 672, 6);
      const p = (await get(`/api/v1/applications/${finance.id}/availability?period=2026-02`)).json();
      // 20 working days × 7.5 h; down 1 h Friday + 3 h Monday (restoration at 11:30 Paris).
      expect(p).toMatchObject({ windowHours: 150, downtimeHours: 4, outages: 1 });
    });

    it("gives the commune dashboard its critical applications' availability, least available first", async () => {
      const r = await get(`/api/v1/communes/${lb}/availability?period=2026-02`);
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      expect(body).toMatchObject({ period: '2026-02', from: '2026-02-01', to: '2026-03-01' });
      expect(body.items.every((i: { criticality: string }) => i.criticality === 'critical')).toBe(true);
      const mailRow = body.items.find((i: { applicationId: string }) => i.applicationId === mail.id);
      expect(mailRow).toMatchObject({ applicationName: 'Messagerie', windowHours: 672, downtimeHours: 7, outages: 2 });
      // Least available first: the mail application (7 h down) comes before any untouched one.
      expect(body.items[0].availability).toBeLessThanOrEqual(body.items.at(-1).availability);
      const all = (await get(`/api/v1/communes/${lb}/availability?period=2026-02&criticality=all`)).json();
      expect(all.total).toBeGreaterThan(body.total);
      expect(all.items.find((i: { applicationId: string }) => i.applicationId === finance.id)).toMatchObject({
        windowHours: 150,
        downtimeHours: 4,
        outageCalendar: 'business_hours',
      });
      expect((await get(`/api/v1/communes/${lb}/availability?period=2026-14`)).statusCode).toBe(400);
      expect((await get(`/api/v1/communes/${lb}/availability`)).statusCode).toBe(400);
      expect((await get(`/api/v1/communes/${lb}/availability?period=2026`, 'referent@villedemo.test')).statusCode).toBe(
        404,
      );
      // 4.1.x drill-down: the outages of critical applications only.
      const crit = (await get(`/api/v1/communes/${lb}/outages?period=2026-02&criticality=critical`)).json();
      expect(crit.total).toBe(3);
      expect(crit.items.every((o: { criticality: string }) => o.criticality === 'critical')).toBe(true);
      const std = (await get(`/api/v1/communes/${lb}/outages?period=2026-02&criticality=standard`)).json();
      expect(std.total).toBe(0);
    });

    const input = (rule: Record<string, unknown>, code = '4.1.1'): ProviderInput => ({
      db: t.app.ctx.db,
      communeId: lb,
      period: { kind: 'month', year: 2026, index: 2 },
      bounds: {
        fromDate: '2026-02-01',
        toDate: '2026-03-01',
        fromUtc: '2026-01-31T23:00:00.000Z',
        toUtc: '2026-02-28T23:00:00.000Z',
      },
      zone: 'Europe/Paris',
      def: { code, title: code, rule, commitmentCode: '4.1', commitmentText: '' },
      pieces: [],
      trendPeriods: [],
      locale: 'fr',
      now: new Date('2026-03-02T09:00:00Z'),
    });

    it('4.1.1 and 4.1.2 answer info with medians and p90 while the delay is to be agreed', async () => {
      const i = await interventionDelayProvider(input({ kind: 'intervention_delay', scope: 'critical_applications' }));
      // Intervention delays: 1 h, 0.5 h, 2 h (business) → median 1 h, p90 2 h.
      expect(i).toMatchObject({
        status: 'info',
        volume: 3,
        value: 1,
        details: { medianHours: 1, p90Hours: 2, worstHours: 2 },
      });
      expect(i.valueText).toBe('médiane 1 h, p90 2 h (3 pannes)');
      const r = await restorationDelayProvider(
        input({ kind: 'restoration_delay', scope: 'critical_applications' }, '4.1.2'),
      );
      // Restoration delays: 3 h, 4 h, 4 h.
      expect(r).toMatchObject({ status: 'info', value: 4, details: { medianHours: 4, p90Hours: 4 } });
    });

    it('4.1.x against an agreed delay: the share within it and its status', async () => {
      const i = await interventionDelayProvider(
        input({ kind: 'intervention_delay', delay: 'PT1H', scope: 'critical_applications', targetShare: 0.9 }),
      );
      expect(i).toMatchObject({ unit: 'share', status: 'missed', targetShare: 0.9, details: { withinDelay: 2 } });
      expect(i.value).toBeCloseTo(2 / 3, 6);
      const r = await restorationDelayProvider(
        input({ kind: 'restoration_delay', delay: 'PT4H', scope: 'critical_applications' }, '4.1.2'),
      );
      expect(r).toMatchObject({ value: 1, status: 'met', targetShare: 1 });
    });

    it('2.2.1 compares the portfolio maintained at the end of the year with the transferred inventory', async () => {
      const p = await portfolioProvider({
        ...input({ kind: 'application_portfolio', baseline: 'transferred_inventory' }, '2.2.1'),
        period: { kind: 'year', year: 2025, index: 1 },
        bounds: {
          fromDate: '2025-01-01',
          toDate: '2026-01-01',
          fromUtc: '2024-12-31T23:00:00.000Z',
          toUtc: '2025-12-31T23:00:00.000Z',
        },
      });
      // 40 demo applications: 33 in the 2016 inventory, 2 of them retired (2021, 2024); 7 added
      // since, one still being transferred; the one this suite added in 2026 is not counted in 2025.
      expect(p).toMatchObject({
        value: 37,
        volume: 37,
        stock: true,
        status: 'met',
        details: {
          baseline: { asOf: '2016-02-15', count: 33 },
          stillMaintained: 31,
          retired: ['Ancien logiciel de régie', 'Ancienne GED'],
          missing: [],
        },
      });
      expect((p.details as { added: string[] }).added).toHaveLength(6);
    });
  });
});
