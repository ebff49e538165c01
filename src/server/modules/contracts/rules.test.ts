import { describe, expect, it } from 'vitest';
import {
  agreedTargetSchema,
  indicatorRuleSchema,
  missingTargetValues,
  presentTargetValues,
  ruleOfKind,
  withAgreedTarget,
} from './rules';
import { indicatorSchema } from './model';
import { townHallHours } from './demo-annex-numerique';

const valid: Array<[string, unknown]> = [
  [
    '3.3.1 — acknowledgement by the end of the next business day, 95 %',
    { kind: 'acknowledgement', deadline: 'next-business-day-end', targetShare: 0.95 },
  ],
  [
    '3.3.2 — resolution delay per criticality P1 4 h … P4 40 h, 90 %',
    { kind: 'resolution_delay', byPriority: { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' }, targetShare: 0.9 },
  ],
  [
    '4.1.1 — intervention within 2 business hours on critical applications',
    { kind: 'intervention_delay', delay: 'PT2H', scope: 'critical_applications', targetShare: 0.9 },
  ],
  [
    '4.1.2 — restoration within 8 business hours',
    { kind: 'restoration_delay', delay: 'PT8H', scope: 'critical_applications', targetShare: 0.9 },
  ],
  ['4.2.1 — restore within 1 day', { kind: 'restore_delay', maxDelay: 'P1D' }],
  [
    '4.2.2 — at most 1 day of data lost, monthly full + daily incremental',
    { kind: 'data_loss_window', maxWindow: 'P1D', policy: 'monthly_full_daily_incremental' },
  ],
  ['3.1.1 — 1/6 of the fleet renewed per year', { kind: 'fleet_renewal_share', sharePerYear: 0.1667 }],
  [
    '3.2.1 — town-hall hours 8h30–12h / 13h–17h Monday to Friday, web and phone',
    { kind: 'support_hours', weekly: townHallHours, channels: ['web', 'phone'] },
  ],
  ['1.1.1 — a 3-year plan updated every 12 months', { kind: 'plan_exists', horizonYears: 3, updateEveryMonths: 12 }],
  [
    'targetShare 1 (every case) is allowed',
    { kind: 'acknowledgement', deadline: 'next-business-day-end', targetShare: 1 },
  ],
];

const invalid: Array<[string, unknown, string]> = [
  ['"manual" is not a rule (indicators without one have rule null)', { kind: 'manual' }, 'kind'],
  ['no kind', { targetShare: 0.9 }, 'kind'],
  [
    '3.3.1 — targetShare above 1',
    { kind: 'acknowledgement', deadline: 'next-business-day-end', targetShare: 1.5 },
    'targetShare',
  ],
  [
    '3.3.1 — targetShare 0',
    { kind: 'acknowledgement', deadline: 'next-business-day-end', targetShare: 0 },
    'targetShare',
  ],
  ['3.3.1 — unknown deadline', { kind: 'acknowledgement', deadline: 'same-day', targetShare: 0.9 }, 'deadline'],
  [
    '3.3.2 — missing P4',
    { kind: 'resolution_delay', byPriority: { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H' }, targetShare: 0.9 },
    'byPriority.P4',
  ],
  [
    '3.3.2 — not an ISO duration',
    { kind: 'resolution_delay', byPriority: { P1: '4 hours', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' }, targetShare: 0.9 },
    'byPriority.P1',
  ],
  [
    '3.3.2 — a zero duration',
    { kind: 'resolution_delay', byPriority: { P1: 'PT0H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' }, targetShare: 0.9 },
    'byPriority.P1',
  ],
  [
    '3.3.2 — P2 shorter than P1',
    { kind: 'resolution_delay', byPriority: { P1: 'PT8H', P2: 'PT4H', P3: 'PT24H', P4: 'PT40H' }, targetShare: 0.9 },
    'byPriority.P2',
  ],
  [
    '4.1.1 — unknown scope',
    { kind: 'intervention_delay', delay: 'PT2H', scope: 'everything', targetShare: 0.9 },
    'scope',
  ],
  ['4.2.2 — unknown backup policy', { kind: 'data_loss_window', maxWindow: 'P1D', policy: 'sometimes' }, 'policy'],
  ['3.1.1 — share above 1', { kind: 'fleet_renewal_share', sharePerYear: 6 }, 'sharePerYear'],
  [
    '3.2.1 — a range ending before it starts',
    { kind: 'support_hours', weekly: { ...townHallHours, mon: [['12:00', '08:30']] }, channels: ['web'] },
    'weekly.mon.0',
  ],
  [
    '3.2.1 — overlapping ranges',
    {
      kind: 'support_hours',
      weekly: {
        ...townHallHours,
        tue: [
          ['08:30', '12:00'],
          ['11:00', '17:00'],
        ],
      },
      channels: ['web'],
    },
    'weekly.tue.1',
  ],
  ['3.2.1 — a day missing', { kind: 'support_hours', weekly: { mon: [] }, channels: ['web'] }, 'weekly.tue'],
  [
    '3.2.1 — 25:00 is not a time',
    { kind: 'support_hours', weekly: { ...townHallHours, wed: [['08:30', '25:00']] }, channels: ['web'] },
    'weekly.wed.0.1',
  ],
  ['3.2.1 — no channel', { kind: 'support_hours', weekly: townHallHours, channels: [] }, 'channels'],
  ['1.1.1 — a fractional horizon', { kind: 'plan_exists', horizonYears: 2.5, updateEveryMonths: 12 }, 'horizonYears'],
  ['an unknown extra field', { kind: 'restore_delay', maxDelay: 'P1D', extra: true }, ''],
];

describe('indicatorRuleSchema', () => {
  it.each(valid)('accepts %s', (_name, rule) => {
    const r = indicatorRuleSchema.safeParse(rule);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
  });

  it.each(invalid)('refuses %s', (_name, rule, path) => {
    const r = indicatorRuleSchema.safeParse(rule);
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    if (path) expect(paths).toContain(path);
  });

  it('looks a rule up by kind', () => {
    const rule = indicatorRuleSchema.parse(valid[0]![1]);
    expect(ruleOfKind(rule, 'acknowledgement')?.targetShare).toBe(0.95);
    expect(ruleOfKind(rule, 'resolution_delay')).toBeUndefined();
    expect(ruleOfKind(null, 'acknowledgement')).toBeUndefined();
  });
});

describe('target provenance: a contract target is complete, a target to be agreed holds nothing invented', () => {
  const base = {
    code: '3.3.2',
    title: 'Délai de résolution des incidents par criticité',
    periodicity: 'Trimestrielle',
  };
  it.each([
    [
      'a signed 3.3.2 with its delays',
      'contract',
      { kind: 'resolution_delay', byPriority: { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' } },
      null,
    ],
    ['3.3.2 to be agreed, kind only (the reference)', 'to_be_agreed', { kind: 'resolution_delay' }, null],
    ['a signed 3.3.2 without delays', 'contract', { kind: 'resolution_delay' }, 'rule.byPriority'],
    [
      '3.3.2 to be agreed with invented delays',
      'to_be_agreed',
      { kind: 'resolution_delay', byPriority: { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' } },
      'rule.byPriority',
    ],
    [
      '4.1.1 to be agreed with an invented share',
      'to_be_agreed',
      { kind: 'intervention_delay', scope: 'critical_applications', targetShare: 0.9 },
      'rule.targetShare',
    ],
    [
      'a signed 4.1.2 without its delay',
      'contract',
      { kind: 'restoration_delay', scope: 'critical_applications' },
      'rule.delay',
    ],
  ] as const)('%s', (_name, targetOrigin, rule, badPath) => {
    const r = indicatorSchema.safeParse({ ...base, targetOrigin, rule });
    expect(r.success).toBe(badPath === null);
    if (badPath) expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(badPath);
  });

  it('lists what a rule lacks and what it holds', () => {
    expect(missingTargetValues({ kind: 'resolution_delay' })).toEqual(['byPriority']);
    expect(missingTargetValues({ kind: 'acknowledgement', deadline: 'next-business-day-end' })).toEqual([]);
    expect(
      presentTargetValues({
        kind: 'intervention_delay',
        scope: 'critical_applications',
        delay: 'PT2H',
        targetShare: 0.9,
      }),
    ).toEqual(['targetShare', 'delay']);
  });

  it('completes a rule with an agreed target of its kind only', () => {
    const rule = { kind: 'intervention_delay', scope: 'critical_applications' } as const;
    expect(withAgreedTarget(rule, { kind: 'intervention_delay', delay: 'PT2H', targetShare: 0.9 })).toEqual({
      ...rule,
      delay: 'PT2H',
      targetShare: 0.9,
    });
    expect(withAgreedTarget(rule, { kind: 'restoration_delay', delay: 'PT8H', targetShare: 0.9 })).toEqual(rule);
    expect(agreedTargetSchema.safeParse({ kind: 'intervention_delay', delay: 'PT2H' }).success).toBe(false);
  });
});
