import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { businessSeconds, compileCalendar, isOpenAt, type CalendarDefinition } from '../calendars';
import { warningInstant } from './thresholds';

const day: Array<[string, string]> = [
  ['08:30', '12:00'],
  ['13:00', '17:00'],
];
const townHall: CalendarDefinition = {
  name: 'Mairie',
  timezone: 'Europe/Paris',
  weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  holidays: 'FR',
  closures: [],
  workedDates: [],
};
const cal = compileCalendar(townHall);
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('warning instant — 75 % of the business-time budget (the default setting), in business time (glpi#15429)', () => {
  it.each([
    [
      '3.3.2 P1 (4 h) from Monday 09:00 → due 14:00, warned at 12:00',
      '2026-03-02T08:00:00.000Z',
      '2026-03-02T13:00:00.000Z',
      0,
      0.75,
      '2026-03-02T11:00:00.000Z',
    ],
    [
      '3.3.2 P1 filed Friday 20:00 → due Monday 13:30, warned Monday 11:30, never at night',
      '2026-03-06T19:00:00.000Z',
      '2026-03-09T12:30:00.000Z',
      0,
      0.75,
      '2026-03-09T10:30:00.000Z',
    ],
    [
      '3.3.1 filed Friday 16:50 → due Monday 17:00 (7 h 40 business), warned Monday 15:05',
      '2026-03-06T15:50:00.000Z',
      '2026-03-09T16:00:00.000Z',
      0,
      0.75,
      '2026-03-09T14:05:00.000Z',
    ],
    [
      'a pause of 1 h already taken shrinks the budget: 4 h due 15:00 → warned at 14:00',
      '2026-03-02T08:00:00.000Z',
      '2026-03-02T14:00:00.000Z',
      3600,
      0.75,
      '2026-03-02T13:00:00.000Z',
    ],
    [
      'threshold 50 % of a full day (7 h 30) from Monday 08:30 → 13:15, after lunch',
      '2026-03-02T07:30:00.000Z',
      '2026-03-02T16:00:00.000Z',
      0,
      0.5,
      '2026-03-02T12:15:00.000Z',
    ],
    [
      'no budget (due at the start) → no warning',
      '2026-03-02T08:00:00.000Z',
      '2026-03-02T08:00:00.000Z',
      0,
      0.75,
      null,
    ],
  ])('%s', (_name, start, due, paused, threshold, expected) => {
    expect(iso(warningInstant(cal, at(start), at(due), paused, threshold))).toBe(expected);
  });

  it('leaves exactly (1 − threshold) of the budget before the deadline, within [start, due] (property)', () => {
    const from = at('2026-01-05T00:00:00.000Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 90 }),
        fc.integer({ min: 60, max: 60 * 60 * 40 }),
        fc.integer({ min: 5, max: 95 }),
        (startMin, budgetSec, pct) => {
          const start = from + startMin * 60_000;
          // A deadline `budgetSec` business seconds after the start, found by scanning forward by the calendar's own answer.
          let lo = start;
          let hi = start + 60 * 86_400_000;
          while (hi - lo > 1000) {
            const mid = Math.floor((lo + hi) / 2);
            if (businessSeconds(cal, start, mid) >= budgetSec) hi = mid;
            else lo = mid;
          }
          const due = hi;
          const span = businessSeconds(cal, start, due);
          const w = warningInstant(cal, start, due, 0, pct / 100)!;
          expect(w).toBeGreaterThanOrEqual(start);
          expect(w).toBeLessThanOrEqual(due);
          expect(Math.abs(businessSeconds(cal, w, due) - (1 - pct / 100) * span)).toBeLessThanOrEqual(1);
          // Never in closed hours, except exactly at the end of an opening range.
          expect(isOpenAt(cal, w) || isOpenAt(cal, w - 1)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
