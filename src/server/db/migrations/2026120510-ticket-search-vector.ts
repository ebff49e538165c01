import { PostgresAdapter, sql, type Kysely } from 'kysely';

// PostgreSQL: the French full-text vector of each ticket is stored (a generated column) and
// indexed, instead of an index on the expression. A search then checks a match against the stored
// vector rather than re-stemming the ticket's text: the GIN index must recheck what it finds for a
// prefix query, and the newest matches are found by walking the tickets newest first and testing
// each one (30 ms for the first 50 matches of a common word among 2,000,000 tickets with the
// expression, 1.5 ms stored; a word without match made that walk take tens of seconds). SQLite
// searches its FTS5 index (tickets_fts): nothing to do there.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table tickets add column search_vector tsvector generated always as (to_tsvector('french', search_text)) stored`.execute(
    db,
  );
  await db.schema.createIndex('tickets_search_vector_idx').on('tickets').using('gin').column('search_vector').execute();
  await db.schema.dropIndex('tickets_search_fts_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema
    .createIndex('tickets_search_fts_idx')
    .on('tickets')
    .using('gin')
    .expression(sql`to_tsvector('french', search_text)`)
    .execute();
  await db.schema.dropIndex('tickets_search_vector_idx').execute();
  await db.schema.alterTable('tickets').dropColumn('search_vector').execute();
}
