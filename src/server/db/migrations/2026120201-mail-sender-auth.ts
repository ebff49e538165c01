// Inbound mail no longer trusts From: alone. Each mailbox says whether the receiving server's
// authentication verdict (Authentication-Results: DMARC/DKIM/SPF) is required or only recorded,
// and which authserv-id is our own MTA's; each inbound message keeps the verdict, and a message
// held for review keeps its raw source until a member of staff accepts or rejects it.
// Schema builder only; never imports application code.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('mailboxes')
    .addColumn('sender_auth', 'text', (c) => c.notNull().defaultTo('require'))
    .execute();
  await db.schema.alterTable('mailboxes').addColumn('authserv_id', 'text').execute();
  await db.schema.alterTable('inbound_messages').addColumn('auth_verdict', 'text').execute();
  await db.schema.alterTable('inbound_messages').addColumn('raw_message', 'text').execute();
  await db.schema.alterTable('inbound_messages').addColumn('reviewed_by', 'text').execute();
  await db.schema.alterTable('inbound_messages').addColumn('reviewed_at', 'text').execute();
  await db.schema
    .createIndex('inbound_messages_held_idx')
    .on('inbound_messages')
    .columns(['commune_id', 'outcome', 'received_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inbound_messages_held_idx').execute();
  for (const c of ['reviewed_at', 'reviewed_by', 'raw_message', 'auth_verdict'])
    await db.schema.alterTable('inbound_messages').dropColumn(c).execute();
  await db.schema.alterTable('mailboxes').dropColumn('authserv_id').execute();
  await db.schema.alterTable('mailboxes').dropColumn('sender_auth').execute();
}
