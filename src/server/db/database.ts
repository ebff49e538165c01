import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type PluginTransformResultArgs,
  type QueryResult,
  type SqliteDialectConfig,
  type UnknownRow,
} from 'kysely';
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
 *
 * With `rowsMapped`, result rows already carry camelCase keys (the SQLite connection builds them,
 * see withStatementCache) and are passed through; queries are still snake-cased. So on SQLite a
 * query run `withoutPlugins()` (Kysely's introspection does) also gets camelCase keys.
 */
class FastCamelCasePlugin extends CamelCasePlugin {
  constructor(private readonly rowsMapped = false) {
    super();
  }

  /** The result key of a column name. */
  keyOf(column: string): string {
    return this.camelCase(column);
  }

  override async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return this.rowsMapped ? args.result : super.transformResult(args);
  }

  protected override mapRow(row: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key in row) {
      let v = row[key];
      if (v !== null && typeof v === 'object') {
        if (Array.isArray(v))
          v = v.map((it: unknown) =>
            it !== null && typeof it === 'object' && isPlainObject(it)
              ? this.mapRow(it as Record<string, unknown>)
              : it,
          );
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

type Row = Record<string, unknown>;

/**
 * A prepared statement as Kysely's SQLite driver uses it (reader, all, run, iterate). A reader
 * runs in better-sqlite3's raw mode (arrays) and its rows are built by a function generated once
 * for the statement's columns, with the result keys (camelCase) written in: half the time of
 * better-sqlite3's own objects plus a key-by-key copy, for the same rows. Duplicate column names
 * keep the last value, as better-sqlite3 and the copy do.
 */
interface CachedStatement {
  readonly reader: boolean;
  all(params: readonly unknown[]): Row[];
  run(params: readonly unknown[]): BetterSqlite3.RunResult;
  iterate(params: readonly unknown[]): IterableIterator<Row>;
}

interface RowShape {
  /** The database's schema version the builder was made at. */
  version: number;
  width: number;
  build: (r: unknown[]) => Row;
}

function rowBuilder(stmt: BetterSqlite3.Statement, keyOf: (column: string) => string, version: number): RowShape {
  const columns = stmt.columns();
  const body = columns.map((c, i) => `${JSON.stringify(keyOf(c.name))}: r[${i}]`).join(', ');
  // The keys are JSON-quoted column names and the values array indexes: no data is evaluated.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return { version, width: columns.length, build: new Function('r', `return { ${body} };`) as (r: unknown[]) => Row };
}

/**
 * `schemaVersion` reads SQLite's schema cookie (≈ 1 µs), which any connection's schema change
 * moves: SQLite then re-prepares the statement, whose columns may have changed (a `select *`
 * after a column was added, renamed or dropped), so the builder is made again from them.
 */
function cachedStatement(
  stmt: BetterSqlite3.Statement,
  keyOf: (column: string) => string,
  schemaVersion: () => number,
): CachedStatement {
  if (!stmt.reader) {
    return {
      reader: false,
      all: () => [],
      run: (params) => stmt.run(params),
      iterate: () => [][Symbol.iterator](),
    };
  }
  stmt.raw(true);
  let shape = rowBuilder(stmt, keyOf, schemaVersion());
  // Read the version before running: a change after that read shows in the next query's read, and
  // a row of another width (a change in between) rebuilds at once.
  const builderFor = (version: number, first: unknown[] | undefined) => {
    if (version !== shape.version || (first && first.length !== shape.width)) shape = rowBuilder(stmt, keyOf, version);
    return shape.build;
  };
  return {
    reader: true,
    all: (params) => {
      const version = schemaVersion();
      const raw = stmt.all(params) as unknown[][];
      return raw.map(builderFor(version, raw[0]));
    },
    run: (params) => stmt.run(params),
    *iterate(params) {
      const version = schemaVersion();
      for (const r of stmt.iterate(params) as IterableIterator<unknown[]>) yield builderFor(version, r)(r);
    },
  };
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs as much as running a
 * simple indexed query. The same SQL text gets the same prepared statement back (least recently
 * used evicted). Safe on the one connection: Kysely runs one query at a time on it, and SQLite
 * re-prepares a statement by itself when the schema changed (its row builder follows, see
 * cachedStatement).
 */
function withStatementCache(conn: BetterSqlite3.Database, keyOf: (column: string) => string) {
  const cache = new Map<string, CachedStatement>();
  const cookie = conn.prepare('pragma schema_version').pluck();
  const schemaVersion = () => cookie.get() as number;
  return {
    close: () => conn.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText);
      } else {
        stmt = cachedStatement(conn.prepare(sqlText), keyOf, schemaVersion);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

const PG_NAMED_LIMIT = 500;

/**
 * Names for PostgreSQL prepared statements: a SQL text seen a second time gets a name, the same
 * for every later run, so each pooled connection parses (and, once PostgreSQL settles on a generic
 * plan, plans) it once instead of on every execution. One-off texts stay unnamed; so does
 * everything past PG_NAMED_LIMIT distinct names per process. A schema change — made through this
 * pool, or found out when PostgreSQL refuses a statement prepared before it — starts a new epoch of
 * names, since a statement prepared earlier may no longer match its tables. A full-text search
 * stays unnamed: how many tickets hold a word decides its plan (walk the newest tickets for a
 * common word, the GIN index for a rare one), and a generic plan cannot know the word.
 */
export function statementNamer(limit = PG_NAMED_LIMIT) {
  const names = new Map<string, string>();
  const seen = new Set<string>();
  let epoch = 0;
  let issued = 0;
  const data = /^\s*(select|insert|update|delete|with)\s/i;
  const ddl = /^\s*(create|alter|drop)\s/i;
  const textSearch = /\bto_tsquery\(/i;
  const restart = () => {
    epoch++;
    issued = 0;
    names.clear();
    seen.clear();
  };
  return {
    nameOf(text: string): string | undefined {
      if (ddl.test(text)) {
        restart();
        return undefined;
      }
      const name = names.get(text);
      if (name !== undefined || issued >= limit || !data.test(text) || textSearch.test(text)) return name;
      if (!seen.has(text)) {
        if (seen.size >= limit * 4) seen.clear();
        seen.add(text);
        return undefined;
      }
      const fresh = `mut_${epoch}_${issued++}`;
      names.set(text, fresh);
      return fresh;
    },
    /** A prepared statement no longer matches the schema (another process changed it). */
    schemaChanged: restart,
  };
}

/** PostgreSQL refusing a prepared statement made before a schema change (0A000, or 26000 when gone). */
const stalePrepared = new Set(['0A000', '26000']);

function preparingClient(namer: ReturnType<typeof statementNamer>): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    /** Whether this connection is inside a transaction (Kysely sends begin/commit/rollback here). */
    #inTransaction = false;

    // Kysely calls query(text, values); every other form passes through unchanged.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      const [text, values] = args as [unknown, unknown];
      if (args.length === 2 && typeof text === 'string' && Array.isArray(values)) {
        if (/^\s*(begin|start\s+transaction)\b/i.test(text)) this.#inTransaction = true;
        else if (/^\s*(commit|end|rollback)\s*(;|$)/i.test(text)) this.#inTransaction = false;
        const name = namer.nameOf(text);
        if (name) {
          const inTransaction = this.#inTransaction;
          return super.query({ name, text, values }).catch((err: { code?: string }) => {
            if (!err || typeof err.code !== 'string' || !stalePrepared.has(err.code)) throw err;
            namer.schemaChanged();
            // Outside a transaction nothing ran: run it again, unnamed. Inside, the transaction
            // is aborted: the request answers 503 with Retry-After (dialect.ts
            // isTransientDatabaseError) and its retry prepares the statement anew.
            if (inTransaction) throw err;
            return super.query(text, values);
          });
        }
      }
      return (super.query as (...a: unknown[]) => unknown)(...(args as unknown[]));
    }
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
  /** Named prepared statements on PostgreSQL (default true; see statementNamer). */
  preparedStatements?: boolean;
}): Database {
  if (opts.databaseUrl) {
    const plugins = [new FastCamelCasePlugin()];
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(opts.preparedStatements === false ? {} : { Client: preparingClient(statementNamer()) }),
    });
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
  const camel = new FastCamelCasePlugin(true);
  const db = new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(conn, (c) => camel.keyOf(c)) }),
    plugins: [camel],
  });
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
