import { defaultPolicy, deviceKinds, type DeviceKind } from './model';

/**
 * The age/warranty renewal policy of a commune — pure. Per kind of device: renew after
 * `maxAgeYears`, and (when `renewOutOfWarranty`) as soon as the warranty has ended. A commune's
 * policy is effective-dated: each version applies from its `effectiveFrom` until the next one;
 * kinds a version does not name keep the defaults (model.ts). The yearly share itself is not
 * here: it comes from the contract in force (indicator 3.1.1's rule).
 */

export interface KindRule {
  maxAgeYears: number;
  renewOutOfWarranty: boolean;
}
export type PolicyRules = Record<DeviceKind, KindRule>;

export interface PolicyVersion {
  effectiveFrom: string;
  rules: Partial<Record<string, KindRule>>;
}

/** The defaults: model.ts's age per kind, no renewal on warranty alone. */
export function defaultRules(): PolicyRules {
  return Object.fromEntries(
    deviceKinds.map((k) => [k, { maxAgeYears: defaultPolicy[k].maxAgeYears, renewOutOfWarranty: false }]),
  ) as PolicyRules;
}

/** The version in force on `date` (the latest whose effectiveFrom ≤ date), if any. */
export function versionAt<V extends PolicyVersion>(versions: readonly V[], date: string): V | undefined {
  let best: V | undefined;
  for (const v of versions) if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best;
}

/** The full rules in force on `date`: the version's rules over the defaults. */
export function rulesAt(versions: readonly PolicyVersion[], date: string): PolicyRules {
  const rules = defaultRules();
  const v = versionAt(versions, date);
  for (const k of deviceKinds) {
    const r = v?.rules[k];
    if (r) rules[k] = { maxAgeYears: r.maxAgeYears, renewOutOfWarranty: r.renewOutOfWarranty };
  }
  return rules;
}

/**
 * The day whose policy a plan uses: the day it is drawn up (today) for a year to come, and
 * 1 January of the year for a year already started or past (the policy then in force).
 */
export function policyDateOf(year: number, today: string): string {
  const start = `${year}-01-01`;
  return start < today ? start : today;
}
