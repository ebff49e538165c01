import type { Kysely } from 'kysely';

// Watchers (CC) of a ticket: people told of its public replies and status changes besides the
// requester. Schema builder only; never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_watchers')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('added_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_watchers_pk', ['ticket_id', 'user_id'])
    .execute();
  await db.schema.createIndex('ticket_watchers_user_idx').on('ticket_watchers').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_watchers').execute();
}
