import type { Executor } from '../../db/schema';
import type { PieceResult, TrendPoint, Unit, IndicatorDef } from './measure';
import type { Period, PeriodBounds } from './periods';
import type { MeasurementStatus } from './engine';
import type { Baseline } from './baseline';
import {
  interventionDelayProvider,
  outageDelayBaseline,
  portfolioProvider,
  restorationDelayProvider,
} from '../applications';
import { delayBaseline } from './baseline';
import { planDeliveryProvider, planExistsProvider, projectWorkloadProvider } from '../projects';
import { fleetRenewalProvider } from '../fleet';

/**
 * Indicators measured from another capability's data (the fleet for 3.1.1, applications and
 * outages for 2.2.1/4.1.x, the digital plan and projects for 1.1.1/2.1.x …). The capability
 * exports a provider for its rule kind from its index.ts; `indicatorProvider` below maps each
 * kind to it, and the engine calls it for every indicator of that kind in the contract in force.
 * The engine adds what every measurement has (code, title, commitment, target text, period).
 */

/** One slice of the period under one contract version, with the indicator as that version defines it. */
export interface ProviderPiece {
  from: string;
  to: string;
  annexVersionId: string | null;
  version: number | null;
  /** The indicator in this version (its rule, target, baseline volume); undefined when the version lacks it. */
  def: IndicatorDef | undefined;
}

/** What a provider is asked. */
export interface ProviderInput {
  db: Executor;
  communeId: string;
  period: Period;
  /** The period's local days and UTC instants in the commune calendar's zone. */
  bounds: PeriodBounds;
  zone: string;
  /** The indicator as the latest version in force over the period defines it. */
  def: IndicatorDef;
  /** The period cut by contract version (days no version covers included, with `def` undefined). */
  pieces: ProviderPiece[];
  /** Previous periods for the trend, oldest first (none for the side-by-side view). */
  trendPeriods: Period[];
  locale: 'fr' | 'en';
  /** The present instant (a period not over yet is measured up to it). */
  now: Date;
}

/** What a provider answers: the figure, its status against the rule in force, and its explanation. */
export interface ProvidedMeasurement {
  value: number | null;
  valueText?: string | null;
  unit: Unit;
  /** The volume the figure is measured on (devices in service, outages, projects …). */
  volume: number | null;
  targetShare?: number | null;
  /** met / at_risk / missed against a signed target; info while the target is to be agreed; no_data. */
  status: MeasurementStatus;
  details: Record<string, unknown>;
  pieces?: PieceResult[];
  trend?: TrendPoint[];
  /** For a stock (fleet size, applications): the volume is compared as a stock, not prorated per period. */
  stock?: boolean;
  /** For a target to be agreed: the measured distribution an agreement starts from (baseline.ts, delayBaseline). */
  baseline?: Baseline | null;
}

export type IndicatorProvider = (input: ProviderInput) => Promise<ProvidedMeasurement>;

/**
 * Rule kind → the capability that measures it. A capability adds its line here, importing its
 * provider from its module's index.ts.
 */

/** What a baseline measurement is asked: a past period [fromDate, toDate) of a commune. */
export interface BaselineInput {
  db: Executor;
  communeId: string;
  /** Local days and their UTC instants in the commune calendar's zone. */
  bounds: PeriodBounds;
  /** Length of the period in months (a baseline's volume per year is prorated from it). */
  months: number;
}

/**
 * Rule kind → how its baseline is measured ("à calculer sur la base de l'existant"): the service
 * desk's kinds are measured here (baseline-service.ts); the capability owning another kind's data
 * (outages for intervention_delay / restoration_delay) adds its line, like indicatorProvider.
 */
export const baselineProviders: Partial<Record<string, (input: BaselineInput) => Promise<Baseline>>> = {
  intervention_delay: (i) => outageBaseline(i, 'intervention_delay'),
  restoration_delay: (i) => outageBaseline(i, 'restoration_delay'),
};

/** 4.1.1 / 4.1.2: the delays of outages of critical applications over the baseline period (applications module). */
async function outageBaseline(i: BaselineInput, kind: 'intervention_delay' | 'restoration_delay'): Promise<Baseline> {
  const d = await outageDelayBaseline(
    i.db,
    i.communeId,
    i.bounds.fromUtc,
    i.bounds.toUtc,
    kind === 'intervention_delay' ? 'intervenedAt' : 'restoredAt',
  );
  return delayBaseline(kind, {
    from: i.bounds.fromDate,
    to: i.bounds.toDate,
    months: i.months,
    volume: d.count,
    groups: [
      {
        group: '*',
        count: d.count,
        medianHours: d.medianHours,
        p80Hours: d.p80Hours,
        p90Hours: d.p90Hours,
        p95Hours: d.p95Hours,
      },
    ],
  });
}

let table: Partial<Record<string, IndicatorProvider>> | undefined;

/**
 * The providers by rule kind, built on first use rather than on import: the capability modules
 * import the indicators module too, and a table built at load time would read their providers
 * before they are defined when a script imports them in another order (bench/api.ts did).
 */
export function indicatorProviders(): Partial<Record<string, IndicatorProvider>> {
  return (table ??= {
    fleet_renewal_share: fleetRenewalProvider,
    application_portfolio: portfolioProvider,
    intervention_delay: interventionDelayProvider,
    restoration_delay: restorationDelayProvider,
    plan_exists: planExistsProvider,
    project_workload: projectWorkloadProvider,
    plan_delivery: planDeliveryProvider,
  });
}

/** The provider of a rule kind, if a capability measures it. */
export function indicatorProvider(kind: string): IndicatorProvider | undefined {
  const providers = indicatorProviders();
  return Object.hasOwn(providers, kind) ? providers[kind] : undefined;
}
