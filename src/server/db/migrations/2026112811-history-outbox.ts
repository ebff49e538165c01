import { sql, type Kysely } from 'kysely';

// Ticket history as the transactional outbox of ticket events: `notify_pending` is set in the
// change's own transaction and cleared by the one that queues its emails. Existing entries are
// settled (0). The partial index holds only the pending few.
// Schema builder only; never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('ticket_history')
    .addColumn('notify_pending', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('ticket_history_notify_pending_idx')
    .on('ticket_history')
    .columns(['at'])
    .where(sql.ref('notify_pending'), '=', 1)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ticket_history_notify_pending_idx').execute();
  await db.schema.alterTable('ticket_history').dropColumn('notify_pending').execute();
}
