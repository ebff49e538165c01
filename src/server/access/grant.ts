import { forbidden } from '../errors';
import { isProviderRole, rolePermissions, type Role } from '../../shared/roles';
import type { Actor } from './actor';
import { seesEveryCommune } from './staff';

/**
 * What an actor may hand out, written once: a caller grants only what it holds, within its own
 * scope. Checked before anything is written.
 * - A commune-limited actor (a commune user, or a token bound to a commune) manages only users of
 *   its own commune, with commune roles.
 * - Nobody gives a role whose permissions they do not all hold ("a role above their own").
 * - Only an actor who sees every commune gives a role that sees every commune (director,
 *   administrator).
 */
export function checkGrant(actor: Actor, roles: readonly Role[], communeId: string | null): void {
  if (actor.communeId !== null) {
    if (communeId !== actor.communeId) throw forbidden('You manage the users of your own commune only.');
    if (roles.some(isProviderRole)) throw forbidden('You cannot give a role of the shared service.');
  }
  const above = roles.filter((r) => (rolePermissions[r] ?? []).some((p) => !actor.permissions.has(p)));
  if (above.length) throw forbidden(`You cannot give a role above your own: ${above.join(', ')}.`);
  if (actor.communes !== 'all' && seesEveryCommune(roles.filter(isProviderRole)))
    throw forbidden('Only someone who sees every commune gives a role that sees every commune.');
}

/** Provider-wide settings (the provider's priority matrix, alert settings, its calendars) need a provider actor. */
export function checkProviderActor(actor: Actor): void {
  if (actor.communeId !== null) throw forbidden('Only the shared service changes its own settings.');
}
