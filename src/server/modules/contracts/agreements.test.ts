import { describe, expect, it } from 'vitest';
import { agreementAt, agreementCuts, applyAgreements, type AgreementRef } from './agreements';
import type { IndicatorView } from './model';

const agreement = (over: Partial<AgreementRef>): AgreementRef => ({
  id: 'a1',
  indicatorCode: '3.3.2',
  target: {
    kind: 'resolution_delay',
    byPriority: { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' },
    targetShare: 0.9,
  },
  agreedAt: '2026-03-10T10:00:00.000Z',
  effectiveFrom: '2026-04-01',
  decisionRef: 'Comité de pilotage du 10 mars 2026',
  approvals: [],
  baselineFrom: '2025-01-01',
  baselineTo: '2026-01-01',
  baselineVolumePerYear: 120,
  ...over,
});

const indicator = (over: Partial<IndicatorView>): IndicatorView =>
  ({
    code: '3.3.2',
    title: 'Délai de résolution des incidents par criticité',
    periodicity: 'Trimestrielle',
    target: '',
    explanation: '',
    targetOrigin: 'to_be_agreed',
    reporting: null,
    rule: { kind: 'resolution_delay' },
    ...over,
  }) as IndicatorView;

describe('agreements: a target agreed after signing completes the rule from its effective date', () => {
  it('applies only from the effective date, and only to the indicator and kind agreed', () => {
    const as = [agreement({})];
    expect(agreementAt(as, '3.3.2', 'resolution_delay', '2026-03-31')).toBeNull();
    expect(agreementAt(as, '3.3.2', 'resolution_delay', '2026-04-01')?.id).toBe('a1');
    expect(agreementAt(as, '3.3.1', 'resolution_delay', '2026-05-01')).toBeNull();
    expect(agreementAt(as, '3.3.2', 'acknowledgement', '2026-05-01')).toBeNull();
  });

  it('takes the latest agreement in force when a target is agreed again', () => {
    const as = [
      agreement({}),
      agreement({
        id: 'a2',
        effectiveFrom: '2027-01-01',
        target: {
          kind: 'resolution_delay',
          byPriority: { P1: 'PT3H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' },
          targetShare: 0.95,
        },
      }),
    ];
    expect(agreementAt(as, '3.3.2', 'resolution_delay', '2026-12-31')?.id).toBe('a1');
    expect(agreementAt(as, '3.3.2', 'resolution_delay', '2027-01-01')?.id).toBe('a2');
    expect(agreementCuts(as, '2026-01-01', '2028-01-01')).toEqual(['2026-04-01', '2027-01-01']);
    expect(agreementCuts(as, '2026-04-01', '2026-07-01')).toEqual([]);
  });

  it('marks the indicator agreed with the values in its rule; others keep their origin', () => {
    const [agreed, signed] = applyAgreements(
      [
        indicator({}),
        indicator({
          code: '3.3.1',
          targetOrigin: 'contract',
          rule: { kind: 'acknowledgement', deadline: 'next-business-day-end' },
        }),
      ],
      [agreement({})],
      '2026-06-01',
    );
    expect(agreed).toMatchObject({
      targetOrigin: 'agreed',
      rule: { kind: 'resolution_delay', byPriority: { P1: 'PT4H' }, targetShare: 0.9 },
      agreement: { id: 'a1', decisionRef: 'Comité de pilotage du 10 mars 2026' },
    });
    expect(signed).toMatchObject({ targetOrigin: 'contract', agreement: null });
    const before = applyAgreements([indicator({})], [agreement({})], '2026-01-15');
    expect(before[0]).toMatchObject({
      targetOrigin: 'to_be_agreed',
      rule: { kind: 'resolution_delay' },
      agreement: null,
    });
  });
});
