import type { Executor } from '../../db/schema';

/** Service-desk alert settings : warning threshold and automatic escalation. */
export interface AlertSettings {
  /** Share of the business-time budget consumed when the "breach soon" warning fires. */
  warningThreshold: number;
  /** Raise the referral level automatically when a resolution deadline is breached. */
  autoEscalateOnBreach: boolean;
}

export const defaultAlertSettings: AlertSettings = { warningThreshold: 0.75, autoEscalateOnBreach: true };
const KEY = 'servicedesk.alerts';

/** The alert settings, defaults filled in. */
export async function getAlertSettings(db: Executor): Promise<AlertSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { ...defaultAlertSettings };
  try {
    return { ...defaultAlertSettings, ...(JSON.parse(row.value) as Partial<AlertSettings>) };
  } catch {
    return { ...defaultAlertSettings };
  }
}

/** Stores the alert settings (inside the caller's transaction). */
export async function putAlertSettings(db: Executor, value: AlertSettings, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('settings')
    .values({ key: KEY, value: JSON.stringify(value), updatedAt: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updatedAt: at }))
    .execute();
}
