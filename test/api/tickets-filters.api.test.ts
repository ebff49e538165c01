import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';
import { makeTicketRow } from '../factories';

// Issue 13: the ticket list's filters — assignee (me, nobody), channel, sub-domain, created and due
// days (in France), SLA state — each narrowing what the caller may see, bad values named.
const DESK = 'accueil@mutualis.test';
const TECH = 'technicien@mutualis.test';
const NOW = '2026-03-04T09:00:00.000Z';

describeEachDb('tickets API: list filters', (dialect) => {
  let t: TestApp;
  let lb: string;
  let vd: string;
  const ids: Record<string, string> = {};
  const hour = 3_600_000;
  const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: NOW });
    lb = t.org.communes.leBouscat;
    vd = t.org.communes.villedemo;
    const db = t.app.ctx.db;
    const tech = t.org.users[TECH]!;
    // Created 23:30 and 00:30 in Paris around midnight of 3 → 4 March (UTC+1 in March).
    ids.lateEvening = await makeTicketRow(db, {
      communeId: lb,
      createdAt: '2026-03-03T22:30:00.000Z',
      channel: 'phone',
    });
    ids.afterMidnight = await makeTicketRow(db, {
      communeId: lb,
      createdAt: '2026-03-03T23:30:00.000Z',
      channel: 'email',
      subdomain: 'A',
      assigneeId: tech,
    });
    // SLA states, against the clock at NOW.
    ids.breachedOpen = await makeTicketRow(db, {
      communeId: lb,
      createdAt: at(-10 * hour),
      status: 'acknowledged',
      acknowledgedAt: at(-9 * hour),
      acknowledgeDueAt: at(-8 * hour),
      resolveDueAt: at(-hour),
    });
    ids.breachedFlag = await makeTicketRow(db, {
      communeId: lb,
      createdAt: at(-50 * hour),
      status: 'resolved',
      acknowledgedAt: at(-49 * hour),
      resolvedAt: at(-2 * hour),
      resolveDueAt: at(-10 * hour),
      resolveBreached: 1,
    });
    ids.ackLate = await makeTicketRow(db, {
      communeId: lb,
      createdAt: at(-2 * hour),
      acknowledgeDueAt: at(-hour),
      resolveDueAt: at(40 * hour),
    });
    ids.atRisk = await makeTicketRow(db, {
      communeId: lb,
      createdAt: at(-hour),
      status: 'in_progress',
      acknowledgedAt: at(-hour),
      acknowledgeDueAt: at(0),
      resolveDueAt: at(3 * hour),
    });
    ids.calm = await makeTicketRow(db, {
      communeId: lb,
      createdAt: at(-hour),
      status: 'in_progress',
      acknowledgedAt: at(-hour),
      acknowledgeDueAt: at(0),
      resolveDueAt: at(72 * hour),
    });
    ids.paused = await makeTicketRow(db, {
      communeId: lb,
      createdAt: at(-hour),
      status: 'pending',
      acknowledgedAt: at(-hour),
      pausedSince: at(-hour / 2),
      resolveDueAt: at(2 * hour),
    });
    ids.otherCommune = await makeTicketRow(db, {
      communeId: vd,
      createdAt: at(-10 * hour),
      resolveDueAt: at(-hour),
      channel: 'phone',
    });
  });
  afterAll(async () => {
    await t.close();
  }, 30_000);

  const list = async (query: string, email = DESK) => {
    const r = await t.app.inject({ url: `/api/v1/tickets?limit=200&${query}`, headers: await t.as(email) });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().items as Array<{ id: string }>).map((x) => x.id);
  };
  const mine = (got: string[]) => Object.keys(ids).filter((k) => got.includes(ids[k]!));

  it('narrows by SLA state: breached, at risk, paused, and any of several', async () => {
    expect(mine(await list('sla=breached'))).toEqual(
      expect.arrayContaining(['breachedOpen', 'breachedFlag', 'ackLate', 'otherCommune']),
    );
    expect(mine(await list('sla=breached')).filter((k) => ['atRisk', 'calm', 'paused'].includes(k))).toEqual([]);
    expect(mine(await list('sla=at_risk'))).toEqual(['atRisk']);
    expect(mine(await list('sla=paused'))).toEqual(['paused']);
    expect(mine(await list('sla=paused,at_risk')).sort()).toEqual(['atRisk', 'paused']);
  });

  it('narrows by assignee (me, nobody), channel and sub-domain', async () => {
    expect(mine(await list('assignee=me', TECH))).toEqual(['afterMidnight']);
    const none = mine(await list('assignee=none'));
    expect(none).toContain('lateEvening');
    expect(none).not.toContain('afterMidnight');
    expect(mine(await list('channel=phone'))).toEqual(expect.arrayContaining(['lateEvening', 'otherCommune']));
    expect(mine(await list('channel=phone,email')).sort()).toEqual(['afterMidnight', 'lateEvening', 'otherCommune']);
    expect(mine(await list('subdomain=A'))).toEqual(['afterMidnight']);
  });

  it('reads created and due days as days in France', async () => {
    expect(mine(await list('createdFrom=2026-03-04&createdTo=2026-03-04'))).toContain('afterMidnight');
    expect(mine(await list('createdFrom=2026-03-04&createdTo=2026-03-04'))).not.toContain('lateEvening');
    expect(mine(await list('createdFrom=2026-03-03&createdTo=2026-03-03'))).toContain('lateEvening');
    expect(mine(await list('createdTo=2026-03-03'))).not.toContain('afterMidnight');
    // Due on 7 March (NOW + 72 h): only the calm one.
    expect(mine(await list('dueFrom=2026-03-07&dueTo=2026-03-07'))).toEqual(['calm']);
  });

  it('keeps to the caller’s communes', async () => {
    const agent = mine(await list('sla=breached&channel=phone', 'agent@le-bouscat.test'));
    expect(agent).not.toContain('otherCommune');
    const other = mine(await list('sla=breached', 'agent@villedemo.test'));
    expect(other.filter((k) => k !== 'otherCommune')).toEqual([]);
  });

  it('sums the desk by commune (backlog, breached, at risk, unassigned) and by week, in the caller’s scope', async () => {
    const get = async (email: string, query = '') => {
      const r = await t.app.inject({ url: `/api/v1/tickets/summary${query}`, headers: await t.as(email) });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const all = await get('directeur@mutualis.test', '?weeks=2');
    const row = (id: string) => all.items.find((x: { communeId: string }) => x.communeId === id);
    expect(row(lb)).toMatchObject({ open: 7, breached: 2, atRisk: 1, unassigned: 6 });
    expect(row(vd)).toMatchObject({ open: 1, breached: 1, atRisk: 0, unassigned: 1 });
    expect(all.totals).toEqual({ open: 8, breached: 3, atRisk: 1, unassigned: 7 });
    // Wednesday 4 March: the week of 2 March holds every ticket made above, the resolved one too.
    expect(all.trend).toEqual([
      { weekStart: '2026-02-23', opened: 0, resolved: 0 },
      { weekStart: '2026-03-02', opened: 9, resolved: 1 },
    ]);
    expect((await get(DESK)).trend).toHaveLength(8);
    // A commune's referent counts their own commune only; the other commune is not even listed.
    const referent = await get('referent@villedemo.test');
    expect(referent.items.map((x: { communeId: string }) => x.communeId)).toEqual([vd]);
    expect(referent.totals.open).toBe(1);
    // A requester counts the tickets they may see: their own (none here).
    expect((await get('agent@villedemo.test')).totals.open).toBe(0);
    const bad = await t.app.inject({ url: '/api/v1/tickets/summary?weeks=40', headers: await t.as(DESK) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toContain('weeks');
  });

  it('names the faulty filter', async () => {
    for (const [query, field] of [
      ['sla=late', 'sla'],
      ['assignee=someone', 'assignee'],
      ['channel=fax', 'channel'],
      ['subdomain=ab', 'subdomain'],
      ['createdFrom=2026-13-45', 'createdFrom'],
      ['dueTo=2026-02-30', 'dueTo'],
    ]) {
      const r = await t.app.inject({ url: `/api/v1/tickets?${query}`, headers: await t.as(DESK) });
      expect(r.statusCode, query).toBe(400);
      expect(r.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });
});
