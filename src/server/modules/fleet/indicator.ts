import { DateTime } from 'luxon';
import type { IndicatorProvider, ProvidedMeasurement } from '../indicators';
import { serviceSpans } from './repo';
import { measureRenewal, type SharePiece } from './renewal-rate';

type PeriodLike = { kind: 'month' | 'quarter' | 'half' | 'year'; year: number; index: number };
const monthsPer = { month: 1, quarter: 3, half: 6, year: 12 } as const;

/** Local-date bounds of a period (`to` exclusive). */
export function periodDates(p: PeriodLike): { from: string; to: string; label: string } {
  const first = (p.index - 1) * monthsPer[p.kind] + 1;
  const start = DateTime.fromObject({ year: p.year, month: first, day: 1 }, { zone: 'UTC' });
  const end = start.plus({ months: monthsPer[p.kind] });
  const label =
    p.kind === 'year'
      ? String(p.year)
      : p.kind === 'quarter'
        ? `${p.year}-Q${p.index}`
        : p.kind === 'half'
          ? `${p.year}-S${p.index}`
          : `${p.year}-${String(p.index).padStart(2, '0')}`;
  return { from: start.toISODate()!, to: end.toISODate()!, label };
}

function shareOf(rule: Record<string, unknown> | null | undefined): number | null {
  const v = rule?.sharePerYear;
  return typeof v === 'number' && v > 0 && v <= 1 ? v : null;
}

/**
 * Indicator 3.1.1 (rule kind `fleet_renewal_share`) measured from the fleet: renewals put into
 * service in the period / devices in service at the start of its year, against the yearly share
 * of each contract version in force (renewal-rate.ts). A stock: the volume is the fleet at the
 * start of the year, compared as is with the contract's baseline fleet.
 */
export const fleetRenewalProvider: IndicatorProvider = async (input): Promise<ProvidedMeasurement> => {
  const spans = await serviceSpans(input.db, input.communeId);
  const until = DateTime.fromJSDate(input.now, { zone: input.zone }).plus({ days: 1 }).toISODate()!;
  const pieces: SharePiece[] = input.pieces.map((p) => ({
    from: p.from,
    to: p.to,
    sharePerYear: p.def ? shareOf(p.def.rule) : null,
    annexVersionId: p.annexVersionId,
    version: p.version,
  }));
  const { from, to } = periodDates(input.period);
  const m = measureRenewal({ devices: spans, from, to, until, pieces });
  const trend = [...input.trendPeriods, input.period].map((p) => {
    const d = periodDates(p);
    const t =
      p === input.period
        ? m
        : measureRenewal({
            devices: spans,
            from: d.from,
            to: d.to,
            until,
            pieces: [{ from: d.from, to: d.to, sharePerYear: null }],
          });
    return { period: d.label, value: t.value, volume: t.fleetAtStart };
  });
  const defByVersion = new Map(input.pieces.map((p) => [p.annexVersionId, p.def]));
  return {
    value: m.value,
    unit: 'share',
    volume: m.fleetAtStart,
    targetShare: m.targetShare,
    status: m.status,
    stock: true,
    trend,
    pieces: m.pieces.map((p) => ({
      from: p.from,
      to: p.to,
      annexVersionId: p.annexVersionId,
      version: p.version,
      value: p.value,
      volume: m.fleetAtStart,
      target: defByVersion.get(p.annexVersionId)?.target ?? null,
      targetShare: p.targetShare,
      status: p.status === 'info' ? 'no_data' : p.status,
    })),
    details: {
      year: m.year,
      fleetAtStart: m.fleetAtStart,
      renewed: m.renewed,
      requiredRenewals: m.required,
      measuredTo: m.measuredTo,
      sharePerYear: pieces.map((p) => ({ from: p.from, to: p.to, sharePerYear: p.sharePerYear })),
      byKind: m.byKind,
      months: m.months,
      drillDown: {
        renewed: `/api/v1/communes/${input.communeId}/devices?renewedIn=${m.year}`,
        fleet: `/api/v1/communes/${input.communeId}/devices?inServiceAt=${m.year}-01-01`,
      },
    },
  };
};
