import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';
import type { DB } from './schema';

export type DialectName = 'sqlite' | 'postgres';

/** The open database: the Kysely handle plus what a few operations need to know of the engine. */
export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The raw better-sqlite3 handle (online backup); null on PostgreSQL. */
  sqlite: BetterSqlite3.Database | null;
  /**
   * Refreshes the query planner's statistics where they are stale. SQLite keeps none unless asked
   * (without them it can walk the wrong index: 15x slower on a commune's open tickets); PostgreSQL's
   * autovacuum does it by itself, so this is a no-op there. Never throws: a failure (the database
   * busy past its timeout) only leaves the statistics as they were, and is returned.
   */
  optimize(): Error | null;
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

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Kysely's CamelCasePlugin, with a row mapper that skips its per-value object checks for the
 * primitives that make up nearly every column (a tenth of a 50-row list's time otherwise).
 * Same result: nested plain objects and arrays are mapped as the original does.
 */
class FastCamelCasePlugin extends CamelCasePlugin {
  protected override mapRow(row: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key in row) {
      let v = row[key];
      if (v !== null && typeof v === 'object') {
        if (Array.isArray(v)) v = v.map((it: unknown) => (it !== null && typeof it === 'object' && isPlainObject(it) ? this.mapRow(it as Record<string, unknown>) : it));
        else if (isPlainObject(v)) v = this.mapRow(v as Record<string, unknown>);
      }
      out[this.camelCase(key)] = v;
    }
    return out;
  }
}

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE). With the default
 * deferred BEGIN, a transaction that reads then writes fails at once with SQLITE_BUSY when another
 * process (WORKERS > 1, the CLI) committed in between, instead of waiting its turn.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs as much as running a
 * simple indexed query. The same SQL text gets the same prepared statement back (least recently
 * used evicted). Safe on the one connection: Kysely runs one query at a time on it, and SQLite
 * re-prepares a statement by itself when the schema changed.
 */
function withStatementCache(conn: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => conn.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText);
      } else {
        stmt = conn.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
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
  const plugins = [new FastCamelCasePlugin()];
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle client can be cut by the server (restart, failover, pg_terminate_backend). pg-pool
    // then drops that client and emits 'error' on the pool: without a listener that would crash
    // the process. The next query simply opens a new connection.
    pool.on('error', (err) => {
      (opts.onIdleError ?? defaultIdleError)(err);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect: 'postgres', sqlite: null, optimize: () => null, close: () => db.destroy() };
  }
  const file = opts.file ?? path.join(opts.dataDir, 'mutualis.db');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const conn = new BetterSqlite3(file);
  configureSqlite(conn);
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(conn) }), plugins });
  // analysis_limit bounds the rows ANALYZE reads per index, so optimize stays in milliseconds
  // on large tables; 0x10002 also analyzes tables this connection has not queried yet.
  const optimize = (): Error | null => {
    try {
      conn.pragma('analysis_limit = 1000');
      conn.pragma('optimize = 0x10002');
      return null;
    } catch (err) {
      return err as Error;
    }
  };
  return { db, dialect: 'sqlite', sqlite: conn, optimize, close: () => db.destroy() };
}
