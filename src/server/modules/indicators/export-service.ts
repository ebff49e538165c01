import { DateTime } from 'luxon';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { visibleTickets } from '../tickets';
import { scoped } from '../../db/scope';
import { formatPeriod, periodBounds } from './periods';
import { listIndicators, overview, requirePeriod } from './service';
import { communeCalendar } from './sources';
import { dashboardXlsx, overviewXlsx, type ExportTicket } from './xlsx';
import { dashboardPdf, overviewPdf } from './pdf';

/** Rows on the raw ticket sheet at most (a year of a large commune fits). */
const MAX_EXPORT_TICKETS = 100_000;

export interface ExportFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

const types = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** One commune's dashboard as XLSX (with the raw tickets received in the period) or PDF. */
export async function exportDashboard(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  periodText: string,
  format: 'xlsx' | 'pdf',
): Promise<ExportFile> {
  const { items } = await listIndicators(ctx, actor, communeId, periodText);
  const period = requirePeriod(periodText);
  const periodKey = formatPeriod(period);
  const commune = await scoped(ctx.db, actor)
    .selectFrom('communes')
    .select(['name', 'slug'])
    .where('id', '=', communeId)
    .executeTakeFirstOrThrow();
  const filename = `indicateurs-${commune.slug}-${periodKey}.${format}`;
  if (format === 'pdf') {
    return {
      filename,
      contentType: types.pdf,
      data: await dashboardPdf({
        communeName: commune.name,
        period: periodKey,
        items,
        locale: actor.locale,
        generatedAt: generatedAt(ctx.now(), actor.locale),
      }),
    };
  }
  const cal = await communeCalendar(ctx.db, communeId);
  const b = periodBounds(period, cal.timezone);
  // The same ticket visibility as the ticket list (a user limited to a sub-entity sees its tickets).
  const tickets = await visibleTickets(ctx.db, actor)
    .select([
      't.reference',
      't.title',
      't.priority',
      't.channel',
      't.status',
      't.createdAt',
      't.acknowledgedAt',
      't.resolvedAt',
      't.ackBusinessSeconds',
      't.resolveBusinessSeconds',
      't.ackBreached',
      't.resolveBreached',
      't.receivedOutsideHours',
      't.reopenCount',
    ])
    .where('t.communeId', '=', communeId)
    .where('t.createdAt', '>=', b.fromUtc)
    .where('t.createdAt', '<', b.toUtc)
    .where('t.mergedIntoId', 'is', null)
    .orderBy('t.createdAt')
    .limit(MAX_EXPORT_TICKETS)
    .execute();
  const rows: ExportTicket[] = tickets.map((t) => ({
    ...t,
    ackBusinessSeconds: t.ackBusinessSeconds === null ? null : Number(t.ackBusinessSeconds),
    resolveBusinessSeconds: t.resolveBusinessSeconds === null ? null : Number(t.resolveBusinessSeconds),
  }));
  return {
    filename,
    contentType: types.xlsx,
    data: await dashboardXlsx({
      communeName: commune.name,
      period: periodKey,
      items,
      tickets: rows,
      locale: actor.locale,
    }),
  };
}

/** The side-by-side overview as XLSX or PDF. */
export async function exportOverview(
  ctx: AppContext,
  actor: Actor,
  periodText: string,
  format: 'xlsx' | 'pdf',
): Promise<ExportFile> {
  authorize(actor, 'indicators.overview');
  const { items } = await overview(ctx, actor, periodText);
  const periodKey = formatPeriod(requirePeriod(periodText));
  const rows = items.map((r) => ({ communeName: r.communeName, indicators: r.indicators }));
  const filename = `indicateurs-communes-${periodKey}.${format}`;
  return format === 'pdf'
    ? { filename, contentType: types.pdf, data: await overviewPdf({ period: periodKey, rows, locale: actor.locale }) }
    : {
        filename,
        contentType: types.xlsx,
        data: await overviewXlsx({ period: periodKey, rows, locale: actor.locale }),
      };
}

/** "2 décembre 2026 à 09:28" (Paris time, the reader's language), not a UTC timestamp. */
export function generatedAt(now: Date, locale: 'fr' | 'en'): string {
  const d = DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).setLocale(locale === 'en' ? 'en-GB' : 'fr-FR');
  return locale === 'en' ? d.toFormat("d MMMM yyyy', 'HH:mm") : d.toFormat("d MMMM yyyy 'à' HH:mm");
}
