import type { Kysely } from 'kysely';

// An attachment may belong to the reply or note it came with (null: to the ticket itself, as the
// opening message's files and those added on their own). Schema builder only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('ticket_attachments')
    .addColumn('comment_id', 'text', (c) => c.references('ticket_comments.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ticket_attachments').dropColumn('comment_id').execute();
}
