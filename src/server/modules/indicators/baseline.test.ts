import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Duration } from 'luxon';
import { delayBaseline, proposeDelayTarget, roundedUpHours, type BaselineGroup } from './baseline';

const g = (group: string, count: number, p90Hours: number | null): BaselineGroup => ({
  group,
  count,
  medianHours: p90Hours === null ? null : p90Hours / 2,
  p80Hours: p90Hours,
  p90Hours,
  p95Hours: p90Hours,
});

describe('proposeDelayTarget: the delay 90 % of the baseline met, rounded up to the hour', () => {
  it('proposes per criticality, never shorter for a lower one, at 90 %', () => {
    const r = proposeDelayTarget('resolution_delay', [
      g('P1', 4, 3.2),
      g('P2', 10, 9.01),
      g('P3', 50, 7.5),
      g('P4', 20, 30),
    ]);
    expect(r.gap).toBeNull();
    // P3's 7.5 h would be shorter than P2's 10 h: it is raised to P2's.
    expect(r.proposal).toEqual({
      kind: 'resolution_delay',
      byPriority: { P1: 'PT4H', P2: 'PT10H', P3: 'PT10H', P4: 'PT30H' },
      targetShare: 0.9,
    });
  });

  it('says which criticality has no case instead of inventing a delay', () => {
    const r = proposeDelayTarget('resolution_delay', [g('P1', 0, null), g('P2', 3, 5), g('P3', 3, 6), g('P4', 3, 7)]);
    expect(r.proposal).toBeNull();
    expect(r.gap).toBe('P1: no incident in the baseline period');
  });

  it('proposes one delay for intervention and restoration', () => {
    expect(proposeDelayTarget('intervention_delay', [g('*', 12, 1.4)]).proposal).toEqual({
      kind: 'intervention_delay',
      delay: 'PT2H',
      targetShare: 0.9,
    });
    expect(proposeDelayTarget('restoration_delay', [g('*', 0, null)])).toEqual({
      proposal: null,
      gap: 'no case in the baseline period',
    });
  });

  it('rounds up to whole hours, at least one', () => {
    expect(roundedUpHours(0.2)).toBe('PT1H');
    expect(roundedUpHours(4)).toBe('PT4H');
    expect(roundedUpHours(4.0000000001)).toBe('PT4H');
    expect(roundedUpHours(4.01)).toBe('PT5H');
  });

  it('always proposes delays at least the 90th percentile, ordered by criticality (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 500, noNaN: true }), { minLength: 4, maxLength: 4 }), (p90s) => {
        const groups = ['P1', 'P2', 'P3', 'P4'].map((p, i) => g(p, 5, p90s[i]!));
        const { proposal } = proposeDelayTarget('resolution_delay', groups);
        expect(proposal?.kind).toBe('resolution_delay');
        if (proposal?.kind !== 'resolution_delay') return;
        const hours = (['P1', 'P2', 'P3', 'P4'] as const).map((p) =>
          Duration.fromISO(proposal.byPriority[p]).as('hours'),
        );
        hours.forEach((h, i) => expect(h).toBeGreaterThanOrEqual(p90s[i]! - 1e-9));
        for (let i = 1; i < 4; i++) expect(hours[i]).toBeGreaterThanOrEqual(hours[i - 1]!);
      }),
    );
  });
});

describe('delayBaseline', () => {
  it('gives the volume per year the volume clause will compare with', () => {
    const b = delayBaseline('intervention_delay', {
      from: '2025-07-01',
      to: '2026-01-01',
      months: 6,
      volume: 7,
      groups: [g('*', 7, 2.5)],
    });
    expect(b.volumePerYear).toBe(14);
    expect(b.proposal).toEqual({ kind: 'intervention_delay', delay: 'PT3H', targetShare: 0.9 });
  });

  it('proposes 3.3.1 shares from the observed share, rounded down to five points', () => {
    const b = delayBaseline('acknowledgement', {
      from: '2025-01-01',
      to: '2026-01-01',
      months: 12,
      volume: 100,
      groups: [],
      share: 0.934,
    });
    expect(b.proposal).toEqual({ kind: 'acknowledgement', targetShare: 0.9 });
    const none = delayBaseline('acknowledgement', {
      from: '2025-01-01',
      to: '2026-01-01',
      months: 12,
      volume: 0,
      groups: [],
      share: null,
    });
    expect(none.proposal).toBeNull();
    expect(none.proposalGap).toBe('no ticket in the baseline period');
  });
});
