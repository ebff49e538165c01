import { DateTime } from 'luxon';
import {
  formatPeriod,
  periodBounds,
  type IndicatorProvider,
  type ProviderInput,
  type ProvidedMeasurement,
} from '../indicators';
import { assessPlan, deliveryOf, roundDays, shareStatus, versionInForce, workloadStatus } from './domain';
import * as R from './repo';

/**
 * The indicators measured from the digital plan and the projects: 1.1.1 (`plan_exists`), 2.1.1
 * (`project_workload`) and 2.1.2 (`plan_delivery`). Each answers on the last day of the period,
 * or today for a period not over yet.
 */

/** The last local day measured: the period's last day, or today while the period runs. */
function asOfDay(input: ProviderInput): string {
  const last = DateTime.fromISO(input.bounds.toDate).minus({ days: 1 }).toISODate()!;
  const today = DateTime.fromJSDate(input.now, { zone: input.zone }).toISODate()!;
  return today < last ? today : last;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function frDate(d: string): string {
  return DateTime.fromISO(d).toFormat('dd/MM/yyyy');
}

/**
 * A provider with its trend: the same measurement over each of the trend's previous periods
 * (their own bounds, as each period's own indicator page would show it), then the period itself.
 * No trend asked (the side-by-side view), none computed.
 */
function withTrend(measure: IndicatorProvider): IndicatorProvider {
  return async (input) => {
    const current = await measure(input);
    if (input.trendPeriods.length === 0) return current;
    const point = (p: ProviderInput['period'], m: ProvidedMeasurement) => ({
      period: formatPeriod(p),
      value: m.value,
      volume: m.volume ?? 0,
    });
    const trend = [];
    for (const p of input.trendPeriods)
      trend.push(
        point(p, await measure({ ...input, period: p, bounds: periodBounds(p, input.zone), trendPeriods: [] })),
      );
    return { ...current, trend: [...trend, point(input.period, current)] };
  };
}

/** 1.1.1 — the plan exists, covers the horizon and was revised within `updateEveryMonths`. */
const measurePlan: IndicatorProvider = async (input) => {
  const horizonYears = num(input.def.rule?.horizonYears) ?? 3;
  const updateEveryMonths = num(input.def.rule?.updateEveryMonths) ?? 12;
  const asOf = asOfDay(input);
  const versions = await R.planVersionFacts(input.db, input.communeId);
  const a = assessPlan(versions, asOf, { horizonYears, updateEveryMonths });
  const revisionsInPeriod = versions.filter(
    (v) => v.approvedOn >= input.bounds.fromDate && v.approvedOn < input.bounds.toDate,
  );
  const fr = input.locale === 'fr';
  const v = a.inForce;
  const valueText = !v
    ? fr
      ? 'Non : aucun schéma numérique adopté'
      : 'No: no digital plan adopted'
    : fr
      ? `${a.coveredYears > 0 ? 'Oui' : 'Échu'} : ${v.startYear} - ${v.endYear} (version ${v.version} du ${frDate(v.approvedOn)})`
      : `${a.coveredYears > 0 ? 'Yes' : 'Expired'}: ${v.startYear} - ${v.endYear} (version ${v.version} of ${v.approvedOn})`;
  return {
    value: a.status === 'met' ? 1 : 0,
    valueText,
    unit: 'text',
    volume: revisionsInPeriod.length,
    status: a.status,
    stock: true,
    details: {
      asOf,
      horizonYears,
      updateEveryMonths,
      plan: v ? { id: v.planId, title: v.planTitle } : null,
      version: v
        ? { id: v.versionId, version: v.version, startYear: v.startYear, endYear: v.endYear, approvedOn: v.approvedOn }
        : null,
      coveredYears: a.coveredYears,
      coversHorizon: a.coversHorizon,
      monthsSinceRevision: a.monthsSinceRevision,
      revisedInTime: a.revisedInTime,
      revisionsInPeriod: revisionsInPeriod.map((r) => ({
        planTitle: r.planTitle,
        version: r.version,
        approvedOn: r.approvedOn,
      })),
    },
  };
};

/**
 * 2.1.1 — planned and approved person-days of the period: the commune's, and the whole
 * service's (every commune), the latter compared with the contract's service-wide reference
 * prorated to the period (200 j*h a year in the reference contract).
 */
const measureWorkload: IndicatorProvider = async (input) => {
  const from = input.bounds.fromDate.slice(0, 7);
  const lastDay = DateTime.fromISO(input.bounds.toDate).minus({ days: 1 });
  const to = lastDay.toFormat('yyyy-MM');
  const months = Math.round(
    DateTime.fromISO(input.bounds.toDate).diff(DateTime.fromISO(input.bounds.fromDate), 'months').months,
  );
  const sum = (rows: Array<{ days: number }>) => roundDays(rows.reduce((a, r) => a + r.days, 0));
  const commune = [input.communeId];
  const planned = sum(await R.plannedByMonth(input.db, commune, from, to, 'commune'));
  const actual = sum(await R.recordedByMonth(input.db, commune, input.bounds.fromDate, input.bounds.toDate, 'commune'));
  const submitted = sum(
    await R.recordedByMonth(input.db, commune, input.bounds.fromDate, input.bounds.toDate, 'commune', ['submitted']),
  );
  const rejected = sum(
    await R.recordedByMonth(input.db, commune, input.bounds.fromDate, input.bounds.toDate, 'commune', ['rejected']),
  );
  const servicePlanned = sum(await R.plannedByMonth(input.db, 'all', from, to, 'commune'));
  const serviceActual = sum(
    await R.recordedByMonth(input.db, 'all', input.bounds.fromDate, input.bounds.toDate, 'commune'),
  );
  const reference = num(input.def.rule?.serviceReferenceDays);
  const referenceForPeriod = reference === undefined ? null : roundDays((reference * months) / 12);
  const tolerance = num(input.def.rule?.tolerance);
  const status = workloadStatus(planned, actual, tolerance);
  const nf = (n: number) =>
    new Intl.NumberFormat(input.locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
  const valueText =
    input.locale === 'fr'
      ? `${nf(actual)} j*h réalisés / ${nf(planned)} j*h prévus (service : ${nf(serviceActual)} / ${nf(servicePlanned)}${referenceForPeriod !== null ? ` ; référence ${nf(referenceForPeriod)}` : ''})`
      : `${nf(actual)} person-days spent / ${nf(planned)} planned (service: ${nf(serviceActual)} / ${nf(servicePlanned)}${referenceForPeriod !== null ? `; reference ${nf(referenceForPeriod)}` : ''})`;
  return {
    value: actual,
    valueText,
    unit: 'number',
    volume: serviceActual,
    status: status === 'no_data' ? 'no_data' : status,
    details: {
      commune: {
        plannedDays: planned,
        actualDays: actual,
        ratio: planned > 0 ? actual / planned : null,
        submittedDays: submitted,
        rejectedDays: rejected,
        shareOfService: serviceActual > 0 ? actual / serviceActual : null,
      },
      service: {
        plannedDays: servicePlanned,
        actualDays: serviceActual,
        ratio: servicePlanned > 0 ? serviceActual / servicePlanned : null,
        referenceDaysPerYear: reference ?? null,
        referenceDaysForPeriod: referenceForPeriod,
        actualVsReference: referenceForPeriod ? serviceActual / referenceForPeriod : null,
      },
      tolerance: tolerance ?? null,
      months,
      note: 'Actual = approved time entries (submitted ones awaiting approval and rejected ones are shown apart).',
    },
  };
};

/**
 * 2.1.2 — of the projects the plan version in force on 1 January scheduled for the year (or,
 * without one, the first version approved in the year), the share that went live in the year.
 */
const measureDelivery: IndicatorProvider = async (input) => {
  const year = input.period.year;
  const until = asOfDay(input);
  const versions = await R.planVersionFacts(input.db, input.communeId);
  const version =
    versionInForce(versions, `${year}-01-01`) ??
    versions.find((v) => v.approvedOn >= `${year}-01-01` && v.approvedOn <= until) ??
    null;
  const target = num(input.def.rule?.targetShare);
  if (!version)
    return {
      value: null,
      unit: 'share',
      volume: 0,
      status: 'no_data',
      details: { year, version: null, projects: [], note: 'No plan version scheduled projects for the year.' },
    };
  const scheduled = await R.scheduledFor(input.db, version.versionId, year);
  const d = deliveryOf(scheduled, year, until);
  const status = shareStatus(d.share, target);
  const fr = input.locale === 'fr';
  return {
    value: d.share,
    valueText:
      d.scheduled === 0
        ? null
        : fr
          ? `${d.delivered} projet${d.delivered > 1 ? 's' : ''} réalisé${d.delivered > 1 ? 's' : ''} sur ${d.scheduled} sur ${year}`
          : `${d.delivered} of ${d.scheduled} projects delivered in ${year}`,
    unit: 'share',
    volume: d.scheduled,
    targetShare: target ?? null,
    stock: true,
    status,
    details: {
      year,
      until,
      version: {
        id: version.versionId,
        planTitle: version.planTitle,
        version: version.version,
        approvedOn: version.approvedOn,
      },
      delivered: d.delivered,
      scheduled: d.scheduled,
      projects: d.lines.map((l) => ({
        id: l.projectId,
        title: l.title,
        priority: l.priority,
        status: l.status,
        goLiveOn: l.goLiveOn,
        plannedYear: l.plannedYear,
        outcome: l.outcome,
      })),
    },
  };
};

/** 1.1.1 (`plan_exists`) with its trend. */
export const planExistsProvider = withTrend(measurePlan);
/** 2.1.1 (`project_workload`) with its trend. */
export const projectWorkloadProvider = withTrend(measureWorkload);
/** 2.1.2 (`plan_delivery`) with its trend. */
export const planDeliveryProvider = withTrend(measureDelivery);
