import type { Kysely } from 'kysely';

// The in-app notifications of each person (the bell): one row per person and event, read or not.
// Schema builder only; never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbox_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.references('communes.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  // The bell: a person's unread items, newest first (read_at IS NULL is an equality on the index).
  await db.schema
    .createIndex('inbox_items_user_unread_idx')
    .on('inbox_items')
    .columns(['user_id', 'read_at', 'created_at'])
    .execute();
  // A person's items, read or not, newest first.
  await db.schema
    .createIndex('inbox_items_user_created_idx')
    .on('inbox_items')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema.createIndex('inbox_items_ticket_idx').on('inbox_items').column('ticket_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbox_items').execute();
}
