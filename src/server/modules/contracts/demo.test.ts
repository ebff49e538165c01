import { describe, expect, it } from 'vitest';
import {
  AVENANT_1_SIGNED,
  avenant1,
  leBouscatAnnex2016,
  leBouscatAnnex2018,
  leBouscatContract,
} from './demo-le-bouscat';
import { villedemoAnnex } from './demo-villedemo';
import { referralLevels } from './model';

const codes = [
  '1.1.1',
  '1.2.1',
  '2.1.1',
  '2.1.2',
  '2.2.1',
  '3.1.1',
  '3.2.1',
  '3.3.1',
  '3.3.2',
  '4.1.1',
  '4.1.2',
  '4.2.1',
  '4.2.2',
];

describe.each([
  ['Le Bouscat 2016', leBouscatAnnex2016, 6],
  ['Le Bouscat 2018 (Avenant n°1)', leBouscatAnnex2018, 5],
  ['Villedemo 2019', villedemoAnnex, 4],
])('demo annex %s', (_name, make, priorities) => {
  const a = make();
  it('has the reference structure: 4 sub-domains, 9 commitments, 13 indicators, 3 governance bodies, 2 roles', () => {
    expect(a.subdomains.map((s) => s.code)).toEqual(['A', 'B', 'C', 'D']);
    expect(a.commitments.map((c) => c.code)).toEqual(['1.1', '1.2', '2.1', '2.2', '3.1', '3.2', '3.3', '4.1', '4.2']);
    expect(a.commitments.flatMap((c) => c.indicators.map((i) => i.code))).toEqual(codes);
    expect(a.governance.bodies.map((g) => g.name)).toEqual([
      'Comité numérique stratégique communal',
      "Comité de suivi du contrat d'engagement",
      "Point d'avancement opérationnel",
    ]);
    expect(a.roles).toHaveLength(2);
    expect(a.priorities).toHaveLength(priorities);
  });
  it('has the full 3 × 4 escalation matrix', () => {
    expect(a.escalationMatrix).toHaveLength(12);
    for (const level of referralLevels)
      for (const s of ['A', 'B', 'C', 'D'])
        expect(a.escalationMatrix.some((m) => m.level === level && m.subdomain === s)).toBe(true);
  });
  it('carries a rule on every computable indicator and none on the manual ones', () => {
    const withRule = a.commitments
      .flatMap((c) => c.indicators)
      .filter((i) => i.rule)
      .map((i) => i.code);
    expect(withRule).toEqual([
      '1.1.1',
      '2.1.1',
      '2.1.2',
      '2.2.1',
      '3.1.1',
      '3.2.1',
      '3.3.1',
      '3.3.2',
      '4.1.1',
      '4.1.2',
      '4.2.1',
      '4.2.2',
    ]);
  });
});

describe('demo annexes as typed from the reference', () => {
  it('sub-domain B keeps the groupings Etudes et conseil / Conduite des projets / Maintenance applicative', () => {
    const b = leBouscatAnnex2018().subdomains[1]!;
    expect(b.groups.map((g) => g.heading)).toEqual([
      'Etudes et conseil',
      'Conduite des projets',
      'Maintenance applicative',
    ]);
    expect(b.groups[1]!.activities).toHaveLength(8);
  });
  it('Le Bouscat holds no target the reference does not state', () => {
    for (const a of [leBouscatAnnex2016(), leBouscatAnnex2018()]) {
      const ind = new Map(a.commitments.flatMap((c) => c.indicators).map((i) => [i.code, i]));
      // The reference has no target column: no indicator carries a target text.
      expect([...ind.values()].filter((i) => i.target !== '').map((i) => i.code)).toEqual([]);
      // "Lendemain au maximum (sauf cas de force majeure)": each ticket, no share.
      expect(ind.get('3.3.1')).toMatchObject({
        targetOrigin: 'contract',
        rule: { kind: 'acknowledgement', deadline: 'next-business-day-end' },
      });
      expect(ind.get('3.3.1')!.rule).not.toHaveProperty('targetShare');
      // "A calculer sur la base de l'existant, un objectif sera défini conjointement pendant l'année 2016".
      for (const code of ['3.3.2', '4.1.1', '4.1.2']) {
        const i = ind.get(code)!;
        expect(i.targetOrigin, code).toBe('to_be_agreed');
        expect(i.baseline).toMatch(/^A calculer sur la base de l'existant/);
        expect(Object.keys(i.rule!).sort(), code).toEqual(code === '3.3.2' ? ['kind'] : ['kind', 'scope']);
      }
      // Volumes only where the reference prints one.
      expect([...ind.values()].filter((i) => i.baselineVolume !== null).map((i) => [i.code, i.baselineVolume])).toEqual(
        [
          ['2.1.1', 200],
          ['2.1.2', 3],
        ],
      );
      expect(ind.get('3.1.1')!.rule).toEqual({ kind: 'fleet_renewal_share', sharePerYear: 1 / 6 });
      expect(a.oncall).toMatchObject({ minAgents: 2 });
    }
  });

  it('marks what is reconstructed: the contract articles and the 2016 annex, not the printed annex', () => {
    expect(leBouscatContract().articles.every((a) => a.reconstructed)).toBe(true);
    expect(leBouscatContract().reconstructionNote).toMatch(/reconstitu/);
    expect(leBouscatAnnex2016().reconstructionNote).toMatch(/reconstitu/);
    expect(leBouscatAnnex2018().reconstructionNote).toBe('');
    expect(AVENANT_1_SIGNED).toBeNull();
    expect(avenant1().articles.some((a) => a.reconstructed)).toBe(false);
  });

  it('Villedemo (fictional) signed its own targets', () => {
    const rule = (code: string) =>
      villedemoAnnex()
        .commitments.flatMap((c) => c.indicators)
        .find((i) => i.code === code)!;
    expect(rule('3.3.1').rule).toMatchObject({ targetShare: 0.9 });
    expect(rule('3.3.2')).toMatchObject({
      targetOrigin: 'contract',
      rule: { byPriority: { P1: 'PT2H', P2: 'PT6H', P3: 'PT16H', P4: 'PT32H' } },
    });
    expect(villedemoAnnex().reconstructionNote).toMatch(/fictive/);
  });
});
