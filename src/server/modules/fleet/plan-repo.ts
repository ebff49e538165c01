import type { Executor } from '../../db/schema';
import type { RenewalPlanLineTable, RenewalPlanTable, RenewalPolicyTable } from './tables';
import type { KindRule } from './renewal-policy';

/** Raw reads and writes of the renewal policy and the approved plans (callers checked the commune's scope). */

export type PolicyRow = RenewalPolicyTable;
export type PlanRow = RenewalPlanTable;
export type LineRow = RenewalPlanLineTable;

export async function policyVersions(db: Executor, communeId: string): Promise<PolicyRow[]> {
  return db
    .selectFrom('renewalPolicies')
    .selectAll()
    .where('communeId', '=', communeId)
    .orderBy('effectiveFrom', 'desc')
    .execute();
}

/** A stored version's rules (JSON). */
export function parseRules(row: Pick<PolicyRow, 'rules'>): Partial<Record<string, KindRule>> {
  return JSON.parse(row.rules) as Partial<Record<string, KindRule>>;
}

export async function findPolicyAt(db: Executor, communeId: string, effectiveFrom: string) {
  return db
    .selectFrom('renewalPolicies')
    .selectAll()
    .where('communeId', '=', communeId)
    .where('effectiveFrom', '=', effectiveFrom)
    .executeTakeFirst();
}

export async function insertPolicy(db: Executor, row: PolicyRow): Promise<void> {
  await db.insertInto('renewalPolicies').values(row).execute();
}

export async function updatePolicy(db: Executor, id: string, set: Partial<PolicyRow>): Promise<void> {
  await db.updateTable('renewalPolicies').set(set).where('id', '=', id).execute();
}

export async function findPlan(db: Executor, communeId: string, year: number): Promise<PlanRow | undefined> {
  return db
    .selectFrom('renewalPlans')
    .selectAll()
    .where('communeId', '=', communeId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function insertPlan(db: Executor, row: PlanRow, lines: LineRow[]): Promise<void> {
  await db.insertInto('renewalPlans').values(row).execute();
  for (let i = 0; i < lines.length; i += 500)
    await db
      .insertInto('renewalPlanLines')
      .values(lines.slice(i, i + 500))
      .execute();
}

/** A plan's lines with the labels of their devices, by rank. */
export async function linesOf(db: Executor, communeId: string, planId: string) {
  return db
    .selectFrom('renewalPlanLines as l')
    .leftJoin('devices as r', (j) => j.onRef('r.id', '=', 'l.replacementDeviceId').on('r.communeId', '=', communeId))
    .selectAll('l')
    .select(['r.kind as replacementKind', 'r.name as rName', 'r.inventoryNumber as rInventory', 'r.serial as rSerial'])
    .where('l.communeId', '=', communeId)
    .where('l.planId', '=', planId)
    .orderBy('l.rank')
    .execute();
}

export async function updateLine(db: Executor, id: string, set: Partial<LineRow>): Promise<void> {
  await db.updateTable('renewalPlanLines').set(set).where('id', '=', id).execute();
}

/** The line (of any plan of the commune) whose replacement is this device, except `exceptLineId`. */
export async function lineWithReplacement(db: Executor, communeId: string, deviceId: string, exceptLineId: string) {
  return db
    .selectFrom('renewalPlanLines')
    .select('id')
    .where('communeId', '=', communeId)
    .where('replacementDeviceId', '=', deviceId)
    .where('id', '<>', exceptLineId)
    .executeTakeFirst();
}
