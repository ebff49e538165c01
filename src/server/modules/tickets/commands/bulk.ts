import type { z } from 'zod';
import type { AppContext } from '../../../context';
import type { Actor } from '../../../access/actor';
import { authorize } from '../../../access/actor';
import { AppError, forbidden, invalid, notFound } from '../../../errors';
import type { Status } from '../lifecycle';
import { isStaff } from '../policy';
import { visibleTickets } from '../repo';
import type { bulkMergeResult, bulkSkipReasons, bulkTransitionResult } from '../schemas';
import { applyMerge } from './merge-ticket';
import { applyTransition } from './transition-ticket';

type Reason = (typeof bulkSkipReasons)[number];
type TransitionSummary = z.infer<typeof bulkTransitionResult>;
type MergeSummary = z.infer<typeof bulkMergeResult>;

/**
 * Bulk status changes and merges (the ticket list's bulk actions). Each ticket goes through the
 * single route's command — same permission, lifecycle, history, audit and events — in its own
 * transaction: one ticket refused does not undo the others, and the answer says, ticket by
 * ticket, what changed and why the others were skipped.
 *
 * A ticket the caller cannot see (another commune, or no such id) is reported as skipped
 * `not_found`, with no reference nor status: the answer is the same as for an id that does not
 * exist, so it tells nothing of the ticket. Errors other than a rule's refusal (database busy…)
 * stop the batch with their status; the tickets already handled stay changed, and a retry skips
 * them (`already_in_status`, `already_closed`).
 */

/** The reason code of a rule's refusal; undefined for an error that must stop the batch. */
function reasonOf(e: unknown): Reason | undefined {
  if (!(e instanceof AppError)) return undefined;
  if (e.status === 404) return 'not_found';
  if (e.status === 403) return 'forbidden';
  if (e.code === 'invalid_transition') {
    const d = e.details as { from?: string; to?: string } | undefined;
    return d?.from !== undefined && d.from === d.to ? 'already_in_status' : 'invalid_transition';
  }
  if (e.status === 409 || e.status === 400) return 'conflict';
  return undefined;
}

/** The visible tickets among `ids`, by id (one query). */
async function visibleByIds(ctx: AppContext, actor: Actor, ids: readonly string[]) {
  const rows = await visibleTickets(ctx.db, actor)
    .select(['t.id', 't.reference', 't.status', 't.communeId', 't.mergedIntoId'])
    .where('t.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

function requireStaff(actor: Actor) {
  authorize(actor, 'tickets.work');
  if (!isStaff(actor)) throw forbidden('Only the shared service’s staff work tickets in bulk.');
}

/** Moves each ticket to `to`, as POST /tickets/{id}/transitions would. */
export async function bulkTransition(
  ctx: AppContext,
  actor: Actor,
  input: { ids: string[]; to: Status; comment?: string },
): Promise<TransitionSummary> {
  requireStaff(actor);
  const visible = await visibleByIds(ctx, actor, input.ids);
  const items: TransitionSummary['items'] = [];
  for (const id of input.ids) {
    const seen = visible.get(id);
    const skip = (reason: Reason) =>
      items.push(
        reason === 'not_found'
          ? { id, reference: null, from: null, to: input.to, outcome: 'skipped', reason }
          : { id, reference: seen!.reference, from: seen!.status, to: input.to, outcome: 'skipped', reason },
      );
    if (!seen) {
      skip('not_found');
      continue;
    }
    if (seen.status === input.to) {
      skip('already_in_status');
      continue;
    }
    try {
      const before = await applyTransition(ctx, actor, id, { to: input.to, comment: input.comment });
      items.push({ id, reference: before.reference, from: before.status, to: input.to, outcome: 'changed' });
    } catch (e) {
      const reason = reasonOf(e);
      if (!reason) throw e;
      skip(reason);
    }
  }
  const changed = items.filter((i) => i.outcome === 'changed').length;
  return { items, changed, skipped: items.length - changed };
}

/** Merges each ticket into `intoId`, as POST /tickets/{id}/merge would. */
export async function bulkMerge(
  ctx: AppContext,
  actor: Actor,
  input: { ids: string[]; intoId: string },
): Promise<MergeSummary> {
  requireStaff(actor);
  const visible = await visibleByIds(ctx, actor, [...input.ids, input.intoId]);
  const into = visible.get(input.intoId);
  if (!into) throw notFound('ticket');
  if (into.status === 'closed' || into.mergedIntoId) throw invalid('intoId', 'The target ticket is closed.');
  const items: MergeSummary['items'] = [];
  for (const id of input.ids) {
    const seen = visible.get(id);
    const skip = (reason: Reason) =>
      items.push(
        reason === 'not_found'
          ? { id, reference: null, from: null, outcome: 'skipped', reason }
          : { id, reference: seen!.reference, from: seen!.status, outcome: 'skipped', reason },
      );
    if (!seen) skip('not_found');
    else if (id === into.id) skip('same_ticket');
    else if (seen.status === 'closed' || seen.mergedIntoId) skip('already_closed');
    else if (seen.communeId !== into.communeId) skip('other_commune');
    else {
      try {
        const before = await applyMerge(ctx, actor, id, { intoId: into.id });
        items.push({ id, reference: before.reference, from: before.status, outcome: 'merged' });
      } catch (e) {
        const reason = reasonOf(e);
        if (!reason) throw e;
        // The rules were checked above: a refusal now means a change in between.
        skip(reason === 'invalid_transition' ? 'already_closed' : reason === 'conflict' ? 'target_closed' : reason);
      }
    }
  }
  const merged = items.filter((i) => i.outcome === 'merged').length;
  return { into: { id: into.id, reference: into.reference }, items, merged, skipped: items.length - merged };
}
