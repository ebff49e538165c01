import { describe, expect, it } from 'vitest';
import { combineShares, displayValue, durationSeconds, proratedBaseline, targetShareOf, volumeChange } from './measure';

describe('combineShares — a period cut by an amendment', () => {
  it('3.3.1 — one version: 19 of 20 in time against 95 % → 0.95, met', () => {
    expect(combineShares([{ met: 19, volume: 20, targetShare: 0.95 }])).toEqual({
      value: 0.95,
      volume: 20,
      targetShare: 0.95,
      status: 'met',
    });
  });

  it('3.3.2 — 2017-Q4 at 80 % (3 of 4 met, target 0.8) then 2018-Q1 (5 of 6, target 0.85): 8/10 against the weighted 0.83 → at_risk', () => {
    const r = combineShares([
      { met: 3, volume: 4, targetShare: 0.8 },
      { met: 5, volume: 6, targetShare: 0.85 },
    ]);
    expect(r.value).toBeCloseTo(0.8, 10);
    expect(r.targetShare).toBeCloseTo(0.83, 10);
    expect(r.status).toBe('at_risk');
  });

  it('no ticket → value null, no_data, target of the last version', () => {
    expect(combineShares([{ met: 0, volume: 0, targetShare: 0.9 }])).toEqual({
      value: null,
      volume: 0,
      targetShare: 0.9,
      status: 'no_data',
    });
  });
});

describe('helpers', () => {
  it('reads rule targets and ISO durations', () => {
    expect(targetShareOf({ kind: 'acknowledgement', targetShare: 0.95 })).toBe(0.95);
    expect(targetShareOf({ kind: 'plan_exists' })).toBeNull();
    expect(durationSeconds('PT4H')).toBe(14400);
    expect(durationSeconds('PT40H')).toBe(144000);
    expect(durationSeconds('nonsense')).toBeNull();
  });

  it('prorates the yearly baseline volume to the period and compares', () => {
    expect(proratedBaseline(1200, 3)).toBe(300);
    expect(volumeChange(330, 300)).toBeCloseTo(0.1, 10);
    expect(volumeChange(330, null)).toBeNull();
  });

  it('formats values in French and English', () => {
    expect(displayValue(0.934, 'share', 'fr').replace(/\s/g, ' ')).toBe('93,4 %');
    expect(displayValue(0.934, 'share', 'en')).toBe('93.4 %');
    expect(displayValue(37.5, 'hours_per_week', 'fr')).toBe('37,5 h/semaine');
    expect(displayValue(null, 'share', 'en')).toBe('no data');
  });
});
