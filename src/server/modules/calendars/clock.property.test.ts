import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  businessSeconds,
  compileCalendar,
  deadline,
  deadlineWithPauses,
  elapsedBusinessSeconds,
  isOpenAt,
  nextBusinessDayEnd,
  weekdays,
  weeklyOpeningSeconds,
  type CalendarDefinition,
} from './clock';
import { holidaysOf, isoDateOf } from './holidays';
import { ReferenceClock } from './reference-clock';

/**
 * The engine against the minute-by-minute reference clock on random calendars: any shape of week,
 * zones with ordinary, half-hour and midnight DST changes, holidays, closures and worked dates,
 * and instants concentrated around DST changes and holidays.
 */
const MINUTE = 60_000;
const zones = [
  'Europe/Paris',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Asia/Kolkata',
  'UTC',
];

const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** A point of a day: anywhere, or at a boundary near the small hours where DST changes happen. */
const dayPoint = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.constantFrom(0, 30, 60, 90, 120, 150, 180, 210, 1380, 1440),
);
const dayRanges = fc.array(dayPoint, { maxLength: 6 }).map((pts) => {
  const sorted = [...new Set(pts)].sort((a, b) => a - b);
  const ranges: Array<[string, string]> = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push([hm(sorted[i]!), hm(sorted[i + 1]!)]);
  return ranges;
});

const windowStart = Date.UTC(2025, 0, 1);
const windowDays = 3 * 365;
const someDate = fc.integer({ min: 0, max: windowDays }).map((d) => isoDateOf(windowStart / 86_400_000 + d));
const holidayDates = [2025, 2026, 2027].flatMap((y) => holidaysOf(y, 'FR-alsace-moselle').map((h) => h.date));

const calendar: fc.Arbitrary<CalendarDefinition> = fc
  .record({
    timezone: fc.constantFrom(...zones),
    days: fc.array(dayRanges, { minLength: 7, maxLength: 7 }),
    holidays: fc.constantFrom('FR' as const, 'FR-alsace-moselle' as const, 'none' as const),
    closures: fc.array(fc.oneof(someDate, fc.constantFrom(...holidayDates)), { maxLength: 40 }),
    workedDates: fc.array(fc.oneof(someDate, fc.constantFrom(...holidayDates)), { maxLength: 20 }),
  })
  .map(({ timezone, days, holidays, closures, workedDates }) => ({
    name: 'random',
    timezone,
    holidays,
    closures,
    workedDates,
    weekly: Object.fromEntries(weekdays.map((d, i) => [d, days[i]!])) as CalendarDefinition['weekly'],
  }))
  .filter((def) => weeklyOpeningSeconds(def) > 0);

/** DST changes of the zones above in 2025–2027 (UTC), to concentrate instants around them. */
const dstMoments = [
  '2025-03-30T01:00Z',
  '2025-10-26T01:00Z',
  '2026-03-29T01:00Z',
  '2026-10-25T01:00Z',
  '2026-03-08T07:00Z',
  '2026-11-01T06:00Z',
  '2026-04-04T15:00Z',
  '2026-10-03T15:30Z',
  '2026-04-05T03:00Z',
  '2026-09-06T04:00Z',
  '2026-03-08T05:00Z',
  '2026-11-01T05:00Z',
].map((s) => Date.parse(s.replace('Z', ':00Z')));
const instant = fc.oneof(
  fc.integer({ min: 0, max: windowDays * 1440 - 1 }).map((m) => windowStart + m * MINUTE),
  fc
    .tuple(fc.constantFrom(...dstMoments), fc.integer({ min: -3 * 1440, max: 3 * 1440 }))
    .map(([t, m]) => t + m * MINUTE),
  fc
    .tuple(fc.constantFrom(...holidayDates), fc.integer({ min: -2 * 1440, max: 2 * 1440 }))
    .map(([d, m]) => Date.parse(`${d}T00:00:00Z`) + m * MINUTE),
);

const runs = { numRuns: 250, seed: 424242 };

describe('the engine agrees with the minute-by-minute reference clock', () => {
  it('deadline(from, d) on random calendars, instants and durations', () => {
    fc.assert(
      fc.property(
        calendar,
        fc.array(fc.tuple(instant, fc.double({ min: 0, max: 2, noNaN: true })), { minLength: 6, maxLength: 6 }),
        (def, queries) => {
          const cal = compileCalendar(def);
          const ref = new ReferenceClock(def);
          const weekMinutes = weeklyOpeningSeconds(def) / 60;
          for (const [from, share] of queries) {
            const minutes = Math.min(Math.floor(weekMinutes * share), 6000);
            const expected = ref.deadline(from, minutes, 200_000);
            if (expected === null) continue; // beyond what the naive clock is willing to walk
            expect(new Date(deadline(cal, from, minutes * 60)).toISOString()).toBe(new Date(expected).toISOString());
          }
        },
      ),
      runs,
    );
  });

  it('businessSeconds(from, to) and isOpenAt', () => {
    fc.assert(
      fc.property(
        calendar,
        fc.array(fc.tuple(instant, fc.integer({ min: -60, max: 3 * 1440 })), { minLength: 6, maxLength: 6 }),
        (def, queries) => {
          const cal = compileCalendar(def);
          const ref = new ReferenceClock(def);
          for (const [from, minutes] of queries) {
            const to = from + minutes * MINUTE;
            expect(businessSeconds(cal, from, to)).toBe(Math.max(0, ref.businessMinutes(from, to)) * 60);
            expect(isOpenAt(cal, from)).toBe(ref.isOpenMinute(from));
          }
        },
      ),
      runs,
    );
  });

  it('nextBusinessDayEnd(from)', () => {
    fc.assert(
      fc.property(calendar, fc.array(instant, { minLength: 3, maxLength: 3 }), (def, queries) => {
        const cal = compileCalendar(def);
        const ref = new ReferenceClock(def);
        for (const from of queries) {
          const expected = ref.nextBusinessDayEnd(from);
          if (expected === null) continue;
          expect(new Date(nextBusinessDayEnd(cal, from)).toISOString()).toBe(new Date(expected).toISOString());
        }
      }),
      { ...runs, numRuns: 120 },
    );
  });
});

describe('algebraic properties of the engine', () => {
  const leBouscat = compileCalendar({
    name: 'lb',
    timezone: 'Europe/Paris',
    holidays: 'FR',
    closures: [],
    workedDates: [],
    weekly: {
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
    },
  });
  const ms = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) });

  it('businessSeconds(from, deadline(from, d)) = d, and the deadline is the earliest such instant', () => {
    fc.assert(
      fc.property(ms, fc.integer({ min: 1, max: 3_000_000 }), (from, seconds) => {
        const due = deadline(leBouscat, from, seconds);
        expect(businessSeconds(leBouscat, from, due)).toBe(seconds);
        expect(businessSeconds(leBouscat, from, due - 1)).toBeLessThan(seconds);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('deadlines add up: deadline(deadline(from, a), b) = deadline(from, a + b)', () => {
    fc.assert(
      fc.property(ms, fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 1, max: 500_000 }), (from, a, b) => {
        expect(deadline(leBouscat, deadline(leBouscat, from, a), b)).toBe(deadline(leBouscat, from, a + b));
      }),
      { numRuns: 3000, seed: 8 },
    );
  });

  it('with pauses, the business time outside pauses up to the deadline is the duration', () => {
    const pause = fc
      .tuple(ms, fc.integer({ min: 1, max: 5 * 86_400_000 }))
      .map(([s, len]) => ({ startMs: s, endMs: s + len }));
    fc.assert(
      fc.property(
        ms,
        fc.integer({ min: 1, max: 500_000 }),
        fc.array(pause, { maxLength: 4 }),
        (from, seconds, pauses) => {
          const due = deadlineWithPauses(leBouscat, from, seconds, pauses)!;
          expect(elapsedBusinessSeconds(leBouscat, from, due, pauses)).toBeCloseTo(seconds, 6);
          expect(due).toBeGreaterThanOrEqual(deadline(leBouscat, from, seconds));
        },
      ),
      { numRuns: 2000, seed: 9 },
    );
  });
});
