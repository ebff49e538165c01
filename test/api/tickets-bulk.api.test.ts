import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON, describeEachDb, makeBareApp, type BareTestApp } from '../harness';
import { makeCalendar, makeServiceDesk, makeUser, openTicket, type ServiceDesk } from '../factories';
import { move } from './tickets-helpers';

// Bulk status changes and merges (the ticket list's bulk actions): each ticket through the single
// route's command, in its own transaction, and a summary of what changed and why the rest did not.
describeEachDb('tickets bulk actions', (dialect) => {
  let t: BareTestApp;
  let d: ServiceDesk;
  let northOnly: { id: string; email: string };

  beforeAll(async () => {
    t = await makeBareApp(dialect, { now: '2026-03-04T09:00:00.000Z' });
    d = await makeServiceDesk(t);
    await makeCalendar(t, d.otherCommuneId, 'Mairie de Sudville');
    northOnly = await makeUser(t, { roles: ['call_centre_agent'], assigned: [d.communeId], name: 'Nina Nord' });
  });
  afterAll(async () => {
    await t.close();
  });

  const post = async (email: string, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: await t.as(email), payload: payload as object });
  const bulkMove = (email: string, payload: unknown) => post(email, '/api/v1/tickets/bulk-transition', payload);
  const bulkMerge = (email: string, payload: unknown) => post(email, '/api/v1/tickets/bulk-merge', payload);
  const get = async (email: string, id: string) =>
    (await t.app.inject({ url: `/api/v1/tickets/${id}`, headers: await t.as(email) })).json();
  const history = async (id: string) =>
    (await t.app.inject({ url: `/api/v1/tickets/${id}/history`, headers: await t.as(d.admin.email) })).json()
      .items as Array<{ kind: string; data: Record<string, unknown>; actorId: string | null }>;

  describe('bulk-transition', () => {
    it('moves the tickets the rules allow, skips the others with a reason, in the order given', async () => {
      const fresh = await openTicket(t, d.requester.email, { title: 'bulk new' });
      const resolved = await openTicket(t, d.requester.email, { title: 'bulk resolved' });
      const waiting = await openTicket(t, d.referent.email, { title: 'bulk pending' });
      expect((await move(t, d.agent.email, resolved.id, 'resolved')).statusCode).toBe(200);
      expect((await move(t, d.agent.email, waiting.id, 'pending')).statusCode).toBe(200);

      const res = await bulkMove(d.agent.email, {
        ids: [resolved.id, fresh.id, 'no-such-ticket', waiting.id],
        to: 'pending',
        comment: 'Nous attendons le numéro de série.',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        items: [
          {
            id: resolved.id,
            reference: resolved.reference,
            from: 'resolved',
            to: 'pending',
            outcome: 'skipped',
            reason: 'invalid_transition',
          },
          { id: fresh.id, reference: fresh.reference, from: 'new', to: 'pending', outcome: 'changed' },
          { id: 'no-such-ticket', reference: null, from: null, to: 'pending', outcome: 'skipped', reason: 'not_found' },
          {
            id: waiting.id,
            reference: waiting.reference,
            from: 'pending',
            to: 'pending',
            outcome: 'skipped',
            reason: 'already_in_status',
          },
        ],
        changed: 1,
        skipped: 3,
      });
      expect((await get(d.agent.email, fresh.id)).status).toBe('pending');
      expect((await get(d.agent.email, resolved.id)).status).toBe('resolved');
    });

    it('writes each ticket’s history, comment and audit as the single route does', async () => {
      const a = await openTicket(t, d.requester.email, { title: 'bulk history a' });
      const b = await openTicket(t, d.requester.email, { title: 'bulk history b' });
      const res = await bulkMove(d.technician.email, { ids: [a.id, b.id], to: 'in_progress', comment: 'On regarde.' });
      expect(res.json().changed).toBe(2);
      for (const x of [a, b]) {
        const h = await history(x.id);
        const status = h.filter((e) => e.kind === 'status');
        expect(status).toHaveLength(1);
        expect(status[0]).toMatchObject({
          actorId: d.technician.id,
          data: { from: 'new', to: 'in_progress', comment: 'On regarde.' },
        });
        expect(h.filter((e) => e.kind === 'comment').map((e) => e.data.body)).toEqual(['On regarde.']);
        const ticket = await get(d.technician.email, x.id);
        expect(ticket.acknowledgedAt).toBeTruthy();
        expect(ticket.comments.map((c: { body: string }) => c.body)).toEqual(['On regarde.']);
      }
      const audit = await t.app.ctx.db
        .selectFrom('auditLog')
        .select('targetId')
        .where('action', '=', 'ticket.transition')
        .where('targetId', 'in', [a.id, b.id])
        .execute();
      expect(audit).toHaveLength(2);
    });

    it('reports another commune’s ticket as not found, exactly as an unknown id, and leaves it alone', async () => {
      const north = await openTicket(t, d.requester.email, { title: 'bulk north' });
      const south = await openTicket(t, d.otherRequester.email, { title: 'bulk south' });
      const res = await bulkMove(northOnly.email, { ids: [north.id, south.id, 'no-such-ticket'], to: 'acknowledged' });
      expect(res.statusCode).toBe(200);
      const [n, s, none] = res.json().items;
      expect(n).toMatchObject({ outcome: 'changed', reference: north.reference });
      expect({ ...s, id: 'x' }).toEqual({ ...none, id: 'x' });
      expect(s).toMatchObject({ outcome: 'skipped', reason: 'not_found', reference: null, from: null });
      expect(res.body).not.toContain(south.reference);
      expect((await get(d.admin.email, south.id)).status).toBe('new');
      expect((await history(south.id)).filter((e) => e.kind === 'status')).toHaveLength(0);
    });

    it('is for staff who work tickets: 403 to commune users, 401 anonymously', async () => {
      const x = await openTicket(t, d.requester.email, { title: 'bulk staff only' });
      for (const who of [d.requester.email, d.referent.email, d.otherReferent.email]) {
        expect((await bulkMove(who, { ids: [x.id], to: 'acknowledged' })).statusCode, who).toBe(403);
      }
      const anon = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tickets/bulk-transition',
        headers: ANON,
        payload: { ids: [x.id], to: 'acknowledged' },
      });
      expect(anon.statusCode).toBe(401);
      expect((await get(d.admin.email, x.id)).status).toBe('new');
    });

    it('answers 400 naming the field for bad input', async () => {
      const x = await openTicket(t, d.requester.email, { title: 'bulk bad input' });
      const field = async (payload: unknown) => {
        const res = await bulkMove(d.agent.email, payload);
        expect(res.statusCode, res.body).toBe(400);
        return res.json().error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
      };
      expect(await field({ ids: [], to: 'pending' })).toEqual(['ids:too_few']);
      expect(await field({ ids: Array.from({ length: 201 }, (_, i) => `t${i}`), to: 'pending' })).toEqual([
        'ids:too_many',
      ]);
      expect(await field({ ids: [x.id, x.id], to: 'pending' })).toEqual(['ids:invalid']);
      expect(await field({ ids: [x.id], to: 'archived' })).toEqual(['to:invalid_option']);
      expect((await field({ ids: [x.id] })).map((f: string) => f.split(':')[0])).toEqual(['to']);
      expect((await get(d.admin.email, x.id)).status).toBe('new');
    });
  });

  describe('bulk-merge', () => {
    it('merges the duplicates into the target and says why the others were skipped', async () => {
      const keep = await openTicket(t, d.requester.email, { title: 'Wi-Fi du conseil' });
      const dup1 = await openTicket(t, d.referent.email, { title: 'Pas de Wi-Fi' });
      const dup2 = await openTicket(t, d.requester.email, { title: 'Wi-Fi coupé' });
      const closed = await openTicket(t, d.requester.email, { title: 'Wi-Fi déjà fermé' });
      await move(t, d.agent.email, closed.id, 'resolved');
      await move(t, d.agent.email, closed.id, 'closed');
      const south = await openTicket(t, d.otherRequester.email, { title: 'Wi-Fi Sudville' });
      const reply = await post(d.referent.email, `/api/v1/tickets/${dup1.id}/comments`, {
        body: 'toujours rien',
        internal: false,
      });
      expect(reply.statusCode, reply.body).toBe(201);

      const res = await bulkMerge(d.agent.email, {
        ids: [dup1.id, keep.id, closed.id, south.id, 'no-such-ticket', dup2.id],
        intoId: keep.id,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        into: { id: keep.id, reference: keep.reference },
        items: [
          { id: dup1.id, reference: dup1.reference, from: 'new', outcome: 'merged' },
          { id: keep.id, reference: keep.reference, from: 'new', outcome: 'skipped', reason: 'same_ticket' },
          { id: closed.id, reference: closed.reference, from: 'closed', outcome: 'skipped', reason: 'already_closed' },
          { id: south.id, reference: south.reference, from: 'new', outcome: 'skipped', reason: 'other_commune' },
          { id: 'no-such-ticket', reference: null, from: null, outcome: 'skipped', reason: 'not_found' },
          { id: dup2.id, reference: dup2.reference, from: 'new', outcome: 'merged' },
        ],
        merged: 2,
        skipped: 4,
      });
      for (const dup of [dup1, dup2]) {
        expect(await get(d.agent.email, dup.id)).toMatchObject({ status: 'closed', mergedIntoId: keep.id });
        expect((await history(dup.id)).filter((e) => e.kind === 'merged')).toHaveLength(1);
      }
      expect(
        (await history(keep.id))
          .filter((e) => e.kind === 'merged_from')
          .map((e) => e.data.fromId)
          .sort(),
      ).toEqual([dup1.id, dup2.id].sort());
      expect((await get(d.agent.email, keep.id)).comments.map((c: { body: string }) => c.body)).toContain(
        'toujours rien',
      );
      expect((await get(d.admin.email, south.id)).status).toBe('new');

      // Merging again: the duplicates are now closed.
      const again = await bulkMerge(d.agent.email, { ids: [dup1.id], intoId: keep.id });
      expect(again.json().items[0]).toMatchObject({ outcome: 'skipped', reason: 'already_closed' });
    });

    it('answers 404 for a target the caller cannot see, 400 naming intoId for a closed one', async () => {
      const north = await openTicket(t, d.requester.email, { title: 'merge north' });
      const south = await openTicket(t, d.otherRequester.email, { title: 'merge south' });
      const hidden = await bulkMerge(northOnly.email, { ids: [north.id], intoId: south.id });
      const unknown = await bulkMerge(northOnly.email, { ids: [north.id], intoId: 'no-such-ticket' });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.body).toBe(unknown.body);
      // A duplicate of another commune is not told apart from an unknown id either.
      const target = await openTicket(t, d.requester.email, { title: 'merge north target' });
      const res = await bulkMerge(northOnly.email, { ids: [south.id], intoId: target.id });
      expect(res.json().items[0]).toEqual({
        id: south.id,
        reference: null,
        from: null,
        outcome: 'skipped',
        reason: 'not_found',
      });
      expect((await get(d.admin.email, south.id)).status).toBe('new');

      await move(t, d.agent.email, target.id, 'resolved');
      await move(t, d.agent.email, target.id, 'closed');
      const closed = await bulkMerge(d.agent.email, { ids: [north.id], intoId: target.id });
      expect(closed.statusCode).toBe(400);
      expect(closed.json().error.details.fields[0].field).toBe('intoId');
      expect((await get(d.agent.email, north.id)).status).toBe('new');
    });

    it('answers 400 for bad ids and 403 to commune users', async () => {
      const x = await openTicket(t, d.requester.email, { title: 'merge bad input' });
      const y = await openTicket(t, d.requester.email, { title: 'merge bad input target' });
      const dup = await bulkMerge(d.agent.email, { ids: [x.id, x.id], intoId: y.id });
      expect(dup.statusCode).toBe(400);
      expect(dup.json().error.details.fields[0].field).toBe('ids');
      const none = await bulkMerge(d.agent.email, { ids: [x.id] });
      expect(none.json().error.details.fields[0]).toMatchObject({ field: 'intoId', code: 'required' });
      expect((await bulkMerge(d.referent.email, { ids: [x.id], intoId: y.id })).statusCode).toBe(403);
    });
  });
});
