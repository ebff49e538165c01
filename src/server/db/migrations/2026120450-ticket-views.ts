import type { Kysely } from 'kysely';

// Saved views of the ticket list: a person's filters, search, queue and order under a name, kept
// for them or shared with a support group. Schema builder only; never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.references('support_groups.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_views_owner_idx').on('ticket_views').columns(['owner_id', 'name']).execute();
  await db.schema.createIndex('ticket_views_group_idx').on('ticket_views').columns(['group_id', 'name']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_views').execute();
}
