import { z } from 'zod';
import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { checkProviderActor } from '../../access/grant';
import { recordAudit } from '../audit';
import { DEFAULT_VOLUME_REVIEW_MARGIN } from './engine';

/**
 * The indicators' provider-wide settings. `volumeReviewMargin`: the volume clause of IV-b ("si le
 * volume de dossiers traités par an augmente en année N, cette variation sera à prendre en compte")
 * — a missed target whose volume is above its baseline by more than this share is flagged
 * "volume en hausse — à examiner en comité" rather than shown as a bare miss.
 */
export const indicatorSettingsSchema = z
  .object({
    volumeReviewMargin: z
      .number()
      .min(0)
      .max(10)
      .describe('Share above the baseline volume beyond which a missed target is flagged for review (0.1 = +10 %)'),
  })
  .describe('IndicatorSettings');
export type IndicatorSettings = z.infer<typeof indicatorSettingsSchema>;

const KEY = 'indicators.review';
export const defaultIndicatorSettings: IndicatorSettings = { volumeReviewMargin: DEFAULT_VOLUME_REVIEW_MARGIN };

export async function readIndicatorSettings(db: Executor): Promise<IndicatorSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { ...defaultIndicatorSettings };
  const parsed = indicatorSettingsSchema.partial().safeParse(JSON.parse(row.value));
  return { ...defaultIndicatorSettings, ...(parsed.success ? parsed.data : {}) };
}

/** GET /indicator-settings (anyone who reads indicators). */
export async function getIndicatorSettings(ctx: AppContext, actor: Actor): Promise<IndicatorSettings> {
  authorize(actor, 'indicators.read');
  return readIndicatorSettings(ctx.db);
}

/** PUT /indicator-settings (provider, indicators.manage; audited). */
export async function putIndicatorSettings(
  ctx: AppContext,
  actor: Actor,
  input: IndicatorSettings,
): Promise<IndicatorSettings> {
  authorize(actor, 'indicators.manage');
  checkProviderActor(actor);
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await readIndicatorSettings(trx);
    await trx
      .insertInto('settings')
      .values({ key: KEY, value: JSON.stringify(input), updatedAt: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(input), updatedAt: at }))
      .execute();
    await recordAudit(
      trx,
      actor,
      { action: 'indicator_settings.update', targetType: 'settings', targetId: KEY, changes: { before, after: input } },
      now,
    );
  });
  return readIndicatorSettings(ctx.db);
}
