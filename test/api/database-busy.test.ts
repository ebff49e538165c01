import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBareApp, type BareTestApp } from '../harness';
import { incident, makeServiceDesk, type ServiceDesk } from '../factories';
import { deliverPendingNotifications } from '../../src/server/modules/notifications/listeners';

// Another process holding SQLite's write lock past the busy timeout (5 s): the write is refused
// with 503 and Retry-After, nothing of it is written, and the next try succeeds; a notification
// met by the lock stays pending without counting as a failure of its own.
describe('a database busy past its timeout [sqlite]', () => {
  let t: BareTestApp;
  let d: ServiceDesk;
  beforeAll(async () => {
    t = await makeBareApp('sqlite', { now: '2026-03-04T09:00:00.000Z' });
    d = await makeServiceDesk(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 with Retry-After, writes nothing, and serves the retry', async () => {
    const other = new BetterSqlite3(t.app.ctx.database.sqlite!.name);
    const headers = await t.as(d.requester.email);
    const count = async () =>
      Number(
        (
          await t.app.ctx.db
            .selectFrom('tickets')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers,
        payload: incident({ title: 'Pendant la sauvegarde' }),
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json().error).toMatchObject({ code: 'unavailable' });
      expect(res.json().error.message).toMatch(/busy/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await count()).toBe(before);
    const retry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers,
      payload: incident({ title: 'Pendant la sauvegarde' }),
    });
    expect(retry.statusCode).toBe(201);
    expect(await count()).toBe(before + 1);
  }, 20_000);

  it('leaves a notification pending, uncounted, while the database is busy; it goes out once free', async () => {
    await t.app.ctx.events.stop();
    const headers = await t.as(d.requester.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers,
      payload: incident({ title: 'Écran noir au CCAS' }),
    });
    const id = created.json().id as string;
    const entry = () =>
      t.app.ctx.db
        .selectFrom('ticketHistory')
        .select(['notifyPending', 'notifyFailures'])
        .where('ticketId', '=', id)
        .where('kind', '=', 'created')
        .executeTakeFirstOrThrow();
    expect(await entry()).toEqual({ notifyPending: 1, notifyFailures: 0 });
    const other = new BetterSqlite3(t.app.ctx.database.sqlite!.name);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(await deliverPendingNotifications(t.app.ctx, id)).toBe(0);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await entry()).toEqual({ notifyPending: 1, notifyFailures: 0 });
    expect(await deliverPendingNotifications(t.app.ctx, id)).toBe(1);
    expect(await entry()).toEqual({ notifyPending: 0, notifyFailures: 0 });
  }, 20_000);
});
