import type { RegisteredRouter } from '@tanstack/react-router';
import type { Permission } from './api/types';
import { IconChart, IconBuilding, IconHome, IconKey, IconLink, IconList, IconUsers, type Icon } from './ui/icons';
import { IconCalendar, IconPhone } from './ui/icons';
import { IconTicket } from './ui/icons';
import { IconFile } from './ui/icons';
import { IconMail, IconShield } from './ui/icons';

/** A path of the route tree that takes no params: `/demandes`, not `/demandes/$ticketId`. */
export type NavPath = Exclude<keyof RegisteredRouter['routesByPath'], `${string}$${string}`>;

/**
 * One entry of the side navigation. The registry's paths are routes of router.tsx (`NavPath`,
 * checked by the compiler); the functions below take entries with any path.
 */
export interface NavEntry<Path extends string = string> {
  /** Route path the entry opens. */
  path: Path;
  /** i18n key of the label, e.g. 'nav.home' or 'tickets:nav.title'. */
  labelKey: string;
  icon?: Icon;
  /** Shown when the user has this permission (or one of these); always shown when omitted. */
  permission?: Permission | readonly Permission[];
  /** 'main' entries come first; 'admin' entries are grouped under "Administration". */
  section: 'main' | 'admin';
  /** Sort key inside the section (lower first); entries of the same weight keep list order. */
  order: number;
}

/**
 * The navigation registry. A capability adds its entries here (one line each); the shell shows
 * those the signed-in user's permissions (from /me) allow.
 */
export const navEntries: NavEntry<NavPath>[] = [
  { path: '/', labelKey: 'nav.home', icon: IconHome, section: 'main', order: 0 },
  {
    path: '/communes',
    labelKey: 'nav.communes',
    icon: IconBuilding,
    permission: 'communes.read',
    section: 'main',
    order: 10,
  },
  {
    path: '/contrats',
    labelKey: 'contracts:nav',
    icon: IconFile,
    permission: ['contracts.read', 'contracts.read_public_parts'],
    section: 'main',
    order: 20,
  },
  {
    path: '/calendriers',
    labelKey: 'calendars:nav',
    icon: IconCalendar,
    permission: 'calendars.read',
    section: 'main',
    order: 25,
  },
  {
    path: '/astreintes',
    labelKey: 'calendars:navOncall',
    icon: IconPhone,
    permission: 'calendars.read',
    section: 'main',
    order: 26,
  },
  {
    path: '/demandes',
    labelKey: 'tickets:nav',
    icon: IconTicket,
    permission: 'tickets.read',
    section: 'main',
    order: 30,
  },
  {
    path: '/centre-appel',
    labelKey: 'tickets:navCallCentre',
    icon: IconPhone,
    permission: 'tickets.work',
    section: 'main',
    order: 35,
  },
  {
    path: '/courriels-a-verifier',
    labelKey: 'mail:nav',
    icon: IconMail,
    permission: 'tickets.work',
    section: 'main',
    order: 36,
  },
  {
    path: '/annuaire-escalade',
    labelKey: 'escalations:nav',
    icon: IconShield,
    permission: 'escalation_directory.read',
    section: 'main',
    order: 37,
  },
  {
    path: '/parc',
    labelKey: 'fleet:nav',
    icon: IconList,
    permission: 'fleet.read',
    section: 'main',
    order: 38,
  },
  {
    path: '/indicateurs',
    labelKey: 'indicators:nav',
    icon: IconChart,
    permission: 'indicators.read',
    section: 'main',
    order: 40,
  },
  {
    path: '/parc-applicatif',
    labelKey: 'applications:nav',
    icon: IconList,
    permission: 'applications.read',
    section: 'main',
    order: 45,
  },
  {
    path: '/projets',
    labelKey: 'projects:nav',
    icon: IconFile,
    permission: 'projects.read',
    section: 'main',
    order: 42,
  },
  {
    path: '/charge-projets',
    labelKey: 'projects:navWorkload',
    icon: IconChart,
    permission: 'projects.read',
    section: 'main',
    order: 43,
  },
  {
    path: '/administration/communes',
    labelKey: 'nav.adminCommunes',
    icon: IconBuilding,
    permission: 'communes.manage',
    section: 'admin',
    order: 10,
  },
  {
    path: '/administration/utilisateurs',
    labelKey: 'nav.adminUsers',
    icon: IconUsers,
    permission: 'users.manage',
    section: 'admin',
    order: 20,
  },
  {
    path: '/administration/affectations',
    labelKey: 'nav.adminAssignments',
    icon: IconLink,
    permission: 'users.manage',
    section: 'admin',
    order: 30,
  },
  {
    path: '/administration/jetons',
    labelKey: 'nav.adminTokens',
    icon: IconKey,
    permission: 'tokens.manage',
    section: 'admin',
    order: 40,
  },
  {
    path: '/administration/journal',
    labelKey: 'nav.adminAudit',
    icon: IconList,
    permission: 'audit.read',
    section: 'admin',
    order: 50,
  },
  {
    path: '/administration/objectifs-internes',
    labelKey: 'targets:operating.nav',
    icon: IconCalendar,
    permission: 'tickets.configure',
    section: 'admin',
    order: 60,
  },
];

export interface NavSections<E extends NavEntry> {
  main: E[];
  admin: E[];
}

/** The entries a user with these permissions sees, by section, in display order. */
export function visibleNav(permissions: readonly Permission[]): NavSections<NavEntry<NavPath>>;
export function visibleNav<E extends NavEntry>(
  permissions: readonly Permission[],
  entries: readonly E[],
): NavSections<E>;
export function visibleNav(
  permissions: readonly Permission[],
  entries: readonly NavEntry[] = navEntries,
): NavSections<NavEntry> {
  const allowed = (e: NavEntry) =>
    !e.permission ||
    (typeof e.permission === 'string' ? [e.permission] : e.permission).some((p) => permissions.includes(p));
  const sorted = entries
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => allowed(e))
    .sort((a, b) => a.e.order - b.e.order || a.i - b.i)
    .map(({ e }) => e);
  return { main: sorted.filter((e) => e.section === 'main'), admin: sorted.filter((e) => e.section === 'admin') };
}

/** The entry a pathname belongs to: the longest path that is a prefix of it. */
export function activeEntry<E extends NavEntry>(pathname: string, entries: readonly E[]): E | undefined {
  const matches = entries.filter((e) =>
    e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`),
  );
  return matches.sort((a, b) => b.path.length - a.path.length)[0];
}
