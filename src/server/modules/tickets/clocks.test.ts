import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileCalendar, businessSeconds } from '../calendars';
import {
  computeClocks,
  durationSeconds,
  remainingBusinessSeconds,
  clockRulesFrom,
  type ClockBasis,
  type ClockState,
} from './clocks';

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
const avenant1 = {
  acknowledgement: 'next-business-day-end' as const,
  resolutionSeconds: { P1: 4 * 3600, P2: 8 * 3600, P3: 24 * 3600, P4: 40 * 3600 },
  resolutionOrigin: 'operating' as const,
};
const basis: ClockBasis = {
  calendar: cal,
  rules: avenant1,
  calendarId: 'cal',
  calendarVersion: 3,
  annexVersionId: 'annex-2018',
  issue: null,
};
const state = (over: Partial<ClockState> = {}): ClockState => ({
  createdAt: '2026-03-06T15:50:00.000Z',
  priority: 'P3',
  acknowledgedAt: null,
  resolvedAt: null,
  pauses: [],
  ...over,
});
const at = (iso: string) => Date.parse(iso);

describe('ticket clocks (3.3.1, 3.3.2)', () => {
  it.each([
    ['3.3.1 — ticket on Friday 16:50 → Monday 17:00', '2026-03-06T15:50:00.000Z', '2026-03-09T16:00:00.000Z'],
    ['3.3.1 — ticket on Wednesday 10:00 → Thursday 17:00', '2026-03-04T09:00:00.000Z', '2026-03-05T16:00:00.000Z'],
    [
      '3.3.1 — ticket on Saturday → Monday 17:00 (next business day after the local date)',
      '2026-03-07T10:00:00.000Z',
      '2026-03-09T16:00:00.000Z',
    ],
    [
      '3.3.1 — ticket on Thursday before Easter Monday week-end → Tuesday 17:00',
      '2026-04-03T14:00:00.000Z',
      '2026-04-07T15:00:00.000Z',
    ],
    [
      '3.3.1 — ticket on Friday before the spring DST change → Monday 17:00 CEST',
      '2026-03-27T10:00:00.000Z',
      '2026-03-30T15:00:00.000Z',
    ],
  ])('%s', (_name, created, due) => {
    expect(computeClocks(basis, state({ createdAt: created }), at(created)).acknowledgeDueAt).toBe(due);
  });

  it.each([
    ['3.3.2 — P1 (4 h) from Friday 16:50 → Monday 13:20', 'P1', '2026-03-09T12:20:00.000Z'],
    ['3.3.2 — P2 (8 h) from Friday 16:50 → Tuesday 8:50', 'P2', '2026-03-10T07:50:00.000Z'],
    ['3.3.2 — P3 (24 h) from Friday 16:50 → Thursday 9:50', 'P3', '2026-03-12T08:50:00.000Z'],
  ] as const)('%s', (_name, priority, due) => {
    expect(computeClocks(basis, state({ priority }), at('2026-03-06T15:50:00.000Z')).resolveDueAt).toBe(due);
  });

  it('3.3.2 — a closed pause during opening hours pushes the deadline by the business time it covered', () => {
    const created = '2026-03-04T09:00:00.000Z'; // Wednesday 10:00
    const plain = computeClocks(basis, state({ createdAt: created, priority: 'P2' }), at(created));
    const paused = computeClocks(
      basis,
      state({
        createdAt: created,
        priority: 'P2',
        pauses: [{ startedAt: '2026-03-04T10:00:00.000Z', endedAt: '2026-03-04T14:00:00.000Z' }],
      }),
      at(created),
    );
    expect(paused.pausedBusinessSeconds).toBe(3 * 3600); // 11:00–15:00 minus lunch
    expect(businessSeconds(cal, at(plain.resolveDueAt!), at(paused.resolveDueAt!))).toBe(3 * 3600);
  });

  it('3.3.2 — a pause after the deadline does not move it (the breach stays a breach)', () => {
    const created = '2026-03-04T09:00:00.000Z';
    const plain = computeClocks(basis, state({ createdAt: created, priority: 'P1' }), at(created));
    const late = computeClocks(
      basis,
      state({
        createdAt: created,
        priority: 'P1',
        pauses: [{ startedAt: '2026-03-05T09:00:00.000Z', endedAt: '2026-03-05T12:00:00.000Z' }],
        resolvedAt: '2026-03-05T13:00:00.000Z',
      }),
      at('2026-03-05T13:00:00.000Z'),
    );
    expect(late.resolveDueAt).toBe(plain.resolveDueAt);
    expect(late.resolveBreached).toBe(1);
  });

  it('3.3.2 — a priority change keeps the pause time already accumulated (glpi#15605)', () => {
    const pauses = [{ startedAt: '2026-03-04T10:00:00.000Z', endedAt: '2026-03-04T14:00:00.000Z' }];
    const p3 = computeClocks(
      basis,
      state({ createdAt: '2026-03-04T09:00:00.000Z', priority: 'P3', pauses }),
      at('2026-03-04T15:00:00.000Z'),
    );
    const p2 = computeClocks(
      basis,
      state({ createdAt: '2026-03-04T09:00:00.000Z', priority: 'P2', pauses }),
      at('2026-03-04T15:00:00.000Z'),
    );
    expect(p2.pausedBusinessSeconds).toBe(p3.pausedBusinessSeconds);
    expect(p2.resolveDueAt).toBe('2026-03-05T13:30:00.000Z'); // 8 h + 3 h paused from Wed 10:00 → Thu 14:30
  });

  it('stores business durations with pauses deducted and breach flags against the deadlines', () => {
    const c = computeClocks(
      basis,
      state({
        createdAt: '2026-03-04T09:00:00.000Z',
        priority: 'P2',
        acknowledgedAt: '2026-03-04T09:30:00.000Z',
        resolvedAt: '2026-03-05T10:00:00.000Z',
        pauses: [{ startedAt: '2026-03-04T10:00:00.000Z', endedAt: '2026-03-04T14:00:00.000Z' }],
      }),
      at('2026-03-06T00:00:00.000Z'),
    );
    expect(c.ackBusinessSeconds).toBe(1800);
    expect(c.ackBreached).toBe(0);
    // Wed 10:00→Thu 11:00 = 6 h + 2.5 h = 8.5 h business, minus 3 h paused.
    expect(c.resolveBusinessSeconds).toBe(5.5 * 3600);
    expect(c.resolveBreached).toBe(0);
    expect(c.receivedOutsideHours).toBe(0);
  });

  it('marks an unacknowledged ticket past its deadline as breached, and a Saturday ticket as received outside hours', () => {
    const c = computeClocks(basis, state({ createdAt: '2026-03-07T10:00:00.000Z' }), at('2026-03-10T08:00:00.000Z'));
    expect(c.ackBreached).toBe(1);
    expect(c.receivedOutsideHours).toBe(1);
  });

  it('freezes the resolution clock of a paused ticket at the pause start', () => {
    const s = state({
      createdAt: '2026-03-04T09:00:00.000Z',
      priority: 'P1',
      pauses: [{ startedAt: '2026-03-04T10:00:00.000Z', endedAt: null }],
    });
    expect(computeClocks(basis, s, at('2026-03-10T10:00:00.000Z')).resolveBreached).toBe(0);
    const due = computeClocks(basis, s, at('2026-03-04T10:00:00.000Z')).resolveDueAt;
    expect(remainingBusinessSeconds(cal, due, at('2026-03-04T10:00:00.000Z'))).toBe(3 * 3600);
    expect(remainingBusinessSeconds(cal, due, at('2026-03-05T10:00:00.000Z'))).toBeLessThan(0);
  });

  it('says why deadlines are missing instead of failing', () => {
    expect(computeClocks({ ...basis, calendar: null, issue: 'no_calendar' }, state(), 0)).toMatchObject({
      acknowledgeDueAt: null,
      resolveDueAt: null,
      clockIssue: 'no_calendar',
    });
    expect(
      computeClocks(
        { ...basis, rules: null, annexVersionId: null, issue: 'no_contract' },
        state({ createdAt: '2026-03-06T16:00:00.000Z' }),
        at('2026-03-06T16:00:00Z'),
      ),
    ).toMatchObject({ acknowledgeDueAt: null, clockIssue: 'no_contract', receivedOutsideHours: 1 });
  });

  it('reads the rules from the annex indicators by kind, with ISO-8601 durations', () => {
    expect(durationSeconds('PT4H30M')).toBe(16_200);
    expect(durationSeconds('nonsense')).toBeNull();
    const signed = [
      { rule: null },
      { rule: { kind: 'acknowledgement', deadline: 'next-business-day-end' } },
      { rule: { kind: 'resolution_delay', byPriority: { P1: 'PT2H', P2: 'PT6H', P3: 'PT16H', P4: 'PT32H' } } },
    ];
    expect(clockRulesFrom(signed)).toEqual({
      acknowledgement: 'next-business-day-end',
      resolutionSeconds: { P1: 7200, P2: 21_600, P3: 57_600, P4: 115_200 },
      resolutionOrigin: 'contract',
    });
    expect(clockRulesFrom([{ rule: { kind: 'fleet_renewal_share', sharePerYear: 0.16 } }])).toBeNull();
  });

  it.each([
    ['signed delays win over operating targets', 'contract', { P1: 'PT2H' }, 'contract', 7200],
    ['agreed delays win over operating targets', 'agreed', { P1: 'PT2H' }, 'agreed', 7200],
    ['a target to be agreed leaves the operating targets', 'to_be_agreed', undefined, 'operating', 4 * 3600],
  ] as const)('%s', (_name, targetOrigin, byPriority, origin, p1) => {
    const operating = { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' };
    const rule = byPriority
      ? { kind: 'resolution_delay', byPriority: { ...operating, ...byPriority } }
      : { kind: 'resolution_delay' };
    expect(clockRulesFrom([{ rule, targetOrigin }], operating)).toMatchObject({
      resolutionOrigin: origin,
      resolutionSeconds: { P1: p1 },
    });
  });

  it('without any resolution target the deadline is left open, and says why', () => {
    expect(clockRulesFrom([{ rule: { kind: 'resolution_delay' }, targetOrigin: 'to_be_agreed' }], null)).toBeNull();
  });

  it('property: pauses never shorten the deadline, and resolution business time never exceeds the elapsed business time', () => {
    const base = at('2026-01-05T07:00:00.000Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 * 86_400 }),
        fc.constantFrom('P1', 'P2', 'P3', 'P4' as const),
        fc.integer({ min: 0, max: 5 * 86_400 }),
        fc.integer({ min: 0, max: 3 * 86_400 }),
        fc.integer({ min: 0, max: 10 * 86_400 }),
        (offset, priority, pauseStart, pauseLen, resolveAfter) => {
          const created = base + offset * 1000;
          const pause = {
            startedAt: new Date(created + pauseStart * 1000).toISOString(),
            endedAt: new Date(created + (pauseStart + pauseLen) * 1000).toISOString(),
          };
          const resolvedAt = new Date(created + (pauseStart + pauseLen + resolveAfter) * 1000).toISOString();
          const s = {
            createdAt: new Date(created).toISOString(),
            priority,
            acknowledgedAt: null,
            resolvedAt,
            pauses: [],
          };
          const without = computeClocks(basis, s, created);
          const withPause = computeClocks(basis, { ...s, pauses: [pause] }, created);
          expect(at(withPause.resolveDueAt!)).toBeGreaterThanOrEqual(at(without.resolveDueAt!));
          expect(withPause.resolveBusinessSeconds!).toBeLessThanOrEqual(without.resolveBusinessSeconds!);
          expect(withPause.resolveBusinessSeconds! + withPause.pausedBusinessSeconds).toBeGreaterThanOrEqual(
            without.resolveBusinessSeconds! - 1,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
