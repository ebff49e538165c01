import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../harness';
import { as, ensureCalendar, incident } from './tickets-helpers';

// Another process holding SQLite's write lock past the busy timeout (5 s): the write is refused
// with 503 and Retry-After, nothing of it is written, and the next try succeeds.
describe('a database busy past its timeout [sqlite]', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('sqlite', { now: '2026-03-04T09:00:00.000Z' });
    await ensureCalendar(t, t.org.communes.leBouscat);
  });
  afterAll(async () => { await t.close(); });

  it('answers 503 with Retry-After, writes nothing, and serves the retry', async () => {
    const other = new BetterSqlite3(t.app.ctx.database.sqlite!.name);
    const headers = await as(t, 'agent@le-bouscat.test');
    const count = async () => Number((await t.app.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: incident({ title: 'Pendant la sauvegarde' }) });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json().error).toMatchObject({ code: 'unavailable' });
      expect(res.json().error.message).toMatch(/busy/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await count()).toBe(before);
    const retry = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: incident({ title: 'Pendant la sauvegarde' }) });
    expect(retry.statusCode).toBe(201);
    expect(await count()).toBe(before + 1);
  }, 20_000);
});
