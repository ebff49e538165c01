import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareAnnexes } from './diff';
import { leBouscatAnnex2016, leBouscatAnnex2018, struckPriority } from './demo-le-bouscat';
import { villedemoAnnex } from './demo-villedemo';
import { annexContentSchema, type AnnexContent } from './model';

const clone = (a: AnnexContent): AnnexContent => structuredClone(a);

describe('compareAnnexes', () => {
  it('Avenant n°1 (Le Bouscat): the struck 6th priority removed, footnote (2) on sub-domain D added — nothing else (no invented figure)', () => {
    const changes = compareAnnexes(leBouscatAnnex2016(), leBouscatAnnex2018());
    expect(changes).toEqual([
      { op: 'changed', section: 'subdomains', key: 'D', field: 'footnoteRefs', before: [], after: ['2'] },
      expect.objectContaining({ op: 'added', section: 'footnotes', key: '2' }),
      { op: 'removed', section: 'priorities', key: struckPriority, before: struckPriority },
    ]);
    expect(struckPriority).toMatch(/vidéosurveillance/);
  });

  it('a version compared with itself has no change', () => {
    expect(compareAnnexes(leBouscatAnnex2018(), leBouscatAnnex2018())).toEqual([]);
  });

  it('reports each changed field of an indicator, a matrix cell, a governance body and an activity', () => {
    const a = leBouscatAnnex2018();
    const b = clone(a);
    const i332 = b.commitments.find((c) => c.code === '3.3')!.indicators[1]!;
    i332.target = 'P1 2 h';
    i332.rule = {
      kind: 'resolution_delay',
      byPriority: { P1: 'PT2H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' },
      targetShare: 0.9,
    };
    b.escalationMatrix.find((m) => m.level === 'urgent' && m.subdomain === 'C')!.provider = 'Astreinte';
    b.governance.bodies[1]!.frequency = 'mensuel';
    b.subdomains[1]!.groups[2]!.activities.push({ text: 'Maintenance préventive', children: [] });
    b.roles = b.roles.slice(1);
    const ch = compareAnnexes(a, b);
    expect(ch.map((c) => [c.op, c.section, c.key, c.field ?? null])).toEqual([
      ['added', 'activities', 'B › Maintenance applicative › Maintenance préventive', null],
      ['changed', 'indicators', '3.3.2', 'target'],
      ['changed', 'indicators', '3.3.2', 'rule'],
      ['changed', 'governance', "Comité de suivi du contrat d'engagement", 'frequency'],
      ['removed', 'roles', 'provider/Responsable pour le service commun Métropole', null],
      ['changed', 'escalationMatrix', 'urgent/C', 'provider'],
    ]);
  });

  it("two different communes' annexes differ in their targets and rules", () => {
    const ch = compareAnnexes(leBouscatAnnex2018(), villedemoAnnex());
    expect(ch.some((c) => c.section === 'indicators' && c.key === '3.3.2' && c.field === 'rule')).toBe(true);
    expect(ch.filter((c) => c.section === 'priorities').length).toBeGreaterThan(0);
  });

  it('property: applying a random subset of priority edits is reported as exactly those additions and removals', () => {
    const base = leBouscatAnnex2018();
    fc.assert(
      fc.property(
        fc.subarray(base.priorities),
        fc.uniqueArray(
          fc.string({ minLength: 1, maxLength: 20 }).map((s) => `new ${s}`),
          { maxLength: 4 },
        ),
        (removed, added) => {
          const b = clone(base);
          b.priorities = [...b.priorities.filter((p) => !removed.includes(p)), ...added];
          annexContentSchema.parse(b);
          const ch = compareAnnexes(base, b);
          expect(
            ch
              .filter((c) => c.op === 'removed')
              .map((c) => c.key)
              .sort(),
          ).toEqual([...removed].sort());
          expect(
            ch
              .filter((c) => c.op === 'added')
              .map((c) => c.key)
              .sort(),
          ).toEqual([...added].sort());
          expect(ch.every((c) => c.section === 'priorities')).toBe(true);
        },
      ),
    );
  });
});
