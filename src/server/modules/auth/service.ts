import { sql, type Kysely, type Selectable } from 'kysely';
import { commaJoined, dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { preparedQuery } from '../../db/prepared';
import type { UserTable } from '../../db/core-tables';
import { userActor, permissionsOf, type Actor } from '../../access/actor';
import { permissions as allPermissions, type Permission, type Role } from '../../../shared/roles';
import { AppError } from '../../errors';
import { dummyHash, verifyPassword } from './password';
import { assignedCommuneIds, findActiveUser, findActiveUserByEmail, findLogin } from './repo';
import { hashSecret, newSecret } from './tokens';
import { clearFailures, loginLimits, recordFailure, retryAfter } from './rate-limit';
import { recordAudit } from '../audit';

export const SESSION_COOKIE = 'mutualis_session';

/** Loads the actor of a user id, or undefined when the user is missing or inactive. */
export async function loadUserActor(db: Kysely<DB>, userId: string): Promise<Actor | undefined> {
  const u = await findActiveUser(db, userId);
  return u ? actorOfUser(db, u) : undefined;
}

/** Loads the actor of an active user's email address (an inbound email's sender), or undefined. */
export async function loadUserActorByEmail(db: Kysely<DB>, email: string): Promise<Actor | undefined> {
  const u = await findActiveUserByEmail(db, email);
  return u ? actorOfUser(db, u) : undefined;
}

/**
 * The actor of an active user row: its roles, and its assigned communes for provider staff
 * (`assigned`: already read with the row, as ids joined with commas).
 */
async function actorOfUser(db: Kysely<DB>, u: Selectable<UserTable>, assigned?: string | null): Promise<Actor> {
  const ids = u.communeId
    ? []
    : assigned !== undefined
      ? assigned
        ? assigned.split(',')
        : []
      : await assignedCommuneIds(db, u.id);
  return userActor({ ...u, roles: JSON.parse(u.roles) as Role[], assignedCommuneIds: ids });
}

/**
 * Signs a person in. Failures are counted per (account, client address) and per client address;
 * past either limit the answer is 429 with Retry-After, whether or not the password is right.
 * The same account from another address is not held back (rate-limit.ts).
 */
export async function login(
  db: Kysely<DB>,
  input: { email: string; password: string; ip: string; userAgent: string | null; ttlHours: number },
  now = new Date(),
): Promise<{ actor: Actor; secret: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  const pairKey = `account:${email}|address:${input.ip}`;
  const addressKey = `address:${input.ip}`;
  const wait = Math.max(
    await retryAfter(db, pairKey, loginLimits.perAccountAndAddress, now),
    await retryAfter(db, addressKey, loginLimits.perAddress, now),
  );
  if (wait > 0)
    throw new AppError(
      'too_many_attempts',
      `Too many failed sign-ins; retry in ${wait} s.`,
      { retryAfter: wait },
      { 'retry-after': String(wait) },
    );

  const user = await findLogin(db, email);
  const ok =
    user && user.active === 1
      ? await verifyPassword(user.passwordHash, input.password)
      : (await verifyPassword(await dummyHash(), input.password), false);
  if (!ok || !user) {
    await recordFailure(db, pairKey, now);
    await recordFailure(db, addressKey, now);
    throw new AppError('invalid_credentials');
  }
  await clearFailures(db, pairKey);
  const actor = await loadUserActor(db, user.id);
  if (!actor) throw new AppError('invalid_credentials');
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + input.ttlHours * 3600_000);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: hashSecret(secret),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        lastSeenAt: now.toISOString(),
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      communeId: actor.communeId,
    });
  });
  return { actor, secret, expiresAt };
}

/** The session, its (active) user and their assigned communes, in one statement prepared once. */
const sessionQuery = preparedQuery(['id'], (db, arg) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .selectAll('u')
    .select('s.expiresAt as sessionExpiresAt')
    .select((eb) =>
      eb
        .selectFrom('assignments')
        .select(commaJoined(sql.ref<string>('assignments.communeId'), dialectOf(db)).as('ids'))
        .whereRef('assignments.userId', '=', 'u.id')
        .as('assignedIds'),
    )
    .where('s.id', '=', arg.id)
    .where('u.active', '=', 1),
);

/**
 * Resolves a session cookie to its actor. Sessions slide: a session used after half its
 * lifetime is extended, so an active user is not signed out mid-task.
 */
export async function resolveSession(
  db: Kysely<DB>,
  secret: string,
  ttlHours: number,
  now = new Date(),
): Promise<Actor | undefined> {
  const id = hashSecret(secret);
  // One round trip for the session, its (active) user and their assigned communes: this runs on
  // every request.
  const [row] = await sessionQuery.execute(db, { id });
  if (!row) return undefined;
  const { sessionExpiresAt, assignedIds, ...user } = row;
  if (sessionExpiresAt <= now.toISOString()) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  const remaining = new Date(sessionExpiresAt).getTime() - now.getTime();
  if (remaining < (ttlHours * 3600_000) / 2) {
    await db
      .updateTable('sessions')
      .set({ expiresAt: new Date(now.getTime() + ttlHours * 3600_000).toISOString(), lastSeenAt: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return actorOfUser(db, user, assignedIds ?? null);
}

/** Ends the session of a cookie value. */
export async function logout(db: Kysely<DB>, secret: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', hashSecret(secret)).execute();
    await recordAudit(trx, actor, {
      action: 'auth.logout',
      targetType: 'user',
      targetId: actor.id,
      communeId: actor.communeId,
    });
  });
}

const touches = new WeakMap<object, Map<string, number>>();
/** When this process last recorded each token's use, per database handle. */
function recentTouches(db: object): Map<string, number> {
  let m = touches.get(db);
  if (!m) touches.set(db, (m = new Map<string, number>()));
  return m;
}

/**
 * Resolves an API token (`Authorization: Bearer mut_…`). A token acts with the permissions it
 * was given, never more than its creator's, on its commune (or all the creator's communes).
 */
export async function resolveToken(db: Kysely<DB>, bearer: string, now = new Date()): Promise<Actor | undefined> {
  const t = await db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', hashSecret(bearer)).executeTakeFirst();
  if (!t || t.revokedAt || (t.expiresAt && t.expiresAt <= now.toISOString())) return undefined;
  const creator = await loadUserActor(db, t.createdBy);
  if (!creator) return undefined;
  const granted = (JSON.parse(t.permissions) as Permission[]).filter(
    (p) => allPermissions.includes(p) && creator.permissions.has(p),
  );
  // Touch last-used at most once a minute to keep token traffic from writing on every call. The
  // process remembers its own last touch: concurrent calls that all read the old value (a webhook
  // storm) would otherwise each write, one disk flush apiece.
  const touched = recentTouches(db);
  const last = Math.max(t.lastUsedAt ? Date.parse(t.lastUsedAt) : 0, touched.get(t.id) ?? 0);
  if (now.getTime() - last > 60_000) {
    touched.set(t.id, now.getTime());
    if (touched.size > 10_000) touched.clear();
    await db.updateTable('apiTokens').set({ lastUsedAt: now.toISOString() }).where('id', '=', t.id).execute();
  }
  const communes = t.communeId
    ? creator.communes === 'all' || creator.communes.includes(t.communeId)
      ? [t.communeId]
      : []
    : creator.communes;
  return {
    kind: 'token',
    id: t.id,
    label: `token:${t.name}`,
    email: null,
    roles: [],
    permissions: new Set(granted),
    communeId: t.communeId ?? creator.communeId,
    entityId: null,
    communes,
    locale: 'fr',
  };
}

export { permissionsOf };
