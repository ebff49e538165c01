import type { AppContext } from '../../context';
import { appendHistory } from '../tickets';
import { enqueueJob } from '../scheduler';
import type { JobHandler } from '../scheduler';
import { queueEmail, recipientsOf } from './outbox';
import { surveyUrl, ticketFacts } from './facts';
import { unscoped } from '../../db/scope';

/** Schedules the one reminder of the ticket's open survey (keyed by the survey: never twice). */
export async function scheduleSurveyReminder(ctx: AppContext, ticketId: string): Promise<void> {
  const s = await unscoped(ctx.db, 'system: survey reminder')
    .selectFrom('ticketSurveys')
    .selectAll()
    .where('ticketId', '=', ticketId)
    .where('answeredAt', 'is', null)
    .orderBy('sentAt', 'desc')
    .executeTakeFirst();
  if (!s || s.remindedAt) return;
  const runAt = new Date(Date.parse(s.sentAt) + ctx.config.surveyReminderDays * 86_400_000);
  await enqueueJob(
    ctx.db,
    {
      kind: 'survey.remind',
      runAt,
      payload: { surveyId: s.id },
      dedupeKey: `survey-remind:${s.id}`,
      communeId: s.communeId,
    },
    ctx.now(),
  );
}

/** Reminds the requester of an unanswered survey, once (`survey.remind`). */
export const surveyRemindJob: JobHandler = async (ctx, job, now) => {
  await ctx.db.transaction().execute(async (trx) => {
    const s = await unscoped(trx, 'system job: survey reminder')
      .selectFrom('ticketSurveys')
      .selectAll()
      .where('id', '=', String(job.payload.surveyId))
      .executeTakeFirst();
    if (!s || s.answeredAt || s.remindedAt || !s.requesterId) return;
    const t = await unscoped(trx, 'system job: survey reminder')
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', s.ticketId)
      .executeTakeFirst();
    if (!t || (t.status !== 'resolved' && t.status !== 'closed')) return;
    const [to] = await recipientsOf(trx, [s.requesterId]);
    if (!to) return;
    const at = now.toISOString();
    await queueEmail(
      trx,
      ctx,
      {
        to,
        content: {
          template: 'survey_reminder',
          ticket: await ticketFacts(trx, ctx, t),
          surveyUrl: surveyUrl(ctx, t.id),
        },
        communeId: t.communeId,
        ticketId: t.id,
        urgent: false,
      },
      now,
    );
    await unscoped(trx, 'system job: survey reminder')
      .updateTable('ticketSurveys')
      .set({ remindedAt: at })
      .where('id', '=', s.id)
      .execute();
    await appendHistory(trx, {
      ticketId: t.id,
      communeId: t.communeId,
      actor: null,
      kind: 'survey_reminded',
      data: {},
      internal: false,
      at,
    });
  });
};
