import type { Kysely } from 'kysely';

// Canned replies: a support group's ready-made answers, picked in the reply box of a ticket.
// Schema builder only; never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('canned_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('canned_replies_group_idx').on('canned_replies').columns(['group_id', 'title']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('canned_replies').execute();
}
