// Failed deliveries of a pending history entry are counted, so one entry that cannot be
// delivered (its render throws, say) is retried a few times, then set aside and reported,
// instead of being retried by every sweep forever.
// Schema builder only; never imports application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('ticket_history')
    .addColumn('notify_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ticket_history').dropColumn('notify_failures').execute();
}
