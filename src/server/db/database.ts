import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DB } from './schema';

export type DialectName = 'sqlite' | 'postgres';

/** The open database: the Kysely handle plus what a few operations need to know of the engine. */
export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The raw better-sqlite3 handle (online backup); null on PostgreSQL. */
  sqlite: BetterSqlite3.Database | null;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back as strings from node-postgres; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * Applies the durability settings on a SQLite connection. better-sqlite3 is compiled with
 * SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL), which can lose the last commits on power loss:
 * we want an acknowledged write to be on disk, so FULL on every connection.
 */
export function configureSqlite(conn: BetterSqlite3.Database): void {
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = FULL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
}

function defaultIdleError(err: Error): void {
  process.stderr.write(`postgres: idle connection lost: ${err.message}\n`);
}

/** Opens SQLite under `dataDir` (file `mutualis.db`) or PostgreSQL when a URL is given. */
export function openDatabase(opts: {
  databaseUrl: string | null;
  dataDir: string;
  file?: string;
  /** Called when PostgreSQL cuts an idle pooled connection (default: a line on stderr). */
  onIdleError?: (err: Error) => void;
}): Database {
  const plugins = [new CamelCasePlugin()];
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle client can be cut by the server (restart, failover, pg_terminate_backend). pg-pool
    // then drops that client and emits 'error' on the pool: without a listener that would crash
    // the process. The next query simply opens a new connection.
    pool.on('error', (err) => {
      (opts.onIdleError ?? defaultIdleError)(err);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  }
  const file = opts.file ?? path.join(opts.dataDir, 'mutualis.db');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const conn = new BetterSqlite3(file);
  configureSqlite(conn);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: conn }), plugins });
  return { db, dialect: 'sqlite', sqlite: conn, close: () => db.destroy() };
}
