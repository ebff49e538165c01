import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANON, describeEachDb, makeTestApp, type TestApp } from '../harness';
import { makeTicketRow, openTicket } from '../factories';

/**
 * Agreeing a target the contract leaves to be agreed (Le Bouscat's 3.3.2): the baseline of the
 * existing situation, a proposal, one approval per side, then the indicator and the clocks follow
 * the agreement from its effective date. Refusals name their field; other communes get 404.
 */
describeEachDb('agreeing a target from a measured baseline', (dialect) => {
  let t: TestApp;
  let lb: string;
  const CM = 'contrats@mutualis.test';
  const REF = 'referent@le-bouscat.test';
  const delays = { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' };
  const body = (over: Record<string, unknown> = {}) => ({
    baselineFrom: '2025-01-01',
    baselineTo: '2026-01-01',
    effectiveFrom: '2026-04-01',
    target: { kind: 'resolution_delay', byPriority: delays, targetShare: 0.9 },
    decisionRef: 'Comité de suivi du 2 mars 2026',
    ...over,
  });
  const send = async (who: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: who ? await t.as(who) : ANON, payload });
  const fields = (r: { json: () => { error: { details: { fields: Array<{ field: string }> } } } }) =>
    r.json().error.details.fields.map((f) => f.field);

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-03-02T09:00:00.000Z' });
    lb = t.org.communes.leBouscat;
    // The existing situation of 2025: incidents resolved in business hours per criticality, and a
    // request (never part of 3.3.2).
    const h = 3600;
    const resolved = [
      ['P1', 2],
      ['P1', 3],
      ['P1', 5],
      ['P2', 6],
      ['P2', 7],
      ['P3', 10],
      ['P4', 1],
    ] as const;
    for (const [i, [priority, hours]] of resolved.entries())
      await makeTicketRow(t.app.ctx.db, {
        communeId: lb,
        priority,
        type: 'incident',
        createdAt: `2025-06-${String(i + 2).padStart(2, '0')}T08:00:00.000Z`,
        resolvedAt: `2025-06-${String(i + 2).padStart(2, '0')}T18:00:00.000Z`,
        resolveBusinessSeconds: hours * h,
        status: 'closed',
      });
    await makeTicketRow(t.app.ctx.db, {
      communeId: lb,
      priority: 'P1',
      type: 'request',
      createdAt: '2025-06-20T08:00:00.000Z',
      resolvedAt: '2025-06-25T08:00:00.000Z',
      resolveBusinessSeconds: 30 * h,
      status: 'closed',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('Le Bouscat’s 3.3.2 is to be agreed: info, with a baseline and no invented target', async () => {
    const items = (await send(CM, 'GET', `/api/v1/communes/${lb}/indicators?period=2026-Q1`)).json().items as Array<
      Record<string, unknown>
    >;
    const i = items.find((x) => x.code === '3.3.2')!;
    expect(i).toMatchObject({ targetOrigin: 'to_be_agreed', status: 'info', agreement: null });
    expect(i.baseline).toBeTruthy();
    const b = await send(CM, 'GET', `/api/v1/communes/${lb}/indicators/3.3.2/baseline?from=2025-01-01&to=2026-01-01`);
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().groups.map((g: { group: string; count: number }) => [g.group, g.count])).toEqual([
      ['*', 7],
      ['P1', 3],
      ['P2', 2],
      ['P3', 1],
      ['P4', 1],
    ]);
    // p90 per criticality rounded up to the hour, never shorter for a lower criticality, at 90 %.
    expect(b.json()).toMatchObject({
      volume: 7,
      volumePerYear: 7,
      proposal: {
        kind: 'resolution_delay',
        byPriority: { P1: 'PT5H', P2: 'PT7H', P3: 'PT10H', P4: 'PT10H' },
        targetShare: 0.9,
      },
    });
    const future = await send(
      CM,
      'GET',
      `/api/v1/communes/${lb}/indicators/3.3.2/baseline?from=2026-01-01&to=2027-01-01`,
    );
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual(['baselineTo']);
  });

  it('refuses proposals with the field at fault, and targets the annex signs', async () => {
    const url = `/api/v1/communes/${lb}/indicators/3.3.2/target-proposals`;
    const past = await send(CM, 'POST', url, body({ effectiveFrom: '2026-01-01' }));
    expect(past.statusCode).toBe(400);
    expect(fields(past)).toEqual(['effectiveFrom']);
    const kind = await send(CM, 'POST', url, body({ target: { kind: 'acknowledgement', targetShare: 0.9 } }));
    expect(kind.statusCode).toBe(400);
    expect(fields(kind)).toEqual(['target.kind']);
    const decreasing = await send(
      CM,
      'POST',
      url,
      body({ target: { kind: 'resolution_delay', byPriority: { ...delays, P4: 'PT2H' }, targetShare: 0.9 } }),
    );
    expect(decreasing.statusCode).toBe(400);
    // 3.2.1's hours are signed in the annex: no agreement changes them.
    expect(
      (await send(CM, 'POST', `/api/v1/communes/${lb}/indicators/3.2.1/target-proposals`, body())).statusCode,
    ).toBe(409);
    expect((await send(null, 'POST', url, body())).statusCode).toBe(401);
    expect((await send('agent@le-bouscat.test', 'POST', url, body())).statusCode).toBe(403);
    expect((await send('referent@villedemo.test', 'POST', url, body())).statusCode).toBe(404);
  });

  it('becomes an agreement once each side approved; the indicator and new tickets follow it from its date', async () => {
    const p = await send(CM, 'POST', `/api/v1/communes/${lb}/indicators/3.3.2/target-proposals`, body());
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json()).toMatchObject({ status: 'proposed', awaiting: ['provider', 'commune'] });
    const id = p.json().id as string;
    // A second proposal waits for this one.
    expect(
      (await send(CM, 'POST', `/api/v1/communes/${lb}/indicators/3.3.2/target-proposals`, body())).statusCode,
    ).toBe(409);
    expect((await send('referent@villedemo.test', 'GET', `/api/v1/target-proposals/${id}`)).statusCode).toBe(404);
    expect(
      (await send('referent@villedemo.test', 'POST', `/api/v1/target-proposals/${id}/approvals`, {})).statusCode,
    ).toBe(404);
    const first = await send(CM, 'POST', `/api/v1/target-proposals/${id}/approvals`, { comment: 'Conforme au comité' });
    expect(first.json()).toMatchObject({ status: 'proposed', awaiting: ['commune'] });
    // The same side cannot approve twice (the director is provider side too).
    expect(
      (await send('directeur@mutualis.test', 'POST', `/api/v1/target-proposals/${id}/approvals`, {})).statusCode,
    ).toBe(409);
    const both = await send(REF, 'POST', `/api/v1/target-proposals/${id}/approvals`, {});
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json()).toMatchObject({ status: 'agreed', awaiting: [] });
    expect(
      both
        .json()
        .approvals.map((a: { side: string }) => a.side)
        .sort(),
    ).toEqual(['commune', 'provider']);
    expect((await send(CM, 'POST', `/api/v1/target-proposals/${id}/withdraw`, { reason: 'erreur' })).statusCode).toBe(
      409,
    );

    // Before its effective date, still to be agreed; from it, agreed (Q2 2026).
    const q1 = (await send(CM, 'GET', `/api/v1/communes/${lb}/indicators/3.3.2?period=2026-Q1`)).json();
    expect(q1.targetOrigin).toBe('to_be_agreed');
    t.clock.set('2026-04-02T08:00:00.000Z');
    const q2 = (await send(CM, 'GET', `/api/v1/communes/${lb}/indicators/3.3.2?period=2026-Q2`)).json();
    expect(q2).toMatchObject({
      targetOrigin: 'agreed',
      agreement: { id, decisionRef: 'Comité de suivi du 2 mars 2026' },
    });
    expect(q2.status).not.toBe('info');
    const ticket = await openTicket(t, 'agent@le-bouscat.test', { title: 'Messagerie indisponible' });
    expect(ticket.resolveTargetOrigin).toBe('agreed');
    const audit = await t.app.ctx.db.selectFrom('auditLog').select('action').where('targetId', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['target_proposal.create', 'target_proposal.approve']),
    );
  });
});
