import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allowedTargets, endsPause, startsPause, statuses, transitionEffects } from './lifecycle';
import {
  defaultMatrix,
  formatReference,
  levels,
  matrixCells,
  matrixFromCells,
  priorityOf,
  referencePrefix,
} from './priority';

describe('ticket lifecycle', () => {
  it.each([
    ['new', ['acknowledged', 'in_progress', 'pending', 'resolved']],
    ['acknowledged', ['in_progress', 'pending', 'resolved']],
    ['pending', ['in_progress', 'resolved']],
    ['resolved', ['closed', 'reopened']],
    ['closed', []],
  ] as const)('staff may move a %s ticket to %j', (from, to) => {
    expect(allowedTargets(from, { staff: true, requester: false })).toEqual(to);
  });

  it('lets the requester only close or reopen a resolved ticket', () => {
    for (const s of statuses)
      expect(allowedTargets(s, { staff: false, requester: true })).toEqual(
        s === 'resolved' ? ['closed', 'reopened'] : [],
      );
  });

  it('refuses pending → closed (the acceptance case) and any move out of closed', () => {
    expect(allowedTargets('pending', { staff: true, requester: true })).not.toContain('closed');
    expect(allowedTargets('closed', { staff: true, requester: true })).toEqual([]);
  });

  it('sets the lifecycle timestamps: acknowledgement on the first move, resolution, reopening clears it', () => {
    const base = { acknowledgedAt: null, resolvedAt: null, closedAt: null, reopenCount: 0 };
    expect(transitionEffects(base, 'in_progress', 'T1')).toEqual({ acknowledgedAt: 'T1' });
    expect(transitionEffects({ ...base, acknowledgedAt: 'T0' }, 'resolved', 'T2')).toEqual({ resolvedAt: 'T2' });
    expect(transitionEffects({ ...base, acknowledgedAt: 'T0', resolvedAt: 'T2' }, 'reopened', 'T3')).toEqual({
      resolvedAt: null,
      closedAt: null,
      reopenCount: 1,
    });
    expect(transitionEffects({ ...base, acknowledgedAt: 'T0', resolvedAt: 'T2' }, 'closed', 'T4')).toEqual({
      closedAt: 'T4',
    });
  });

  it('property: a pause starts exactly when entering pending and ends exactly when leaving it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.constantFrom(...statuses), (a, b) => {
        expect(startsPause(a, b)).toBe(a !== 'pending' && b === 'pending');
        expect(endsPause(a, b)).toBe(a === 'pending' && b !== 'pending');
      }),
    );
  });
});

describe('priority matrix and references', () => {
  it('maps impact × urgency to P1–P4, monotonically (more impact or urgency never lowers the priority)', () => {
    expect(priorityOf(defaultMatrix, 'medium', 'high')).toBe('P2');
    expect(priorityOf(defaultMatrix, 'critical', 'critical')).toBe('P1');
    expect(priorityOf(defaultMatrix, 'low', 'low')).toBe('P4');
    const rank = (i: number, u: number) => Number(priorityOf(defaultMatrix, levels[i]!, levels[u]!).slice(1));
    for (let i = 0; i < 4; i++)
      for (let u = 0; u < 4; u++) {
        if (i < 3) expect(rank(i + 1, u)).toBeLessThanOrEqual(rank(i, u));
        if (u < 3) expect(rank(i, u + 1)).toBeLessThanOrEqual(rank(i, u));
      }
  });

  it('round-trips the matrix through its cell list and refuses an incomplete one', () => {
    expect(matrixFromCells(matrixCells(defaultMatrix))).toEqual(defaultMatrix);
    expect(matrixFromCells(matrixCells(defaultMatrix).slice(1))).toBeNull();
  });

  it.each([
    ['le-bouscat', 'BOU'],
    ['villedemo', 'VIL'],
    ['saint-medard-en-jalles', 'JAL'],
    ['a', 'AXX'],
  ])('reference prefix of %s is %s', (slug, prefix) => {
    expect(referencePrefix(slug)).toBe(prefix);
  });

  it('formats references as PREFIX-YEAR-000123', () => {
    expect(formatReference('BOU', 2026, 123)).toBe('BOU-2026-000123');
  });
});
