import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatPeriod,
  kindOfPeriodicity,
  lastCompletePeriod,
  parsePeriod,
  periodBounds,
  previousPeriods,
  shiftPeriod,
  type Period,
} from './periods';

const PARIS = 'Europe/Paris';

describe('parsePeriod', () => {
  it.each([
    ['2026-Q3', { kind: 'quarter', year: 2026, index: 3 }],
    ['2026-07', { kind: 'month', year: 2026, index: 7 }],
    ['2026', { kind: 'year', year: 2026, index: 1 }],
    ['2026-S2', { kind: 'half', year: 2026, index: 2 }],
    ['2026-q1', { kind: 'quarter', year: 2026, index: 1 }],
  ])('reads %s', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
  });

  it.each(['2026-Q5', '2026-13', '2026-00', '26-Q1', 'Q3-2026', '', '2026-07-01', '1999', '2026-S3'])(
    'refuses %s',
    (text) => {
      expect(parsePeriod(text)).toBeUndefined();
    },
  );
});

describe('periodBounds in Europe/Paris', () => {
  it.each([
    // Summer time (UTC+2) all along.
    ['2026-Q3', '2026-07-01', '2026-10-01', '2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z'],
    // March: starts in winter time (UTC+1), ends in summer time (UTC+2) — the month has 743 hours, not 744.
    ['2026-03', '2026-03-01', '2026-04-01', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    // October: the lost hour comes back; the last evening (31 Oct 23:30 Paris = 22:30 UTC) belongs to October (zammad#6134).
    ['2026-10', '2026-10-01', '2026-11-01', '2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z'],
    ['2026', '2026-01-01', '2027-01-01', '2025-12-31T23:00:00.000Z', '2026-12-31T23:00:00.000Z'],
    ['2026-S1', '2026-01-01', '2026-07-01', '2025-12-31T23:00:00.000Z', '2026-06-30T22:00:00.000Z'],
  ])('%s → [%s, %s) = [%s, %s)', (text, fromDate, toDate, fromUtc, toUtc) => {
    expect(periodBounds(parsePeriod(text)!, PARIS)).toEqual({ fromDate, toDate, fromUtc, toUtc });
  });

  it('counts the October DST evening inside the month (31 Oct 23:30 local)', () => {
    const b = periodBounds(parsePeriod('2026-10')!, PARIS);
    const evening = '2026-10-31T22:30:00.000Z';
    expect(evening >= b.fromUtc && evening < b.toUtc).toBe(true);
  });

  it('consecutive periods tile time without gap nor overlap (property)', () => {
    const kinds = ['month', 'quarter', 'half', 'year'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.integer({ min: 2001, max: 2098 }),
        fc.integer({ min: 1, max: 12 }),
        (kind, year, i) => {
          const max = { month: 12, quarter: 4, half: 2, year: 1 }[kind];
          const p: Period = { kind, year, index: ((i - 1) % max) + 1 };
          const next = shiftPeriod(p, -1);
          expect(periodBounds(p, PARIS).toUtc).toBe(periodBounds(next, PARIS).fromUtc);
          expect(parsePeriod(formatPeriod(p))).toEqual(p);
        },
      ),
    );
  });
});

describe('period arithmetic', () => {
  it('shifts across years', () => {
    expect(formatPeriod(shiftPeriod(parsePeriod('2026-Q1')!, 1))).toBe('2025-Q4');
    expect(formatPeriod(shiftPeriod(parsePeriod('2026-01')!, 13))).toBe('2024-12');
    expect(formatPeriod(shiftPeriod(parsePeriod('2025-Q4')!, -1))).toBe('2026-Q1');
  });

  it('lists previous periods oldest first', () => {
    expect(previousPeriods(parsePeriod('2026-Q3')!, 4).map(formatPeriod)).toEqual([
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
    ]);
  });

  it('gives the last complete quarter in Paris time (28 Nov 2026 → 2026-Q3; 1 Jan 00:30 Paris → previous year Q4)', () => {
    expect(formatPeriod(lastCompletePeriod('quarter', new Date('2026-11-28T12:00:00Z'), PARIS))).toBe('2026-Q3');
    // 2026-12-31T23:30Z is already 1 January 2027 in Paris.
    expect(formatPeriod(lastCompletePeriod('quarter', new Date('2026-12-31T23:30:00Z'), PARIS))).toBe('2026-Q4');
  });

  it('maps contract periodicities to period kinds', () => {
    expect(kindOfPeriodicity('Mensuelle ou trimestrielle')).toBe('month');
    expect(kindOfPeriodicity('Annuelle')).toBe('year');
    expect(kindOfPeriodicity('Trimestrielle')).toBe('quarter');
    expect(kindOfPeriodicity(null)).toBe('quarter');
  });
});
