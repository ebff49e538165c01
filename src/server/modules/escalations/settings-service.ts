import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { checkProviderActor } from '../../access/grant';
import { recordAudit } from '../audit';
import { getAlertSettings, putAlertSettings, type AlertSettings } from '../scheduler';

/** The SLA alert settings, for staff. */
export async function getAlertSettingsFor(ctx: AppContext, actor: Actor): Promise<AlertSettings> {
  authorize(actor, 'tickets.work');
  return getAlertSettings(ctx.db);
}

/** Changes the SLA alert settings; new warnings follow the new threshold (jobs are keyed by it). */
export async function putAlertSettingsFor(ctx: AppContext, actor: Actor, input: AlertSettings): Promise<AlertSettings> {
  authorize(actor, 'tickets.configure');
  checkProviderActor(actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await putAlertSettings(trx, input, now);
    await recordAudit(
      trx,
      actor,
      { action: 'alert_settings.update', targetType: 'settings', targetId: 'servicedesk.alerts', changes: input },
      now,
    );
  });
  return getAlertSettings(ctx.db);
}
