import type { Permission, Role } from '../../shared/roles';
import { rolePermissions, localeOf } from '../../shared/roles';
import { seesEveryCommune } from './staff';
import { forbidden } from '../errors';

/**
 * Who is calling: a person signed in, an integration token, or the system itself (jobs,
 * migrations, the demo seed). Built once per request by the auth plugin.
 */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  id: string;
  label: string;
  email: string | null;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** The commune of a commune user or a commune-bound token; null for provider staff. */
  communeId: string | null;
  /** A commune user restricted to a sub-entity. */
  entityId: string | null;
  /** The communes this actor may see: 'all' or an explicit list. */
  communes: 'all' | readonly string[];
  locale: 'fr' | 'en';
}

/** The set of permissions of a role list. */
export function permissionsOf(roleList: readonly Role[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const r of roleList) for (const p of rolePermissions[r] ?? []) set.add(p);
  return set;
}

/** Builds a person's actor from their stored row and assignments. */
export function userActor(u: {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  communeId: string | null;
  entityId: string | null;
  locale: string;
  assignedCommuneIds: readonly string[];
}): Actor {
  const seesAll = u.communeId === null && seesEveryCommune(u.roles);
  return {
    kind: 'user',
    id: u.id,
    label: u.email,
    email: u.email,
    roles: u.roles,
    permissions: permissionsOf(u.roles),
    communeId: u.communeId,
    entityId: u.entityId,
    communes: u.communeId ? [u.communeId] : seesAll ? 'all' : u.assignedCommuneIds,
    locale: localeOf(u.locale),
  };
}

/** The actor of scheduled jobs and seeds: every permission, every commune. Use by explicit name only. */
export const systemActor: Actor = {
  kind: 'system',
  id: 'system',
  label: 'system',
  email: null,
  roles: ['administrator'],
  permissions: permissionsOf(['administrator']),
  communeId: null,
  entityId: null,
  communes: 'all',
  locale: 'fr',
};

export function can(actor: Actor, p: Permission): boolean {
  return actor.permissions.has(p);
}

/** Throws 403 unless the actor holds the permission. */
export function authorize(actor: Actor, p: Permission): void {
  if (!actor.permissions.has(p)) throw forbidden(`Missing permission ${p}.`);
}

/** True when the actor works for the provider (not a commune user). */
export function isProvider(actor: Actor): boolean {
  return actor.communeId === null;
}

/** True when the commune is inside the actor's scope. */
export function inScope(actor: Actor, communeId: string): boolean {
  return actor.communes === 'all' || actor.communes.includes(communeId);
}
