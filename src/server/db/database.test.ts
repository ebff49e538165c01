import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, statementNamer, type Database } from './database';

// The SQLite connection builds result rows itself (raw mode + a row builder per statement);
// these pin that it gives what better-sqlite3's objects and Kysely's CamelCasePlugin gave.
describe('SQLite result rows', () => {
  let dir: string;
  let database: Database;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutualis-rows-'));
    database = openDatabase({ databaseUrl: null, dataDir: dir });
    await sql`create table sample_rows (id integer primary key, long_name text, created_at text, payload blob, amount real)`.execute(
      database.db,
    );
    await sql`insert into sample_rows (id, long_name, created_at, payload, amount) values (1, 'un', '2026-01-01', x'00ff', 1.5), (2, null, '2026-01-02', null, null)`.execute(
      database.db,
    );
  });

  afterEach(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('camel-cases column names and keeps every value type', async () => {
    const rows = await sql<
      Record<string, unknown>
    >`select id, long_name, created_at, payload, amount from sample_rows order by id`.execute(database.db);
    expect(rows.rows).toEqual([
      { id: 1, longName: 'un', createdAt: '2026-01-01', payload: Buffer.from([0, 255]), amount: 1.5 },
      { id: 2, longName: null, createdAt: '2026-01-02', payload: null, amount: null },
    ]);
    expect(Object.keys(rows.rows[0]!)).toEqual(['id', 'longName', 'createdAt', 'payload', 'amount']);
  });

  it('keeps the last value of a repeated column name, as better-sqlite3 does', async () => {
    const r = await sql<Record<string, unknown>>`select 1 as n, 2 as n, 'a"b' as "odd""name"`.execute(database.db);
    expect(r.rows).toEqual([{ n: 2, 'odd"name': 'a"b' }]);
  });

  it('serves the same statement again from the cache with new parameters', async () => {
    const byId = (id: number) =>
      database.db
        .selectFrom('sampleRows' as never)
        .select(['longName' as never])
        .where('id' as never, '=', id as never)
        .execute();
    expect(await byId(1)).toEqual([{ longName: 'un' }]);
    expect(await byId(2)).toEqual([{ longName: null }]);
    expect(await byId(3)).toEqual([]);
  });

  it('streams rows built the same way', async () => {
    const seen: unknown[] = [];
    for await (const row of database.db
      .selectFrom('sampleRows' as never)
      .select(['id' as never, 'longName' as never])
      .orderBy('id' as never)
      .stream())
      seen.push(row);
    expect(seen).toEqual([
      { id: 1, longName: 'un' },
      { id: 2, longName: null },
    ]);
  });

  it('follows a schema change made on this connection', async () => {
    const all = () => sql<Record<string, unknown>>`select * from sample_rows where id = 1`.execute(database.db);
    expect(Object.keys((await all()).rows[0]!)).toEqual(['id', 'longName', 'createdAt', 'payload', 'amount']);
    await sql`alter table sample_rows add column extra_note text default 'x'`.execute(database.db);
    expect((await all()).rows[0]).toMatchObject({ id: 1, extraNote: 'x' });
  });

  it('follows a schema change made by another process', async () => {
    const all = () => sql<Record<string, unknown>>`select * from sample_rows where id = 1`.execute(database.db);
    expect((await all()).rows[0]).not.toHaveProperty('otherNote');
    const other = new BetterSqlite3(path.join(dir, 'mutualis.db'));
    other.exec(`alter table sample_rows add column other_note text default 'y'`);
    other.close();
    expect((await all()).rows[0]).toMatchObject({ id: 1, longName: 'un', otherNote: 'y' });
  });

  it('follows a column renamed by another process (same number of columns)', async () => {
    const all = () => sql<Record<string, unknown>>`select * from sample_rows where id = 1`.execute(database.db);
    expect((await all()).rows[0]).toHaveProperty('longName', 'un');
    const other = new BetterSqlite3(path.join(dir, 'mutualis.db'));
    other.exec('alter table sample_rows rename column long_name to full_name');
    other.close();
    const row = (await all()).rows[0]!;
    expect(row).toHaveProperty('fullName', 'un');
    expect(row).not.toHaveProperty('longName');
  });

  it('reports what a write changed', async () => {
    const r = await database.db
      .updateTable('sampleRows' as never)
      .set({ longName: 'deux' } as never)
      .where('id' as never, '=', 2 as never)
      .executeTakeFirst();
    expect(r.numUpdatedRows).toBe(1n);
    const ret = await sql<
      Record<string, unknown>
    >`insert into sample_rows (id, long_name) values (3, 'trois') returning id, long_name`.execute(database.db);
    expect(ret.rows).toEqual([{ id: 3, longName: 'trois' }]);
  });
});

describe('PostgreSQL statement names', () => {
  it('names a data statement from its second run on, the same name each time', () => {
    const n = statementNamer();
    const q = 'select "id" from "tickets" where "id" = $1';
    expect(n.nameOf(q)).toBeUndefined();
    const name = n.nameOf(q);
    expect(name).toMatch(/^mut_\d+_\d+$/);
    expect(n.nameOf(q)).toBe(name);
    for (const other of ['begin', 'commit', 'set local lock_timeout = 1000', 'vacuum analyze']) {
      n.nameOf(other);
      expect(n.nameOf(other)).toBeUndefined();
    }
  });

  it('never gives two texts one name, across schema changes and refusals', () => {
    const n = statementNamer();
    const given = new Map<string, string>();
    const texts = Array.from({ length: 30 }, (_, i) => `select ${i} where $1 = $1`);
    for (let round = 0; round < 4; round++) {
      for (const t of texts) {
        n.nameOf(t);
        const name = n.nameOf(t)!;
        expect(given.get(name) ?? t).toBe(t);
        given.set(name, t);
      }
      if (round === 1) n.nameOf('alter table tickets add column x text');
      if (round === 2) n.schemaChanged();
    }
    expect(given.size).toBe(90);
  });

  it('stops naming past its limit', () => {
    const n = statementNamer(3);
    const named = Array.from({ length: 5 }, (_, i) => `select ${i}`).map((t) => (n.nameOf(t), n.nameOf(t)));
    expect(named.filter(Boolean)).toHaveLength(3);
  });

  it('leaves full-text searches unnamed: their plan depends on the word', () => {
    const n = statementNamer();
    const search = `select "id" from "tickets" where to_tsvector('french', "search_text") @@ to_tsquery('french', $1)`;
    expect([n.nameOf(search), n.nameOf(search), n.nameOf(search)]).toEqual([undefined, undefined, undefined]);
  });
});
