import { DateTime } from 'luxon';
import type { AppContext } from '../../context';
import { unscoped } from '../../db/scope';
import { findCommuneCalendar, recomputeDeadlines } from './clock-basis';

/**
 * When a commune's terms change from a date on (an amendment recorded after the fact), the open
 * tickets created since that date run on the new terms: their deadlines are recomputed, and each
 * changed ticket announces it (`deadlinesChanged`: alerts move with it).
 */
export async function recomputeOpenTicketsSince(ctx: AppContext, communeId: string, from: string): Promise<number> {
  const now = ctx.now();
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const cal = await findCommuneCalendar(trx, communeId);
    const zone = cal?.definition.timezone ?? 'Europe/Paris';
    const since = DateTime.fromISO(from, { zone }).startOf('day').toUTC().toISO()!;
    const open = await unscoped(trx, 'system listener: open tickets of a commune whose terms changed')
      .selectFrom('tickets')
      .select(['id', 'communeId', 'createdAt', 'priority', 'acknowledgedAt', 'resolvedAt'])
      .where('communeId', '=', communeId)
      .where('createdAt', '>=', since)
      .where('resolvedAt', 'is', null)
      .where('mergedIntoId', 'is', null)
      .execute();
    const out: string[] = [];
    for (const t of open) if ((await recomputeDeadlines(trx, t, now)).deadlinesChanged) out.push(t.id);
    return out;
  });
  for (const ticketId of changed) ctx.events.emit('deadlinesChanged', { ticketId, communeId });
  return changed.length;
}

export function subscribeTickets(ctx: AppContext): void {
  ctx.events.on('termsChanged', async (e) => {
    await recomputeOpenTicketsSince(ctx, e.communeId, e.from);
  });
}
