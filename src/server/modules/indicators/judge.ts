import { Duration } from 'luxon';
import { shareStatus, type Status } from './status';
import { hasTargetValues, targetShareOf, type TargetOrigin, type Unit } from './measure';

/**
 * Manual values judged against their rule (pure). When a rule is computable — a maximum delay, a
 * share, an existence — the value a contract manager enters is compared with it and gets met /
 * at_risk / missed like a computed figure; the status is not theirs to choose. An indicator
 * without a rule (1.2.1) keeps the assessed status entered with its value. A target still to be
 * agreed is measured and shown, never judged (`info`).
 */

export type Judgement =
  | {
      ok: true;
      /** True when the status comes from the rule (the entered status must then be absent). */
      judged: boolean;
      status: Status | 'info' | null;
      valueNumber: number | null;
      valueText: string | null;
      unit: Unit;
      /** What the value was judged against, in words for the details. */
      against: string | null;
    }
  | { ok: false; message: string };

const hoursOf = (iso: unknown): number | null => {
  if (typeof iso !== 'string') return null;
  const d = Duration.fromISO(iso);
  return d.isValid ? d.as('hours') : null;
};

/** A duration entered as hours (number) or ISO-8601 ("P3D", "PT36H"), in hours; null when neither. */
export function durationHours(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const h = hoursOf(value.trim().toUpperCase());
  return h !== null && h >= 0 ? h : null;
}

const YES = new Set(['oui', 'yes', 'true', '1', 'existe']);
const NO = new Set(['non', 'no', 'false', '0', 'absent', 'non formalisé']);

/** Whether a rule kind judges a manual value, and how. */
export function judgesManualValues(rule: Record<string, unknown> | null | undefined): boolean {
  switch (rule?.kind) {
    case 'restore_delay':
    case 'data_loss_window':
    case 'fleet_renewal_share':
    case 'plan_exists':
      return true;
    case 'acknowledgement':
    case 'resolution_delay':
    case 'intervention_delay':
    case 'restoration_delay':
      return true;
    default:
      return false;
  }
}

/**
 * Judges a manual value for a period of `months` months against the rule of the contract version
 * (with its agreement) in force: the value's unit depends on the rule's kind (a duration in hours
 * or ISO-8601 for a maximum delay, a share in [0, 1] for a share rule, yes/no for an existence).
 */
export function judgeManual(
  rule: Record<string, unknown> | null | undefined,
  origin: TargetOrigin,
  value: number | string,
  months: number,
): Judgement {
  if (!rule || !judgesManualValues(rule)) {
    return typeof value === 'number'
      ? { ok: true, judged: false, status: null, valueNumber: value, valueText: null, unit: 'number', against: null }
      : { ok: true, judged: false, status: null, valueNumber: null, valueText: value, unit: 'text', against: null };
  }
  switch (rule.kind) {
    case 'restore_delay':
    case 'data_loss_window': {
      const max = hoursOf(rule.kind === 'restore_delay' ? rule.maxDelay : rule.maxWindow);
      const h = durationHours(value);
      if (h === null)
        return { ok: false, message: 'Expected a duration: a number of hours, or ISO-8601 such as P3D or PT36H.' };
      return {
        ok: true,
        judged: max !== null,
        status: max === null ? null : h <= max + 1e-9 ? 'met' : 'missed',
        valueNumber: h,
        valueText: null,
        unit: 'hours',
        against: max === null ? null : `≤ ${max} h`,
      };
    }
    case 'fleet_renewal_share': {
      if (typeof value !== 'number' || value < 0 || value > 1)
        return { ok: false, message: 'Expected the share of the fleet renewed, between 0 and 1 (e.g. 0.17).' };
      const perYear = typeof rule.sharePerYear === 'number' ? rule.sharePerYear : null;
      const expected = perYear === null ? null : (perYear * months) / 12;
      return {
        ok: true,
        judged: expected !== null,
        status: expected === null ? null : shareStatus(value, expected, 1),
        valueNumber: value,
        valueText: null,
        unit: 'share',
        against: expected === null ? null : `≥ ${Math.round(expected * 1000) / 10} %`,
      };
    }
    case 'plan_exists': {
      const t = typeof value === 'number' ? String(value) : value.trim().toLowerCase();
      const exists = YES.has(t) ? true : NO.has(t) ? false : null;
      if (exists === null) return { ok: false, message: 'Expected whether it exists: oui / non (yes / no, 1 / 0).' };
      return {
        ok: true,
        judged: true,
        status: exists ? 'met' : 'missed',
        valueNumber: exists ? 1 : 0,
        valueText: null,
        unit: 'number',
        against: 'existence',
      };
    }
    default: {
      // Delay rules measured as the share of cases within the delay.
      if (typeof value !== 'number' || value < 0 || value > 1)
        return { ok: false, message: 'Expected the share of cases within the delay, between 0 and 1 (e.g. 0.92).' };
      if (origin === 'to_be_agreed' || !hasTargetValues(rule))
        return {
          ok: true,
          judged: true,
          status: 'info',
          valueNumber: value,
          valueText: null,
          unit: 'share',
          against: null,
        };
      const target = targetShareOf(rule, origin)!;
      return {
        ok: true,
        judged: true,
        status: shareStatus(value, target, 1),
        valueNumber: value,
        valueText: null,
        unit: 'share',
        against: `≥ ${Math.round(target * 1000) / 10} %`,
      };
    }
  }
}
