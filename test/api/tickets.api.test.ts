import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { ensureCalendar, move } from './tickets-helpers';
import { incident, openTicket } from '../factories';

const AGENT = 'agent@le-bouscat.test';
const REFERENT = 'referent@le-bouscat.test';
const OTHER = 'agent@villedemo.test';
const OTHER_REFERENT = 'referent@villedemo.test';
const DESK = 'accueil@mutualis.test';
const TECH = 'technicien@mutualis.test';

describeEachDb('tickets API: creation, lifecycle, clocks', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
    await ensureCalendar(t, t.org.communes.leBouscat);
    await ensureCalendar(t, t.org.communes.villedemo);
  });
  afterAll(async () => {
    await t.close();
  }, 30_000);

  it('opens a ticket for the requester’s commune with a reference, a priority from the matrix and contractual deadlines', async () => {
    const x = await openTicket(t, AGENT, incident({ impact: 'medium', urgency: 'high' }));
    expect(x).toMatchObject({
      status: 'new',
      priority: 'P2',
      communeId: t.org.communes.leBouscat,
      requesterId: t.org.users[AGENT],
      channel: 'portal',
    });
    expect(x.reference).toMatch(/^BOU-2026-\d{6}$/);
    // Wednesday 10:00 Paris → 3.3.1 end of Thursday 17:00 Paris = 16:00Z; 3.3.2 P2 = PT8H → Thursday 10:30 Paris.
    expect(x.acknowledgeDueAt).toBe('2026-03-05T16:00:00.000Z');
    expect(x.resolveDueAt).toBe('2026-03-05T09:30:00.000Z');
    expect(x.annexVersionId).toBeTruthy();
    expect(x.clockIssue).toBeNull();
    expect(x.remainingBusinessSeconds).toEqual({ acknowledge: 13.5 * 3600, resolve: 8 * 3600 });
  });

  it('acknowledgeDueAt equals the calendar API’s next-business-day-end from createdAt', async () => {
    t.clock.set('2026-03-06T15:50:00.000Z'); // Friday 16:50 Paris
    const x = await openTicket(t, AGENT, incident());
    const cal = (
      await t.app.inject({ url: `/api/v1/communes/${t.org.communes.leBouscat}/calendar`, headers: await t.as(AGENT) })
    ).json();
    const d = await t.app.inject({
      url: `/api/v1/calendars/${cal.id}/deadline?from=${encodeURIComponent(x.createdAt)}&rule=next-business-day-end`,
      headers: await t.as(AGENT),
    });
    expect(d.json().due).toBe(x.acknowledgeDueAt);
    expect(x.acknowledgeDueAt).toBe('2026-03-09T16:00:00.000Z'); // 3.3.1 — Friday 16:50 → Monday 17:00
    expect(x.calendarId).toBe(cal.id);
  });

  it('takes the resolution delays of the annex in force on the creation date (both sides of Avenant n°1, 2018-01-01)', async () => {
    t.clock.set('2017-12-28T09:00:00.000Z'); // Thursday 10:00 Paris, 2016 annex
    const before = await openTicket(t, AGENT, incident({ impact: 'high', urgency: 'critical' }));
    t.clock.set('2018-01-04T09:00:00.000Z'); // Thursday 10:00 Paris, Avenant n°1 annex
    const after = await openTicket(t, AGENT, incident({ impact: 'high', urgency: 'critical' }));
    expect(before.priority).toBe('P1');
    expect(before.annexVersionId).toBeTruthy();
    expect(after.annexVersionId).toBeTruthy();
    expect(before.annexVersionId).not.toBe(after.annexVersionId);
    // Both annexes carry 3.3.1 (next business day end) and a P1 delay; the due dates follow each one's rule.
    expect(before.acknowledgeDueAt).toBe('2017-12-29T16:00:00.000Z');
    expect(after.acknowledgeDueAt).toBe('2018-01-05T16:00:00.000Z');
    expect(Date.parse(before.resolveDueAt)).toBeGreaterThan(Date.parse(before.createdAt));
    expect(Date.parse(after.resolveDueAt)).toBeGreaterThan(Date.parse(after.createdAt));
  });

  it('answers 400 naming title for an empty title, and 400 naming the parameter for a bad filter', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: await t.as(AGENT),
      payload: { type: 'incident', title: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { field: string }) => f.field)).toContain('title');
    const bad = await t.app.inject({ url: '/api/v1/tickets?status=open', headers: await t.as(DESK) });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('status');
  });

  it('makes the call centre name the commune and a requester of that commune', async () => {
    t.clock.set('2026-03-04T09:00:00.000Z');
    const noCommune = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: await t.as(DESK),
      payload: incident({ channel: 'phone' }),
    });
    expect(noCommune.statusCode).toBe(400);
    expect(noCommune.json().error.details.fields[0].field).toBe('communeId');
    const wrongRequester = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: await t.as(DESK),
      payload: incident({ channel: 'phone', communeId: t.org.communes.leBouscat, requesterId: t.org.users[OTHER] }),
    });
    expect(wrongRequester.statusCode).toBe(400);
    const ok = await openTicket(
      t,
      DESK,
      incident({ channel: 'phone', communeId: t.org.communes.leBouscat, requesterId: t.org.users[AGENT] }),
    );
    expect(ok).toMatchObject({ requesterId: t.org.users[AGENT], channel: 'phone' });
  });

  it('is idempotent on Idempotency-Key, sequentially and under concurrent retries', async () => {
    const key = { 'idempotency-key': 'retry-1' };
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { ...(await t.as(AGENT)), ...key },
      payload: incident({ title: 'Idempotent' }),
    });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { ...(await t.as(AGENT)), ...key },
      payload: incident({ title: 'Idempotent' }),
    });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const headers = { ...(await t.as(AGENT)), 'idempotency-key': 'race-1' };
    const racing = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: incident({ title: 'Race' }) }),
      ),
    );
    expect(racing.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(new Set(racing.map((r) => r.json().id)).size).toBe(1);
    const list = await t.app.inject({ url: '/api/v1/tickets?q=race', headers: await t.as(AGENT) });
    expect(list.json().total).toBe(1);
  });

  it('walks the lifecycle and refuses nonsense with 409 invalid_transition listing the allowed targets', async () => {
    const x = await openTicket(t, AGENT, incident());
    const step = () => t.clock.advance(60_000);
    step();
    expect((await move(t, DESK, x.id, 'acknowledged')).json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: expect.any(String),
    });
    const refused = await move(t, DESK, x.id, 'closed');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'invalid_transition',
      details: { from: 'acknowledged', to: 'closed', allowed: ['in_progress', 'pending', 'resolved'] },
    });
    step();
    expect((await move(t, DESK, x.id, 'in_progress')).statusCode).toBe(200);
    // The requester cannot work the ticket.
    const byRequester = await move(t, AGENT, x.id, 'resolved');
    expect(byRequester.statusCode).toBe(409);
    expect(byRequester.json().error.details.allowed).toEqual([]);
    step();
    expect((await move(t, TECH, x.id, 'resolved')).json().status).toBe('resolved');
    step();
    // The requester reopens, staff resolve again, the requester closes.
    const reopened = (await move(t, AGENT, x.id, 'reopened')).json();
    expect(reopened).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null });
    step();
    expect((await move(t, TECH, x.id, 'resolved')).statusCode).toBe(200);
    step();
    expect((await move(t, AGENT, x.id, 'closed')).json().status).toBe('closed');
    expect((await move(t, TECH, x.id, 'reopened')).statusCode).toBe(409);
    const h = (await t.app.inject({ url: `/api/v1/tickets/${x.id}/history`, headers: await t.as(AGENT) })).json();
    expect(
      h.items.filter((e: { kind: string }) => e.kind === 'status').map((e: { data: { to: string } }) => e.data.to),
    ).toEqual(['acknowledged', 'in_progress', 'resolved', 'reopened', 'resolved', 'closed']);
  });

  it('pauses the resolution clock while pending (the pause is an interval) and keeps it through a priority change', async () => {
    t.clock.set('2026-03-04T09:00:00.000Z'); // Wednesday 10:00 Paris
    const x = await openTicket(t, AGENT, incident({ impact: 'medium', urgency: 'medium' })); // P3 = PT24H
    expect(x.priority).toBe('P3');
    const due0 = x.resolveDueAt;
    await move(t, DESK, x.id, 'acknowledged');
    t.clock.set('2026-03-04T10:00:00.000Z'); // 11:00 Paris
    const paused = (await move(t, DESK, x.id, 'pending', 'En attente du numéro de série')).json();
    expect(paused.status).toBe('pending');
    expect(paused.pausedSince).toBe('2026-03-04T10:00:00.000Z');
    // Frozen: remaining is 24h − 1h whatever the clock says.
    t.clock.set('2026-03-04T14:00:00.000Z');
    expect(
      (await t.app.inject({ url: `/api/v1/tickets/${x.id}`, headers: await t.as(DESK) })).json()
        .remainingBusinessSeconds.resolve,
    ).toBe(23 * 3600);
    const resumed = (await move(t, DESK, x.id, 'in_progress')).json(); // paused 11:00–15:00 Paris = 3 business hours
    expect(resumed.pausedBusinessSeconds).toBe(3 * 3600);
    expect(Date.parse(resumed.resolveDueAt) - Date.parse(due0)).toBeGreaterThan(0);
    // Priority change: P2 (8h) from creation plus the 3 paused hours → Thursday 13:00 Paris... computed by the engine.
    const changed = (
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${x.id}`,
        headers: await t.as(DESK),
        payload: { urgency: 'high' },
      })
    ).json();
    expect(changed.priority).toBe('P2');
    expect(changed.pausedBusinessSeconds).toBe(3 * 3600);
    // Wed 10:00 + 8h business + 3h paused = 11h: Wed 10–12 (2), 13–17 (4) → Thu 8:30–12 (3.5) → Thu 13:00–14:30 (1.5) = 14:30 Paris.
    expect(changed.resolveDueAt).toBe('2026-03-05T13:30:00.000Z');
    const h = (await t.app.inject({ url: `/api/v1/tickets/${x.id}/history`, headers: await t.as(DESK) })).json();
    expect(
      h.items.some(
        (e: { kind: string; data: { changes?: { priority?: unknown } } }) =>
          e.kind === 'field' && e.data.changes?.priority,
      ),
    ).toBe(true);
  });

  it('resumes a ticket waiting on the requester when the requester replies, not on staff replies or notes', async () => {
    t.clock.set('2026-03-04T09:00:00.000Z'); // Wednesday 10:00 Paris
    const x = await openTicket(t, AGENT, incident()); // P3
    await move(t, DESK, x.id, 'acknowledged');
    t.clock.set('2026-03-04T10:00:00.000Z'); // 11:00 Paris
    const paused = (await move(t, DESK, x.id, 'pending', 'Pouvez-vous nous donner le numéro de série ?')).json();
    t.clock.set('2026-03-04T12:00:00.000Z'); // 13:00 Paris
    // Staff replies and internal notes leave it waiting.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/comments`,
      headers: await t.as(DESK),
      payload: { body: 'Relance : le numéro de série ?', internal: false },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/comments`,
      headers: await t.as(DESK),
      payload: { body: 'relancé par téléphone', internal: true },
    });
    expect((await t.app.inject({ url: `/api/v1/tickets/${x.id}`, headers: await t.as(DESK) })).json().status).toBe(
      'pending',
    );
    t.clock.set('2026-03-04T14:00:00.000Z'); // 15:00 Paris: paused 11:00–15:00 = 3 business hours
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/comments`,
      headers: await t.as(AGENT),
      payload: { body: 'Le numéro est SN-4411.', internal: false },
    });
    expect(reply.statusCode).toBe(201);
    const after = (await t.app.inject({ url: `/api/v1/tickets/${x.id}`, headers: await t.as(DESK) })).json();
    expect(after).toMatchObject({ status: 'in_progress', pausedSince: null, pausedBusinessSeconds: 3 * 3600 });
    // P3 = 24 business hours from Wed 10:00 → Mon 11:30 Paris; plus the 3 paused hours → Mon 15:30 (lunch skipped).
    expect(paused.resolveDueAt).toBe('2026-03-09T10:30:00.000Z');
    expect(after.resolveDueAt).toBe('2026-03-09T14:30:00.000Z');
    const h = (await t.app.inject({ url: `/api/v1/tickets/${x.id}/history`, headers: await t.as(AGENT) })).json();
    expect(h.items.filter((e: { kind: string }) => e.kind === 'status').at(-1)).toMatchObject({
      actorId: t.org.users[AGENT],
      data: { from: 'pending', to: 'in_progress', reason: 'requester_reply' },
    });
    // A second reply while in progress changes nothing.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/comments`,
      headers: await t.as(AGENT),
      payload: { body: 'Merci', internal: false },
    });
    expect((await t.app.inject({ url: `/api/v1/tickets/${x.id}`, headers: await t.as(DESK) })).json().status).toBe(
      'in_progress',
    );
  });

  it('serialises concurrent changes to one ticket: two moves from the same status, two replies resuming it', async () => {
    const x = await openTicket(t, AGENT, incident({ title: 'Deux agents sur le même ticket' }));
    const [a, b] = await Promise.all([move(t, DESK, x.id, 'acknowledged'), move(t, TECH, x.id, 'acknowledged')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    await move(t, DESK, x.id, 'pending', 'Le numéro de série ?');
    const replies = await Promise.all(
      [AGENT, REFERENT].map(async (who) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${x.id}/comments`,
          headers: await t.as(who),
          payload: { body: `Réponse de ${who}`, internal: false },
        }),
      ),
    );
    expect(replies.map((r) => r.statusCode)).toEqual([201, 201]);
    const h = (await t.app.inject({ url: `/api/v1/tickets/${x.id}/history`, headers: await t.as(DESK) })).json();
    const moves = h.items
      .filter((e: { kind: string }) => e.kind === 'status')
      .map((e: { data: { from: string; to: string } }) => `${e.data.from}>${e.data.to}`);
    expect(moves.sort()).toEqual(['acknowledged>pending', 'new>acknowledged', 'pending>in_progress']);
    const pauses = await t.app.ctx.db
      .selectFrom('ticketPauses')
      .select(['endedAt'])
      .where('ticketId', '=', x.id)
      .execute();
    expect(pauses).toHaveLength(1);
    expect(pauses[0]!.endedAt).not.toBeNull();
  });

  it('merges two tickets into each other at once without deadlock: one merge wins, the other is refused', async () => {
    const a = await openTicket(t, AGENT, incident({ title: 'Doublon croisé A' }));
    const b = await openTicket(t, AGENT, incident({ title: 'Doublon croisé B' }));
    const headers = await t.as(DESK);
    const [ab, ba] = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/v1/tickets/${a.id}/merge`, headers, payload: { intoId: b.id } }),
      t.app.inject({ method: 'POST', url: `/api/v1/tickets/${b.id}/merge`, headers, payload: { intoId: a.id } }),
    ]);
    const codes = [ab.statusCode, ba.statusCode];
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 400 || c === 409)).toHaveLength(1);
    const states = await t.app.ctx.db
      .selectFrom('tickets')
      .select(['id', 'status', 'mergedIntoId'])
      .where('id', 'in', [a.id, b.id])
      .execute();
    expect(states.filter((s) => s.status === 'closed' && s.mergedIntoId)).toHaveLength(1);
  });

  it('keeps internal notes from commune users: comments, ticket page, history, search', async () => {
    const x = await openTicket(t, AGENT, incident({ title: 'Scanner du service urbanisme' }));
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/comments`,
      headers: await t.as(DESK),
      payload: { body: 'note interne zebulon', internal: true },
    });
    expect(note.statusCode).toBe(201);
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/comments`,
      headers: await t.as(DESK),
      payload: { body: 'Réponse publique tournesol', internal: false },
    });
    expect(reply.statusCode).toBe(201);
    for (const who of [AGENT, REFERENT]) {
      const h = await t.as(who);
      const page = await t.app.inject({ url: `/api/v1/tickets/${x.id}`, headers: h });
      expect(page.body).not.toContain('zebulon');
      expect(page.body).toContain('tournesol');
      expect((await t.app.inject({ url: `/api/v1/tickets/${x.id}/comments`, headers: h })).body).not.toContain(
        'zebulon',
      );
      expect((await t.app.inject({ url: `/api/v1/tickets/${x.id}/history`, headers: h })).body).not.toContain(
        'zebulon',
      );
      expect((await t.app.inject({ url: '/api/v1/tickets?q=zebulon', headers: h })).json().total).toBe(0);
      expect((await t.app.inject({ url: '/api/v1/tickets?q=tournesol', headers: h })).json().total).toBe(1);
    }
    // A commune user cannot write one.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${x.id}/comments`,
          headers: await t.as(AGENT),
          payload: { body: 'x', internal: true },
        })
      ).statusCode,
    ).toBe(403);
    const staffPage = (await t.app.inject({ url: `/api/v1/tickets/${x.id}`, headers: await t.as(TECH) })).json();
    expect(staffPage.comments.map((c: { body: string }) => c.body)).toContain('note interne zebulon');
    // Staff search does not match internal notes either (search covers public replies only).
    expect((await t.app.inject({ url: '/api/v1/tickets?q=zebulon', headers: await t.as(TECH) })).json().total).toBe(0);
  });

  it('searches case- and accent-insensitively over title, description and replies', async () => {
    const a = await openTicket(
      t,
      REFERENT,
      incident({ title: 'Imprimante du service état civil', description: 'Bourrage papier' }),
    );
    const h = await t.as(DESK);
    const ids = async (q: string) =>
      (await t.app.inject({ url: `/api/v1/tickets?${new URLSearchParams({ q })}`, headers: h }))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await ids('imprimante')).toContain(a.id);
    expect(await ids('IMPRIMANTE')).toContain(a.id);
    expect(await ids('etat civil')).toContain(a.id);
    expect(await ids('État Civil')).toContain(a.id);
    expect(await ids('bourrage')).toContain(a.id);
    expect(await ids(a.reference)).toContain(a.id);
    expect(await ids('etat civil inexistantmot')).not.toContain(a.id);
  });

  it("lists search matches newest first, paged, within the filters and the caller's scope", async () => {
    const made: string[] = [];
    for (const [who, title] of [
      [AGENT, 'Scanner girouette du service 1'],
      [OTHER, 'Scanner girouette de Villedemo'],
      [REFERENT, 'Scanner girouette du service 2'],
      [AGENT, 'Scanner girouette du service 3'],
    ] as const) {
      t.clock.advance(60_000);
      made.push((await openTicket(t, who, incident({ title }))).id);
    }
    const list = async (who: string, query: string) =>
      (await t.app.inject({ url: `/api/v1/tickets?${query}`, headers: await t.as(who) })).json();
    // Staff see all four, the newest first, whichever engine answers.
    const all = await list(DESK, 'q=girouette');
    expect(all.items.map((i: { id: string }) => i.id)).toEqual([...made].reverse());
    expect(all.total).toBe(4);
    // Pages follow one another without gap or repeat.
    const p1 = await list(DESK, 'q=girouette&limit=3');
    const p2 = await list(DESK, 'q=girouette&limit=3&offset=3');
    expect([...p1.items, ...p2.items].map((i: { id: string }) => i.id)).toEqual([...made].reverse());
    expect(p2.total).toBe(4);
    // Filters and scope still apply: Le Bouscat's referent never sees Villedemo's match.
    const ref = await list(REFERENT, 'q=girouette');
    expect(ref.items.map((i: { id: string }) => i.id)).toEqual([made[3], made[2], made[0]]);
    const byRequester = await list(DESK, `q=girouette&requesterId=${t.org.users[AGENT]}`);
    expect(byRequester.items.map((i: { id: string }) => i.id)).toEqual([made[3], made[0]]);
    // An explicit other order is honoured.
    const oldest = await list(DESK, 'q=girouette&sort=createdAt&order=asc');
    expect(oldest.items.map((i: { id: string }) => i.id)).toEqual(made);
  });

  it("exports the current view as CSV or XLSX, in words, formula-safe, within the caller's scope", async () => {
    const a = await openTicket(t, AGENT, incident({ title: '=HYPERLINK("http://x") girafe' }));
    t.clock.advance(60_000);
    const b = await openTicket(t, REFERENT, incident({ title: 'Poste girafe bloqué' }));
    const csv = await t.app.inject({ url: '/api/v1/tickets/export?format=csv&q=girafe', headers: await t.as(DESK) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="demandes-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows: string[][] = parse(csv.body, { delimiter: ';', bom: true });
    expect(rows[0]!.slice(0, 8)).toEqual([
      'Référence',
      'Titre',
      'Commune',
      'Type',
      'Catégorie',
      'Priorité',
      'Statut',
      'Canal',
    ]);
    // The list's order (newest first), the words of the screens, never a formula.
    expect(rows.slice(1).map((r) => r[0])).toEqual([b.reference, a.reference]);
    expect(rows[2]![1]).toBe('\'=HYPERLINK("http://x") girafe');
    expect(rows[1]!.slice(2, 4)).toEqual(['Le Bouscat', 'Incident']);
    expect(rows[1]![6]).toBe('Nouvelle');
    const xlsx = await t.app.inject({
      url: '/api/v1/tickets/export?format=xlsx&lang=en&q=girafe&sort=createdAt&order=asc',
      headers: await t.as(DESK),
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(7).value).toBe('Status');
    expect(ws.getRow(2).getCell(1).value).toBe(a.reference);
    expect(ws.getRow(2).getCell(7).value).toBe('New');
    // Another commune's user exports none of them; the requester only their own.
    const other = parse(
      (await t.app.inject({ url: '/api/v1/tickets/export?format=csv&q=girafe', headers: await t.as(OTHER) })).body,
      { delimiter: ';', bom: true },
    );
    expect(other).toHaveLength(1);
    const own = parse(
      (await t.app.inject({ url: '/api/v1/tickets/export?format=csv&q=girafe', headers: await t.as(AGENT) })).body,
      { delimiter: ';', bom: true },
    );
    expect(own.slice(1).map((r: string[]) => r[0])).toEqual([a.reference]);
    const bad = await t.app.inject({ url: '/api/v1/tickets/export?format=ods', headers: await t.as(DESK) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('format');
  });

  it('filters, sorts and paginates with a total', async () => {
    const h = await t.as(DESK);
    const all = (await t.app.inject({ url: '/api/v1/tickets?limit=3&sort=createdAt&order=asc', headers: h })).json();
    expect(all.items).toHaveLength(3);
    expect(all.total).toBeGreaterThan(3);
    const next = (
      await t.app.inject({ url: '/api/v1/tickets?limit=3&offset=3&sort=createdAt&order=asc', headers: h })
    ).json();
    expect(next.items[0].createdAt >= all.items[2].createdAt).toBe(true);
    const p2 = (
      await t.app.inject({
        url: '/api/v1/tickets?priority=P2&status=new,acknowledged,in_progress,pending,resolved,closed,reopened',
        headers: h,
      })
    ).json();
    expect(p2.items.every((i: { priority: string }) => i.priority === 'P2')).toBe(true);
    const mine = (await t.app.inject({ url: `/api/v1/tickets?requesterId=${t.org.users[AGENT]}`, headers: h })).json();
    expect(mine.items.every((i: { requesterId: string }) => i.requesterId === t.org.users[AGENT])).toBe(true);
    // A requester sees their own tickets only; the referent sees the commune's.
    const agentList = (await t.app.inject({ url: '/api/v1/tickets?limit=500', headers: await t.as(AGENT) })).json();
    expect(agentList.items.every((i: { requesterId: string }) => i.requesterId === t.org.users[AGENT])).toBe(true);
    const refList = (await t.app.inject({ url: '/api/v1/tickets?limit=500', headers: await t.as(REFERENT) })).json();
    expect(refList.total).toBeGreaterThan(agentList.total);
    expect(refList.items.every((i: { communeId: string }) => i.communeId === t.org.communes.leBouscat)).toBe(true);
  });

  it('serves the catalogue, the groups and the priority matrix (configurable per commune)', async () => {
    const cats = (await t.app.inject({ url: '/api/v1/ticket-categories', headers: await t.as(AGENT) })).json();
    expect(cats.items.find((c: { code: string }) => c.code === 'printing')).toMatchObject({
      subdomain: 'C',
      label: 'Impression',
    });
    const groups = (await t.app.inject({ url: '/api/v1/support-groups', headers: await t.as(DESK) })).json();
    expect(groups.items.map((g: { level: number }) => g.level)).toEqual([1, 2, 2]);
    const m = (
      await t.app.inject({
        url: `/api/v1/priority-matrix?communeId=${t.org.communes.villedemo}`,
        headers: await t.as(DESK),
      })
    ).json();
    expect(m).toMatchObject({ inherited: true });
    const cells = m.cells.map((c: { impact: string; urgency: string; priority: string }) => ({
      ...c,
      priority: c.impact === 'low' && c.urgency === 'low' ? 'P3' : c.priority,
    }));
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/priority-matrix',
          headers: await t.as(DESK),
          payload: { communeId: t.org.communes.villedemo, cells },
        })
      ).statusCode,
    ).toBe(403);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/priority-matrix',
      headers: await t.as('directeur@mutualis.test'),
      payload: { communeId: t.org.communes.villedemo, cells },
    });
    expect(put.json()).toMatchObject({ inherited: false, communeId: t.org.communes.villedemo });
    const low = await openTicket(t, OTHER, incident({ impact: 'low', urgency: 'low' }));
    expect(low.priority).toBe('P3');
    const lowLb = await openTicket(t, AGENT, incident({ impact: 'low', urgency: 'low' }));
    expect(lowLb.priority).toBe('P4');
    const byCategory = await openTicket(
      t,
      AGENT,
      incident({ categoryId: cats.items.find((c: { code: string }) => c.code === 'server').id }),
    );
    expect(byCategory).toMatchObject({
      subdomain: 'D',
      groupId: groups.items.find((g: { code: string }) => g.code === 'infrastructure').id,
    });
  });

  it('assigns to a group and staff of the commune, and refuses others', async () => {
    const x = await openTicket(t, AGENT, incident());
    const groups = (await t.app.inject({ url: '/api/v1/support-groups', headers: await t.as(DESK) })).json().items;
    const g2 = groups.find((g: { code: string }) => g.code === 'workplace').id;
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${x.id}`,
      headers: await t.as(DESK),
      payload: { groupId: g2, assigneeId: t.org.users[TECH] },
    });
    expect(ok.json()).toMatchObject({ groupId: g2, assigneeId: t.org.users[TECH], assigneeName: 'Thomas Technicien' });
    const commune = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${x.id}`,
      headers: await t.as(DESK),
      payload: { assigneeId: t.org.users[REFERENT] },
    });
    expect(commune.statusCode).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/tickets/${x.id}`,
          headers: await t.as(AGENT),
          payload: { title: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const queue = (await t.app.inject({ url: '/api/v1/tickets?queue=mine', headers: await t.as(TECH) })).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(x.id);
    const group = (await t.app.inject({ url: '/api/v1/tickets?queue=group', headers: await t.as(TECH) })).json();
    expect(group.items.map((i: { id: string }) => i.id)).toContain(x.id);
    const unassigned = (
      await t.app.inject({ url: '/api/v1/tickets?queue=unassigned&limit=500', headers: await t.as(DESK) })
    ).json();
    expect(unassigned.items.map((i: { id: string }) => i.id)).not.toContain(x.id);
  });

  it('bulk-assigns all or nothing', async () => {
    const a = await openTicket(t, AGENT, incident({ title: 'bulk a' }));
    const b = await openTicket(t, REFERENT, incident({ title: 'bulk b' }));
    const foreign = await openTicket(t, OTHER, incident({ title: 'bulk foreign' }));
    // Villedemo ticket is in the call centre's scope; an unknown id is not.
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/bulk-assign',
      headers: await t.as(DESK),
      payload: { ids: [a.id, b.id, 'no-such-ticket'], assigneeId: t.org.users[TECH] },
    });
    expect(bad.statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/tickets/${a.id}`, headers: await t.as(DESK) })).json().assigneeId,
    ).toBeNull();
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets/bulk-assign',
      headers: await t.as(DESK),
      payload: { ids: [a.id, b.id, foreign.id], assigneeId: t.org.users[TECH] },
    });
    expect(ok.json().updated).toBe(3);
    expect(ok.json().items.every((i: { assigneeId: string }) => i.assigneeId === t.org.users[TECH])).toBe(true);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/tickets/bulk-assign',
          headers: await t.as(AGENT),
          payload: { ids: [a.id], assigneeId: t.org.users[TECH] },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('merges a duplicate: replies move, the duplicate is closed with mergedIntoId', async () => {
    const keep = await openTicket(t, AGENT, incident({ title: 'Wi-Fi salle du conseil' }));
    const dup = await openTicket(t, REFERENT, incident({ title: 'Pas de wifi au conseil' }));
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${dup.id}/comments`,
      headers: await t.as(REFERENT),
      payload: { body: 'toujours rien', internal: false },
    });
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${dup.id}/merge`,
      headers: await t.as(DESK),
      payload: { intoId: keep.id },
    });
    expect(merged.json()).toMatchObject({ status: 'closed', mergedIntoId: keep.id });
    const target = (await t.app.inject({ url: `/api/v1/tickets/${keep.id}`, headers: await t.as(DESK) })).json();
    expect(target.comments.map((c: { body: string }) => c.body)).toContain('toujours rien');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${dup.id}/merge`,
      headers: await t.as(DESK),
      payload: { intoId: keep.id },
    });
    expect(again.statusCode).toBe(409);
    const other = await openTicket(t, OTHER, incident());
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${keep.id}/merge`,
          headers: await t.as(DESK),
          payload: { intoId: other.id },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${keep.id}/merge`,
          headers: await t.as(AGENT),
          payload: { intoId: dup.id },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('sends a survey on resolution that the requester answers once', async () => {
    const x = await openTicket(t, AGENT, incident());
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${x.id}/survey`,
          headers: await t.as(AGENT),
          payload: { score: 5 },
        })
      ).statusCode,
    ).toBe(409);
    await move(t, TECH, x.id, 'resolved');
    expect(
      (await t.app.inject({ url: `/api/v1/tickets/${x.id}`, headers: await t.as(AGENT) })).json().abilities
        .canAnswerSurvey,
    ).toBe(true);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${x.id}/survey`,
          headers: await t.as(REFERENT),
          payload: { score: 1 },
        })
      ).statusCode,
    ).toBe(403);
    const ans = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${x.id}/survey`,
      headers: await t.as(AGENT),
      payload: { score: 4, comment: 'Rapide' },
    });
    expect(ans.json()).toMatchObject({ score: 4, comment: 'Rapide' });
    expect(
      (await t.app.inject({ url: `/api/v1/tickets/${x.id}`, headers: await t.as(AGENT) })).json().satisfaction,
    ).toBe(4);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${x.id}/survey`,
          headers: await t.as(AGENT),
          payload: { score: 5 },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/tickets/${x.id}/survey`,
          headers: await t.as(AGENT),
          payload: { score: 9 },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('restricts a sub-entity user to their entity’s tickets and their own (glpi#22311)', async () => {
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: await t.as('admin@mutualis.test'),
      payload: {
        email: 'mediatheque@le-bouscat.test',
        name: 'Agent médiathèque',
        roles: ['contract_referent'],
        communeId: t.org.communes.leBouscat,
        entityId: t.org.entities.laSource,
        password: 'mutualis-demo',
      },
    });
    expect(made.statusCode).toBe(201);
    const library = await openTicket(
      t,
      DESK,
      incident({
        title: 'Automate de prêt en panne',
        communeId: t.org.communes.leBouscat,
        entityId: t.org.entities.laSource,
      }),
    );
    const ccas = await openTicket(
      t,
      DESK,
      incident({
        title: 'Poste du CCAS lent',
        communeId: t.org.communes.leBouscat,
        entityId: t.org.entities.ccasLeBouscat,
      }),
    );
    const own = await openTicket(t, 'mediatheque@le-bouscat.test', incident({ title: 'Mon badge' }));
    expect(own.entityId).toBe(t.org.entities.laSource);
    const h = await t.as('mediatheque@le-bouscat.test');
    const ids = (await t.app.inject({ url: '/api/v1/tickets?limit=500', headers: h }))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([library.id, own.id]));
    expect(ids).not.toContain(ccas.id);
    expect((await t.app.inject({ url: `/api/v1/tickets/${ccas.id}`, headers: h })).statusCode).toBe(404);
  });

  it('records first-contact resolution for a phone call resolved by level 1 without routing, not otherwise', async () => {
    const call = await openTicket(
      t,
      DESK,
      incident({ channel: 'phone', communeId: t.org.communes.leBouscat, requesterId: t.org.users[AGENT] }),
    );
    expect((await move(t, DESK, call.id, 'resolved')).json().firstContactResolution).toBe(true);
    const routed = await openTicket(t, DESK, incident({ channel: 'phone', communeId: t.org.communes.leBouscat }));
    const groups = (await t.app.inject({ url: '/api/v1/support-groups', headers: await t.as(DESK) })).json().items;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${routed.id}`,
      headers: await t.as(DESK),
      payload: { groupId: groups.find((g: { level: number }) => g.level === 2).id },
    });
    expect((await move(t, DESK, routed.id, 'resolved')).json().firstContactResolution).toBe(false);
    const portal = await openTicket(t, AGENT, incident());
    expect((await move(t, DESK, portal.id, 'resolved')).json().firstContactResolution).toBe(false);
    expect((await move(t, AGENT, call.id, 'reopened')).json().firstContactResolution).toBe(false);
  });

  it('isolates every route: another commune’s user gets 404, read and write; anonymous gets 401', async () => {
    const x = await openTicket(t, AGENT, incident({ title: 'isolation' }));
    const other = await openTicket(t, OTHER, incident({ title: 'other' }));
    const routes: Array<{ method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: unknown }> = [
      { method: 'GET', url: `/api/v1/tickets/${x.id}` },
      { method: 'PATCH', url: `/api/v1/tickets/${x.id}`, payload: { title: 'hack' } },
      { method: 'POST', url: `/api/v1/tickets/${x.id}/transitions`, payload: { to: 'closed' } },
      { method: 'GET', url: `/api/v1/tickets/${x.id}/comments` },
      { method: 'POST', url: `/api/v1/tickets/${x.id}/comments`, payload: { body: 'intrusion', internal: false } },
      { method: 'GET', url: `/api/v1/tickets/${x.id}/history` },
      { method: 'POST', url: `/api/v1/tickets/${x.id}/merge`, payload: { intoId: other.id } },
      { method: 'POST', url: `/api/v1/tickets/${x.id}/survey`, payload: { score: 3 } },
      { method: 'POST', url: '/api/v1/tickets/bulk-assign', payload: { ids: [x.id], assigneeId: null } },
    ];
    for (const who of [OTHER, OTHER_REFERENT]) {
      const h = await t.as(who);
      for (const r of routes) {
        const res = await t.app.inject({ method: r.method, url: r.url, headers: h, payload: r.payload as object });
        // bulk-assign is staff-only: a commune user is refused before scope matters.
        expect(res.statusCode, `${who} ${r.method} ${r.url}`).toBe(r.url.endsWith('bulk-assign') ? 403 : 404);
      }
      expect(
        (await t.app.inject({ url: `/api/v1/tickets?q=isolation`, headers: h }))
          .json()
          .items.map((i: { id: string }) => i.id),
      ).not.toContain(x.id);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/tickets',
            headers: h,
            payload: incident({ communeId: t.org.communes.leBouscat }),
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await t.app.inject({ url: `/api/v1/priority-matrix?communeId=${t.org.communes.leBouscat}`, headers: h }))
          .statusCode,
      ).toBe(404);
    }
    for (const r of [
      ...routes,
      { method: 'GET' as const, url: '/api/v1/tickets' },
      { method: 'POST' as const, url: '/api/v1/tickets', payload: incident() },
      { method: 'GET' as const, url: '/api/v1/ticket-categories' },
      { method: 'GET' as const, url: '/api/v1/support-groups' },
      { method: 'GET' as const, url: '/api/v1/priority-matrix' },
      {
        method: 'PUT' as const,
        url: '/api/v1/priority-matrix',
        payload: {
          cells: (await t.app.inject({ url: '/api/v1/priority-matrix', headers: await t.as(DESK) })).json().cells,
        },
      },
    ]) {
      const res = await t.app.inject({ method: r.method, url: r.url, headers: ANON, payload: r.payload as object });
      expect(res.statusCode, `anonymous ${r.method} ${r.url}`).toBe(401);
    }
  });
});
