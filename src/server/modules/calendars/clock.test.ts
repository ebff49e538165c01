import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  businessSeconds,
  CalendarHorizonError,
  compileCalendar,
  deadline,
  deadlineWithPauses,
  elapsedBusinessSeconds,
  isOpenAt,
  localDateOf,
  nextBusinessDayEnd,
  remainingBusinessSeconds,
  weeklyOpeningSeconds,
  type CalendarDefinition,
} from './clock';

const townHall: Array<[string, string]> = [
  ['08:30', '12:00'],
  ['13:00', '17:00'],
];
/** Le Bouscat's calendar: the reference's support hours, Mon–Fri 8:30–12:00 and 13:00–17:00, FR. */
const leBouscat: CalendarDefinition = {
  name: 'Mairie du Bouscat',
  timezone: 'Europe/Paris',
  weekly: { mon: townHall, tue: townHall, wed: townHall, thu: townHall, fri: townHall, sat: [], sun: [] },
  holidays: 'FR',
  closures: [],
  workedDates: [],
};
const allDay: Array<[string, string]> = [['00:00', '24:00']];
const always: CalendarDefinition = {
  ...leBouscat,
  name: '24/7',
  weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  holidays: 'none',
};

const LB = compileCalendar(leBouscat);
const ALWAYS = compileCalendar(always);

/** Epoch ms of a Paris wall-clock time "YYYY-MM-DD HH:MM" (unambiguous times only). */
const paris = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone: 'Europe/Paris' }).toMillis();
/** The Paris wall-clock reading of an instant, "YYYY-MM-DD HH:MM". */
const show = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Paris' }).toFormat('yyyy-MM-dd HH:mm');
const H = 3600;

describe('deadline on the town-hall calendar (Mon–Fri 8:30–12:00, 13:00–17:00, FR)', () => {
  const cases: Array<[string, string, number, string]> = [
    ['range start — 08:30 Monday + 1 h → 09:30', '2026-03-02 08:30', H, '2026-03-02 09:30'],
    ['before opening — 07:00 + 1 h → 09:30', '2026-03-02 07:00', H, '2026-03-02 09:30'],
    ['range end stays — 11:59 + 1 min → 12:00, not 13:00', '2026-03-02 11:59', 60, '2026-03-02 12:00'],
    ['morning exactly consumed — 08:30 + 3 h 30 → 12:00', '2026-03-02 08:30', 3.5 * H, '2026-03-02 12:00'],
    ['lunch break — 11:30 + 1 h → 13:30', '2026-03-02 11:30', H, '2026-03-02 13:30'],
    ['inside lunch — 12:15 + 30 min → 13:30', '2026-03-02 12:15', 1800, '2026-03-02 13:30'],
    ['day end stays — 16:00 + 1 h → 17:00 the same day', '2026-03-02 16:00', H, '2026-03-02 17:00'],
    ['evening — 17:00 + 1 min → next morning 08:31', '2026-03-02 17:00', 60, '2026-03-03 08:31'],
    ['weekend — Friday 16:30 + 1 h → Monday 09:00', '2026-03-06 16:30', H, '2026-03-09 09:00'],
    ['Saturday — + 4 h → Monday 13:30', '2026-03-07 10:00', 4 * H, '2026-03-09 13:30'],
    ['3.3.2 P1 — 4 h from Friday 15:00 → Monday 10:30', '2026-03-06 15:00', 4 * H, '2026-03-09 10:30'],
    ['3.3.2 P4 — 40 h (a week and a bit) from Monday 08:30', '2026-03-02 08:30', 40 * H, '2026-03-09 11:00'],
    ['PT4H30M from Friday 17:50 (after hours) → Monday 14:00', '2026-03-06 17:50', 4.5 * H, '2026-03-09 14:00'],
    [
      'Easter Monday — Friday 16:00 + 2 h before Easter 2026 → Tuesday 09:30',
      '2026-04-03 16:00',
      2 * H,
      '2026-04-07 09:30',
    ],
    [
      '1 May and 8 May (Fridays in 2026) — Thursday 16:00 + 1 h 30 → Monday 09:00',
      '2026-04-30 16:00',
      1.5 * H,
      '2026-05-04 09:00',
    ],
    ['Ascension Thursday 2026 (14 May) is skipped', '2026-05-13 16:30', H, '2026-05-15 09:00'],
    ['Whit Monday 2026 (25 May) is skipped', '2026-05-22 16:30', H, '2026-05-26 09:00'],
    ['14 July 2026 (Tuesday) is skipped', '2026-07-13 16:30', H, '2026-07-15 09:00'],
    ['Christmas and New Year — 24 Dec 2026 16:00 + 9 h', '2026-12-24 16:00', 9 * H, '2026-12-29 09:00'],
    [
      'spring DST week — Friday 27 March 16:00 + 2 h → Monday 09:30 (Paris time)',
      '2026-03-27 16:00',
      2 * H,
      '2026-03-30 09:30',
    ],
    ['autumn DST week — Friday 23 October 16:00 + 2 h → Monday 09:30', '2026-10-23 16:00', 2 * H, '2026-10-26 09:30'],
  ];
  it.each(cases)('%s', (_name, from, seconds, due) => {
    expect(show(deadline(LB, paris(from), seconds))).toBe(due);
  });

  it('zero duration — the deadline is the start itself, even when closed', () => {
    expect(deadline(LB, paris('2026-03-07 03:17'), 0)).toBe(paris('2026-03-07 03:17'));
    expect(deadline(LB, paris('2026-03-02 12:00'), 0)).toBe(paris('2026-03-02 12:00'));
  });

  it('is exact to the millisecond for sub-minute starts and durations', () => {
    const from = paris('2026-03-02 11:59') + 30_500;
    expect(deadline(LB, from, 29.5)).toBe(paris('2026-03-02 12:00'));
    expect(deadline(LB, from, 30)).toBe(paris('2026-03-02 13:00') + 500);
  });
});

describe('business time between two instants', () => {
  const cases: Array<[string, string, string, number]> = [
    ['a whole working week is 37.5 h (3.2.1)', '2026-03-02 00:00', '2026-03-09 00:00', 37.5 * H],
    ['lunch is not counted', '2026-03-02 11:00', '2026-03-02 14:00', 2 * H],
    ['[from, to) — a range end counts up to its last instant', '2026-03-02 16:59', '2026-03-02 17:00', 60],
    ['a weekend is empty', '2026-03-07 00:00', '2026-03-09 00:00', 0],
    ['Easter Monday 2026 is empty', '2026-04-06 00:00', '2026-04-07 00:00', 0],
    ['reversed interval is 0', '2026-03-03 10:00', '2026-03-02 10:00', 0],
    ['empty interval is 0', '2026-03-03 10:00', '2026-03-03 10:00', 0],
  ];
  it.each(cases)('%s', (_name, from, to, seconds) => {
    expect(businessSeconds(LB, paris(from), paris(to))).toBe(seconds);
  });
});

describe('3.3.1 — next business day end ("lendemain au maximum")', () => {
  const cases: Array<[string, string, string]> = [
    ['ticket on Friday 16:50 → Monday 17:00', '2026-03-06 16:50', '2026-03-09 17:00'],
    ['ticket on Monday 08:00 → Tuesday 17:00', '2026-03-02 08:00', '2026-03-03 17:00'],
    ['ticket on Monday 23:59 → Tuesday 17:00', '2026-03-02 23:59', '2026-03-03 17:00'],
    ['ticket on Saturday → Monday 17:00', '2026-03-07 10:00', '2026-03-09 17:00'],
    ['ticket on Sunday → Monday 17:00', '2026-03-08 22:00', '2026-03-09 17:00'],
    ['ticket on Thursday before Good Friday (not a FR holiday) → Friday 17:00', '2026-04-02 10:00', '2026-04-03 17:00'],
    ['ticket on Easter Saturday → Tuesday 17:00 (Easter Monday)', '2026-04-04 10:00', '2026-04-07 17:00'],
    ['ticket on Easter Monday itself → Tuesday 17:00', '2026-04-06 10:00', '2026-04-07 17:00'],
    ['ticket on Thursday 30 April 2026 → Monday 4 May (1 May)', '2026-04-30 10:00', '2026-05-04 17:00'],
    ['ticket on 24 December 2026 → 28 December 17:00', '2026-12-24 10:00', '2026-12-28 17:00'],
    ['ticket on 31 December 2026 → 4 January 2027 17:00', '2026-12-31 16:00', '2027-01-04 17:00'],
  ];
  it.each(cases)('%s', (_name, from, due) => {
    expect(show(nextBusinessDayEnd(LB, paris(from)))).toBe(due);
  });

  it('uses the local date: 23:30 UTC on Monday is already Tuesday in Paris', () => {
    expect(show(nextBusinessDayEnd(LB, Date.parse('2026-03-02T23:30:00Z')))).toBe('2026-03-04 17:00');
  });
});

describe('holidays by year (Easter-based ones move)', () => {
  const easterBased: Array<[number, string, string, string]> = [
    [2024, '2024-04-01', '2024-05-09', '2024-05-20'],
    [2025, '2025-04-21', '2025-05-29', '2025-06-09'],
    [2026, '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-29', '2027-05-06', '2027-05-17'],
    [2028, '2028-04-17', '2028-05-25', '2028-06-05'],
    [2038, '2038-04-26', '2038-06-03', '2038-06-14'],
  ];
  it.each(easterBased)(
    '%i — Easter Monday %s, Ascension %s, Whit Monday %s are closed, the next day open',
    (_y, ...dates) => {
      for (const d of dates) {
        expect(isOpenAt(LB, paris(`${d} 10:00`))).toBe(false);
        expect(isOpenAt(LB, paris(`${d} 10:00`) + 86_400_000)).toBe(true);
      }
    },
  );

  it.each(['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'])(
    'fixed holiday %s is closed every year it falls on a weekday',
    (md) => {
      for (let y = 2020; y <= 2035; y++) {
        const t = paris(`${y}-${md} 10:00`);
        expect(isOpenAt(LB, t)).toBe(false);
      }
    },
  );

  it('an ordinary weekday in the same weeks is open', () => {
    expect(isOpenAt(LB, paris('2026-04-07 10:00'))).toBe(true);
    expect(isOpenAt(LB, paris('2026-07-15 10:00'))).toBe(true);
  });
});

describe('Alsace-Moselle, closures and worked dates', () => {
  const alsace = compileCalendar({ ...leBouscat, holidays: 'FR-alsace-moselle' });
  it('FR-alsace-moselle closes Good Friday and 26 December besides the FR days', () => {
    expect(isOpenAt(LB, paris('2026-04-03 10:00'))).toBe(true);
    expect(isOpenAt(alsace, paris('2026-04-03 10:00'))).toBe(false);
    expect(isOpenAt(LB, paris('2025-12-26 10:00'))).toBe(true);
    expect(isOpenAt(alsace, paris('2025-12-26 10:00'))).toBe(false);
    expect(isOpenAt(alsace, paris('2026-04-06 10:00'))).toBe(false);
    expect(show(deadline(alsace, paris('2026-04-02 16:00'), 2 * H))).toBe('2026-04-07 09:30');
  });

  it('"none" has no holiday', () => {
    const none = compileCalendar({ ...leBouscat, holidays: 'none' });
    expect(isOpenAt(none, paris('2026-12-25 10:00'))).toBe(true);
  });

  it('a worked date makes a holiday a business day (journée de solidarité)', () => {
    const solidarity = compileCalendar({ ...leBouscat, workedDates: ['2026-05-25'] });
    expect(isOpenAt(solidarity, paris('2026-05-25 10:00'))).toBe(true);
    expect(show(nextBusinessDayEnd(solidarity, paris('2026-05-22 10:00')))).toBe('2026-05-25 17:00');
  });

  it('a worked date on a weekday without ranges opens nothing', () => {
    const cal = compileCalendar({ ...leBouscat, workedDates: ['2026-03-07'] });
    expect(isOpenAt(cal, paris('2026-03-07 10:00'))).toBe(false);
  });

  it('a closure closes a day; it wins over a worked date', () => {
    const cal = compileCalendar({ ...leBouscat, closures: ['2026-03-03', '2026-05-25'], workedDates: ['2026-05-25'] });
    expect(isOpenAt(cal, paris('2026-03-03 10:00'))).toBe(false);
    expect(show(deadline(cal, paris('2026-03-02 16:30'), H))).toBe('2026-03-04 09:00');
    expect(show(nextBusinessDayEnd(cal, paris('2026-03-02 10:00')))).toBe('2026-03-04 17:00');
    expect(isOpenAt(cal, paris('2026-05-25 10:00'))).toBe(false);
  });
});

describe('daylight saving time (Europe/Paris)', () => {
  it('the spring Sunday lasts 23 h and the autumn Sunday 25 h on a 24/7 calendar', () => {
    expect(businessSeconds(ALWAYS, paris('2026-03-29 00:00'), paris('2026-03-30 00:00'))).toBe(23 * H);
    expect(businessSeconds(ALWAYS, paris('2026-10-25 00:00'), paris('2026-10-26 00:00'))).toBe(25 * H);
  });

  it('a deadline across the spring change counts real elapsed time: Saturday 22:00 + 5 h → Sunday 04:00', () => {
    expect(show(deadline(ALWAYS, paris('2026-03-28 22:00'), 5 * H))).toBe('2026-03-29 04:00');
  });

  it('a deadline across the autumn change: Saturday 22:00 + 5 h → Sunday 02:00 (the second one)', () => {
    const due = deadline(ALWAYS, paris('2026-10-24 22:00'), 5 * H);
    expect(new Date(due).toISOString()).toBe('2026-10-25T01:00:00.000Z');
  });

  it('ranges on DST days have their real elapsed length', () => {
    const night = (r: Array<[string, string]>) =>
      compileCalendar({ ...always, weekly: { ...always.weekly, sun: r, sat: [], mon: [] } });
    const spring = (c: ReturnType<typeof night>) =>
      businessSeconds(c, paris('2026-03-28 12:00'), paris('2026-03-30 12:00'));
    const autumn = (c: ReturnType<typeof night>) =>
      businessSeconds(c, paris('2026-10-24 12:00'), paris('2026-10-26 12:00'));
    expect(spring(night([['01:30', '03:30']]))).toBe(1 * H);
    expect(autumn(night([['01:30', '03:30']]))).toBe(3 * H);
    expect(spring(night([['02:00', '02:30']]))).toBe(0);
    expect(autumn(night([['02:00', '02:30']]))).toBe(1 * H);
    expect(spring(night([['08:00', '12:00']]))).toBe(4 * H);
    expect(autumn(night([['08:00', '12:00']]))).toBe(4 * H);
  });

  it('a range inside the skipped hour never opens, so that Sunday is no business day', () => {
    const cal = compileCalendar({
      ...leBouscat,
      weekly: { ...leBouscat.weekly, sun: [['02:00', '02:30']] },
      holidays: 'none',
    });
    expect(new Date(nextBusinessDayEnd(cal, paris('2026-03-28 10:00'))).toISOString()).toBe(
      new Date(paris('2026-03-30 17:00')).toISOString(),
    );
    expect(new Date(nextBusinessDayEnd(cal, paris('2026-03-21 10:00'))).toISOString()).toBe('2026-03-22T01:30:00.000Z');
  });

  it('the local date follows the zone', () => {
    expect(localDateOf(LB, Date.parse('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(localDateOf(LB, Date.parse('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(localDateOf(LB, Date.parse('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});

describe('other shapes', () => {
  it('24:00 closes at midnight and ranges running into the next day chain', () => {
    const evening = compileCalendar({
      ...leBouscat,
      weekly: { ...leBouscat.weekly, mon: [['20:00', '24:00']], tue: [['00:00', '02:00']] },
      holidays: 'none',
    });
    expect(show(deadline(evening, paris('2026-03-02 23:00'), 2 * H))).toBe('2026-03-03 01:00');
    expect(show(deadline(evening, paris('2026-03-02 20:00'), 4 * H))).toBe('2026-03-03 00:00');
    expect(show(nextBusinessDayEnd(evening, paris('2026-03-01 10:00')))).toBe('2026-03-03 00:00');
  });

  it('three ranges a day', () => {
    const three = compileCalendar({
      ...leBouscat,
      weekly: {
        ...leBouscat.weekly,
        wed: [
          ['07:00', '09:00'],
          ['10:00', '12:00'],
          ['14:00', '18:30'],
        ],
      },
    });
    expect(show(deadline(three, paris('2026-03-04 06:00'), 5 * H))).toBe('2026-03-04 15:00');
  });

  it('another zone: New York changes two weeks before Paris', () => {
    const ny = compileCalendar({ ...always, timezone: 'America/New_York' });
    const local = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone: 'America/New_York' }).toMillis();
    expect(businessSeconds(ny, local('2026-03-08 00:00'), local('2026-03-09 00:00'))).toBe(23 * H);
  });

  it('promised weekly hours: 37.5 h for the town hall (3.2.1)', () => {
    expect(weeklyOpeningSeconds(leBouscat)).toBe(135_000);
    expect(weeklyOpeningSeconds(always)).toBe(7 * 24 * H);
  });
});

describe('horizon: a clear error, never a loop', () => {
  it('refuses instants outside 2000–2100', () => {
    expect(() => deadline(LB, Date.parse('1999-12-31T12:00:00Z'), H)).toThrow(CalendarHorizonError);
    expect(() => nextBusinessDayEnd(LB, Date.parse('2101-01-01T00:00:00Z'))).toThrow(CalendarHorizonError);
    expect(() => isOpenAt(LB, Date.parse('2150-01-01T00:00:00Z'))).toThrow(CalendarHorizonError);
  });

  it('refuses a deadline beyond 2100 instead of searching for it', () => {
    const rare = compileCalendar({
      ...leBouscat,
      weekly: { ...leBouscat.weekly, mon: [['09:00', '09:01']], tue: [], wed: [], thu: [], fri: [] },
    });
    expect(() => deadline(rare, paris('2026-03-02 10:00'), 10_000 * 60)).toThrow(/after 2100-12-31/);
    expect(() => deadline(LB, paris('2100-12-20 10:00'), 100 * H)).toThrow(CalendarHorizonError);
  });
});

describe('pauses: the remaining business time is carried over', () => {
  const from = paris('2026-03-02 09:00');
  it('without pauses it is the plain deadline', () => {
    expect(deadlineWithPauses(LB, from, 4 * H, [])).toBe(deadline(LB, from, 4 * H));
  });

  it('a pause during opening hours pushes the deadline by the business time it covered', () => {
    const pauses = [{ startMs: paris('2026-03-02 10:00'), endMs: paris('2026-03-02 14:00') }];
    // 1 h before the pause; 3 h left from 14:00 → 17:00.
    expect(show(deadlineWithPauses(LB, from, 4 * H, pauses)!)).toBe('2026-03-02 17:00');
    expect(elapsedBusinessSeconds(LB, from, paris('2026-03-02 17:00'), pauses)).toBe(4 * H);
  });

  it('a pause in closed hours changes nothing', () => {
    const pauses = [{ startMs: paris('2026-03-02 18:00'), endMs: paris('2026-03-03 08:00') }];
    expect(deadlineWithPauses(LB, from, 8 * H, pauses)).toBe(deadline(LB, from, 8 * H));
  });

  it('an open pause before the deadline leaves it unknown; one after it does not matter', () => {
    expect(deadlineWithPauses(LB, from, 4 * H, [{ startMs: paris('2026-03-02 10:00'), endMs: null }])).toBeNull();
    expect(show(deadlineWithPauses(LB, from, H, [{ startMs: paris('2026-03-02 11:00'), endMs: null }])!)).toBe(
      '2026-03-02 10:00',
    );
    expect(
      elapsedBusinessSeconds(LB, from, paris('2026-03-02 16:00'), [
        { startMs: paris('2026-03-02 10:00'), endMs: null },
      ]),
    ).toBe(H);
  });

  it('overlapping and unsorted pauses count once; a pause before the start is ignored', () => {
    const pauses = [
      { startMs: paris('2026-03-02 11:00'), endMs: paris('2026-03-02 14:00') },
      { startMs: paris('2026-03-02 10:00'), endMs: paris('2026-03-02 11:30') },
      { startMs: paris('2026-03-01 10:00'), endMs: paris('2026-03-01 11:00') },
    ];
    expect(show(deadlineWithPauses(LB, from, 4 * H, pauses)!)).toBe('2026-03-02 17:00');
  });

  it('pausing then resuming with the remaining time gives the same deadline', () => {
    const due = deadline(LB, from, 8 * H);
    const pausedAt = paris('2026-03-02 11:00');
    const resumedAt = paris('2026-03-04 15:00');
    const remaining = remainingBusinessSeconds(LB, pausedAt, due);
    expect(deadline(LB, resumedAt, remaining)).toBe(
      deadlineWithPauses(LB, from, 8 * H, [{ startMs: pausedAt, endMs: resumedAt }]),
    );
  });
});
