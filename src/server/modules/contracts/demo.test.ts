import { describe, expect, it } from 'vitest';
import { leBouscatAnnex2016, leBouscatAnnex2018 } from './demo-le-bouscat';
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
  it('3.3.1 and 3.3.2 rules differ between Le Bouscat and Villedemo', () => {
    const rule = (a: ReturnType<typeof villedemoAnnex>, code: string) =>
      a.commitments.flatMap((c) => c.indicators).find((i) => i.code === code)!.rule;
    expect(rule(leBouscatAnnex2018(), '3.3.1')).toMatchObject({ targetShare: 0.95 });
    expect(rule(villedemoAnnex(), '3.3.1')).toMatchObject({ targetShare: 0.9 });
    expect(rule(villedemoAnnex(), '3.3.2')).toMatchObject({
      byPriority: { P1: 'PT2H', P2: 'PT6H', P3: 'PT16H', P4: 'PT32H' },
    });
  });
});
