import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { unauthenticated } from '../../errors';
import { recordAudit } from '../audit';

export interface Preferences {
  email: boolean;
  workingHoursOnly: boolean;
}

function personOf(actor: Actor): string {
  if (actor.kind !== 'user') throw unauthenticated();
  return actor.id;
}

/** The signed-in person's notification preferences (defaults: email on, working hours respected). */
export async function getPreferences(ctx: AppContext, actor: Actor): Promise<Preferences> {
  const row = await ctx.db
    .selectFrom('notificationPreferences')
    .selectAll()
    .where('userId', '=', personOf(actor))
    .executeTakeFirst();
  return { email: row ? row.email === 1 : true, workingHoursOnly: row ? row.workingHoursOnly === 1 : true };
}

/** Changes the signed-in person's notification preferences. */
export async function putPreferences(ctx: AppContext, actor: Actor, input: Preferences): Promise<Preferences> {
  const userId = personOf(actor);
  const now = ctx.now();
  const values = {
    email: input.email ? 1 : 0,
    workingHoursOnly: input.workingHoursOnly ? 1 : 0,
    updatedAt: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notificationPreferences')
      .values({ userId, ...values })
      .onConflict((oc) => oc.column('userId').doUpdateSet(values))
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'notification_preferences.update',
        targetType: 'user',
        targetId: userId,
        communeId: actor.communeId,
        changes: input,
      },
      now,
    );
  });
  return getPreferences(ctx, actor);
}
