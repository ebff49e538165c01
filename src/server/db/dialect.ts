import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectName } from './database';

/**
 * The few places where SQLite and PostgreSQL differ, in one file. Capabilities add their
 * helpers here (full-text search, percentiles, locking) rather than branching in repositories.
 */

/** The engine behind a connection or transaction (for helpers that only get the executor). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * A read that a change is about to act on, locked until the transaction ends: FOR UPDATE on
 * PostgreSQL (of `of` when given); nothing on SQLite, whose write transactions already run one at a
 * time (BEGIN IMMEDIATE).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lockedForChange<Q extends { forUpdate(of?: any): Q }>(q: Q, db: Kysely<any>, of?: string): Q {
  return dialectOf(db) === 'postgres' ? q.forUpdate(of) : q;
}

/** The values of an aggregated text expression joined with commas (null when there is none). */
export function commaJoined(expr: Expression<string | null>, dialect: DialectName): RawBuilder<string | null> {
  return dialect === 'postgres'
    ? sql<string | null>`string_agg(${expr}, ',')`
    : sql<string | null>`group_concat(${expr}, ',')`;
}

/**
 * Tells the planner that a condition keeps few rows, when we know it and its statistics cannot:
 * SQLite's (sqlite_stat1) hold averages, so a filter on a skewed column (open tickets among years
 * of closed ones) looks unselective and SQLite walks a whole commune's tickets in date order
 * instead of seeking the few open ones. PostgreSQL's most-common-value statistics see the skew.
 */
export function selective(cond: Expression<SqlBool>, dialect: DialectName): Expression<SqlBool> {
  return dialect === 'sqlite' ? sql<SqlBool>`likelihood(${cond}, 0.05)` : cond;
}

/** Case- and accent-insensitive normal form used for portable search columns (`search_text`). */
export function searchNormalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A transient refusal of the database that a retry can succeed: SQLite's write lock still held
 * past the busy timeout; PostgreSQL's deadlock, serialization failure or lock timeout, or a
 * prepared statement found stale by a transaction after another process changed the schema (the
 * next try prepares it anew: db/database.ts statementNamer).
 */
export function isTransientDatabaseError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === '0A000')
    return /cached plan must not change result type/.test(String((err as { message?: unknown }).message));
  return (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_BUSY_SNAPSHOT' ||
    code === 'SQLITE_LOCKED' ||
    code === '40P01' ||
    code === '40001' ||
    code === '55P03'
  );
}

/**
 * True for a refusal of the data itself: a reference to a row that does not exist, a check or
 * not-null constraint, a value out of the column's range. Services validate their input first;
 * this is the net under a missed case, so bad input never answers 500.
 */
export function isDataRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === '23503' ||
    code === '23514' ||
    code === '23502' ||
    code === '22001' ||
    code === '22003' ||
    code === '22021' ||
    code === '22P02' ||
    code === '22007' ||
    code === '22008' ||
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    code === 'SQLITE_CONSTRAINT_CHECK' ||
    code === 'SQLITE_CONSTRAINT_NOTNULL' ||
    code === 'SQLITE_TOOBIG'
  );
}

/** True for a unique or primary-key violation (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Ticket full-text condition over `tickets.search_text` (already lower-cased and accent-free, see
 * `searchNormalize`), every word matching as a word prefix. PostgreSQL: French stemming, the
 * stored `search_vector` (`to_tsvector('french', search_text)`, GIN index
 * `tickets_search_vector_idx`); SQLite: the FTS5
 * index `tickets_fts` (unicode61, diacritics removed). `alias` names the tickets table in the
 * query. Returns null when the query holds no word.
 */
export function ticketTextSearch(alias: string, query: string, dialect: DialectName): RawBuilder<boolean> | null {
  const words = searchWords(query);
  if (!words.length) return null;
  if (dialect === 'postgres') {
    const tsq = words.map((w) => `${w}:*`).join(' & ');
    return sql<boolean>`${sql.ref(`${alias}.searchVector`)} @@ to_tsquery('french', ${tsq})`;
  }
  const match = ftsMatch(words);
  return sql<boolean>`${sql.ref(`${alias}.rowid`)} in (select rowid from tickets_fts where tickets_fts match ${match})`;
}

/** The words of a search query, normalised like `search_text` (at most 12). */
function searchWords(query: string): string[] {
  return searchNormalize(query)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 12);
}

/** The FTS5 query for normalised words: each a quoted word prefix, all required. */
function ftsMatch(words: readonly string[]): string {
  return words.map((w) => `"${w}"*`).join(' ');
}

/**
 * SQLite's fast path for the newest matches first: the FTS5 index joined as `f` and read in
 * descending rowid order, which FTS5 does natively and stops at the page (LIMIT) instead of
 * materialising and sorting every match — 10 % of a desk's history for a common word. A ticket's
 * rowid follows its recording (tickets are never deleted, and the demo generator inserts in
 * creation order), so "newest first" is the descending rowid. Returns the MATCH expression for
 * the query and the join's target, or null when the query holds no word.
 */
export function ticketFtsNewestFirst(
  query: string,
): { terms: string; match: RawBuilder<SqlBool>; rowid: RawBuilder<number> } | null {
  const words = searchWords(query);
  if (!words.length) return null;
  const terms = ftsMatch(words);
  return { terms, match: ticketFtsMatch(terms), rowid: sql<number>`f.rowid` };
}

/** The MATCH condition on the FTS5 index joined as `f`, for query terms (ticketFtsNewestFirst's `terms`). */
export function ticketFtsMatch(terms: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`f.tickets_fts match ${terms}`;
}
