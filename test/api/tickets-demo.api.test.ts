import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ticketList } from '../../src/server/modules/tickets/schemas';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';
import { incident, openTicket } from '../factories';
import { overCapMemo } from '../../src/server/modules/tickets/over-cap';

describeEachDb('demo ticket history (bulk seed)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { bulk: true, now: '2026-11-27T10:00:00.000Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('holds two years of tickets for both communes, clocks computed from the contract', async () => {
    const db = t.app.ctx.db;
    const per = await db
      .selectFrom('tickets')
      .select('communeId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('communeId')
      .execute();
    const count = (id: string) => Number(per.find((p) => p.communeId === id)?.n ?? 0);
    expect(count(t.org.communes.leBouscat)).toBeGreaterThan(2 * 1500 * 0.85);
    expect(count(t.org.communes.villedemo)).toBeGreaterThan(2 * 800 * 0.85);
    const noClock = await db
      .selectFrom('tickets')
      .select('id')
      .where('acknowledgeDueAt', 'is', null)
      .executeTakeFirst();
    expect(noClock).toBeUndefined();
    const open = await db
      .selectFrom('tickets')
      .select('status')
      .where('status', 'not in', ['resolved', 'closed'])
      .groupBy('status')
      .execute();
    expect(open.length).toBeGreaterThanOrEqual(3);
  });

  it('writes the ticket list as zod would (fast serializer), for real rows of every kind', async () => {
    for (const url of [
      '/api/v1/tickets?limit=100',
      '/api/v1/tickets?limit=100&status=pending,in_progress',
      '/api/v1/tickets?limit=100&sort=resolveDueAt&order=asc',
    ]) {
      const res = await t.app.inject({ url, headers: await t.as('directeur@mutualis.test') });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(JSON.stringify(z.encode(ticketList, ticketList.parse(res.json()))));
    }
  });

  it('reads the escalations of every generated escalated ticket in the one shape escalations write', async () => {
    const escalated = await t.app.ctx.db
      .selectFrom('tickets')
      .select('id')
      .where('referralLevel', '!=', 'ordinary')
      .execute();
    expect(escalated.length).toBeGreaterThan(5);
    const h = await t.as('directeur@mutualis.test');
    for (const { id } of escalated) {
      const res = await t.app.inject({ url: `/api/v1/tickets/${id}/escalations`, headers: h });
      expect(res.statusCode, res.body).toBe(200);
      for (const e of res.json().items as Array<Record<string, unknown>>) {
        expect(e).toMatchObject({ from: 'ordinary', automatic: expect.any(Boolean) as boolean });
        expect(['urgent', 'exceptional']).toContain(e.to);
        expect(typeof e.reason).toBe('string');
      }
    }
  });

  it('lets the referent browse the commune’s history and continues the reference counter', async () => {
    const list = (
      await t.app.inject({
        url: '/api/v1/tickets?limit=5&status=closed',
        headers: await t.as('referent@le-bouscat.test'),
      })
    ).json();
    expect(list.total).toBe(1000);
    const closed = await t.app.ctx.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('communeId', '=', t.org.communes.leBouscat)
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    // Over 1,000 matches the count stops there unless the exact count is asked for.
    expect(list).toMatchObject({ total: 1000, totalCapped: true });
    const exact = (
      await t.app.inject({
        url: '/api/v1/tickets?limit=5&status=closed&count=exact',
        headers: await t.as('referent@le-bouscat.test'),
      })
    ).json();
    expect(exact).toMatchObject({ total: Number(closed.n), totalCapped: false });
    expect(exact.items.map((i: { id: string }) => i.id)).toEqual(list.items.map((i: { id: string }) => i.id));
    // Pages past the cap stay reachable.
    const far = (
      await t.app.inject({
        url: '/api/v1/tickets?limit=5&status=closed&offset=1500',
        headers: await t.as('referent@le-bouscat.test'),
      })
    ).json();
    expect(far.items).toHaveLength(5);
    expect(far).toMatchObject({ total: 1000, totalCapped: true });
    // A page past the end still tells how many match; no match at all says 0.
    const past = (
      await t.app.inject({
        url: `/api/v1/tickets?limit=5&status=closed&offset=${Number(closed.n) + 10}&count=exact`,
        headers: await t.as('referent@le-bouscat.test'),
      })
    ).json();
    expect(past).toMatchObject({ items: [], total: Number(closed.n), totalCapped: false });
    const pastCapped = (
      await t.app.inject({
        url: `/api/v1/tickets?limit=5&status=closed&offset=${Number(closed.n) + 10}`,
        headers: await t.as('referent@le-bouscat.test'),
      })
    ).json();
    expect(pastCapped).toMatchObject({ items: [], total: 1000, totalCapped: true });
    // Search within and past the capped count, for the whole desk and for one commune, a word of
    // fewer than 1,000 tickets and one of more: the same tickets in the same order as the exact
    // count's path, the count capped alike.
    const ids = (page: { items: Array<{ id: string }> }) => page.items.map((i) => i.id);
    for (const who of ['directeur@mutualis.test', 'referent@le-bouscat.test']) {
      const h = await t.as(who);
      for (const word of ['imprimante', 'bou']) {
        const get = async (query: string) =>
          (await t.app.inject({ url: `/api/v1/tickets?q=${word}&${query}`, headers: h })).json();
        const whole = await get('limit=100&count=exact');
        expect(whole.total, `${who} ${word}`).toBeGreaterThan(word === 'bou' ? 1000 : 50);
        for (const [offset, limit, order] of [
          [0, 50, ''],
          [30, 20, ''],
          [0, 25, '&sort=resolveDueAt&order=asc'],
          [whole.total - 5, 10, ''],
        ] as const) {
          const capped = await get(`offset=${offset}&limit=${limit}${order}`);
          const exactPage = await get(`offset=${offset}&limit=${limit}${order}&count=exact`);
          expect(ids(capped), `${who} ${word} ${offset}${order}`).toEqual(ids(exactPage));
          expect(capped.total).toBe(Math.min(whole.total, 1000));
          expect(capped.totalCapped).toBe(whole.total > 1000);
        }
        expect(ids(await get('limit=20&offset=40'))).toEqual(ids(whole).slice(40, 60));
      }
      // PostgreSQL remembered "bou" as over the cap: the later pages above came from the memo's
      // path (their own matches only) and still equal the exact count's.
      if (dialect === 'postgres') expect(overCapMemo(t.app.ctx.db).size).toBeGreaterThan(0);
      // The list as it opens (the whole desk's, prepared once, for the director) matches the
      // built one (the exact count's), page after page.
      const list = async (query: string) =>
        (await t.app.inject({ url: `/api/v1/tickets?${query}`, headers: h })).json();
      const built = await list('limit=60&count=exact');
      expect(ids(await list('limit=30'))).toEqual(ids(built).slice(0, 30));
      const second = await list('limit=30&offset=30');
      expect(ids(second)).toEqual(ids(built).slice(30, 60));
      expect(second.total).toBe(Math.min(built.total, 1000));
    }
    const none = (
      await t.app.inject({ url: '/api/v1/tickets?q=zzzyxwv', headers: await t.as('referent@le-bouscat.test') })
    ).json();
    expect(none).toMatchObject({ items: [], total: 0, totalCapped: false });
    const bad = await t.app.inject({
      url: '/api/v1/tickets?count=all',
      headers: await t.as('referent@le-bouscat.test'),
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('count');
    expect(list.items.every((i: { communeId: string }) => i.communeId === t.org.communes.leBouscat)).toBe(true);
    const detail = (
      await t.app.inject({
        url: `/api/v1/tickets/${list.items[0].id}/history`,
        headers: await t.as('referent@le-bouscat.test'),
      })
    ).json();
    expect(detail.items[0].kind).toBe('created');
    const last = await t.app.ctx.db
      .selectFrom('tickets')
      .select('reference')
      .where('communeId', '=', t.org.communes.leBouscat)
      .where('reference', 'like', 'BOU-2026-%')
      .orderBy('reference', 'desc')
      .executeTakeFirstOrThrow();
    const fresh = await openTicket(t, 'agent@le-bouscat.test', incident());
    expect(Number(fresh.reference.slice(-6))).toBe(Number(last.reference.slice(-6)) + 1);
  });
});
