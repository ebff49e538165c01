import type { z } from 'zod';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { scoped } from '../../db/scope';
import { invalid } from '../../errors';
import { loadCommuneCalendar, type CompiledCalendar } from '../calendars';
import type * as S from './schemas';
import { availability } from './measure';
import { periodRange, type PeriodRange } from './period';
import type { ApplicationTable } from './tables';

/**
 * Availability per application over a period (issue 15 "Availability"): downtime and availability
 * on the clock of each application (the commune's business hours, or continuous), for one
 * application's page and for the commune's dashboard (its critical applications).
 */

/** The period's range, refused with a 400 naming `period` when it is not one. */
export function rangeOrInvalid(period: string, zone: string): PeriodRange {
  const r = periodRange(period, zone);
  if (!r) throw invalid('period', 'Expected 2026, 2026-S2, 2026-Q3 or 2026-07.');
  return r;
}

const hours = (s: number) => Math.round((s / 3600) * 100) / 100;

/** One application's figures over [fromUtc, min(toUtc, now)) from the outages overlapping it. */
export function availabilityFigures(
  cal: CompiledCalendar,
  app: Pick<ApplicationTable, 'id' | 'outageCalendar'>,
  r: PeriodRange,
  now: Date,
  outages: ReadonlyArray<{ startedAt: string; restoredAt: string | null }>,
) {
  const nowIso = now.toISOString();
  const toUtc = r.toUtc < nowIso ? r.toUtc : nowIso;
  const from = Date.parse(r.fromUtc);
  const a = availability(
    cal,
    app.outageCalendar,
    { from, to: Math.max(from, Date.parse(toUtc)) },
    outages.map((o) => ({
      startedMs: Date.parse(o.startedAt),
      restoredMs: o.restoredAt ? Date.parse(o.restoredAt) : null,
    })),
  );
  return {
    applicationId: app.id,
    period: r.period,
    from: r.fromDate,
    to: r.toDate,
    outageCalendar: app.outageCalendar,
    windowHours: hours(a.windowSeconds),
    downtimeHours: hours(a.downtimeSeconds),
    availability: a.availability === null ? null : Math.round(a.availability * 1e6) / 1e6,
    outages: outages.length,
  };
}

/**
 * A commune's applications with their availability over a period (critical ones by default), the
 * least available first: applications in service at some point of the period (not retired before
 * it, not entered after it).
 */
export async function communeAvailability(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: z.infer<typeof S.communeAvailabilityQuery>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'applications.read');
  const cal = await loadCommuneCalendar(ctx.db, communeId);
  const r = rangeOrInvalid(q.period, cal.compiled.timezone);
  const now = ctx.now();
  const s = scoped(ctx.db, actor);
  let appsQuery = s
    .selectFrom('applications')
    .select(['id', 'name', 'criticality', 'outageCalendar', 'status'])
    .where('communeId', '=', communeId)
    .where('status', '!=', 'being_transferred')
    .where((eb) => eb.or([eb('retiredOn', 'is', null), eb('retiredOn', '>=', r.fromDate)]))
    .where((eb) => eb.or([eb('inServiceSince', 'is', null), eb('inServiceSince', '<', r.toDate)]));
  if (q.criticality !== 'all') appsQuery = appsQuery.where('criticality', '=', q.criticality);
  const apps = await appsQuery.orderBy('name').execute();
  const nowIso = now.toISOString();
  const toUtc = r.toUtc < nowIso ? r.toUtc : nowIso;
  const rows =
    apps.length && r.fromUtc < toUtc
      ? await s
          .selectFrom('outages')
          .select(['applicationId', 'startedAt', 'restoredAt'])
          .where('communeId', '=', communeId)
          .where(
            'applicationId',
            'in',
            apps.map((a) => a.id),
          )
          .where('startedAt', '<', toUtc)
          .where((eb) => eb.or([eb('restoredAt', 'is', null), eb('restoredAt', '>', r.fromUtc)]))
          .execute()
      : [];
  const byApp = new Map<string, typeof rows>();
  for (const o of rows) byApp.set(o.applicationId, [...(byApp.get(o.applicationId) ?? []), o]);
  const items = apps
    .map((a) => ({
      ...availabilityFigures(cal.compiled, a, r, now, byApp.get(a.id) ?? []),
      applicationName: a.name,
      criticality: a.criticality,
    }))
    .sort(
      (x, y) => (x.availability ?? 2) - (y.availability ?? 2) || x.applicationName.localeCompare(y.applicationName),
    );
  return { period: r.period, from: r.fromDate, to: r.toDate, items, total: items.length };
}
