import { describe, expect, it } from 'vitest';
import { periodKind, periodSearch, reportingPeriodFor } from '../../web/src/features/indicators/periods';

describe('the period an indicator is reported on (its periodicity)', () => {
  it.each([
    ['2026-Q3', ['year'], 'year', '2026'],
    ['2026-07', ['year'], 'year', '2026'],
    ['2026-07', ['quarter', 'month'], 'quarter', null],
    ['2026-08', ['quarter'], 'quarter', '2026-Q3'],
    ['2026-Q3', ['quarter', 'month'], 'quarter', null],
    ['2026-S2', ['quarter'], 'quarter', null],
    ['2026-Q4', ['half'], 'half', '2026-S2'],
    ['2026', ['year'], 'year', null],
  ] as const)('%s for %j (default %s) → %s', (p, periods, preferred, own) => {
    expect(reportingPeriodFor(p, periods, preferred)).toBe(own);
  });

  it('tells the kinds apart', () => {
    expect(['2026', '2026-Q1', '2026-S1', '2026-01'].map(periodKind)).toEqual(['year', 'quarter', 'half', 'month']);
  });
});

describe('the period in the address', () => {
  it.each([
    [{ periode: '2026-Q3' }, { periode: '2026-Q3' }],
    // A year typed by hand reaches the route as a number (search values are parsed as JSON).
    [{ periode: 2025 }, { periode: '2025' }],
    [{ periode: '2026-S2' }, { periode: '2026-S2' }],
    [{ periode: '2026-13' }, {}],
    [{ periode: ['2025'] }, {}],
    [{}, {}],
  ] as const)('%j → %j', (search, expected) => {
    expect(periodSearch(search)).toEqual(expected);
  });
});
