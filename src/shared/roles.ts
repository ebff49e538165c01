/**
 * Roles (PRODUCT.md, "Who uses it") and the permissions they grant. Permissions are the only
 * thing routes check; roles are how people get them.
 */
export const providerRoles = [
  'call_centre_agent',
  'technician',
  'project_manager',
  'contract_manager',
  'director',
  'administrator',
] as const;

export const communeRoles = [
  'requester',
  'contract_referent',
  'general_director',
  'application_owner',
  'project_owner',
] as const;

export const roles = [...providerRoles, ...communeRoles] as const;
export type Role = (typeof roles)[number];
export type ProviderRole = (typeof providerRoles)[number];

export const permissions = [
  'communes.read',
  'communes.manage',
  'users.read',
  'users.manage',
  'tokens.manage',
  'audit.read',
  'calendars.read',
  'calendars.manage',
  'oncall.manage',
  'contracts.read',
  'contracts.read_public_parts',
  'contracts.draft',
  'contracts.sign',
  'contracts.record',
  'contracts.agree_targets',
  'tickets.create',
  'tickets.read',
  'tickets.reply',
  'tickets.work',
  'tickets.internal_notes',
  'tickets.escalate',
  'tickets.configure',
  'tickets.request_escalation',
  'tickets.force_majeure',
  'escalation_directory.read',
  'escalation_directory.manage',
  'indicators.read',
  'indicators.overview',
  'indicators.manage',
  'applications.read',
  'applications.manage',
  'integrations.alerts',
  'projects.read',
  'projects.manage',
  'projects.log_time',
  'projects.approve_time',
  'fleet.read',
  'fleet.manage',
  'fleet.inventory',
  /** The commune's decision on its renewal: approve the plan of a year, set its age/warranty policy. */
  'fleet.approve',
] as const;
export type Permission = (typeof permissions)[number];

const commonCommune: Permission[] = [
  'communes.read',
  'calendars.read',
  'contracts.read_public_parts',
  'tickets.create',
  'tickets.read',
  'tickets.reply',
];
const staff: Permission[] = [
  'communes.read',
  'users.read',
  'calendars.read',
  'contracts.read',
  'contracts.read_public_parts',
  'tickets.create',
  'tickets.read',
  'tickets.reply',
  'tickets.work',
  'tickets.internal_notes',
  'tickets.escalate',
  'escalation_directory.read',
  'applications.read',
  'projects.read',
  'projects.log_time',
  'fleet.read',
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  call_centre_agent: staff,
  technician: [...staff, 'applications.manage', 'fleet.manage'],
  project_manager: [...staff, 'projects.manage', 'projects.approve_time'],
  contract_manager: [
    ...staff,
    'escalation_directory.manage',
    'contracts.draft',
    'contracts.record',
    'contracts.agree_targets',
    'tickets.force_majeure',
    'calendars.manage',
    'oncall.manage',
    'indicators.read',
    'indicators.overview',
    'indicators.manage',
    'applications.manage',
    'projects.manage',
    'fleet.manage',
  ],
  director: [
    ...staff,
    'escalation_directory.manage',
    'contracts.draft',
    'contracts.sign',
    'contracts.record',
    'contracts.agree_targets',
    'tickets.force_majeure',
    'calendars.manage',
    'oncall.manage',
    'indicators.read',
    'indicators.overview',
    'indicators.manage',
    'audit.read',
    'tickets.configure',
    'applications.manage',
    'projects.manage',
    'projects.approve_time',
    'fleet.manage',
  ],
  administrator: [...permissions],
  requester: commonCommune,
  contract_referent: [
    ...commonCommune,
    'tickets.request_escalation',
    'escalation_directory.read',
    'contracts.read',
    'contracts.agree_targets',
    'indicators.read',
    'users.read',
    'applications.read',
    'projects.read',
    'fleet.read',
    'fleet.approve',
  ],
  general_director: [
    ...commonCommune,
    'tickets.request_escalation',
    'escalation_directory.read',
    'contracts.read',
    'contracts.agree_targets',
    'indicators.read',
    'users.read',
    'applications.read',
    'projects.read',
    'projects.approve_time',
    'fleet.read',
    'fleet.approve',
  ],
  application_owner: [...commonCommune, 'applications.read'],
  project_owner: [...commonCommune, 'projects.read', 'projects.approve_time'],
};

/** Provider roles that see every commune rather than their assignments. */
export const seeAllRoles: readonly Role[] = ['director', 'administrator'];

export function isProviderRole(r: string): r is ProviderRole {
  return (providerRoles as readonly string[]).includes(r);
}

/** The interface languages: French first, English available. */
export const locales = ['fr', 'en'] as const;
export type Locale = (typeof locales)[number];

/** A stored language setting as a locale (anything but English is French). */
export function localeOf(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : 'fr';
}
