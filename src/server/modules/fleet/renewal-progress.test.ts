import { describe, expect, it } from 'vitest';
import { renewalProgress } from './renewal-progress';
import type { ServiceSpan, SharePiece } from './renewal-rate';

// A hand-made fleet of 12 devices in service at 00:00 on 1 January 2025 (one retired that very
// day still counts; one deployed on 1 January does not), and renewals on the days given.
const dev = (from: string | null, to: string | null = null, renewal = false): ServiceSpan => ({
  kind: 'desktop',
  inServiceFrom: from,
  retiredOn: to,
  renewal,
});
const fleet: ServiceSpan[] = [
  ...Array.from({ length: 11 }, (_, i) => dev(`2019-0${(i % 9) + 1}-10`)),
  dev('2018-05-02', '2025-01-01'),
  dev('2017-01-01', '2024-12-31'),
  dev('2025-01-01'),
];
const renewals = (...days: string[]) => days.map((d) => dev(d, null, true));
const sixth: SharePiece[] = [{ from: '2025-01-01', to: '2026-01-01', sharePerYear: 1 / 6 }];
// Amendment on 1 July 2025: 1/6 for 181 days, then 1/4 for 184 days.
const amended: SharePiece[] = [
  { from: '2025-01-01', to: '2025-07-01', sharePerYear: 1 / 6 },
  { from: '2025-07-01', to: '2026-01-01', sharePerYear: 0.25 },
];
const run = (extra: ServiceSpan[], pieces = sixth, until = '2026-01-01') =>
  renewalProgress({ devices: [...fleet, ...extra], year: 2025, until, pieces });
const month = (p: ReturnType<typeof run>, m: string) => p.months.find((x) => x.month === `2025-${m}`)!;

describe('3.1.1 month by month: renewals cumulated against the prorated yearly share', () => {
  it('counts the fleet at 00:00 on 1 January and asks 1/6 of it over the year, rounded up', () => {
    const p = run(renewals('2025-03-15', '2025-11-02'));
    expect(p).toMatchObject({ year: 2025, fleetAtStart: 12, yearRequired: 2, renewed: 2, measuredTo: '2026-01-01' });
    expect(p.yearShare).toBeCloseTo(1 / 6, 12);
    expect(p.months).toHaveLength(12);
  });

  it.each([
    // month, cumulative, required by its end (ceil of 12 × 1/6 × days since 1 January / 365), status
    ['01', 0, 1, 'behind'], // 31 days → 0.17 device: one is already due
    ['03', 1, 1, 'on_track'], // renewal of 15 March
    ['06', 1, 1, 'on_track'], // 181 days → 0.99
    ['07', 1, 2, 'behind'], // 212 days → 1.16
    ['10', 1, 2, 'behind'],
    ['11', 2, 2, 'on_track'], // renewal of 2 November
    ['12', 2, 2, 'on_track'], // the whole year: 2 of 2
  ] as const)('1/6 over 2025 — end of month %s: %i renewed, %i required → %s', (m, cumulative, required, status) => {
    const p = run(renewals('2025-03-15', '2025-11-02'));
    expect(month(p, m)).toMatchObject({ cumulative, required, status });
  });

  it('draws the target line unrounded: 12 × 1/6 × days/365 at the end of each month', () => {
    const p = run([]);
    expect(month(p, '01').targetCount).toBeCloseTo((12 * 31) / 365 / 6, 12);
    expect(month(p, '06').targetShare).toBeCloseTo(181 / 365 / 6, 12);
    expect(month(p, '12').targetCount).toBeCloseTo(2, 12);
  });

  it('a running year: months not begun are upcoming, the running month is judged on its days so far', () => {
    const p = run(renewals('2025-02-03', '2025-04-15', '2025-04-20'), sixth, '2025-04-16');
    expect(p.measuredTo).toBe('2025-04-16');
    expect(p.renewed).toBe(2); // 20 April is after the day measured
    expect(month(p, '04')).toMatchObject({ renewed: 1, cumulative: 2, required: 1, status: 'on_track' });
    expect(month(p, '05')).toMatchObject({ renewed: 0, cumulative: null, required: null, status: 'upcoming' });
    expect(month(p, '05').targetCount).toBeCloseTo((12 * 151) / 365 / 6, 12); // the line goes on
  });

  it('a year spanning an amendment (1/6 then 1/4 from 1 July) takes each version’s share for its days', () => {
    const p = run(renewals('2025-01-01', '2025-05-05', '2025-09-09'), amended);
    expect(p.yearShare).toBeCloseTo((181 / 6 + 184 / 4) / 365, 12);
    expect(p.yearRequired).toBe(3); // 12 × 0.2087 = 2.50 → 3
    expect(month(p, '06')).toMatchObject({ cumulative: 2, required: 1, status: 'on_track' });
    // End of September: 181/6 + 92/4 = 53.17 share-days → 12 × 53.17/365 = 1.75 → 2.
    expect(month(p, '09')).toMatchObject({ cumulative: 3, required: 2, status: 'on_track' });
    expect(month(p, '12')).toMatchObject({ cumulative: 3, required: 3, status: 'on_track' });
  });

  it('no version in force: no target, the renewals still counted; no fleet: no data', () => {
    const none = run(renewals('2025-03-01'), [{ from: '2025-01-01', to: '2026-01-01', sharePerYear: null }]);
    expect(none).toMatchObject({ yearShare: null, yearRequired: null, renewed: 1 });
    expect(month(none, '03')).toMatchObject({ cumulative: 1, required: null, targetCount: null, status: 'no_target' });
    const empty = renewalProgress({ devices: renewals('2025-03-01'), year: 2025, until: '2026-01-01', pieces: sixth });
    expect(empty).toMatchObject({ fleetAtStart: 0, yearRequired: 0 });
    expect(month(empty, '03').status).toBe('no_data');
  });

  it('a year not begun yet has only upcoming months; a past year is measured to its end', () => {
    expect(run([], sixth, '2024-06-01').months.every((m) => m.status === 'upcoming')).toBe(true);
    expect(run([], sixth, '2027-03-01').measuredTo).toBe('2026-01-01');
  });
});
