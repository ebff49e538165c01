import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Service desk, beyond the core tables: replies and notes, attachments, idempotency keys,
// the priority matrix, reference counters, satisfaction surveys, search indexes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('clock_issue', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('email_message_id', 'text').execute();
  await db.schema.createIndex('tickets_email_message_uq').on('tickets').column('email_message_id').unique().execute();
  await db.schema.createIndex('tickets_created_idx').on('tickets').column('created_at').execute();
  await db.schema.createIndex('tickets_requester_idx').on('tickets').columns(['requester_id', 'created_at']).execute();
  await db.schema.createIndex('tickets_entity_idx').on('tickets').columns(['entity_id', 'created_at']).execute();
  await db.schema.createIndex('tickets_category_idx').on('tickets').columns(['category_id', 'created_at']).execute();
  await db.schema.createIndex('tickets_merged_into_idx').on('tickets').column('merged_into_id').execute();

  await db.schema
    .createTable('ticket_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('email_message_id', 'text')
    .execute();
  await db.schema
    .createIndex('ticket_comments_ticket_idx')
    .on('ticket_comments')
    .columns(['ticket_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('ticket_comments_email_message_uq')
    .on('ticket_comments')
    .column('email_message_id')
    .unique()
    .execute();

  await db.schema
    .createTable('ticket_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_attachments_ticket_idx')
    .on('ticket_attachments')
    .columns(['ticket_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('ticket_idempotency')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_idempotency_pk', ['actor_id', 'key'])
    .execute();

  await db.schema
    .createTable('priority_matrices')
    .addColumn('scope_key', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'text', (c) => c.references('communes.id').onDelete('cascade'))
    .addColumn('cells', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('ticket_sequences')
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_sequences_pk', ['prefix', 'year'])
    .execute();

  await db.schema
    .createTable('ticket_surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('requester_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('score', 'integer')
    .addColumn('comment', 'text')
    .addColumn('reminded_at', 'text')
    .execute();
  await db.schema
    .createIndex('ticket_surveys_ticket_idx')
    .on('ticket_surveys')
    .columns(['ticket_id', 'sent_at'])
    .execute();

  // French full-text search on PostgreSQL over the accent-free search column (stemming applies to
  // the unaccented words, so the `unaccent` extension is not needed). SQLite searches with LIKE.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema
      .createIndex('tickets_search_fts_idx')
      .on('tickets')
      .using('gin')
      .expression(sql`to_tsvector('french', search_text)`)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'ticket_surveys',
    'ticket_sequences',
    'priority_matrices',
    'ticket_idempotency',
    'ticket_attachments',
    'ticket_comments',
  ])
    await db.schema.dropTable(t).execute();
  for (const i of [
    'tickets_search_fts_idx',
    'tickets_merged_into_idx',
    'tickets_category_idx',
    'tickets_entity_idx',
    'tickets_requester_idx',
    'tickets_created_idx',
    'tickets_email_message_uq',
  ])
    await db.schema.dropIndex(i).ifExists().execute();
  await db.schema.alterTable('tickets').dropColumn('email_message_id').execute();
  await db.schema.alterTable('tickets').dropColumn('clock_issue').execute();
}
