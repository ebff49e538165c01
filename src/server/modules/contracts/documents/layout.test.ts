import { describe, expect, it } from 'vitest';
import { agreedTargetBlocks, agreedTargetText } from './layout';
import type { AgreementRef } from '../agreements';

describe('agreed targets in the consolidated contract document', () => {
  it.each([
    [
      { kind: 'resolution_delay', byPriority: { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' }, targetShare: 0.9 },
      'P1 4 h · P2 8 h · P3 24 h · P4 40 h (heures ouvrées) — 90 % des cas',
    ],
    [{ kind: 'intervention_delay', delay: 'PT1H30M', targetShare: 0.875 }, '90 min ouvrées — 87,5 % des cas'],
    [
      { kind: 'acknowledgement', targetShare: 0.95 },
      'Prise en compte au plus tard le jour ouvré suivant — 95 % des cas',
    ],
  ] as const)('%j → %s', (target, text) => {
    expect(agreedTargetText(target)).toBe(text);
  });

  it('prints nothing without agreement, and each agreement marked with its decision and approvals', () => {
    expect(agreedTargetBlocks([])).toEqual([]);
    const a: AgreementRef = {
      id: 'x',
      indicatorCode: '4.1.1',
      target: { kind: 'intervention_delay', delay: 'PT2H', targetShare: 0.9 },
      agreedAt: '2026-03-10T10:00:00.000Z',
      effectiveFrom: '2026-04-01',
      decisionRef: 'Comité de pilotage du 10 mars 2026',
      approvals: [
        {
          side: 'provider',
          userId: 'u1',
          name: 'Claire Martin',
          roles: [],
          comment: '',
          approvedAt: '2026-03-09T10:00:00.000Z',
        },
        {
          side: 'commune',
          userId: 'u2',
          name: 'Paul Durand',
          roles: [],
          comment: '',
          approvedAt: '2026-03-10T10:00:00.000Z',
        },
      ],
      baselineFrom: '2025-01-01',
      baselineTo: '2026-01-01',
      baselineVolumePerYear: 12,
    };
    const blocks = agreedTargetBlocks([a]);
    expect(blocks.find((b) => b.kind === 'heading')).toMatchObject({ text: 'Objectifs convenus après signature' });
    const table = blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.rows[0]).toEqual([
      '4.1.1',
      '2 h ouvrées — 90 % des cas',
      '1er avril 2026',
      'Comité de pilotage du 10 mars 2026',
      'Service commun : Claire Martin, le 9 mars 2026\nCommune : Paul Durand, le 10 mars 2026',
    ]);
  });
});
