import { describe, expect, it } from 'vitest';
import { authorize, can, inScope, userActor } from './actor';
import { rolePermissions, roles, type Role } from '../../shared/roles';

const base = {
  id: 'u1',
  email: 'x@y.test',
  name: 'X',
  entityId: null,
  locale: 'fr',
  assignedCommuneIds: [] as string[],
};

describe('access rules', () => {
  it.each<[string, Role[], string | null, string[], 'all' | string[]]>([
    ['a commune user sees their commune only', ['requester'], 'c1', [], ['c1']],
    ['a commune referent sees their commune only', ['contract_referent'], 'c1', ['c2'], ['c1']],
    ['a technician sees the communes assigned to them', ['technician'], null, ['c1', 'c2'], ['c1', 'c2']],
    ['an unassigned call-centre agent sees no commune', ['call_centre_agent'], null, [], []],
    ['the director sees every commune', ['director'], null, [], 'all'],
    ['the administrator sees every commune', ['administrator'], null, ['c1'], 'all'],
  ])('%s', (_name, r, communeId, assigned, expected) => {
    const a = userActor({ ...base, roles: r, communeId, assignedCommuneIds: assigned });
    expect(a.communes).toEqual(expected);
  });

  it('keeps commune users in their commune even with a see-all role name smuggled in', () => {
    const a = userActor({ ...base, roles: ['director'], communeId: 'c1', assignedCommuneIds: [] });
    expect(a.communes).toEqual(['c1']);
    expect(inScope(a, 'c2')).toBe(false);
  });

  it('grants commune users no provider permission', () => {
    for (const r of [
      'requester',
      'contract_referent',
      'general_director',
      'application_owner',
      'project_owner',
    ] as Role[]) {
      const perms = rolePermissions[r];
      for (const p of [
        'tickets.work',
        'tickets.internal_notes',
        'users.manage',
        'communes.manage',
        'contracts.draft',
        'contracts.sign',
        'audit.read',
        'indicators.overview',
      ] as const) {
        expect(perms.includes(p), `${r} must not hold ${p}`).toBe(false);
      }
    }
  });

  it('reserves signing to the director and the administrator', () => {
    const signers = roles.filter((r) => rolePermissions[r].includes('contracts.sign'));
    expect(signers.sort()).toEqual(['administrator', 'director']);
  });

  it('authorize throws a 403 AppError without the permission', () => {
    const a = userActor({ ...base, roles: ['requester'], communeId: 'c1', assignedCommuneIds: [] });
    expect(can(a, 'tickets.create')).toBe(true);
    expect(() => authorize(a, 'users.manage')).toThrowError(
      expect.objectContaining({ status: 403, code: 'forbidden' }),
    );
  });
});
