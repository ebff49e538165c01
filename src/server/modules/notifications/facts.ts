import type { Executor } from '../../db/schema';
import type { AppContext } from '../../context';
import type { TicketTable } from '../tickets';
import type { TicketFacts } from './templates';
import { unscoped } from '../../db/scope';

/** The web app's origin for links in emails (PUBLIC_URL, else the local default). */
export function appOrigin(ctx: AppContext): string {
  return ctx.config.publicOrigins[0] ?? `http://localhost:${ctx.config.port}`;
}

/** What a template says about a ticket. */
export async function ticketFacts(
  db: Executor,
  ctx: AppContext,
  t: Pick<TicketTable, 'id' | 'reference' | 'title' | 'priority' | 'status' | 'communeId'>,
): Promise<TicketFacts> {
  const c = await unscoped(db, 'the commune of a ticket already read')
    .selectFrom('communes')
    .select('name')
    .where('id', '=', t.communeId)
    .executeTakeFirst();
  return {
    reference: t.reference,
    title: t.title,
    priority: t.priority,
    status: t.status,
    communeName: c?.name ?? '',
    url: `${appOrigin(ctx)}/tickets/${t.id}`,
  };
}

/** The survey link sent with a resolved ticket. */
export function surveyUrl(ctx: AppContext, ticketId: string): string {
  return `${appOrigin(ctx)}/tickets/${ticketId}?survey=1`;
}
