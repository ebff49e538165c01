import { describe, expect, it } from 'vitest';
import { daysBetween, inServiceAt, measureRenewal, type ServiceSpan } from './renewal-rate';

// A hand-made fleet: 12 devices in service on 1 January 2025 (10 desktops, 2 screens), one
// retired on 31 December 2024 (not in the fleet), one deployed on 1 January 2025 (not in the
// stock at 00:00), one retired on 1 January 2025 (still in the stock at 00:00).
const dev = (kind: string, from: string | null, to: string | null = null, renewal = false): ServiceSpan => ({
  kind,
  inServiceFrom: from,
  retiredOn: to,
  renewal,
});
const base: ServiceSpan[] = [
  ...Array.from({ length: 9 }, (_, i) => dev('desktop', `2019-0${i + 1}-10`)),
  dev('desktop', '2018-05-02', '2025-01-01'),
  dev('screen', '2020-02-02'),
  dev('screen', '2021-03-03'),
  dev('desktop', '2017-01-01', '2024-12-31'),
  dev('laptop', '2025-01-01'),
  dev('laptop', null),
];
const renewals = (...days: string[]) =>
  days.map((d) => dev(d.endsWith('s') ? 'screen' : 'desktop', d.slice(0, 10), null, true));
const year = (devices: ServiceSpan[], pieces: Array<[string, string, number | null]>, until = '2027-01-01') =>
  measureRenewal({
    devices,
    from: '2025-01-01',
    to: '2026-01-01',
    until,
    pieces: pieces.map(([from, to, sharePerYear]) => ({ from, to, sharePerYear })),
  });
const oneSixth: Array<[string, string, number | null]> = [['2025-01-01', '2026-01-01', 1 / 6]];
// Amendment on 1 July 2025: 1/6 for 181 days, then 1/4 for 184 days → (181/6 + 184/4) / 365 = 0.208676…
const amended: Array<[string, string, number | null]> = [
  ['2025-01-01', '2025-07-01', 1 / 6],
  ['2025-07-01', '2026-01-01', 0.25],
];

describe('fleet at the start of the year', () => {
  it.each([
    ['2019-01-10', null, '2025-01-01', true],
    ['2025-01-01', null, '2025-01-01', false],
    ['2018-01-01', '2024-12-31', '2025-01-01', false],
    ['2018-01-01', '2025-01-01', '2025-01-01', true],
    [null, null, '2025-01-01', false],
  ])('in service from %s, retired %s, at %s → %s', (from, to, at, want) => {
    expect(inServiceAt(dev('desktop', from, to), at)).toBe(want);
  });
});

describe('3.1.1 hand-computed', () => {
  it.each([
    // [case, renewals, pieces, value, target, status]
    ['2 renewals of 12 against 1/6: met exactly', renewals('2025-03-01', '2025-09-15'), oneSixth, 2 / 12, 1 / 6, 'met'],
    ['1 of 12 against 1/6: 0.083 < 0.1167 → missed', renewals('2025-03-01'), oneSixth, 1 / 12, 1 / 6, 'missed'],
    ['0 of 12', [], oneSixth, 0, 1 / 6, 'missed'],
    [
      '2 of 12 across the amendment: 0.1667 in [0.1587, 0.2087) → at_risk',
      renewals('2025-03-01', '2025-09-15'),
      amended,
      2 / 12,
      (181 / 6 + 184 / 4) / 365,
      'at_risk',
    ],
    [
      '3 of 12 across the amendment → met',
      renewals('2025-03-01', '2025-09-15', '2025-12-31'),
      amended,
      3 / 12,
      (181 / 6 + 184 / 4) / 365,
      'met',
    ],
    [
      'a renewal of 2026 does not count in 2025',
      renewals('2025-03-01', '2026-01-01'),
      oneSixth,
      1 / 12,
      1 / 6,
      'missed',
    ],
    [
      'no share in force (to be agreed) → info',
      renewals('2025-03-01'),
      [['2025-01-01', '2026-01-01', null]],
      1 / 12,
      null,
      'info',
    ],
    [
      'half the year without contract: 1/12 = 0.0833 against 1/6 × 184/365 = 0.0840 → at_risk',
      renewals('2025-08-01'),
      [
        ['2025-01-01', '2025-07-01', null],
        ['2025-07-01', '2026-01-01', 1 / 6],
      ],
      1 / 12,
      184 / 365 / 6,
      'at_risk',
    ],
    [
      '… and 2 renewals → met',
      renewals('2025-08-01', '2025-02-01'),
      [
        ['2025-01-01', '2025-07-01', null],
        ['2025-07-01', '2026-01-01', 1 / 6],
      ],
      2 / 12,
      184 / 365 / 6,
      'met',
    ],
  ] as Array<[string, ServiceSpan[], Array<[string, string, number | null]>, number, number | null, string]>)(
    '%s',
    (_name, extra, pieces, value, target, status) => {
      const m = year([...base, ...extra], pieces);
      expect(m.fleetAtStart).toBe(12);
      expect(m.value).toBeCloseTo(value, 10);
      if (target === null) expect(m.targetShare).toBeNull();
      else expect(m.targetShare).toBeCloseTo(target, 10);
      expect(m.status).toBe(status);
    },
  );

  it('pieces: each contract version judged on its own days', () => {
    const m = year([...base, ...renewals('2025-03-01', '2025-09-15', '2025-12-31')], amended);
    expect(m.pieces.map((p) => [p.from, p.to, p.renewed, p.status])).toEqual([
      ['2025-01-01', '2025-07-01', 1, 'met'], // 1/12 = 0.0833 ≥ (1/6)(181/365) = 0.0826
      ['2025-07-01', '2026-01-01', 2, 'met'], // 2/12 = 0.1667 ≥ (1/4)(184/365) = 0.126
    ]);
  });

  it('per kind, and month by month (the year so far)', () => {
    const m = year([...base, ...renewals('2025-03-01', '2025-03-20s', '2025-09-15')], oneSixth, '2025-10-01');
    expect(m.byKind).toEqual(
      [
        { kind: 'desktop', fleetAtStart: 10, renewed: 2, value: 0.2, status: 'met' },
        { kind: 'laptop', fleetAtStart: 0, renewed: 0, value: null, status: 'no_data' },
        { kind: 'screen', fleetAtStart: 2, renewed: 1, value: 0.5, status: 'met' },
      ].filter((k) => k.fleetAtStart > 0 || k.renewed > 0),
    );
    expect(m.measuredTo).toBe('2025-10-01');
    expect(m.months).toHaveLength(9);
    expect(m.months[2]).toEqual({ month: '2025-03', renewed: 2, cumulative: 2, cumulativeShare: 2 / 12 });
    expect(m.months[8]!.cumulative).toBe(3);
    // Up to 30 September the target is 1/6 × 273/365.
    expect(m.targetShare).toBeCloseTo((1 / 6) * (daysBetween('2025-01-01', '2025-10-01') / 365), 10);
    expect(m.status).toBe('met');
  });

  it('no fleet → no_data; a month adds up to the year', () => {
    expect(year([], oneSixth).status).toBe('no_data');
    const months = Array.from({ length: 12 }, (_, i) => {
      const from = `2025-${String(i + 1).padStart(2, '0')}-01`;
      const to = i === 11 ? '2026-01-01' : `2025-${String(i + 2).padStart(2, '0')}-01`;
      return measureRenewal({
        devices: [...base, ...renewals('2025-03-01', '2025-09-15')],
        from,
        to,
        until: '2027-01-01',
        pieces: [{ from, to, sharePerYear: 1 / 6 }],
      });
    });
    expect(months.reduce((s, m) => s + m.renewed, 0)).toBe(2);
    expect(months.every((m) => m.fleetAtStart === 12)).toBe(true);
    expect(months.reduce((s, m) => s + (m.targetShare ?? 0), 0)).toBeCloseTo(1 / 6, 10);
  });
});
