import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Actor } from '../../access/actor';
import { AppError, invalid, unauthenticated } from '../../errors';
import { recordAudit } from '../audit';
import { hashPassword, verifyPassword } from './password';
import { clearFailures, loginLimits, recordFailure, retryAfter } from './rate-limit';
import { hashSecret } from './tokens';
import { unscoped } from '../../db/scope';

/**
 * The signed-in person changes their own password: the current one is checked (wrong guesses are
 * counted as failed sign-ins of the account, so a borrowed session cannot try passwords forever),
 * the new one is stored, and every other session of the person ends; this one stays signed in.
 */
export async function changeOwnPassword(
  db: Kysely<DB>,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; sessionSecret: string | undefined },
  now: Date,
): Promise<void> {
  if (actor.kind !== 'user') throw unauthenticated();
  const key = `password-change:${actor.id}`;
  const wait = await retryAfter(db, key, loginLimits.perAccountAndAddress, now);
  if (wait > 0)
    throw new AppError(
      'too_many_attempts',
      `Too many wrong passwords; retry in ${wait} s.`,
      { retryAfter: wait },
      { 'retry-after': String(wait) },
    );
  const row = await unscoped(db, "the signed-in person's own row")
    .selectFrom('users')
    .select('passwordHash')
    .where('id', '=', actor.id)
    .executeTakeFirst();
  if (!(await verifyPassword(row?.passwordHash ?? null, input.currentPassword))) {
    await recordFailure(db, key, now);
    throw invalid('currentPassword', 'The current password is wrong.');
  }
  if (input.newPassword === input.currentPassword)
    throw invalid('newPassword', 'The new password must differ from the current one.');
  const passwordHash = await hashPassword(input.newPassword);
  const keep = input.sessionSecret ? hashSecret(input.sessionSecret) : '';
  await db.transaction().execute(async (trx) => {
    await unscoped(trx, "the signed-in person's own row")
      .updateTable('users')
      .set({ passwordHash, updatedAt: now.toISOString() })
      .where('id', '=', actor.id)
      .execute();
    await trx.deleteFrom('sessions').where('userId', '=', actor.id).where('id', '!=', keep).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'user.password_change',
        targetType: 'user',
        targetId: actor.id,
        communeId: actor.communeId,
        changes: { password: 'changed' },
      },
      now,
    );
  });
  await clearFailures(db, key);
}
