import { DateTime, Duration } from 'luxon';
import type { Executor } from '../../db/schema';
import { unscoped } from '../../db/scope';
import { loadCommuneCalendar, type CompiledCalendar } from '../calendars';
import type { IndicatorProvider, ProvidedMeasurement, ProviderInput } from '../indicators';
import { clockSeconds, delayStats, shareStatus } from './measure';
import type { OutageCalendar } from './tables';

/**
 * Indicators measured from the portfolio and its outages:
 * - 2.2.1 (`application_portfolio`): the portfolio maintained at the end of the period against the
 *   transferred inventory (the latest baseline dated before the end), as a stock;
 * - 4.1.1 (`intervention_delay`): start → the provider's first intervention,
 * - 4.1.2 (`restoration_delay`): start → service restored,
 *   on outages of critical applications that started in the period, each on the clock of its
 *   application (the commune's business hours, or continuous). A rule without a delay (target to
 *   be agreed) answers `info` with the measured medians and p90: nothing is invented.
 */

const reason = 'indicator provider: the engine measures one commune it already checked';

async function maintainedAt(db: Executor, communeId: string, endDate: string) {
  const apps = await unscoped(db, reason)
    .selectFrom('applications')
    .select(['id', 'name', 'status', 'inServiceSince', 'retiredOn', 'createdAt'])
    .where('communeId', '=', communeId)
    .execute();
  const maintained = (a: (typeof apps)[number]) =>
    a.status !== 'being_transferred' &&
    // Without a date of entry into service, the application counts from its recording.
    (a.inServiceSince ?? a.createdAt.slice(0, 10)) < endDate &&
    (a.retiredOn === null || a.retiredOn >= endDate);
  return { apps, maintained };
}

/** 2.2.1 — the maintained portfolio against the transferred inventory. */
export const portfolioProvider: IndicatorProvider = async (input) => {
  const { db, communeId, bounds } = input;
  const base = await unscoped(db, reason)
    .selectFrom('applicationBaselines')
    .selectAll()
    .where('communeId', '=', communeId)
    .where('asOf', '<', bounds.toDate)
    .orderBy('asOf', 'desc')
    .executeTakeFirst();
  const { apps, maintained } = await maintainedAt(db, communeId, bounds.toDate);
  const kept = apps.filter(maintained);
  if (!base) {
    return {
      value: kept.length,
      unit: 'count',
      volume: kept.length,
      status: 'info',
      stock: true,
      details: { baseline: null, maintained: kept.length, reason: 'No transferred inventory recorded' },
    };
  }
  const items = await unscoped(db, reason)
    .selectFrom('applicationBaselineItems')
    .select(['name', 'applicationId'])
    .where('baselineId', '=', base.id)
    .execute();
  const byId = new Map(apps.map((a) => [a.id, a]));
  const inBaseline = new Set(items.map((i) => i.applicationId).filter((x): x is string => x !== null));
  const still: string[] = [];
  const retired: string[] = [];
  const missing: string[] = [];
  for (const i of items) {
    const a = i.applicationId ? byId.get(i.applicationId) : undefined;
    if (a && maintained(a)) still.push(i.name);
    else if (a && a.retiredOn !== null && a.retiredOn < bounds.toDate) retired.push(i.name);
    else missing.push(i.name);
  }
  const added = kept.filter((a) => !inBaseline.has(a.id)).map((a) => a.name);
  return {
    value: kept.length,
    unit: 'count',
    volume: kept.length,
    // The whole transferred portfolio maintained, retirements being the commune's recorded decisions.
    status: missing.length === 0 ? 'met' : 'missed',
    stock: true,
    details: {
      baseline: { id: base.id, asOf: base.asOf, label: base.label, count: items.length },
      maintained: kept.length,
      stillMaintained: still.length,
      retired: retired.sort(),
      added: added.sort(),
      missing: missing.sort(),
    },
  };
};

interface MeasuredOutage {
  id: string;
  applicationName: string;
  outageCalendar: OutageCalendar;
  startedAt: string;
  endAt: string | null;
}

async function criticalOutages(
  db: Executor,
  communeId: string,
  fromUtc: string,
  toUtc: string,
  end: 'intervenedAt' | 'restoredAt',
) {
  const rows = await unscoped(db, reason)
    .selectFrom('outages as o')
    .innerJoin('applications as a', 'a.id', 'o.applicationId')
    .select(['o.id', 'a.name as applicationName', 'a.outageCalendar', 'o.startedAt', `o.${end} as endAt`])
    .where('o.communeId', '=', communeId)
    .where('a.criticality', '=', 'critical')
    .where('o.startedAt', '>=', fromUtc)
    .where('o.startedAt', '<', toUtc)
    .orderBy('o.startedAt')
    .execute();
  return rows as MeasuredOutage[];
}

function delayOf(rule: Record<string, unknown> | null | undefined): number | null {
  const d = rule?.delay;
  if (typeof d !== 'string') return null;
  const dur = Duration.fromISO(d);
  return dur.isValid && dur.as('seconds') > 0 ? dur.as('seconds') : null;
}

function shareOf(rule: Record<string, unknown> | null | undefined): number {
  const s = rule?.targetShare;
  return typeof s === 'number' && s > 0 && s <= 1 ? s : 1;
}

const nf = (v: number, locale: 'fr' | 'en') =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(v);

function measureDelays(cal: CompiledCalendar, list: MeasuredOutage[], now: Date) {
  const measured = list.filter((o) => o.endAt !== null);
  const seconds = measured.map((o) =>
    clockSeconds(cal, o.outageCalendar, Date.parse(o.startedAt), Date.parse(o.endAt!)),
  );
  const worst = measured
    .map((o, i) => ({
      outageId: o.id,
      application: o.applicationName,
      startedAt: o.startedAt,
      hours: seconds[i]! / 3600,
    }))
    .sort((a, b) => b.hours - a.hours)
    .slice(0, 5)
    .map((w) => ({ ...w, hours: Math.round(w.hours * 100) / 100 }));
  const open = list.filter((o) => o.endAt === null);
  return {
    seconds,
    worst,
    open: open.map((o) => ({
      outageId: o.id,
      application: o.applicationName,
      startedAt: o.startedAt,
      runningHours: Math.round(((now.getTime() - Date.parse(o.startedAt)) / 3600_000) * 100) / 100,
    })),
  };
}

function delayProvider(end: 'intervenedAt' | 'restoredAt'): IndicatorProvider {
  return async (input: ProviderInput): Promise<ProvidedMeasurement> => {
    const { db, communeId, bounds, def, locale, now } = input;
    const cal = (await loadCommuneCalendar(db, communeId)).compiled;
    const list = await criticalOutages(db, communeId, bounds.fromUtc, bounds.toUtc, end);
    const { seconds, worst, open } = measureDelays(cal, list, now);
    const delay = delayOf(def.rule);
    const target = shareOf(def.rule);
    const stats = delayStats(seconds, delay);
    // Pieces: the period cut by contract version, each judged by the rule of its version.
    const pieces = input.pieces.map((p) => {
      const from = DateTime.fromISO(p.from, { zone: input.zone }).toUTC().toISO()!;
      const to = DateTime.fromISO(p.to, { zone: input.zone }).toUTC().toISO()!;
      const inPiece = list.map((o, i) => ({ o, i })).filter(({ o }) => o.startedAt >= from && o.startedAt < to);
      const d = delayOf(p.def?.rule);
      const secs: number[] = [];
      let k = 0;
      for (const o of list) {
        if (o.endAt === null) continue;
        if (o.startedAt >= from && o.startedAt < to) secs.push(seconds[k]!);
        k++;
      }
      const st = delayStats(secs, d);
      return {
        from: p.from,
        to: p.to,
        annexVersionId: p.annexVersionId,
        version: p.version,
        value: d === null ? st.medianHours : st.share,
        volume: inPiece.length,
        target: p.def?.target ?? null,
        targetShare: d === null ? null : shareOf(p.def?.rule),
        status: d === null ? 'no_data' : shareStatus(st.share, shareOf(p.def?.rule)),
      };
    });
    const details = {
      scope: 'critical_applications',
      clock: 'per application: business_hours (commune calendar) or continuous',
      outages: list.length,
      measured: stats.count,
      medianHours: stats.medianHours,
      p90Hours: stats.p90Hours,
      worstHours: stats.worstHours,
      delayHours: delay === null ? null : delay / 3600,
      withinDelay: stats.withinDelay,
      worst,
      open,
      outageIds: list.map((o) => o.id),
    };
    if (delay === null) {
      const text =
        stats.count === 0
          ? null
          : locale === 'fr'
            ? `médiane ${nf(stats.medianHours!, 'fr')} h, p90 ${nf(stats.p90Hours!, 'fr')} h (${stats.count} pannes)`
            : `median ${nf(stats.medianHours!, 'en')} h, p90 ${nf(stats.p90Hours!, 'en')} h (${stats.count} outages)`;
      return {
        value: stats.medianHours,
        valueText: text,
        unit: 'number',
        volume: list.length,
        status: 'info',
        details,
        pieces,
      };
    }
    // An outage still running past the delay already missed it; one within it is not judged yet.
    const lateOpen = open.filter((o) => {
      const started = Date.parse(o.startedAt);
      return clockSeconds(cal, list.find((x) => x.id === o.outageId)!.outageCalendar, started, now.getTime()) > delay;
    }).length;
    const judged = stats.count + lateOpen;
    const share = judged === 0 ? null : (stats.withinDelay ?? 0) / judged;
    return {
      value: share,
      unit: 'share',
      volume: list.length,
      targetShare: target,
      status: shareStatus(share, target),
      details: { ...details, openPastDelay: lateOpen },
      pieces,
    };
  };
}

export const interventionDelayProvider = delayProvider('intervenedAt');
export const restorationDelayProvider = delayProvider('restoredAt');

/** The delays of outages of critical applications over [fromUtc, toUtc), in hours (for a baseline to agree a target from). */
export async function outageDelayBaseline(
  db: Executor,
  communeId: string,
  fromUtc: string,
  toUtc: string,
  end: 'intervenedAt' | 'restoredAt',
) {
  const cal = (await loadCommuneCalendar(db, communeId)).compiled;
  const list = await criticalOutages(db, communeId, fromUtc, toUtc, end);
  const { seconds } = measureDelays(cal, list, new Date());
  const sorted = [...seconds].sort((a, b) => a - b);
  const h = (q: number) =>
    sorted.length ? Math.round((sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]! / 3600) * 100) / 100 : null;
  return { count: sorted.length, medianHours: h(0.5), p80Hours: h(0.8), p90Hours: h(0.9), p95Hours: h(0.95) };
}
