import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { TFunction } from 'i18next';
import type I18n from '../../web/src/i18n';
import type * as History from '../../web/src/features/tickets/history';
import { budgetUsed, urgencyOf } from '../../web/src/features/tickets/format';

// Issue 13: the history says what changed (from → to, names, French), and lists colour the
// remaining time by the share of the budget used and by priority.

let i18n: typeof I18n;
let describeHistory: typeof History.describeHistory;
let t: TFunction;

beforeAll(async () => {
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  ({ default: i18n } = await import('../../web/src/i18n'));
  ({ describeHistory } = await import('../../web/src/features/tickets/history'));
  await i18n.changeLanguage('fr');
  t = i18n.t.bind(i18n) as TFunction;
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('history lines', () => {
  const base = { actorId: 'u1', actorLabel: 'Antoine Accueil' };

  test('an assignment says which group and which person, from → to, a cleared one as "(aucun)"', () => {
    const line = describeHistory(t, {
      ...base,
      kind: 'assigned',
      data: { groupId: null, assigneeId: 'u2', from: { groupId: 'g1', assigneeId: null } },
      names: { g1: 'Poste de travail', u2: 'Thomas Technicien' },
    });
    expect(line.title).toBe('Affectation modifiée');
    expect(line.changes).toEqual(['Groupe : Poste de travail → (aucun)', 'Technicien : (aucun) → Thomas Technicien']);
    expect(line.actor).toBe('Antoine Accueil');
  });

  test('field changes name the field and its values in French (type, category, impact, priority)', () => {
    const line = describeHistory(
      t,
      {
        ...base,
        kind: 'field',
        data: {
          changes: {
            type: { from: 'incident', to: 'request' },
            categoryId: { from: null, to: 'c1' },
            impact: { from: 'medium', to: 'critical' },
            priority: { from: 'P3', to: 'P1' },
          },
        },
        names: {},
      },
      (id) => (id === 'c1' ? 'Impression' : undefined),
    );
    expect(line.changes).toEqual([
      'Type : Incident → Demande',
      'Catégorie : (aucun) → Impression',
      'Impact : Moyen → Critique',
      'Priorité : P3 → P1',
    ]);
  });

  test('automatic changes are signed by the application, not "system"; the survey shows its score', () => {
    const line = describeHistory(t, {
      actorId: null,
      actorLabel: 'system',
      kind: 'survey',
      data: { score: 4, comment: null },
      names: {},
    });
    expect(line.actor).toBe('Mutualis (automatique)');
    expect(line.changes).toEqual(['Note donnée : 4/5']);
  });
});

describe('urgency of a deadline', () => {
  test.each([
    // remaining, budget, priority → urgency
    [4 * 3600, 4 * 3600, 'P1', 'ok'],
    [2.9 * 3600, 4 * 3600, 'P1', 'warning'], // 27 % used: a P1 is already orange
    [2.9 * 3600, 4 * 3600, 'P3', 'ok'], // …a P3 is not
    [1.9 * 3600, 4 * 3600, 'P1', 'critical'],
    [0.3 * 3600, 4 * 3600, 'P3', 'critical'],
    [0.9 * 3600, 4 * 3600, 'P3', 'warning'],
    [-60, 4 * 3600, 'P4', 'overdue'],
    [null, 4 * 3600, 'P1', 'none'],
  ] as const)('%s s left of %s s, %s → %s', (remaining, budget, priority, expected) => {
    expect(urgencyOf(remaining, budget, priority)).toBe(expected);
  });

  test('the share used is 0 to 1, past 1 once overdue', () => {
    expect(budgetUsed(3600, 4 * 3600)).toBeCloseTo(0.75);
    expect(budgetUsed(-3600, 4 * 3600)).toBeCloseTo(1.25);
    expect(budgetUsed(null, 3600)).toBeNull();
  });
});

describe('permission labels', () => {
  test('every permission of src/shared/roles.ts has a label in French and English (no raw key shown)', async () => {
    const { permissions } = await import('../../src/shared/roles');
    for (const lng of ['fr', 'en']) {
      const fixed = i18n.getFixedT(lng);
      for (const p of permissions) expect(fixed(`permissions.${p}`), `${lng}: ${p}`).not.toBe(`permissions.${p}`);
    }
  });
});
