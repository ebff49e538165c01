import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { incident, makeCommune, openTicket } from '../factories';
import { newId } from '../../src/server/lib/ids';

// Issue 14, part A on the demo world: tickets name devices (picker, links, history, the device's
// tickets, incidents in the ranking); the commune's age/warranty policy (effective-dated, audited);
// the plan approved by the commune then tracked line by line up to the replaced device retired.
describeEachDb('fleet: tickets ↔ devices, renewal policy, plan approval and tracking', (dialect) => {
  let t: TestApp;
  let lb: string;
  let vd: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    lb = t.org.communes.leBouscat;
    vd = t.org.communes.villedemo;
  });
  afterAll(async () => {
    await t.close();
  });

  const req = async (who: string | null, method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: who ? await t.as(who) : ANON,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const fieldsOf = (r: { json: () => { error: { details: { fields: Array<{ field: string }> } } } }) =>
    r.json().error.details.fields.map((f) => f.field);
  const deployedOf = async (communeId: string, kind: string, n: number) =>
    (
      await req(
        'technicien@mutualis.test',
        'GET',
        `/api/v1/communes/${communeId}/devices?status=deployed&kind=${kind}&limit=${n}`,
      )
    ).json().items as Array<{ id: string; serial: string | null; inventoryNumber: string | null }>;
  const audit = async (action: string) =>
    t.app.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', action)
      .where('communeId', '=', lb)
      .orderBy('at', 'desc')
      .execute();

  describe('tickets name devices', () => {
    it('the picker offers the requester’s own devices and finds others by exact serial or inventory number only', async () => {
      const me = (await req('agent@le-bouscat.test', 'GET', '/api/v1/me')).json();
      const [mine, other] = await deployedOf(lb, 'laptop', 2);
      const assign = await req('technicien@mutualis.test', 'PATCH', `/api/v1/devices/${mine!.id}`, {
        assignedTo: me.email,
      });
      expect(assign.statusCode, assign.body).toBe(200);

      const own = await req('agent@le-bouscat.test', 'GET', `/api/v1/communes/${lb}/device-choices`);
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().items).toEqual([expect.objectContaining({ id: mine!.id, assignedToRequester: true })]);

      const bySerial = await req(
        'agent@le-bouscat.test',
        'GET',
        `/api/v1/communes/${lb}/device-choices?q=${encodeURIComponent(other!.serial!.toLowerCase())}`,
      );
      expect(bySerial.json().items.map((d: { id: string }) => d.id)).toEqual([other!.id]);
      // A requester does not browse the fleet: part of a serial finds nothing.
      const part = await req(
        'agent@le-bouscat.test',
        'GET',
        `/api/v1/communes/${lb}/device-choices?q=${encodeURIComponent(other!.serial!.slice(0, 4))}`,
      );
      expect(part.json().items).toEqual([]);
      // The call centre searches on behalf of a requester, and by any part.
      const staff = await req(
        'technicien@mutualis.test',
        'GET',
        `/api/v1/communes/${lb}/device-choices?requesterId=${me.id as string}&q=${encodeURIComponent(other!.serial!.slice(0, -1))}`,
      );
      expect(staff.json().items.map((d: { id: string }) => d.id)).toContain(other!.id);
      const badRequester = await req(
        'technicien@mutualis.test',
        'GET',
        `/api/v1/communes/${lb}/device-choices?requesterId=${t.org.users['referent@villedemo.test']!}`,
      );
      expect(badRequester.statusCode).toBe(400);
      expect(fieldsOf(badRequester)).toEqual(['requesterId']);
      expect((await req('referent@villedemo.test', 'GET', `/api/v1/communes/${lb}/device-choices`)).statusCode).toBe(
        404,
      );
      expect((await req(null, 'GET', `/api/v1/communes/${lb}/device-choices`)).statusCode).toBe(401);
    });

    it('a ticket names devices of its commune on creation and by edit; another commune’s device is refused (400)', async () => {
      const [a, b] = await deployedOf(lb, 'printer', 2);
      const [foreign] = await deployedOf(vd, 'printer', 1);
      const ticket = await openTicket(t, 'agent@le-bouscat.test', { deviceIds: [a!.id] });
      expect(ticket.devices).toEqual([expect.objectContaining({ id: a!.id, kind: 'printer' })]);

      const refused = await req(
        'agent@le-bouscat.test',
        'POST',
        '/api/v1/tickets',
        incident({ deviceIds: [foreign!.id] }),
      );
      expect(refused.statusCode).toBe(400);
      expect(fieldsOf(refused)).toEqual(['deviceIds']);
      const unknown = await req('agent@le-bouscat.test', 'POST', '/api/v1/tickets', incident({ deviceIds: [newId()] }));
      expect(unknown.statusCode).toBe(400);

      const edit = await req('technicien@mutualis.test', 'PATCH', `/api/v1/tickets/${ticket.id as string}`, {
        deviceIds: [b!.id],
      });
      expect(edit.statusCode, edit.body).toBe(200);
      expect(edit.json().devices.map((d: { id: string }) => d.id)).toEqual([b!.id]);
      const foreignEdit = await req('technicien@mutualis.test', 'PATCH', `/api/v1/tickets/${ticket.id as string}`, {
        deviceIds: [b!.id, foreign!.id],
      });
      expect(foreignEdit.statusCode).toBe(400);
      expect(fieldsOf(foreignEdit)).toEqual(['deviceIds']);
      const links = await t.app.ctx.db
        .selectFrom('ticketDevices')
        .selectAll()
        .where('deviceId', '=', foreign!.id)
        .execute();
      expect(links).toEqual([]);

      // The link changes are in the ticket's history and the audit log.
      const history = (
        await req('technicien@mutualis.test', 'GET', `/api/v1/tickets/${ticket.id as string}/history`)
      ).json();
      const entries = (history.items ?? history) as Array<{
        kind: string;
        data: { added: string[]; removed: string[] };
      }>;
      const devices = entries.filter((h) => h.kind === 'devices');
      expect(devices.map((h) => [h.data.added, h.data.removed])).toEqual(
        expect.arrayContaining([
          [[a!.id], []],
          [[b!.id], [a!.id]],
        ]),
      );
      const updates = await audit('ticket.update');
      expect(updates.some((u) => u.targetId === ticket.id && (u.changes ?? '').includes('deviceIds'))).toBe(true);
    });

    it('the device lists its tickets, and its incidents feed the renewal ranking', async () => {
      const [d] = await deployedOf(lb, 'screen', 1);
      await openTicket(t, 'agent@le-bouscat.test', { deviceIds: [d!.id], title: 'Écran qui clignote' });
      await openTicket(t, 'agent@le-bouscat.test', { deviceIds: [d!.id], title: 'Écran noir' });
      await openTicket(t, 'agent@le-bouscat.test', { deviceIds: [d!.id], type: 'request', title: 'Second écran' });
      const res = await req('referent@le-bouscat.test', 'GET', `/api/v1/devices/${d!.id}/tickets`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((x: { title: string }) => x.title)).toEqual([
        'Second écran',
        'Écran noir',
        'Écran qui clignote',
      ]);
      expect(res.json().incidents).toBe(2);
      expect((await req('agent@le-bouscat.test', 'GET', `/api/v1/devices/${d!.id}/tickets`)).statusCode).toBe(403);
      expect((await req('referent@villedemo.test', 'GET', `/api/v1/devices/${d!.id}/tickets`)).statusCode).toBe(404);

      const plan = (
        await req('referent@le-bouscat.test', 'GET', `/api/v1/communes/${lb}/renewal-plan?limit=5000`)
      ).json();
      expect(plan.items.find((i: { device: { id: string } }) => i.device.id === d!.id).incidents).toBe(2);
    });
  });

  describe('the commune’s renewal policy', () => {
    it('shows the defaults and the contract’s share with its source', async () => {
      const res = await req('referent@le-bouscat.test', 'GET', `/api/v1/communes/${lb}/renewal-policy`);
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json();
      expect(p.current).toMatchObject({
        effectiveFrom: null,
        rules: { desktop: { maxAgeYears: 6, renewOutOfWarranty: false } },
      });
      expect(p.share).toMatchObject({ indicatorCode: '3.1.1', version: 2 });
      expect(p.share.sharePerYear).toBeCloseTo(1 / 6, 3);
      expect(p.abilities.canEdit).toBe(true);
    });

    it('is set from a day by the commune, audited, and used by the plan drawn from then', async () => {
      const before = (await req('referent@le-bouscat.test', 'GET', `/api/v1/communes/${lb}/renewal-plan`)).json();
      const put = await req('referent@le-bouscat.test', 'PUT', `/api/v1/communes/${lb}/renewal-policy`, {
        effectiveFrom: '2026-03-02',
        rules: { desktop: { maxAgeYears: 3, renewOutOfWarranty: true } },
        note: 'Délibération du conseil municipal',
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().current).toMatchObject({
        effectiveFrom: '2026-03-02',
        rules: { desktop: { maxAgeYears: 3, renewOutOfWarranty: true }, laptop: { maxAgeYears: 5 } },
        createdBy: 'referent@le-bouscat.test',
      });
      const later = await req('technicien@mutualis.test', 'PUT', `/api/v1/communes/${lb}/renewal-policy`, {
        effectiveFrom: '2027-06-01',
        rules: { laptop: { maxAgeYears: 4, renewOutOfWarranty: false } },
      });
      expect(later.statusCode, later.body).toBe(200);
      expect(later.json().upcoming.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual(['2027-06-01']);
      expect(later.json().current.effectiveFrom).toBe('2026-03-02');
      expect((await audit('renewal_policy.set')).length).toBe(2);

      const after = (await req('referent@le-bouscat.test', 'GET', `/api/v1/communes/${lb}/renewal-plan`)).json();
      expect(after.policy.effectiveFrom).toBe('2026-03-02');
      expect(after.due).toBeGreaterThan(before.due);
      const desktop = after.items.find((i: { device: { kind: string } }) => i.device.kind === 'desktop');
      expect(desktop.policyAgeYears).toBe(3);
    });

    it('refuses bad input naming the field, a past day, and those without the permission', async () => {
      const bad = await req('referent@le-bouscat.test', 'PUT', `/api/v1/communes/${lb}/renewal-policy`, {
        effectiveFrom: '2026-02-30',
        rules: {
          desktop: { maxAgeYears: 0, renewOutOfWarranty: 'yes' },
          toaster: { maxAgeYears: 2, renewOutOfWarranty: false },
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad)).toEqual(
        expect.arrayContaining([
          'effectiveFrom',
          'rules.desktop.maxAgeYears',
          'rules.desktop.renewOutOfWarranty',
          'rules.toaster',
        ]),
      );
      const past = await req('referent@le-bouscat.test', 'PUT', `/api/v1/communes/${lb}/renewal-policy`, {
        effectiveFrom: '2026-01-01',
        rules: { desktop: { maxAgeYears: 5, renewOutOfWarranty: false } },
      });
      expect(past.statusCode).toBe(400);
      expect(fieldsOf(past)).toEqual(['effectiveFrom']);
      const body = { effectiveFrom: '2026-04-01', rules: { desktop: { maxAgeYears: 5, renewOutOfWarranty: false } } };
      expect(
        (await req('agent@le-bouscat.test', 'PUT', `/api/v1/communes/${lb}/renewal-policy`, body)).statusCode,
      ).toBe(403);
      expect(
        (await req('referent@villedemo.test', 'PUT', `/api/v1/communes/${lb}/renewal-policy`, body)).statusCode,
      ).toBe(404);
      expect((await req('referent@villedemo.test', 'GET', `/api/v1/communes/${lb}/renewal-policy`)).statusCode).toBe(
        404,
      );
      expect((await req(null, 'GET', `/api/v1/communes/${lb}/renewal-policy`)).statusCode).toBe(401);
    });
  });

  describe('the plan approved by the commune, then tracked', () => {
    let lines: Array<{ id: string; device: { id: string }; status: string; nextStep: string | null }>;

    it('is approved once by the commune (audited), which freezes its devices', async () => {
      expect(
        (await req('technicien@mutualis.test', 'POST', `/api/v1/communes/${lb}/renewal-plan/approval`, { year: 2027 }))
          .statusCode,
      ).toBe(403);
      expect(
        (await req('referent@villedemo.test', 'POST', `/api/v1/communes/${lb}/renewal-plan/approval`, { year: 2027 }))
          .statusCode,
      ).toBe(404);
      const bad = await req('referent@le-bouscat.test', 'POST', `/api/v1/communes/${lb}/renewal-plan/approval`, {
        year: 'next',
        budget: -5,
      });
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad).sort()).toEqual(['budget', 'year']);
      const past = await req('referent@le-bouscat.test', 'POST', `/api/v1/communes/${lb}/renewal-plan/approval`, {
        year: 2025,
      });
      expect(past.statusCode).toBe(400);
      expect(fieldsOf(past)).toEqual(['year']);

      const shown = (
        await req('referent@le-bouscat.test', 'GET', `/api/v1/communes/${lb}/renewal-plan?year=2027`)
      ).json();
      expect(shown.approval).toBeNull();
      expect(shown.abilities).toEqual({ canApprove: true, canTrack: false });
      const res = await req('referent@le-bouscat.test', 'POST', `/api/v1/communes/${lb}/renewal-plan/approval`, {
        year: 2027,
        budget: 150000,
      });
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json();
      expect(p.approval).toMatchObject({
        year: 2027,
        approvedBy: 'referent@le-bouscat.test',
        approvedAt: '2026-03-02T09:00:00.000Z',
        required: shown.required,
        budget: 150000,
        policyEffectiveFrom: '2026-03-02',
        progress: { planned: shown.required, ordered: 0, delivered: 0, deployed: 0 },
      });
      expect(p.lines.map((l: { device: { id: string } }) => l.device.id)).toEqual(
        shown.items
          .filter((i: { selected: boolean }) => i.selected)
          .map((i: { device: { id: string } }) => i.device.id),
      );
      expect(p.abilities.canApprove).toBe(false);
      lines = p.lines;
      const [entry] = await audit('renewal_plan.approve');
      expect(entry).toMatchObject({ actorLabel: 'referent@le-bouscat.test', targetType: 'renewal_plan' });
      expect(JSON.parse(entry!.changes!)).toMatchObject({ year: 2027, lines: shown.required });

      const twice = await req('referent@le-bouscat.test', 'POST', `/api/v1/communes/${lb}/renewal-plan/approval`, {
        year: 2027,
      });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.code).toBe('renewal_plan_approved');
      // The frozen list does not move when the fleet does.
      const later = (
        await req('technicien@mutualis.test', 'GET', `/api/v1/communes/${lb}/renewal-plan?year=2027`)
      ).json();
      expect(later.lines.map((l: { id: string }) => l.id)).toEqual(lines.map((l) => l.id));
      expect(later.abilities).toEqual({ canApprove: false, canTrack: true });
    });

    it('refuses a plan that selects nothing (a commune with no contract gives no share)', async () => {
      const bare = await makeCommune(t, { name: 'Sans contrat' });
      const add = await req('admin@mutualis.test', 'POST', `/api/v1/communes/${bare}/devices`, {
        kind: 'desktop',
        status: 'deployed',
        inServiceFrom: '2015-01-01',
      });
      expect(add.statusCode, add.body).toBe(201);
      const res = await req('admin@mutualis.test', 'POST', `/api/v1/communes/${bare}/renewal-plan/approval`, {
        year: 2027,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('renewal_plan_empty');
      expect(await t.app.ctx.db.selectFrom('renewalPlans').selectAll().where('communeId', '=', bare).execute()).toEqual(
        [],
      );
    });

    it('moves a line ordered → delivered → deployed in order: the replacement is a renewal, the old device retired', async () => {
      const line = lines[0]!;
      const url = `/api/v1/renewal-plan-lines/${line.id}/steps`;
      const early = await req('technicien@mutualis.test', 'POST', url, { step: 'delivered', on: '2026-02-01' });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('renewal_step_out_of_order');
      expect(
        (await req('referent@le-bouscat.test', 'POST', url, { step: 'ordered', on: '2026-02-01' })).statusCode,
      ).toBe(403);
      expect(
        (await req('referent@villedemo.test', 'POST', url, { step: 'ordered', on: '2026-02-01' })).statusCode,
      ).toBe(404);
      const future = await req('technicien@mutualis.test', 'POST', url, { step: 'ordered', on: '2026-03-03' });
      expect(future.statusCode).toBe(400);
      expect(fieldsOf(future)).toEqual(['on']);
      const badStep = await req('technicien@mutualis.test', 'POST', url, { step: 'lost', on: '2026-13-01' });
      expect(fieldsOf(badStep).sort()).toEqual(['on', 'step']);

      const ordered = await req('technicien@mutualis.test', 'POST', url, { step: 'ordered', on: '2026-02-10' });
      expect(ordered.statusCode, ordered.body).toBe(200);
      expect(ordered.json()).toMatchObject({
        status: 'ordered',
        orderedOn: '2026-02-10',
        orderedBy: 'technicien@mutualis.test',
        nextStep: 'delivered',
      });
      const again = await req('technicien@mutualis.test', 'POST', url, { step: 'ordered', on: '2026-02-11' });
      expect(again.json().error.code).toBe('renewal_step_out_of_order');
      const before = await req('technicien@mutualis.test', 'POST', url, { step: 'delivered', on: '2026-02-09' });
      expect(fieldsOf(before)).toEqual(['on']);

      const delivered = await req('technicien@mutualis.test', 'POST', url, {
        step: 'delivered',
        on: '2026-02-20',
        replacement: { serial: 'RENOUV-2027-0001', manufacturer: 'Dell', model: 'OptiPlex 7020', cost: 879 },
      });
      expect(delivered.statusCode, delivered.body).toBe(200);
      const replacementId = delivered.json().replacement.id as string;
      expect(delivered.json()).toMatchObject({ status: 'delivered', deliveredOn: '2026-02-20', nextStep: 'deployed' });
      const stock = (await req('technicien@mutualis.test', 'GET', `/api/v1/devices/${replacementId}`)).json();
      expect(stock).toMatchObject({
        status: 'in_stock',
        serial: 'RENOUV-2027-0001',
        purchaseDate: '2026-02-20',
        renewal: false,
      });

      const deployed = await req('technicien@mutualis.test', 'POST', url, { step: 'deployed', on: '2026-02-25' });
      expect(deployed.statusCode, deployed.body).toBe(200);
      expect(deployed.json()).toMatchObject({ status: 'deployed', deployedOn: '2026-02-25', nextStep: null });
      const fresh = (await req('technicien@mutualis.test', 'GET', `/api/v1/devices/${replacementId}`)).json();
      expect(fresh).toMatchObject({
        status: 'deployed',
        inServiceFrom: '2026-02-25',
        renewal: true,
        replacesId: line.device.id,
      });
      expect(fresh.history[0].changes).toMatchObject({
        status: ['in_stock', 'deployed'],
        replacesId: [null, line.device.id],
      });
      const old = (await req('technicien@mutualis.test', 'GET', `/api/v1/devices/${line.device.id}`)).json();
      expect(old).toMatchObject({ status: 'retired', retiredOn: '2026-02-25', replacedBy: replacementId });
      expect(old.history[0]).toMatchObject({ action: 'renewed', changes: { replacedBy: [null, replacementId] } });
      // 3.1.1 counts it as a renewal of 2026, the year it went into service (renewal-rate.ts).
      const renewed = (
        await req('referent@le-bouscat.test', 'GET', `/api/v1/communes/${lb}/devices?renewedIn=2026&limit=500`)
      ).json();
      expect(renewed.items.map((d: { id: string }) => d.id)).toContain(replacementId);
      const done = await req('technicien@mutualis.test', 'POST', url, { step: 'deployed', on: '2026-02-26' });
      expect(done.json().error.code).toBe('renewal_step_out_of_order');
      expect((await audit('renewal_plan_line.advance')).length).toBe(3);
    });

    it('takes an existing device in stock as the replacement, never one already in service', async () => {
      const line = lines[1]!;
      const url = `/api/v1/renewal-plan-lines/${line.id}/steps`;
      expect(
        (await req('technicien@mutualis.test', 'POST', url, { step: 'ordered', on: '2026-02-10' })).statusCode,
      ).toBe(200);
      const [inService] = await deployedOf(lb, 'desktop', 1);
      const refused = await req('technicien@mutualis.test', 'POST', url, {
        step: 'delivered',
        on: '2026-02-12',
        replacementDeviceId: inService!.id,
      });
      expect(refused.statusCode).toBe(400);
      expect(fieldsOf(refused)).toEqual(['replacementDeviceId']);
      const [foreign] = await deployedOf(vd, 'desktop', 1);
      const foreignRefused = await req('technicien@mutualis.test', 'POST', url, {
        step: 'delivered',
        on: '2026-02-12',
        replacementDeviceId: foreign!.id,
      });
      expect(fieldsOf(foreignRefused)).toEqual(['replacementDeviceId']);
      const created = await req('technicien@mutualis.test', 'POST', `/api/v1/communes/${lb}/devices`, {
        kind: 'desktop',
        serial: 'STOCK-0001',
        status: 'in_stock',
      });
      expect(created.statusCode, created.body).toBe(201);
      const delivered = await req('technicien@mutualis.test', 'POST', url, {
        step: 'delivered',
        on: '2026-02-12',
        replacementDeviceId: created.json().id,
      });
      expect(delivered.statusCode, delivered.body).toBe(200);
      expect(delivered.json().replacement).toMatchObject({ id: created.json().id, label: 'STOCK-0001' });
      const noReplacementLine = lines[2]!;
      const u2 = `/api/v1/renewal-plan-lines/${noReplacementLine.id}/steps`;
      await req('technicien@mutualis.test', 'POST', u2, { step: 'ordered', on: '2026-02-10' });
      await req('technicien@mutualis.test', 'POST', u2, { step: 'delivered', on: '2026-02-11' });
      const missing = await req('technicien@mutualis.test', 'POST', u2, { step: 'deployed', on: '2026-02-12' });
      expect(missing.statusCode).toBe(400);
      expect(fieldsOf(missing)).toEqual(['replacementDeviceId']);
      const plan = (
        await req('referent@le-bouscat.test', 'GET', `/api/v1/communes/${lb}/renewal-plan?year=2027`)
      ).json();
      expect(plan.approval.progress).toMatchObject({ ordered: 0, delivered: 2, deployed: 1 });
    });
  });
});
