import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * Failed sign-ins allowed per window: per account *from one address*, and per address. There is
 * no limit per account alone: it would let anyone lock a person out by typing wrong passwords
 * from elsewhere, and without a second factor nothing tells the real person's new address from
 * an attacker's.
 */
export const loginLimits = { perAccountAndAddress: 5, perAddress: 30, windowMinutes: 15 };

/** Seconds until the key may try again, or 0 when it is under its limit. */
export async function retryAfter(db: Kysely<DB>, key: string, limit: number, now: Date): Promise<number> {
  const row = await db.selectFrom('loginFailures').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return 0;
  const windowEnd = new Date(row.windowStart).getTime() + loginLimits.windowMinutes * 60_000;
  if (windowEnd <= now.getTime() || row.count < limit) return 0;
  return Math.ceil((windowEnd - now.getTime()) / 1000);
}

/** Counts one failure for the key (a new window starts when the last one is over). */
export async function recordFailure(db: Kysely<DB>, key: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('loginFailures').selectAll().where('key', '=', key).executeTakeFirst();
    const windowOver =
      !row || new Date(row.windowStart).getTime() + loginLimits.windowMinutes * 60_000 <= now.getTime();
    if (!row) {
      await trx
        .insertInto('loginFailures')
        .values({ key, windowStart: now.toISOString(), count: 1 })
        .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ count: eb('loginFailures.count', '+', 1) })))
        .execute();
    } else if (windowOver) {
      await trx
        .updateTable('loginFailures')
        .set({ windowStart: now.toISOString(), count: 1 })
        .where('key', '=', key)
        .execute();
    } else {
      await trx
        .updateTable('loginFailures')
        .set((eb) => ({ count: eb('count', '+', 1) }))
        .where('key', '=', key)
        .execute();
    }
  });
}

/** Forgets the failures of a key after a successful sign-in. */
export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('loginFailures').where('key', '=', key).execute();
}
