import { describe, expect, it } from 'vitest';
import Holidays from 'date-holidays';
import { easterSunday, holidaysOf, parseIsoDate } from './holidays';
import { parseDurationSeconds } from './duration';
import { parseInstant } from './instant';
import { calendarProblems } from './definition';
import type { CalendarDefinition } from './clock';

describe('computus: Easter Sunday', () => {
  const known: Array<[number, string]> = [
    [2000, '04-23'],
    [2008, '03-23'],
    [2011, '04-24'],
    [2019, '04-21'],
    [2024, '03-31'],
    [2025, '04-20'],
    [2026, '04-05'],
    [2027, '03-28'],
    [2038, '04-25'],
    [2285, '03-22'],
  ];
  it.each(known)('%i — %s', (year, md) => {
    const e = easterSunday(year);
    expect(`${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`).toBe(md);
  });
});

describe('Code du travail L3133-1 holidays', () => {
  it('FR has the eleven days, in date order', () => {
    expect(holidaysOf(2026, 'FR').map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('FR-alsace-moselle adds Good Friday and 26 December', () => {
    const extra = holidaysOf(2026, 'FR-alsace-moselle').filter(
      (h) => !holidaysOf(2026, 'FR').some((f) => f.date === h.date),
    );
    expect(extra.map((h) => [h.date, h.key])).toEqual([
      ['2026-04-03', 'good_friday'],
      ['2026-12-26', 'st_stephen'],
    ]);
  });

  it('none has no holiday', () => {
    expect(holidaysOf(2026, 'none')).toEqual([]);
  });

  // Cross-check against an independent implementation (date-holidays, public days only).
  const publicDays = (hd: Holidays, y: number) =>
    hd
      .getHolidays(y)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10))
      .sort();
  it('matches date-holidays for France, 2000–2100', () => {
    const hd = new Holidays('FR');
    for (let y = 2000; y <= 2100; y++)
      expect(
        holidaysOf(y, 'FR').map((h) => h.date),
        String(y),
      ).toEqual(publicDays(hd, y));
  });

  it('matches date-holidays for Moselle (57) and Bas-Rhin (67), 2000–2060', () => {
    for (const dept of ['57', '67']) {
      const hd = new Holidays('FR', dept);
      for (let y = 2000; y <= 2060; y++)
        expect(
          holidaysOf(y, 'FR-alsace-moselle').map((h) => h.date),
          `${dept} ${y}`,
        ).toEqual(publicDays(hd, y));
    }
  });
});

describe('dates and durations', () => {
  it('parses real dates only', () => {
    expect(parseIsoDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(parseIsoDate('2026-02-29')).toBeNaN();
    expect(parseIsoDate('2026-13-01')).toBeNaN();
    expect(parseIsoDate('26-01-01')).toBeNaN();
  });

  const durations: Array<[string, number | null]> = [
    ['PT4H30M', 16_200],
    ['PT4H', 14_400],
    ['PT40H', 144_000],
    ['P1D', 86_400],
    ['P2W', 1_209_600],
    ['P1DT2H', 93_600],
    ['PT0S', 0],
    ['PT0.5H', 1_800],
    ['PT1,5M', 90],
    ['PT90S', 90],
    ['pt4h30m', 16_200],
    ['P1Y', null],
    ['P1M', null],
    ['PT', null],
    ['P', null],
    ['4H', null],
    ['-PT1H', null],
    ['PT1H ', null],
    ['', null],
  ];
  it.each(durations)('ISO-8601 duration %s → %s s', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });
});

describe('instant parameters', () => {
  const ok: Array<[string, string]> = [
    ['2026-03-06T16:50:00Z', '2026-03-06T16:50:00.000Z'],
    ['2026-03-06T16:50Z', '2026-03-06T16:50:00.000Z'],
    ['2026-03-06t16:50:00z', '2026-03-06T16:50:00.000Z'],
    ['2026-03-06 16:50:00+01:00', '2026-03-06T15:50:00.000Z'],
    ['2026-03-06T16:50:00+0100', '2026-03-06T15:50:00.000Z'],
    ['2026-03-06T16:50:00-05', '2026-03-06T21:50:00.000Z'],
    ['2026-03-06T16:50:00.123456+00:00', '2026-03-06T16:50:00.123Z'],
    ['2026-03-06T00:30:00+05:45', '2026-03-05T18:45:00.000Z'],
  ];
  it.each(ok)('%s is %s', (text, iso) => {
    expect(new Date(parseInstant(text)).toISOString()).toBe(iso);
  });
  it.each([
    '2026-03-06T16:50:00',
    '2026-02-30T10:00:00Z',
    '2026-03-06T24:00:00Z',
    '2026-03-06T16:60Z',
    '2026-03-06',
    'yesterday',
    '2026-03-06T16:50:00+25:00',
  ])('refuses %s', (text) => {
    expect(parseInstant(text)).toBeNaN();
  });
});

describe('calendar definition checks', () => {
  const base: CalendarDefinition = {
    name: 'x',
    timezone: 'Europe/Paris',
    holidays: 'FR',
    closures: [],
    workedDates: [],
    weekly: {
      mon: [
        ['08:30', '12:00'],
        ['13:00', '17:00'],
      ],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    },
  };
  const fields = (patch: Partial<CalendarDefinition>) => calendarProblems({ ...base, ...patch }).map((p) => p.field);

  it('accepts a split day, touching ranges and 24:00 as an end', () => {
    expect(fields({})).toEqual([]);
    expect(
      fields({
        weekly: {
          ...base.weekly,
          tue: [
            ['08:00', '12:00'],
            ['12:00', '24:00'],
          ],
        },
      }),
    ).toEqual([]);
  });

  it.each([
    ['a range ending before it starts', { weekly: { ...base.weekly, mon: [['13:00', '12:00']] } }, ['weekly.mon.0']],
    ['an empty range', { weekly: { ...base.weekly, mon: [['12:00', '12:00']] } }, ['weekly.mon.0']],
    [
      'overlapping ranges',
      {
        weekly: {
          ...base.weekly,
          mon: [
            ['08:00', '12:00'],
            ['11:00', '14:00'],
          ],
        },
      },
      ['weekly.mon.1'],
    ],
    [
      'ranges out of order',
      {
        weekly: {
          ...base.weekly,
          mon: [
            ['13:00', '17:00'],
            ['08:00', '12:00'],
          ],
        },
      },
      ['weekly.mon.1'],
    ],
    ['24:00 as a start', { weekly: { ...base.weekly, mon: [['24:00', '24:00']] } }, ['weekly.mon.0']],
    ['25:00', { weekly: { ...base.weekly, mon: [['08:00', '25:00']] } }, ['weekly.mon.0']],
    ['an unknown zone', { timezone: 'Europe/Bouscat' }, ['timezone']],
    ['a bad date', { closures: ['2026-02-30'], workedDates: ['soon'] }, ['closures.0', 'workedDates.0']],
    ['a date outside 2000–2100', { closures: ['1999-12-31'] }, ['closures.0']],
    [
      'no opening at all (no deadline could ever be reached)',
      { weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } },
      ['weekly'],
    ],
  ] as Array<[string, Partial<CalendarDefinition>, string[]]>)('refuses %s', (_name, patch, expected) => {
    expect(fields(patch)).toEqual(expected);
  });
});
