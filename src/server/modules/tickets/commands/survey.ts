import type { AppContext } from '../../../context';
import type { Actor } from '../../../access/actor';
import { authorize } from '../../../access/actor';
import { conflict, forbidden } from '../../../errors';
import { recordAudit } from '../../audit';
import { isRequesterOf } from '../policy';
import { appendHistory, getTicketForChange } from '../repo';
import { scoped } from '../../../db/scope';

/**
 * The requester answers the satisfaction survey sent at resolution (once per resolution). The
 * score is kept on the ticket for the indicators.
 */
export async function answerSurvey(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: { score: number; comment?: string },
) {
  authorize(actor, 'tickets.reply');
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const t = await getTicketForChange(trx, actor, ticketId);
    if (!isRequesterOf(actor, t)) throw forbidden('Only the requester answers the satisfaction survey.');
    const survey = await scoped(trx, actor)
      .selectFrom('ticketSurveys')
      .select('id')
      .where('ticketId', '=', t.id)
      .where('answeredAt', 'is', null)
      .orderBy('sentAt', 'desc')
      .executeTakeFirst();
    if (!survey || (t.status !== 'resolved' && t.status !== 'closed'))
      throw conflict('There is no survey waiting for an answer on this ticket.');
    await scoped(trx, actor)
      .updateTable('ticketSurveys')
      .set({ answeredAt: at, score: input.score, comment: input.comment ?? null })
      .where('id', '=', survey.id)
      .execute();
    await scoped(trx, actor)
      .updateTable('tickets')
      .set({ satisfaction: input.score, updatedAt: at })
      .where('id', '=', t.id)
      .execute();
    await appendHistory(trx, {
      ticketId: t.id,
      communeId: t.communeId,
      actor,
      kind: 'survey',
      at,
      internal: false,
      data: { score: input.score, comment: input.comment ?? null },
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'ticket.survey',
        targetType: 'ticket',
        targetId: t.id,
        communeId: t.communeId,
        changes: { score: input.score },
      },
      ctx.now(),
    );
    return { ticketId: t.id, score: input.score, comment: input.comment ?? null, answeredAt: at };
  });
}
