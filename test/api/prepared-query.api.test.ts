import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDb, freshDatabase } from '../harness';
import { preparedQuery } from '../../src/server/db/prepared';
import type { Database } from '../../src/server/db/database';

// A hot query compiled once and run with new values gives what building it each time gives.
describeEachDb('prepared queries', (dialect) => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(dialect));
    await sql`create table prepared_rows (id integer primary key, long_name text, kind text)`.execute(database.db);
    await sql`insert into prepared_rows (id, long_name, kind) values (1, 'un', 'a'), (2, 'deux', 'b'), (3, 'trois', 'a'), (4, 'quatre', 'a')`.execute(
      database.db,
    );
  });
  afterAll(async () => drop());

  const db = () => database.db;

  it('runs with each call’s values, keeping the constants compiled in', async () => {
    let builds = 0;
    const byKind = preparedQuery(['kind', 'limit'], (k, arg) => {
      builds++;
      return k
        .selectFrom('preparedRows' as never)
        .select(['id' as never, 'longName' as never])
        .where('kind' as never, '=', arg.kind)
        .where('id' as never, '<', 4 as never)
        .orderBy('id' as never)
        .limit(arg.limit);
    });
    expect(await byKind.execute(db(), { kind: 'a', limit: 10 })).toEqual([
      { id: 1, longName: 'un' },
      { id: 3, longName: 'trois' },
    ]);
    expect(await byKind.execute(db(), { kind: 'a', limit: 1 })).toEqual([{ id: 1, longName: 'un' }]);
    expect(await byKind.execute(db(), { kind: 'b', limit: 5 })).toEqual([{ id: 2, longName: 'deux' }]);
    expect(await byKind.execute(db(), { kind: 'z', limit: 5 })).toEqual([]);
    expect(builds).toBe(1);
  });

  it('refuses a build that computed with an argument instead of passing it as a value', async () => {
    const wrong = preparedQuery(['kind'], (k, arg) =>
      k
        .selectFrom('preparedRows' as never)
        .select(['id' as never])
        .where('kind' as never, '=', String(arg.kind).toUpperCase() as never),
    );
    await expect(wrong.execute(db(), { kind: 'a' })).rejects.toThrow(/argument kind is not a parameter/);
  });
});
