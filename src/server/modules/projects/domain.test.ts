import { describe, expect, it } from 'vitest';
import {
  assessPlan,
  deliveryOf,
  isLate,
  isMonday,
  monthsFromTo,
  shareStatus,
  weekDates,
  workloadStatus,
  type PlanVersionFact,
  type ScheduledProject,
} from './domain';

const v = (version: number, startYear: number, endYear: number, approvedOn: string, planId = 'p'): PlanVersionFact => ({
  planId,
  planTitle: planId,
  versionId: `${planId}${version}`,
  version,
  startYear,
  endYear,
  approvedOn,
});

// The reference: a 2014–2019 plan revised each December, then a rolling plan from December 2019.
const bouscat = [
  v(1, 2014, 2019, '2014-03-20', 'a'),
  v(2, 2014, 2019, '2014-12-15', 'a'),
  v(3, 2014, 2019, '2015-12-14', 'a'),
  v(4, 2014, 2019, '2016-12-12', 'a'),
  v(5, 2014, 2019, '2017-12-11', 'a'),
  v(6, 2014, 2019, '2018-12-10', 'a'),
  v(1, 2020, 2022, '2019-12-16', 'b'),
  v(2, 2021, 2023, '2020-12-14', 'b'),
];
const rule = { horizonYears: 3, updateEveryMonths: 12 };

describe('1.1.1: plan exists, covers the horizon, revised in time', () => {
  it.each([
    ['before any plan', '2013-12-31', 'missed', 0, null],
    ['first year, 6 years ahead', '2014-12-31', 'met', 6, 0],
    ['2017: 2017–2019 still ahead', '2017-12-31', 'met', 3, 0],
    ['2018: only 2018–2019 ahead', '2018-12-31', 'at_risk', 2, 0],
    ['2019: the new plan covers 2020–2022', '2019-12-31', 'met', 3, 0],
    ['2021: revision of Dec. 2020 (2021–2023), 12 months old', '2021-12-14', 'met', 3, 12],
    ['2021 end: the revision is more than 12 months old', '2021-12-31', 'missed', 3, 12],
    ['2024: expired plan', '2024-12-31', 'missed', 0, 48],
  ] as const)('%s', (_name, asOf, status, covered, months) => {
    const a = assessPlan(bouscat, asOf, rule);
    expect(a.status).toBe(status);
    expect(a.coveredYears).toBe(covered);
    expect(a.monthsSinceRevision).toBe(months);
  });
  it('takes the latest approval on or before the day, whatever the plan', () => {
    expect(assessPlan(bouscat, '2019-12-15', rule).inForce?.planId).toBe('a');
    expect(assessPlan(bouscat, '2019-12-16', rule).inForce?.planId).toBe('b');
  });
});

describe('2.1.1: actual against planned person-days', () => {
  it.each([
    [100, 95, 0.1, 'met'],
    [100, 110, 0.1, 'met'],
    [100, 85, 0.1, 'at_risk'],
    [100, 79, 0.1, 'missed'],
    [100, 95, undefined, 'info'],
    [0, 0, 0.1, 'no_data'],
    [0, 5, 0.1, 'missed'],
    [0, 5, undefined, 'info'],
  ] as const)('planned %d, actual %d, tolerance %s → %s', (planned, actual, tolerance, status) => {
    expect(workloadStatus(planned, actual, tolerance)).toBe(status);
  });
});

describe('2.1.2: delivered in the year among the scheduled', () => {
  const sp = (title: string, over: Partial<ScheduledProject>): ScheduledProject => ({
    projectId: title,
    title,
    priority: 2,
    status: 'in_progress',
    goLiveOn: null,
    plannedYear: 2025,
    ...over,
  });
  it('counts go-lives in the year up to the day measured, and says what became of the others', () => {
    const d = deliveryOf(
      [
        sp('a', { status: 'delivered', goLiveOn: '2025-03-01' }),
        sp('b', { status: 'delivered', goLiveOn: '2025-12-31' }),
        sp('c', { status: 'delivered', goLiveOn: '2026-01-15' }),
        sp('d', { plannedYear: 2026 }),
        sp('e', { status: 'dropped' }),
        sp('f', {}),
      ],
      2025,
      '2025-12-31',
    );
    expect(d).toMatchObject({ delivered: 2, scheduled: 6, share: 2 / 6 });
    expect(d.lines.map((l) => l.outcome)).toEqual([
      'delivered',
      'delivered',
      'delivered_late',
      'moved',
      'dropped',
      'not_delivered',
    ]);
    expect(deliveryOf([sp('b', { goLiveOn: '2025-12-31' })], 2025, '2025-06-30').delivered).toBe(0);
    expect(deliveryOf([], 2025, '2025-12-31').share).toBeNull();
  });
  it.each([
    [1, 1, 'met'],
    [0.96, 1, 'at_risk'],
    [0.9, 1, 'missed'],
    [0.5, undefined, 'info'],
    [null, 1, 'no_data'],
  ] as const)('share %s against %s → %s', (share, target, status) => {
    expect(shareStatus(share, target)).toBe(status);
  });
});

describe('dates', () => {
  it('knows Mondays, weeks across months, month ranges', () => {
    expect(isMonday('2025-03-31')).toBe(true);
    expect(isMonday('2025-04-01')).toBe(false);
    expect(isMonday('2025-02-30')).toBe(false);
    expect(weekDates('2025-03-31')).toEqual([
      '2025-03-31',
      '2025-04-01',
      '2025-04-02',
      '2025-04-03',
      '2025-04-04',
      '2025-04-05',
      '2025-04-06',
    ]);
    expect(monthsFromTo('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsFromTo('2025-02', '2025-01')).toEqual([]);
  });
  it('calls a project late once its planned go-live passed, unless delivered or dropped', () => {
    const p = { status: 'in_progress', plannedGoLive: '2025-06-30', goLiveOn: null };
    expect(isLate(p, '2025-07-01')).toBe(true);
    expect(isLate(p, '2025-06-30')).toBe(false);
    expect(isLate({ ...p, status: 'dropped' }, '2026-01-01')).toBe(false);
    expect(isLate({ ...p, status: 'delivered', goLiveOn: '2025-08-01' }, '2026-01-01')).toBe(false);
  });
});
