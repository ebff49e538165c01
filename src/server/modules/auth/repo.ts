import type { Selectable } from 'kysely';
import type { Executor } from '../../db/schema';
import type { UserTable } from '../../db/core-tables';

/**
 * Identity lookups: who a session, a token or a sign-in names. They run before any actor (and
 * so any commune scope) exists, which is why they live in this repository, unscoped.
 */

/** An active user by id. */
export function findActiveUser(db: Executor, userId: string): Promise<Selectable<UserTable> | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', userId).where('active', '=', 1).executeTakeFirst();
}

/** An active user by email address (stored lower-case). */
export function findActiveUserByEmail(db: Executor, email: string): Promise<Selectable<UserTable> | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .where('active', '=', 1)
    .executeTakeFirst();
}

/** A user's password check material by email, active or not (sign-in answers the same for both). */
export function findLogin(db: Executor, email: string) {
  return db.selectFrom('users').select(['id', 'passwordHash', 'active']).where('email', '=', email).executeTakeFirst();
}

/** The communes a provider staff member is assigned to. */
export async function assignedCommuneIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('assignments').select('communeId').where('userId', '=', userId).execute();
  return rows.map((r) => r.communeId);
}
