import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema';
import { describeEachDb, makeTestApp, type TestApp } from '../harness';
import { makeCommuneWithContract, makeTicketRow } from '../factories';
import { measureCommune } from '../../src/server/modules/indicators/engine';
import { parsePeriod } from '../../src/server/modules/indicators/periods';
import { ackAggregateQuery, resolveAggregateQuery } from '../../src/server/modules/indicators/queries';

/**
 * The trend cache of closed periods (src/server/modules/indicators/trend-cache.ts): what it
 * stores, that it is read, and that every kind of ticket change behind a cached period
 * invalidates it — whatever code writes the ticket (here: plain SQL updates, as a migration, a
 * script or another module would). After each change the dashboard must equal a computation
 * without any cache.
 */
describeEachDb('indicators trend cache', (dialect) => {
  let t: TestApp;
  let db: Kysely<DB>;
  let tv: string;
  const ids: Record<string, string> = {};
  const Q = '2026-Q1';
  // Paris quarter starts (UTC): the keys of the cached trend buckets of 2026-Q1.
  const Q2025 = {
    q1: '2024-12-31T23:00:00.000Z',
    q2: '2025-03-31T22:00:00.000Z',
    q3: '2025-06-30T22:00:00.000Z',
    q4: '2025-09-30T22:00:00.000Z',
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: '2026-04-15T10:00:00.000Z' });
    db = t.app.ctx.db;
    ({ communeId: tv } = await makeCommuneWithContract(db, {
      name: 'Cacheville',
      slug: 'cacheville',
      at: '2024-12-01T00:00:00.000Z',
      firstFrom: '2025-01-01',
      amendmentFrom: '2026-02-01',
      assign: [t.org.users['contrats@mutualis.test']!],
      v1: () => {},
      v2: () => {},
    }));
    const c = { communeId: tv };
    const resolved = (createdAt: string, resolvedAt: string, more: Record<string, unknown> = {}) =>
      makeTicketRow(db, {
        ...c,
        createdAt,
        acknowledgedAt: createdAt,
        ackBusinessSeconds: 1800,
        resolvedAt,
        resolveBusinessSeconds: 7200,
        status: 'resolved',
        ...more,
      });
    ids.q1 = await resolved('2025-02-03T09:00:00.000Z', '2025-02-04T09:00:00.000Z', { priority: 'P2' });
    ids.q2a = await resolved('2025-05-05T09:00:00.000Z', '2025-05-06T09:00:00.000Z');
    ids.q2b = await resolved('2025-05-07T09:00:00.000Z', '2025-05-07T15:00:00.000Z', { firstContactResolution: 1 });
    // Created in 2025-Q3, resolved in 2025-Q3; another created in Q3 and resolved in Q4.
    ids.q3 = await resolved('2025-08-04T09:00:00.000Z', '2025-08-05T09:00:00.000Z', { priority: 'P1' });
    ids.q3to4 = await resolved('2025-09-29T09:00:00.000Z', '2025-10-02T09:00:00.000Z');
    ids.q4 = await resolved('2025-11-03T09:00:00.000Z', '2025-11-04T09:00:00.000Z');
    ids.cur = await resolved('2026-02-03T09:00:00.000Z', '2026-02-04T09:00:00.000Z');
  });
  afterAll(async () => {
    await t.close();
  });

  type Item = { code: string; trend: Array<{ period: string; value: number | null; volume: number | null }> };
  const dashboard = async (period = Q): Promise<Item[]> => {
    const res = await t.app.inject({
      url: `/api/v1/communes/${tv}/indicators?period=${period}`,
      headers: await t.as('contrats@mutualis.test'),
    });
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };
  /** The trends by code, computed without the cache. */
  const liveTrends = async (period = Q) => {
    const list = await measureCommune(db, tv, parsePeriod(period)!, { locale: 'fr', trendPeriods: 4 });
    return Object.fromEntries(list.map((m) => [m.code, m.trend]));
  };
  const trends = (items: Item[]) => Object.fromEntries(items.map((m) => [m.code, m.trend]));
  const point = (items: Item[], code: string, period: string) =>
    items.find((i) => i.code === code)!.trend.find((p) => p.period === period)!;
  const cacheRows = () =>
    db
      .selectFrom('indicatorTrendCache')
      .selectAll()
      .where('communeId', '=', tv)
      .orderBy('fromUtc')
      .orderBy('kind')
      .execute();
  const versions = () =>
    db
      .selectFrom('indicatorDataVersions')
      .select(['month', 'version'])
      .where('communeId', '=', tv)
      .orderBy('month')
      .execute();

  /** Fills the cache, applies `change`, then expects the dashboard to equal the live computation and the point to have moved. */
  const expectInvalidated = async (change: () => Promise<unknown>, code: string, period: string) => {
    const before = await dashboard();
    expect((await cacheRows()).length).toBe(8);
    await change();
    const after = await dashboard();
    expect(trends(after)).toEqual(await liveTrends());
    expect(point(after, code, period)).not.toEqual(point(before, code, period));
  };

  it('stores the ack and resolve rows of the four closed trend quarters, and serves the same dashboard again', async () => {
    const first = await dashboard();
    const rows = await cacheRows();
    expect(rows.map((r) => `${r.fromUtc} ${r.kind}`)).toEqual([
      `${Q2025.q1} ack`,
      `${Q2025.q1} resolve`,
      `${Q2025.q2} ack`,
      `${Q2025.q2} resolve`,
      `${Q2025.q3} ack`,
      `${Q2025.q3} resolve`,
      `${Q2025.q4} ack`,
      `${Q2025.q4} resolve`,
    ]);
    expect(rows.find((r) => r.fromUtc === Q2025.q2 && r.kind === 'ack')!.toUtc).toBe(Q2025.q3);
    expect(JSON.parse(rows.find((r) => r.fromUtc === Q2025.q2 && r.kind === 'ack')!.rows)).toEqual([
      { volume: 2, met: 2, acknowledged: 2, excluded: 0 },
    ]);
    expect(trends(first)).toEqual(await liveTrends());
    expect(point(first, 'SD.volume', '2025-Q2')).toEqual({ period: '2025-Q2', value: 2, volume: 2 });
    expect(await dashboard()).toEqual(first);
  });

  it('reads the cache, and a change in another month leaves a closed quarter cached', async () => {
    await dashboard();
    // Marks the cached 2025-Q2 creation bucket, to see where the dashboard reads it from.
    await db
      .updateTable('indicatorTrendCache')
      .set({ rows: JSON.stringify([{ volume: 999, met: 999, acknowledged: 999 }]) })
      .where('communeId', '=', tv)
      .where('kind', '=', 'ack')
      .where('fromUtc', '=', Q2025.q2)
      .execute();
    expect(point(await dashboard(), 'SD.volume', '2025-Q2').volume).toBe(999);
    // Today's work (a ticket of the current quarter received, one updated) does not touch 2025-Q2.
    await makeTicketRow(db, { communeId: tv, createdAt: '2026-03-02T09:00:00.000Z' });
    await db.updateTable('tickets').set({ ackBreached: 1 }).where('id', '=', ids.cur!).execute();
    expect(point(await dashboard(), 'SD.volume', '2025-Q2').volume).toBe(999);
    // A ticket received in May 2025, entered late: 2025-Q2 is recomputed.
    await makeTicketRow(db, { communeId: tv, createdAt: '2025-05-20T09:00:00.000Z' });
    const after = await dashboard();
    expect(point(after, 'SD.volume', '2025-Q2').volume).toBe(3);
    expect(trends(after)).toEqual(await liveTrends());
  });

  it('an update of a column the aggregates do not read bumps no version', async () => {
    const before = await versions();
    await db
      .updateTable('tickets')
      .set({ title: 'Renamed', updatedAt: '2026-04-15T10:00:00.000Z', status: 'closed' })
      .where('id', '=', ids.q2a!)
      .execute();
    expect(await versions()).toEqual(before);
    await db.updateTable('tickets').set({ reopenCount: 1 }).where('id', '=', ids.q2a!).execute();
    expect((await versions()).find((v) => v.month === '2025-05')!.version).toBeGreaterThan(
      before.find((v) => v.month === '2025-05')!.version,
    );
  });

  it('a breach flag changed on an old ticket', () =>
    expectInvalidated(
      () => db.updateTable('tickets').set({ ackBreached: 1 }).where('id', '=', ids.q1!).execute(),
      '3.3.1',
      '2025-Q1',
    ));

  it('a survey answered late on a ticket resolved in a closed quarter', () =>
    expectInvalidated(
      () => db.updateTable('tickets').set({ satisfaction: 4 }).where('id', '=', ids.q4!).execute(),
      'SD.satisfaction',
      '2025-Q4',
    ));

  it('a ticket merged into another', () =>
    expectInvalidated(
      () => db.updateTable('tickets').set({ mergedIntoId: ids.q2a! }).where('id', '=', ids.q2b!).execute(),
      'SD.fcr',
      '2025-Q2',
    ));

  it('a resolution moved from one closed quarter to another (both recomputed)', async () => {
    await expectInvalidated(
      () =>
        db
          .updateTable('tickets')
          .set({ resolvedAt: '2025-07-01T09:00:00.000Z' })
          .where('id', '=', ids.q3to4!)
          .execute(),
      '3.3.2',
      '2025-Q4',
    );
    const items = await dashboard();
    expect(point(items, '3.3.2', '2025-Q3').volume).toBe(2);
    expect(point(items, '3.3.2', '2025-Q4').volume).toBe(1);
  });

  it('a ticket reopened (its resolution cleared)', () =>
    expectInvalidated(
      () =>
        db
          .updateTable('tickets')
          .set({ resolvedAt: null, resolveBusinessSeconds: null, status: 'in_progress' })
          .where('id', '=', ids.q3!)
          .execute(),
      '3.3.2',
      '2025-Q3',
    ));

  it('a ticket deleted', () =>
    expectInvalidated(() => db.deleteFrom('tickets').where('id', '=', ids.q1!).execute(), 'SD.volume', '2025-Q1'));

  it('a ticket moved to another commune invalidates both communes', async () => {
    const other = t.org.communes.villedemo;
    const id = await makeTicketRow(db, { communeId: other, createdAt: '2025-11-05T09:00:00.000Z' });
    const otherVersion = async () =>
      (
        await db
          .selectFrom('indicatorDataVersions')
          .select('version')
          .where('communeId', '=', other)
          .where('month', '=', '2025-11')
          .executeTakeFirstOrThrow()
      ).version;
    const before = await otherVersion();
    await expectInvalidated(
      () => db.updateTable('tickets').set({ communeId: tv }).where('id', '=', id).execute(),
      'SD.volume',
      '2025-Q4',
    );
    expect(await otherVersion()).toBe(before + 1);
  });

  it('a write landing while a trend is computed leaves no stale entry behind', async () => {
    await dashboard();
    await db.deleteFrom('indicatorTrendCache').where('communeId', '=', tv).execute();
    // Right after the creation aggregate has been read (before the entries are stored), another
    // writer adds a ticket received in 2025-Q3 — through its own connection.
    let armed = true;
    const late = async () => {
      const values = { id: `late-${dialect}`, createdAt: '2025-08-20T09:00:00.000Z' };
      if (t.app.ctx.database.sqlite) {
        t.app.ctx.database.sqlite
          .prepare(
            "insert into tickets (id, commune_id, reference, type, title, description, channel, impact, urgency, priority, status, referral_level, created_at, updated_at, paused_business_seconds, ack_breached, resolve_breached, received_outside_hours, reopen_count, first_contact_resolution, search_text) select ?, commune_id, 'LATE-1', type, title, description, channel, impact, urgency, priority, 'new', referral_level, ?, ?, 0, 0, 0, 0, 0, 0, '' from tickets where id = ?",
          )
          .run(values.id, values.createdAt, values.createdAt, ids.q4!);
      } else {
        await makeTicketRow(db, { communeId: tv, ...values });
      }
    };
    const spy = db.withPlugin({
      transformQuery: (a) => a.node,
      transformResult: async (a) => {
        const row = a.result.rows[0] as Record<string, unknown> | undefined;
        if (armed && row && 'acknowledged' in row && 'bucket' in row) {
          armed = false;
          await late();
        }
        return a.result;
      },
    });
    const during = await measureCommune(spy, tv, parsePeriod(Q)!, {
      locale: 'fr',
      trendPeriods: 4,
      now: t.clock.now(),
    });
    expect(armed).toBe(false);
    expect(during.find((m) => m.code === 'SD.volume')!.trend.find((p) => p.period === '2025-Q3')!.volume).toBe(2);
    expect((await cacheRows()).length).toBe(8);
    const after = await dashboard();
    expect(point(after, 'SD.volume', '2025-Q3').volume).toBe(3);
    expect(trends(after)).toEqual(await liveTrends());
  });

  it('caches no trend period that is not closed yet', async () => {
    await dashboard('2026-Q3'); // trend: 2025-Q3 … 2026-Q2, which ends after now (2026-04-15)
    const rows = await cacheRows();
    expect(rows.some((r) => r.fromUtc === '2026-03-31T22:00:00.000Z')).toBe(false);
    expect(rows.some((r) => r.fromUtc === '2025-12-31T23:00:00.000Z')).toBe(true);
  });

  it('freezing computes the trend live, never from the cache', async () => {
    await dashboard();
    await db
      .updateTable('indicatorTrendCache')
      .set({ rows: JSON.stringify([{ volume: 999, met: 999, acknowledged: 999 }]) })
      .where('communeId', '=', tv)
      .where('kind', '=', 'ack')
      .where('fromUtc', '=', Q2025.q3)
      .execute();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${tv}/indicators/freeze?period=${Q}`,
      headers: await t.as('contrats@mutualis.test'),
      payload: { codes: ['SD.volume'] },
    });
    expect(res.statusCode).toBe(200);
    const frozen = await db
      .selectFrom('indicatorSnapshots')
      .select('measurement')
      .where('communeId', '=', tv)
      .where('code', '=', 'SD.volume')
      .executeTakeFirstOrThrow();
    const trend = (JSON.parse(frozen.measurement) as Item).trend;
    expect(trend).toEqual((await liveTrends())['SD.volume']);
    expect(trend.find((p) => p.period === '2025-Q3')!.volume).not.toBe(999);
  });

  it('the update trigger watches every ticket column the cached aggregates read', async () => {
    const bounds = [Q2025.q1, Q2025.q2, Q2025.q3];
    const text = [ackAggregateQuery(db, tv, bounds), resolveAggregateQuery(db, tv, bounds)]
      .map((q) => q.compile().sql)
      .join(' ');
    const columns = (await db.introspection.getTables()).find((x) => x.name === 'tickets')!.columns.map((c) => c.name);
    const read = columns.filter((c) => new RegExp(`\\b${c}\\b`).test(text));
    expect(read).toEqual(
      expect.arrayContaining(['commune_id', 'created_at', 'resolved_at', 'merged_into_id', 'satisfaction']),
    );
    const definition =
      dialect === 'sqlite'
        ? (
            await sql<{
              sql: string;
            }>`select sql from sqlite_master where type = 'trigger' and name = 'tickets_indicator_versions_au'`.execute(
              db,
            )
          ).rows[0]!.sql
        : (
            await sql<{
              def: string;
            }>`select pg_get_triggerdef(oid) as def from pg_trigger where tgname = 'tickets_indicator_versions_au'`.execute(
              db,
            )
          ).rows[0]!.def;
    for (const c of read) expect(definition, c).toMatch(new RegExp(`old\\.${c}\\b`, 'i'));
  });
});
