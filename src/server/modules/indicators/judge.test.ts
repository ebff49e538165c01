import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { durationHours, judgeManual } from './judge';

describe('judgeManual: a manual value is judged against its rule, not by whoever enters it', () => {
  it.each([
    // [case, rule, origin, value, months, status, unit]
    [
      '4.2.1 — a 3-day restore against a 1-day rule → missed',
      { kind: 'restore_delay', maxDelay: 'P1D' },
      'contract',
      'P3D',
      12,
      'missed',
      'hours',
    ],
    [
      '4.2.1 — 20 h against a 1-day rule → met',
      { kind: 'restore_delay', maxDelay: 'P1D' },
      'contract',
      20,
      12,
      'met',
      'hours',
    ],
    [
      '4.2.1 — exactly 24 h against P1D → met (edge included)',
      { kind: 'restore_delay', maxDelay: 'P1D' },
      'contract',
      'PT24H',
      12,
      'met',
      'hours',
    ],
    [
      '4.2.2 — 30 h of data lost against a 24 h window → missed',
      { kind: 'data_loss_window', maxWindow: 'PT24H', policy: 'daily_full' },
      'contract',
      30,
      12,
      'missed',
      'hours',
    ],
    [
      '3.1.1 — 5 % renewed against 1/6 per year → missed',
      { kind: 'fleet_renewal_share', sharePerYear: 1 / 6 },
      'contract',
      0.05,
      12,
      'missed',
      'share',
    ],
    [
      '3.1.1 — 17 % renewed against 1/6 per year → met',
      { kind: 'fleet_renewal_share', sharePerYear: 1 / 6 },
      'contract',
      0.17,
      12,
      'met',
      'share',
    ],
    [
      '3.1.1 — 4 % over a quarter against 1/6 per year (4.2 %) → at_risk',
      { kind: 'fleet_renewal_share', sharePerYear: 1 / 6 },
      'contract',
      0.04,
      3,
      'at_risk',
      'share',
    ],
    [
      '1.1.1 — plan exists: "oui" → met',
      { kind: 'plan_exists', horizonYears: 3, updateEveryMonths: 12 },
      'contract',
      'oui',
      12,
      'met',
      'number',
    ],
    [
      '1.1.1 — plan exists: "non" → missed',
      { kind: 'plan_exists', horizonYears: 3, updateEveryMonths: 12 },
      'contract',
      'non',
      12,
      'missed',
      'number',
    ],
    [
      '4.1.1 — share within a delay still to be agreed → info',
      { kind: 'intervention_delay', scope: 'critical_applications' },
      'to_be_agreed',
      0.8,
      12,
      'info',
      'share',
    ],
    [
      '4.1.1 — share within an agreed 2 h at 90 % → at_risk for 0.87',
      { kind: 'intervention_delay', scope: 'critical_applications', delay: 'PT2H', targetShare: 0.9 },
      'agreed',
      0.87,
      12,
      'at_risk',
      'share',
    ],
    [
      '3.3.1 — a stated delay without share means every case: 0.97 → at_risk',
      { kind: 'acknowledgement', deadline: 'next-business-day-end' },
      'contract',
      0.97,
      3,
      'at_risk',
      'share',
    ],
  ] as const)('%s', (_name, rule, origin, value, months, status, unit) => {
    const j = judgeManual(rule, origin, value, months);
    expect(j.ok).toBe(true);
    if (!j.ok) return;
    expect(j.judged).toBe(true);
    expect(j.status).toBe(status);
    expect(j.unit).toBe(unit);
  });

  it.each([
    ['a restore delay that is not a duration', { kind: 'restore_delay', maxDelay: 'P1D' }, 'trois jours'],
    ['a fleet share above 1', { kind: 'fleet_renewal_share', sharePerYear: 1 / 6 }, 5],
    ['a fleet share as text', { kind: 'fleet_renewal_share', sharePerYear: 1 / 6 }, '5 %'],
    [
      'an existence that is neither yes nor no',
      { kind: 'plan_exists', horizonYears: 3, updateEveryMonths: 12 },
      'peut-être',
    ],
    ['a delay share below 0', { kind: 'intervention_delay', scope: 'critical_applications' }, -0.1],
  ] as const)('refuses %s with a message', (_name, rule, value) => {
    const j = judgeManual(rule, 'contract', value, 12);
    expect(j.ok).toBe(false);
    if (!j.ok) expect(j.message).toMatch(/Expected/);
  });

  it('keeps the assessed status for an indicator without rule (1.2.1)', () => {
    const j = judgeManual(null, 'contract', 'Diagnostic réalisé', 12);
    expect(j).toMatchObject({ ok: true, judged: false, status: null, valueText: 'Diagnostic réalisé', unit: 'text' });
  });

  it('never judges a to-be-agreed delay share, whatever the value (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (v) => {
        const j = judgeManual({ kind: 'restoration_delay', scope: 'critical_applications' }, 'to_be_agreed', v, 12);
        expect(j.ok && j.status).toBe('info');
      }),
    );
  });
});

describe('durationHours', () => {
  it.each([
    [36, 36],
    ['P3D', 72],
    ['pt36h', 36],
    [' PT1H30M ', 1.5],
    ['3 jours', null],
    [-1, null],
    [Number.NaN, null],
  ] as const)('%s → %s', (v, h) => {
    expect(durationHours(v)).toBe(h);
  });
});
