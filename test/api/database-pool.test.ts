import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../harness';
import { sql } from 'kysely';
import { isTransientDatabaseError } from '../../src/server/db/dialect';

// PostgreSQL only: a pooled connection cut by the server (restart, failover, an administrator's
// pg_terminate_backend) must not crash the process; the next query opens a new connection.
describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL pool [postgres]', () => {
  it('survives an idle connection terminated by the server', async () => {
    const { database, drop } = await freshDatabase('postgres');
    try {
      const first = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(database.db);
      const pid = first.rows[0]!.pid;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        const r = await admin.query('SELECT pg_terminate_backend($1) AS ok', [pid]);
        expect(r.rows[0].ok).toBe(true);
      } finally {
        await admin.end();
      }
      // Let the termination reach the idle client.
      await new Promise((res) => setTimeout(res, 200));
      const again = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(database.db);
      expect(again.rows[0]!.pid).not.toBe(pid);
    } finally {
      await drop();
    }
  });

  it('prepares repeated statements once per connection and follows schema changes made through the pool', async () => {
    const { database, drop } = await freshDatabase('postgres');
    try {
      await sql`create table sample_rows (id integer primary key, long_name text)`.execute(database.db);
      await sql`insert into sample_rows values (1, 'un')`.execute(database.db);
      const all = () =>
        database.db
          .selectFrom('sampleRows' as never)
          .selectAll()
          .where('id' as never, '=', 1 as never)
          .execute();
      // Named from its second run on.
      expect(await all()).toEqual([{ id: 1, longName: 'un' }]);
      expect(await all()).toEqual([{ id: 1, longName: 'un' }]);
      await database.db.connection().execute(async (conn) => {
        await sql`select 1`.execute(conn);
        const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn);
        expect(prepared.rows.map((r) => r.statement).join('\n')).toContain('from "sample_rows"');
      });
      // A statement prepared before a column was added would fail ("cached plan must not change
      // result type"): the schema change starts new names.
      await sql`alter table sample_rows add column extra_note text default 'x'`.execute(database.db);
      expect(await all()).toEqual([{ id: 1, longName: 'un', extraNote: 'x' }]);
    } finally {
      await drop();
    }
  });

  it('runs unnamed statements when prepared statements are switched off (poolers in transaction mode)', async () => {
    const { database, drop } = await freshDatabase('postgres', { preparedStatements: false });
    try {
      await database.db.connection().execute(async (conn) => {
        for (let i = 0; i < 3; i++) await sql`select ${i}::int as n`.execute(conn);
        const prepared = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(conn);
        expect(prepared.rows[0]!.n).toBe(0);
      });
    } finally {
      await drop();
    }
  });

  it('runs a statement again when another process changed the schema under it', async () => {
    const { database, drop } = await freshDatabase('postgres');
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const name = (await sql<{ n: string }>`select current_database() as n`.execute(database.db)).rows[0]!.n;
    url.pathname = `/${name}`;
    const other = new pg.Client({ connectionString: url.toString() });
    await other.connect();
    try {
      await sql`create table sample_rows (id integer primary key, long_name text)`.execute(database.db);
      await sql`insert into sample_rows values (1, 'un')`.execute(database.db);
      const all = () =>
        database.db
          .selectFrom('sampleRows' as never)
          .selectAll()
          .where('id' as never, '=', 1 as never)
          .execute();
      for (let i = 0; i < 3; i++) expect(await all()).toEqual([{ id: 1, longName: 'un' }]);
      await other.query(`alter table sample_rows add column extra_note text default 'x'`);
      // Outside a transaction the refused statement runs again at once.
      expect(await all()).toEqual([{ id: 1, longName: 'un', extraNote: 'x' }]);
      for (let i = 0; i < 3; i++) expect(await all()).toEqual([{ id: 1, longName: 'un', extraNote: 'x' }]);
      await other.query(`alter table sample_rows add column other_note text default 'y'`);
      // Inside a transaction it cannot: the error is one a retry overcomes (503), and the retry does.
      const inTransaction = () =>
        database.db.transaction().execute((trx) =>
          trx
            .selectFrom('sampleRows' as never)
            .selectAll()
            .where('id' as never, '=', 1 as never)
            .execute(),
        );
      const failed = await inTransaction().then(
        () => null,
        (err: unknown) => err,
      );
      expect(failed).not.toBeNull();
      expect(isTransientDatabaseError(failed)).toBe(true);
      expect(await inTransaction()).toEqual([{ id: 1, longName: 'un', extraNote: 'x', otherNote: 'y' }]);
    } finally {
      await other.end();
      await drop();
    }
  });
});
