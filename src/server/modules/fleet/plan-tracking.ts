import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize } from '../../access/actor';
import type { Executor } from '../../db/schema';
import { scoped } from '../../db/scope';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { deviceRow, type DeviceRow } from './repo';
import { applyDeviceChange, localToday } from './service';
import { lineWithReplacement, linesOf, updateLine, type LineRow } from './plan-repo';
import { nextStepOf, presentLine } from './plan-present';
import type { PlanLineView, StepBody } from './plan-schemas';

/** A line of an approved plan the actor may see, or 404. */
async function visibleLine(db: Executor, actor: Actor, id: string): Promise<LineRow> {
  const row = await scoped(db, actor)
    .selectFrom('renewalPlanLines')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('renewal plan line');
  return row;
}

/** The replacement an existing device can be: of the commune, in stock, never in service, no other line's. */
async function existingReplacement(trx: Executor, line: LineRow, id: string): Promise<DeviceRow> {
  const d = await deviceRow(trx, line.communeId, id);
  if (!d) throw invalid('replacementDeviceId', 'No such device in this commune.', 'unknown_reference');
  if (d.id === line.deviceId) throw invalid('replacementDeviceId', 'A device cannot replace itself.');
  // A device already in service would count as a renewal in the wrong year (3.1.1 counts it the day it goes into service).
  if (d.status !== 'in_stock' || d.inServiceFrom !== null || d.retiredOn !== null)
    throw invalid('replacementDeviceId', 'The replacement must be in stock and never have been in service.');
  if (d.replacesId || (await lineWithReplacement(trx, line.communeId, d.id, line.id)))
    throw invalid('replacementDeviceId', 'This device already replaces another one.', 'already_used');
  return d;
}

/**
 * Records the next step of a line of an approved plan: ordered, then delivered (the replacement
 * named: an existing device in stock, or a new record created in stock), then deployed — the
 * replacement goes into service that day as a renewal (`renewal`, `replacesId`), which retires
 * the replaced device the same day with a history entry on both (service.ts applyDeviceChange).
 * That is what indicator 3.1.1 counts (renewal-rate.ts): a renewal in the year it goes into
 * service. Out of order → 409 renewal_step_out_of_order; a date in the future or before the
 * previous step → 400 on `on`.
 */
export async function advanceLine(
  ctx: AppContext,
  actor: Actor,
  lineId: string,
  body: StepBody,
): Promise<PlanLineView> {
  await visibleLine(ctx.db, actor, lineId);
  authorize(actor, 'fleet.manage');
  const now = ctx.now();
  const today = localToday(now);
  return ctx.db.transaction().execute(async (trx) => {
    const line = await visibleLine(trx, actor, lineId);
    if (nextStepOf(line.status) !== body.step)
      throw new AppError(
        'renewal_step_out_of_order',
        `The line is ${line.status}: its next step is ${nextStepOf(line.status) ?? 'none (deployed)'}, not ${body.step}.`,
        { status: line.status, nextStep: nextStepOf(line.status) },
      );
    if (body.on > today) throw invalid('on', 'A step is recorded once done: not in the future.');
    const previous = line.deliveredOn ?? line.orderedOn;
    if (previous && body.on < previous) throw invalid('on', `The previous step was on ${previous}.`);
    if (body.step === 'ordered' && (body.replacement || body.replacementDeviceId))
      throw invalid('replacement', 'The replacement is named when it is delivered or deployed.');
    if (body.replacement && body.replacementDeviceId)
      throw invalid('replacement', 'Either an existing device or a new record, not both.');
    if (line.replacementDeviceId && (body.replacement || body.replacementDeviceId))
      throw invalid('replacementDeviceId', 'The line already has its replacement.');

    const set: Partial<LineRow> = { status: body.step, updatedAt: now.toISOString() };
    if (body.step === 'ordered') Object.assign(set, { orderedOn: body.on, orderedBy: actor.label });
    if (body.step === 'delivered') Object.assign(set, { deliveredOn: body.on, deliveredBy: actor.label });
    if (body.step === 'deployed') Object.assign(set, { deployedOn: body.on, deployedBy: actor.label });

    let replacement: DeviceRow | undefined;
    if (body.replacementDeviceId) replacement = await existingReplacement(trx, line, body.replacementDeviceId);
    else if (body.replacement) {
      const r = body.replacement;
      replacement = (
        await applyDeviceChange(
          trx,
          actor,
          line.communeId,
          undefined,
          {
            kind: r.kind ?? (line.kind as NonNullable<typeof r.kind>),
            name: r.name ?? null,
            serial: r.serial ?? null,
            inventoryNumber: r.inventoryNumber ?? null,
            manufacturer: r.manufacturer ?? null,
            model: r.model ?? null,
            cost: r.cost ?? null,
            purchaseDate: r.purchaseDate ?? body.on,
            warrantyEnd: r.warrantyEnd ?? null,
            status: 'in_stock',
          },
          { source: 'manual', now, today },
        )
      ).row;
    } else if (line.replacementDeviceId) replacement = await deviceRow(trx, line.communeId, line.replacementDeviceId);
    if (replacement) set.replacementDeviceId = replacement.id;

    if (body.step === 'deployed') {
      if (!replacement) throw invalid('replacementDeviceId', 'Name the replacement device to deploy.', 'required');
      const old = await deviceRow(trx, line.communeId, line.deviceId);
      if (!old) throw conflict('The device this line renews no longer exists.');
      if (old.retiredOn) throw conflict('The device this line renews is already retired.', { deviceId: old.id });
      if (old.inServiceFrom && body.on < old.inServiceFrom)
        throw invalid('on', 'The replacement cannot go into service before the device it replaces.');
      // The replacement goes into service as a renewal; applyDeviceChange retires the old one that day.
      await applyDeviceChange(
        trx,
        actor,
        line.communeId,
        replacement,
        { status: 'deployed', inServiceFrom: body.on, renewal: true, replacesId: old.id },
        { source: 'manual', now, today },
      );
    }
    await updateLine(trx, line.id, set);
    await recordAudit(
      trx,
      actor,
      {
        action: 'renewal_plan_line.advance',
        targetType: 'renewal_plan_line',
        targetId: line.id,
        communeId: line.communeId,
        changes: {
          status: [line.status, body.step],
          on: body.on,
          deviceId: line.deviceId,
          replacementDeviceId: set.replacementDeviceId ?? line.replacementDeviceId,
        },
      },
      now,
    );
    const after = (await linesOf(trx, line.communeId, line.planId)).find((l) => l.id === line.id)!;
    return presentLine(after);
  });
}
