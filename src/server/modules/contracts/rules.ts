import { Duration } from 'luxon';
import { z } from 'zod';

/**
 * Machine-readable indicator rules: the part of an indicator's text that the rest of the
 * product computes (calendars, service desk, indicators). An indicator without a computable
 * rule has `rule: null`; there is deliberately no "manual" kind. Documented in
 * docs/contracts.md ("Indicator rules").
 */

/** An ISO-8601 duration (`PT4H`, `P1D`), strictly positive. Business time unless stated otherwise. */
export const isoDuration = z
  .string()
  .refine((s) => {
    const d = Duration.fromISO(s);
    return d.isValid && d.as('seconds') > 0;
  }, 'Expected a positive ISO-8601 duration such as PT4H or P1D')
  .describe('ISO-8601 duration, e.g. PT4H');

/** Share of cases that must meet the delay for the indicator to be "met" (at-risk band: [share − 0.05, share)). */
export const shareValue = z.number().gt(0).lte(1).describe('Share of cases that must meet the target (0 < share ≤ 1)');
/**
 * Optional everywhere in a rule: a contract that states a delay per case without a share ("lendemain
 * au maximum") means every case (1.0); a share the parties agree later comes from an agreement.
 */
const targetShare = shareValue.optional().describe('Share of cases that must meet the target; absent = every case');

export const priorityCodes = ['P1', 'P2', 'P3', 'P4'] as const;
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Expected HH:MM');
const minutesOf = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** One day's opening ranges `[["08:30","12:00"],["13:00","17:00"]]`: each start < end, sorted, not overlapping. */
export const dayRanges = z
  .array(z.tuple([hhmm, hhmm]))
  .superRefine((ranges, c) => {
    let previousEnd = -1;
    ranges.forEach(([from, to], i) => {
      if (minutesOf(from) >= minutesOf(to))
        c.addIssue({ code: 'custom', path: [i], message: `Range ${from}–${to} ends before it starts` });
      if (minutesOf(from) < previousEnd)
        c.addIssue({
          code: 'custom',
          path: [i],
          message: `Range ${from}–${to} overlaps the previous one or is out of order`,
        });
      previousEnd = minutesOf(to);
    });
  })
  .describe('Opening ranges of one day, local wall-clock [start, end)');

export const weeklyHours = z
  .object(Object.fromEntries(weekdays.map((d) => [d, dayRanges])) as Record<Weekday, typeof dayRanges>)
  .strict()
  .describe('Opening ranges per weekday (all seven days present; [] when closed)');

const scopeCritical = z
  .literal('critical_applications')
  .describe('Which cases count: outages of the applications marked critical');

/** 3.3.1 — acknowledgement of a request or incident by the end of the next business day (each ticket). */
export const acknowledgementRule = z
  .object({
    kind: z.literal('acknowledgement'),
    deadline: z
      .literal('next-business-day-end')
      .describe('Acknowledge by the end of the first business day after reception'),
    targetShare,
  })
  .strict();

/** Business-time delays per criticality P1 (highest) … P4, never shorter for a lower criticality. */
export const byPriorityDelays = z
  .object({ P1: isoDuration, P2: isoDuration, P3: isoDuration, P4: isoDuration })
  .strict()
  .superRefine((r, c) => {
    const secs = priorityCodes.map((p) => Duration.fromISO(r[p]).as('seconds'));
    for (let i = 1; i < secs.length; i++) {
      if (secs[i]! < secs[i - 1]!)
        c.addIssue({
          code: 'custom',
          path: [priorityCodes[i]!],
          message: `${priorityCodes[i]} must not be shorter than ${priorityCodes[i - 1]}`,
        });
    }
  })
  .describe('Business-time resolution delay per criticality P1 (highest) … P4');

/**
 * 3.3.2 — resolution delay of incidents per criticality, in business time on the commune calendar.
 * Without `byPriority` the contract sets no delay yet (target "to be agreed"): incidents are
 * measured, and the delays come from an agreement.
 */
export const resolutionDelayRule = z
  .object({
    kind: z.literal('resolution_delay'),
    byPriority: byPriorityDelays.optional(),
    targetShare,
  })
  .strict();

/** 4.1.1 — intervention delay on an outage of a critical application (absent while "to be agreed"). */
export const interventionDelayRule = z
  .object({ kind: z.literal('intervention_delay'), delay: isoDuration.optional(), scope: scopeCritical, targetShare })
  .strict();

/** 4.1.2 — restoration delay of a critical application (absent while "to be agreed"). */
export const restorationDelayRule = z
  .object({ kind: z.literal('restoration_delay'), delay: isoDuration.optional(), scope: scopeCritical, targetShare })
  .strict();

/** 4.2.1 — a restore is completed within this delay (restore tests). */
export const restoreDelayRule = z
  .object({ kind: z.literal('restore_delay'), maxDelay: isoDuration.describe('Maximum restore delay') })
  .strict();

/** 4.2.2 — maximum window of data that may be lost (recovery point objective) and the backup policy. */
export const dataLossWindowRule = z
  .object({
    kind: z.literal('data_loss_window'),
    maxWindow: isoDuration.describe('Maximum data-loss window (RPO)'),
    policy: z
      .enum(['monthly_full_daily_incremental', 'weekly_full_daily_incremental', 'daily_full'])
      .describe('Backup policy the window assumes'),
  })
  .strict();

/** 3.1.1 — share of the workstation fleet renewed per year (1/6 → 0.1667). */
export const fleetRenewalShareRule = z
  .object({
    kind: z.literal('fleet_renewal_share'),
    sharePerYear: z.number().gt(0).lte(1).describe('Share of the fleet renewed per year'),
  })
  .strict();

/** 3.2.1 — opening hours of the level-1 support, per weekday, and the channels open during them. */
export const supportHoursRule = z
  .object({
    kind: z.literal('support_hours'),
    weekly: weeklyHours,
    channels: z
      .array(z.enum(['web', 'phone', 'email', 'walk_in']))
      .min(1)
      .describe('Support channels open during these hours'),
  })
  .strict();

/** 1.1.1 — a multi-year digital plan exists and is updated regularly. */
export const planExistsRule = z
  .object({
    kind: z.literal('plan_exists'),
    horizonYears: z.number().int().min(1).max(10).describe('Horizon of the plan in years'),
    updateEveryMonths: z.number().int().min(1).max(60).describe('The plan is revised at least this often'),
  })
  .strict();

/** 2.2.1 — the portfolio maintained at the end of the period against the transferred inventory (a stock). */
export const applicationPortfolioRule = z
  .object({
    kind: z.literal('application_portfolio'),
    baseline: z
      .literal('transferred_inventory')
      .describe('Compared with: the inventory of applications annexed to the convention'),
  })
  .strict();

/**
 * 2.1.1 — person-days planned and spent on the commune's projects. `tolerance` is the largest
 * relative gap between actual and planned still "met" (at risk up to twice it); without it the
 * contract sets no target and the figure is information. `serviceReferenceDays` is the
 * service-wide yearly reference (200 j*h in the reference contract).
 */
export const projectWorkloadRule = z
  .object({
    kind: z.literal('project_workload'),
    tolerance: z.number().gt(0).lte(1).optional().describe('Largest relative gap actual/planned still met'),
    serviceReferenceDays: z
      .number()
      .positive()
      .optional()
      .describe('Service-wide person-days per year the contract refers to (e.g. 200)'),
  })
  .strict();

/** 2.1.2 — share of the projects the plan scheduled for the year that went live in the year. */
export const planDeliveryRule = z
  .object({
    kind: z.literal('plan_delivery'),
    targetShare: targetShare.optional(),
  })
  .strict();

/** Every computable indicator rule, discriminated by `kind` (docs/contracts.md, "Indicator rules"). */
export const indicatorRuleSchema = z
  .discriminatedUnion('kind', [
    acknowledgementRule,
    resolutionDelayRule,
    interventionDelayRule,
    restorationDelayRule,
    restoreDelayRule,
    dataLossWindowRule,
    fleetRenewalShareRule,
    supportHoursRule,
    planExistsRule,
    applicationPortfolioRule,
    projectWorkloadRule,
    planDeliveryRule,
  ])
  .describe('Machine-readable rule of an indicator (null when the indicator is measured manually)');

export type IndicatorRule = z.infer<typeof indicatorRuleSchema>;
export type RuleKind = IndicatorRule['kind'];
export type RuleOf<K extends RuleKind> = Extract<IndicatorRule, { kind: K }>;

/** The rule of the given kind, or undefined (for consumers that look up one kind). */
export function ruleOfKind<K extends RuleKind>(rule: IndicatorRule | null | undefined, kind: K): RuleOf<K> | undefined {
  return rule && rule.kind === kind ? (rule as RuleOf<K>) : undefined;
}

/** Where an indicator's target comes from: written in the signed annex, or to be agreed from the existing situation. */
export const targetOrigins = ['contract', 'to_be_agreed'] as const;
export type ContractTargetOrigin = (typeof targetOrigins)[number];
/** What an indicator item says of its target: `agreed` when a two-party agreement set it after signing. */
export type TargetOrigin = ContractTargetOrigin | 'agreed';

/** Rule kinds whose target values two parties may agree after signing (delays and shares). */
export const agreeableKinds = [
  'acknowledgement',
  'resolution_delay',
  'intervention_delay',
  'restoration_delay',
] as const;
export type AgreeableKind = (typeof agreeableKinds)[number];

/**
 * The target values an agreement adds to a rule, by kind: the delays the contract left "to be agreed"
 * and the share of cases that must meet them.
 */
export const agreedTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('acknowledgement'), targetShare: shareValue }).strict(),
  z.object({ kind: z.literal('resolution_delay'), byPriority: byPriorityDelays, targetShare: shareValue }).strict(),
  z.object({ kind: z.literal('intervention_delay'), delay: isoDuration, targetShare: shareValue }).strict(),
  z.object({ kind: z.literal('restoration_delay'), delay: isoDuration, targetShare: shareValue }).strict(),
]);
export type AgreedTarget = z.infer<typeof agreedTargetSchema>;

/** The rule with an agreed target's values in it (the agreement's kind must be the rule's). */
export function withAgreedTarget(rule: IndicatorRule, target: AgreedTarget): IndicatorRule {
  if (rule.kind !== target.kind) return rule;
  return { ...rule, ...target } as IndicatorRule;
}

/**
 * The target values a rule lacks for its kind (empty when it is complete): a `contract` target needs
 * them (a delay nobody signed cannot be enforced); a `to_be_agreed` one must not hold them (they would
 * be invented). Shares are never required: absent means every case.
 */
export function missingTargetValues(rule: IndicatorRule): string[] {
  switch (rule.kind) {
    case 'resolution_delay':
      return rule.byPriority ? [] : ['byPriority'];
    case 'intervention_delay':
    case 'restoration_delay':
      return rule.delay ? [] : ['delay'];
    default:
      return [];
  }
}

/** Target values a rule holds that an agreement would otherwise set (for a `to_be_agreed` indicator: none allowed). */
export function presentTargetValues(rule: IndicatorRule): string[] {
  const out: string[] = [];
  if ('targetShare' in rule && rule.targetShare !== undefined) out.push('targetShare');
  if (rule.kind === 'resolution_delay' && rule.byPriority) out.push('byPriority');
  if ((rule.kind === 'intervention_delay' || rule.kind === 'restoration_delay') && rule.delay) out.push('delay');
  return out;
}
