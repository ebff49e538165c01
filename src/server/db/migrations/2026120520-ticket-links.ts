import type { Kysely } from 'kysely';

// Links between tickets of one commune ("see also": the same outage reported twice by different
// services, a request that follows an incident). Stored in both directions, so each ticket reads
// its links from its own rows. Schema builder only; never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_links')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('linked_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('added_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_links_pk', ['ticket_id', 'linked_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_links').execute();
}
