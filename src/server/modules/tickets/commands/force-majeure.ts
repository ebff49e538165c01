import type { AppContext } from '../../../context';
import { authorize, type Actor } from '../../../access/actor';
import { scoped } from '../../../db/scope';
import { conflict } from '../../../errors';
import { recordAudit } from '../../audit';
import type { TicketView } from '../present';
import { appendHistory, getTicketForChange } from '../repo';
import { ticketView } from '../service';

/**
 * 3.3.1 "Lendemain au maximum (sauf cas de force majeure)": a contract manager may rule that a
 * ticket's late acknowledgement was a case of force majeure, with a reason. The ticket is then
 * excluded from 3.3.1 (neither counted nor met); the ruling is in the ticket's public history
 * (the commune sees it and why), in the audit log, and can be revoked the same way. Only a
 * breached acknowledgement can be ruled so: an acknowledgement in time needs no exclusion.
 */
export async function ruleForceMajeure(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: { reason: string },
): Promise<TicketView> {
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // Scope first: a ticket outside it does not exist for the caller.
    const t = await getTicketForChange(trx, actor, ticketId);
    authorize(actor, 'tickets.force_majeure');
    if (t.mergedIntoId) throw conflict('A merged ticket is not counted: there is nothing to exclude.');
    if (t.ackBreached !== 1)
      throw conflict('Only a ticket whose acknowledgement was late can be excluded as force majeure.', {
        ackBreached: false,
      });
    if (t.forceMajeure === 1) throw conflict('This ticket is already excluded as force majeure.');
    await scoped(trx, actor)
      .updateTable('tickets')
      .set({
        forceMajeure: 1,
        forceMajeureReason: input.reason,
        forceMajeureAt: at,
        forceMajeureBy: actor.label,
        updatedAt: at,
      })
      .where('id', '=', t.id)
      .execute();
    await appendHistory(trx, {
      ticketId: t.id,
      communeId: t.communeId,
      actor,
      kind: 'force_majeure',
      data: { reason: input.reason, clock: 'ack' },
      internal: false,
      at,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'ticket.force_majeure',
        targetType: 'ticket',
        targetId: t.id,
        communeId: t.communeId,
        changes: { reason: input.reason },
      },
      now,
    );
  });
  return ticketView(ctx, actor, ticketId);
}

/** Revokes a force-majeure ruling: the ticket counts again in 3.3.1 (audited, in the history). */
export async function revokeForceMajeure(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: { reason: string },
): Promise<TicketView> {
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const t = await getTicketForChange(trx, actor, ticketId);
    authorize(actor, 'tickets.force_majeure');
    if (t.forceMajeure !== 1) throw conflict('This ticket is not excluded as force majeure.');
    await scoped(trx, actor)
      .updateTable('tickets')
      .set({ forceMajeure: 0, forceMajeureReason: null, forceMajeureAt: null, forceMajeureBy: null, updatedAt: at })
      .where('id', '=', t.id)
      .execute();
    await appendHistory(trx, {
      ticketId: t.id,
      communeId: t.communeId,
      actor,
      kind: 'force_majeure_revoked',
      data: { reason: input.reason, previousReason: t.forceMajeureReason },
      internal: false,
      at,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'ticket.force_majeure_revoke',
        targetType: 'ticket',
        targetId: t.id,
        communeId: t.communeId,
        changes: { reason: input.reason, previousReason: t.forceMajeureReason },
      },
      now,
    );
  });
  return ticketView(ctx, actor, ticketId);
}
