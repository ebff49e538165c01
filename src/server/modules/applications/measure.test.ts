import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../calendars';
import { availability, clockSeconds, delayStats, mergeIntervals, percentile, shareStatus } from './measure';
import { endOf, fingerprintOf } from './alerts';
import { periodRange } from './period';

const h = (x: number) => x * 3600;
const day: Array<[string, string]> = [
  ['08:30', '12:00'],
  ['13:00', '17:00'],
];
const cal = compileCalendar({
  name: 'Mairie',
  timezone: 'Europe/Paris',
  weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  holidays: 'FR',
  closures: [],
  workedDates: [],
});
const ms = (s: string) => Date.parse(s);

describe('delays on the outage clock', () => {
  it.each([
    // [what, mode, from, to, expected seconds]
    ['continuous, plain', 'continuous', '2026-03-02T09:00:00Z', '2026-03-02T11:30:00Z', h(2.5)],
    // Spring forward in Paris on 2026-03-29: 00:00 → 06:00 local lasts 5 h of real time.
    ['continuous across the DST change', 'continuous', '2026-03-28T23:00:00Z', '2026-03-29T04:00:00Z', h(5)],
    // Monday 2026-03-02 10:00 Paris (09:00Z) → 15:00 Paris: 2 h morning + 2 h afternoon.
    ['business hours, lunch excluded', 'business_hours', '2026-03-02T09:00:00Z', '2026-03-02T14:00:00Z', h(4)],
    // Friday 16:00 Paris → Monday 09:30 Paris: 1 h + 1 h.
    ['business hours over a weekend', 'business_hours', '2026-03-06T15:00:00Z', '2026-03-09T08:30:00Z', h(2)],
    // Saturday 28 March 10:00 Paris (09:00Z) → Monday 30 March 09:30 Paris (after the DST change, 07:30Z): 1 h.
    ['business hours across the DST weekend', 'business_hours', '2026-03-28T09:00:00Z', '2026-03-30T07:30:00Z', h(1)],
    // Thursday 14 May 2026 is Ascension: Wednesday 16:00 → Friday 09:30 Paris counts 1 h + 1 h.
    ['business hours over a holiday', 'business_hours', '2026-05-13T14:00:00Z', '2026-05-15T07:30:00Z', h(2)],
    ['nothing when the end precedes the start', 'continuous', '2026-03-02T11:00:00Z', '2026-03-02T10:00:00Z', 0],
  ] as const)('%s', (_what, mode, from, to, expected) => {
    expect(clockSeconds(cal, mode, ms(from), ms(to))).toBe(expected);
  });
});

describe('statistics', () => {
  it('nearest-rank percentiles', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([1, 2, 3], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
  });
  it('medians, p90, worst and the share within a delay', () => {
    expect(delayStats([h(0.5), h(3), h(1), h(2)], h(2))).toEqual({
      count: 4,
      medianHours: 1,
      p90Hours: 3,
      worstHours: 3,
      withinDelay: 3,
      share: 0.75,
    });
    expect(delayStats([h(1)], null)).toMatchObject({ withinDelay: null, share: null, medianHours: 1 });
  });
  it.each([
    [0.9, 0.9, 'met'],
    [0.86, 0.9, 'at_risk'],
    [0.84, 0.9, 'missed'],
    [null, 0.9, 'no_data'],
  ] as const)('share %s against %s is %s', (share, target, status) => {
    expect(shareStatus(share, target)).toBe(status);
  });
});

describe('availability', () => {
  it('merges overlapping outages and clips them to the window', () => {
    expect(
      mergeIntervals([
        { from: 5, to: 8 },
        { from: 1, to: 3 },
        { from: 2, to: 4 },
      ]),
    ).toEqual([
      { from: 1, to: 4 },
      { from: 5, to: 8 },
    ]);
    const window = { from: ms('2026-03-02T00:00:00Z'), to: ms('2026-03-03T00:00:00Z') };
    const a = availability(cal, 'continuous', window, [
      { startedMs: ms('2026-03-01T22:00:00Z'), restoredMs: ms('2026-03-02T02:00:00Z') }, // 2 h inside
      { startedMs: ms('2026-03-02T10:00:00Z'), restoredMs: ms('2026-03-02T12:00:00Z') },
      { startedMs: ms('2026-03-02T11:00:00Z'), restoredMs: ms('2026-03-02T13:00:00Z') }, // overlaps: 10–13 = 3 h
      { startedMs: ms('2026-03-02T22:00:00Z'), restoredMs: null }, // still down: 2 h
    ]);
    expect(a).toEqual({ windowSeconds: h(24), downtimeSeconds: h(7), availability: 1 - 7 / 24 });
    // On business hours the same day has 7.5 h, the 10–13 UTC outage (11:00–14:00 Paris) counts 2 h.
    const b = availability(cal, 'business_hours', window, [
      { startedMs: ms('2026-03-02T10:00:00Z'), restoredMs: ms('2026-03-02T13:00:00Z') },
    ]);
    expect(b.windowSeconds).toBe(h(7.5));
    expect(b.downtimeSeconds).toBe(h(2));
  });
});

describe('alerts', () => {
  it('keeps the sender fingerprint, or hashes the sorted labels', () => {
    expect(fingerprintOf({ fingerprint: 'abc', labels: {} })).toBe('abc');
    expect(fingerprintOf({ labels: { b: '2', a: '1' } })).toBe(fingerprintOf({ labels: { a: '1', b: '2' } }));
    expect(fingerprintOf({ labels: { a: '1' } })).not.toBe(fingerprintOf({ labels: { a: '2' } }));
  });
  it("reads Alertmanager's zero time as no end", () => {
    const now = new Date('2026-03-02T10:00:00Z');
    expect(endOf({ endsAt: '0001-01-01T00:00:00Z' }, now)).toBe(now.toISOString());
    expect(endOf({ endsAt: '2026-03-02T09:40:00Z' }, now)).toBe('2026-03-02T09:40:00.000Z');
  });
});

describe('periods', () => {
  it.each([
    ['2026', '2026-01-01', '2027-01-01', '2025-12-31T23:00:00.000Z'],
    ['2026-Q2', '2026-04-01', '2026-07-01', '2026-03-31T22:00:00.000Z'],
    ['2026-s2', '2026-07-01', '2027-01-01', '2026-06-30T22:00:00.000Z'],
    ['2026-03', '2026-03-01', '2026-04-01', '2026-02-28T23:00:00.000Z'],
  ])('%s', (text, from, to, fromUtc) => {
    expect(periodRange(text, 'Europe/Paris')).toMatchObject({ fromDate: from, toDate: to, fromUtc });
  });
  it('refuses other text', () => {
    expect(periodRange('2026-Q5', 'Europe/Paris')).toBeUndefined();
    expect(periodRange('1999', 'Europe/Paris')).toBeUndefined();
  });
});
