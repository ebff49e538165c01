import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../harness';
import { sql } from 'kysely';

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
});
