import { describe, expect, it } from 'vitest';
import { demoFleetRows } from './demo-fleet';
import { leBouscatFleet, villedemoFleet } from './demo-seed';
import { inServiceAt, measureRenewal } from './renewal-rate';

const today = '2026-12-02';
const spans = (rows: ReturnType<typeof demoFleetRows>) => rows.map((r) => ({ ...r, renewal: r.renewal === 1 }));
const status = (rows: ReturnType<typeof demoFleetRows>, year: number, share: number) =>
  measureRenewal({
    devices: spans(rows),
    from: `${year}-01-01`,
    to: `${year + 1}-01-01`,
    until: '2026-12-03',
    pieces: [{ from: `${year}-01-01`, to: `${year + 1}-01-01`, sharePerYear: share }],
  });

describe('demo fleets', () => {
  it('Le Bouscat: the annex baselines (212 in 2016, 238 in 2018), every kind, years met and missed', () => {
    const rows = demoFleetRows(leBouscatFleet, today);
    expect(rows.filter((r) => inServiceAt(r, '2016-01-01'))).toHaveLength(212);
    expect(rows.filter((r) => inServiceAt(r, '2018-01-01'))).toHaveLength(238);
    expect(new Set(rows.map((r) => r.kind)).size).toBe(10);
    const byYear = Object.fromEntries(
      [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025].map((y) => [y, status(rows, y, 0.1667).status]),
    );
    expect(Object.values(byYear)).toContain('met');
    expect(Object.values(byYear)).toContain('missed');
    expect(Object.values(byYear)).toContain('at_risk');
    expect(byYear).toEqual({
      2016: 'met',
      2017: 'at_risk',
      2018: 'met',
      2019: 'missed',
      2020: 'missed',
      2021: 'met',
      2022: 'met',
      2023: 'at_risk',
      2024: 'met',
      2025: 'at_risk',
    });
    expect(rows.some((r) => r.inServiceFrom !== null && r.inServiceFrom > today)).toBe(false);
  });
  it('is deterministic', () => {
    expect(demoFleetRows(villedemoFleet, today)).toEqual(demoFleetRows(villedemoFleet, today));
    const rows = demoFleetRows(villedemoFleet, today);
    expect(rows.filter((r) => inServiceAt(r, '2019-01-01'))).toHaveLength(180);
  });
});
