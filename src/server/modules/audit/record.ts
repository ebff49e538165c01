import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Actor } from '../../access/actor';
import { newId } from '../../lib/ids';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  communeId?: string | null;
  changes?: unknown;
}

/**
 * Writes one audit record. Call it inside the write's own transaction, so the trail and the
 * change commit (or roll back) together.
 */
export async function recordAudit(
  db: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  e: AuditEntry,
  now = new Date(),
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: newId(now.getTime()),
      at: now.toISOString(),
      actorId: actor.kind === 'system' ? null : actor.id,
      actorLabel: actor.label,
      communeId: e.communeId ?? null,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId ?? null,
      changes: e.changes === undefined ? null : JSON.stringify(e.changes),
    })
    .execute();
}
