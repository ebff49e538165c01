import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coversWeekly, missingRanges, shareStatus, weeklySeconds, worstStatus, type WeeklyRanges } from './status';

describe('shareStatus (at-risk band: five points below the target)', () => {
  it.each([
    ['3.3.1 — 19/20 acknowledged in time against 95 % → met', 19 / 20, 0.95, 20, 'met'],
    ['3.3.1 — 93 % against 95 % → at_risk (inside the 5-point band)', 0.93, 0.95, 100, 'at_risk'],
    ['3.3.1 — exactly 90 % against 95 % → at_risk (band edge included)', 0.9, 0.95, 10, 'at_risk'],
    ['3.3.1 — 89 % against 95 % → missed', 0.89, 0.95, 100, 'missed'],
    ['3.3.2 — 9/10 within delay against 90 % → met', 9 / 10, 0.9, 10, 'met'],
    ['no ticket in the period → no_data', null, 0.9, 0, 'no_data'],
    ['no target in the contract → no_data', 0.5, null, 10, 'no_data'],
  ] as const)('%s', (_name, value, target, volume, expected) => {
    expect(shareStatus(value, target, volume)).toBe(expected);
  });

  it('is monotonic in the value (property)', () => {
    const rank = { missed: 0, at_risk: 1, met: 2, no_data: -1 } as const;
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, t) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(rank[shareStatus(lo, t, 1)]).toBeLessThanOrEqual(rank[shareStatus(hi, t, 1)]);
        },
      ),
    );
  });

  it('keeps the worst status', () => {
    expect(worstStatus(['met', 'at_risk', 'no_data'])).toBe('at_risk');
    expect(worstStatus(['no_data'])).toBe('no_data');
  });
});

const mairie: WeeklyRanges = {
  mon: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  tue: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  wed: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  thu: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  fri: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  sat: [],
  sun: [],
};

describe('3.2.1 — support opening hours', () => {
  it('3.2.1 — 8h30–12h / 13h–17h Monday to Friday promises 37.5 hours a week', () => {
    expect(weeklySeconds(mairie) / 3600).toBe(37.5);
  });

  it('3.2.1 — a calendar open 8h–18h covers the promise', () => {
    const wide: WeeklyRanges = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['08:00', '18:00']]]),
    );
    expect(coversWeekly(wide, mairie)).toBe(true);
  });

  it('3.2.1 — a calendar opening at 9h on Wednesday misses 8h30–9h', () => {
    const late = {
      ...mairie,
      wed: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
    } as WeeklyRanges;
    expect(coversWeekly(late, mairie)).toBe(false);
    expect(missingRanges(late, mairie)).toEqual([{ day: 'wed', from: '08:30', to: '09:00' }]);
  });

  it('3.2.1 — adjacent configured ranges join (8h30–10h + 10h–12h covers 8h30–12h)', () => {
    const split = {
      ...mairie,
      mon: [
        ['08:30', '10:00'],
        ['10:00', '12:00'],
        ['13:00', '17:00'],
      ],
    } as WeeklyRanges;
    expect(coversWeekly(split, mairie)).toBe(true);
  });

  it('covers ⇔ the union configured ∪ promised has the configured length (property)', () => {
    const slot = fc.tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 8 })).map(([s, l]) => {
      const a = s * 30;
      const b = Math.min(1440, a + l * 30);
      const f = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return [f(a), b === 1440 ? '24:00' : f(b)] as [string, string];
    });
    const week = fc.record({ mon: fc.array(slot, { maxLength: 3 }), sat: fc.array(slot, { maxLength: 2 }) });
    fc.assert(
      fc.property(week, week, (conf, prom) => {
        const union: WeeklyRanges = { mon: [...conf.mon, ...prom.mon], sat: [...conf.sat, ...prom.sat] };
        expect(coversWeekly(conf, prom)).toBe(weeklySeconds(union) === weeklySeconds(conf));
      }),
    );
  });
});
