import { describe, expect, test } from 'vitest';
import { activeEntry, navEntries, visibleNav, type NavEntry } from '../../web/src/nav';
import { safeRedirect } from '../../web/src/routes/redirect';
import { rolePermissions } from '../../src/shared/roles';

const labels = (entries: NavEntry[]) => entries.map((e) => e.labelKey);

describe('navigation registry', () => {
  test('a requester sees home and communes, and no administration', () => {
    const nav = visibleNav(rolePermissions.requester);
    expect(labels(nav.main)).toEqual(expect.arrayContaining(['nav.home', 'nav.communes']));
    expect(nav.admin).toEqual([]);
  });

  test('the administrator sees every administration entry, in order', () => {
    const nav = visibleNav(rolePermissions.administrator);
    expect(labels(nav.admin)).toEqual([
      'nav.adminCommunes',
      'nav.adminUsers',
      'nav.adminAssignments',
      'nav.adminTokens',
      'nav.adminAudit',
      'targets:operating.nav',
    ]);
  });

  test('the director reads the audit trail and sets the operating targets but manages neither users nor tokens', () => {
    const nav = visibleNav(rolePermissions.director);
    expect(labels(nav.admin)).toEqual(['nav.adminAudit', 'targets:operating.nav']);
  });

  test('an entry listing several permissions shows with any one of them', () => {
    const entries: NavEntry[] = [
      { path: '/x', labelKey: 'x', permission: ['tokens.manage', 'audit.read'], section: 'main', order: 1 },
    ];
    expect(visibleNav(['audit.read'], entries).main).toHaveLength(1);
    expect(visibleNav(['communes.read'], entries).main).toHaveLength(0);
  });

  test('entries sort by order, ties keep the registry order', () => {
    const entries: NavEntry[] = [
      { path: '/b', labelKey: 'b', section: 'main', order: 20 },
      { path: '/a', labelKey: 'a', section: 'main', order: 10 },
      { path: '/c', labelKey: 'c', section: 'main', order: 20 },
    ];
    expect(labels(visibleNav([], entries).main)).toEqual(['a', 'b', 'c']);
  });

  test('every path of the registry is unique', () => {
    const paths = navEntries.map((e) => e.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  test.each([
    ['/', '/'],
    ['/communes', '/communes'],
    ['/communes/0190-abc', '/communes'],
    ['/administration/communes', '/administration/communes'],
    ['/administration/communes-x', '/'],
  ])('the active entry of %s is %s (longest matching prefix, home only on /)', (pathname, expected) => {
    const entries: NavEntry[] = [
      { path: '/', labelKey: 'home', section: 'main', order: 0 },
      { path: '/communes', labelKey: 'communes', section: 'main', order: 1 },
      { path: '/administration/communes', labelKey: 'admin', section: 'admin', order: 1 },
    ];
    expect(activeEntry(pathname, entries)?.path ?? '/').toBe(expected);
  });
});

describe('redirect after sign-in', () => {
  test.each([
    [undefined, '/'],
    ['/administration/journal?x=1', '/administration/journal?x=1'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/connexion?redirect=/x', '/'],
  ])('%s → %s', (target, expected) => {
    expect(safeRedirect(target)).toBe(expected);
  });
});
