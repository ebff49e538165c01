import type { Executor } from '../../../db/schema';
import type { z } from 'zod';
import type { AppContext } from '../../../context';
import type { Actor } from '../../../access/actor';
import { authorize } from '../../../access/actor';
import { forbidden, invalid } from '../../../errors';
import { recordAudit } from '../../audit';
import { recomputeDeadlines } from '../clock-basis';
import { matrixFor } from '../matrix';
import { isStaff } from '../policy';
import { priorityOf } from '../priority';
import type { TicketSummaryView, TicketView } from '../present';
import { appendHistory, getTicketForChange, rebuildSearchText } from '../repo';
import { isStaffOfCommune } from '../../../access/staff';
import { ticketView } from '../service';
import type { ticketPatch } from '../schemas';
import type { TicketTable } from '../tables';
import { summariesByIds } from '../queries';
import { setTicketDevices } from '../devices-repo';
import { scoped } from '../../../db/scope';

type Patch = z.infer<typeof ticketPatch>;
const clockFields = ['impact', 'urgency', 'categoryId'] as const;

async function checkAssignment(
  trx: Executor,
  t: Pick<TicketTable, 'communeId'>,
  groupId: string | null | undefined,
  assigneeId: string | null | undefined,
) {
  if (groupId) {
    const g = await trx.selectFrom('supportGroups').select('id').where('id', '=', groupId).executeTakeFirst();
    if (!g) throw invalid('groupId', 'Unknown support group.', 'unknown_reference');
  }
  if (assigneeId && !(await isStaffOfCommune(trx, assigneeId, t.communeId))) {
    throw invalid(
      'assigneeId',
      'The assignee must be provider staff assigned to the ticket’s commune.',
      'unknown_reference',
    );
  }
}

/**
 * Applies a patch inside a transaction: validates references, derives sub-domain and priority,
 * records one history entry per kind of change, recomputes the clocks when the priority or the
 * category changed (pause time already accumulated is kept: pauses are intervals, glpi#15605).
 */
async function applyPatch(ctx: AppContext, trx: Executor, actor: Actor, t: TicketTable, patch: Patch, at: string) {
  await checkAssignment(trx, t, patch.groupId, patch.assigneeId);
  const set: Partial<TicketTable> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  // The devices are a list kept beside the row: their change has its own history entry.
  const devices = patch.deviceIds ? await setTicketDevices(trx, actor, t, patch.deviceIds, at) : null;
  if (devices) changes.deviceIds = { from: devices.removed, to: devices.added };
  for (const [k, v] of Object.entries(patch) as Array<[keyof Patch, unknown]>) {
    if (k === 'deviceIds') continue;
    if (v === undefined || (t as unknown as Record<string, unknown>)[k] === v) continue;
    (set as Record<string, unknown>)[k] = v;
    changes[k] = { from: (t as unknown as Record<string, unknown>)[k], to: v };
  }
  if (set.categoryId !== undefined) {
    if (set.categoryId) {
      const c = await trx
        .selectFrom('ticketCategories')
        .select('subdomain')
        .where('id', '=', set.categoryId)
        .where('active', '=', 1)
        .executeTakeFirst();
      if (!c) throw invalid('categoryId', 'Unknown or inactive category.', 'unknown_reference');
      set.subdomain = c.subdomain;
    } else set.subdomain = null;
  }
  if (set.entityId) {
    const e = await scoped(trx, actor)
      .selectFrom('entities')
      .select('id')
      .where('id', '=', set.entityId)
      .where('communeId', '=', t.communeId)
      .executeTakeFirst();
    if (!e) throw invalid('entityId', 'The sub-entity must belong to the ticket’s commune.', 'unknown_reference');
  }
  if (set.impact || set.urgency) {
    const priority = priorityOf(await matrixFor(trx, t.communeId), set.impact ?? t.impact, set.urgency ?? t.urgency);
    if (priority !== t.priority) {
      set.priority = priority;
      changes.priority = { from: t.priority, to: priority };
    }
  }
  if (!Object.keys(set).length) {
    if (devices) {
      await scoped(trx, actor).updateTable('tickets').set({ updatedAt: at }).where('id', '=', t.id).execute();
      await recordAudit(
        trx,
        actor,
        { action: 'ticket.update', targetType: 'ticket', targetId: t.id, communeId: t.communeId, changes },
        ctx.now(),
      );
    }
    return { t, changed: devices !== null, assigned: false, deadlinesChanged: false };
  }
  set.updatedAt = at;
  await scoped(trx, actor).updateTable('tickets').set(set).where('id', '=', t.id).execute();
  const assigned = 'groupId' in set || 'assigneeId' in set;
  if (assigned) {
    await appendHistory(trx, {
      ticketId: t.id,
      communeId: t.communeId,
      actor,
      kind: 'assigned',
      at,
      internal: false,
      data: {
        // A cleared group or assignee is recorded as null (`??` would keep the old one: "from X to X").
        groupId: set.groupId === undefined ? t.groupId : set.groupId,
        assigneeId: set.assigneeId === undefined ? t.assigneeId : set.assigneeId,
        from: { groupId: t.groupId, assigneeId: t.assigneeId },
      },
    });
  }
  const fieldChanges = Object.fromEntries(
    Object.entries(changes).filter(([k]) => k !== 'groupId' && k !== 'assigneeId' && k !== 'deviceIds'),
  );
  if (Object.keys(fieldChanges).length)
    await appendHistory(trx, {
      ticketId: t.id,
      communeId: t.communeId,
      actor,
      kind: 'field',
      at,
      internal: false,
      data: { changes: fieldChanges },
    });
  if ('title' in set || 'description' in set) await rebuildSearchText(trx, t.id);
  const next = { ...t, ...set };
  let deadlinesChanged = false;
  if (clockFields.some((k) => k in set) || 'priority' in set)
    deadlinesChanged = (await recomputeDeadlines(trx, next, ctx.now())).deadlinesChanged;
  await recordAudit(
    trx,
    actor,
    { action: 'ticket.update', targetType: 'ticket', targetId: t.id, communeId: t.communeId, changes },
    ctx.now(),
  );
  return { t: next, changed: true, assigned, deadlinesChanged };
}

function emitAfter(ctx: AppContext, actor: Actor, r: { t: TicketTable; assigned: boolean; deadlinesChanged: boolean }) {
  const ev = ctx.events;
  const actorId = actor.kind === 'user' ? actor.id : null;
  if (r.assigned)
    ev.emit('assigned', {
      ticketId: r.t.id,
      communeId: r.t.communeId,
      groupId: r.t.groupId,
      assigneeId: r.t.assigneeId,
      actorId,
    });
  if (r.deadlinesChanged) ev.emit('deadlinesChanged', { ticketId: r.t.id, communeId: r.t.communeId });
}

/** PATCH a ticket (provider staff): fields, category, impact/urgency (→ priority, clocks), group and assignee. */
export async function updateTicket(ctx: AppContext, actor: Actor, ticketId: string, patch: Patch): Promise<TicketView> {
  authorize(actor, 'tickets.read');
  const at = ctx.now().toISOString();
  const r = await ctx.db.transaction().execute(async (trx) => {
    const t = await getTicketForChange(trx, actor, ticketId);
    if (!isStaff(actor)) throw forbidden('Only the shared service’s staff edit tickets.');
    return applyPatch(ctx, trx, actor, t, patch, at);
  });
  emitAfter(ctx, actor, r);
  return ticketView(ctx, actor, ticketId);
}

/** Assigns several tickets at once, all or nothing: one ticket outside the caller's scope fails the whole request (404). */
export async function bulkAssign(
  ctx: AppContext,
  actor: Actor,
  input: { ids: string[]; groupId?: string | null; assigneeId?: string | null },
): Promise<{ updated: number; items: TicketSummaryView[] }> {
  authorize(actor, 'tickets.work');
  if (!isStaff(actor)) throw forbidden();
  const ids = [...new Set(input.ids)];
  const at = ctx.now().toISOString();
  const results = await ctx.db.transaction().execute(async (trx) => {
    const out = [];
    // Rows locked in one order whatever the request's, so two bulk changes cannot deadlock.
    for (const id of [...ids].sort()) {
      const t = await getTicketForChange(trx, actor, id);
      out.push(await applyPatch(ctx, trx, actor, t, { groupId: input.groupId, assigneeId: input.assigneeId }, at));
    }
    return out;
  });
  for (const r of results) emitAfter(ctx, actor, r);
  return { updated: results.filter((r) => r.changed).length, items: await summariesByIds(ctx, actor, ids) };
}
