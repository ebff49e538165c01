// Factories: each test builds the world it needs (a commune, its calendar, a user, a ticket)
// through the app's own services as the system actor, so the rules that guard real input guard
// test data too. Only `makeTicketRow` writes a row directly: indicator tests need tickets with
// clock fields at chosen past instants, which no command would produce.
import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema';
import type { TicketTable } from '../src/server/modules/tickets/tables';
import type { AnnexContent } from '../src/server/modules/contracts/model';
import type { IndicatorRule } from '../src/server/modules/contracts/rules';
import type { Role } from '../src/shared/roles';
import { systemActor } from '../src/server/access/actor';
import { newId } from '../src/server/lib/ids';
import { createCommune } from '../src/server/modules/org/communes-service';
import { createUser, setAssignments } from '../src/server/modules/org/users-service';
import { createCalendar } from '../src/server/modules/calendars/service';
import { insertAnnexVersion, insertContract } from '../src/server/modules/contracts/repo';
import { leBouscatAnnex2018, leBouscatContract } from '../src/server/modules/contracts/demo-le-bouscat';
import type { BareTestApp } from './harness';

/** What a factory needs of a test app: the app itself. */
type WithApp = Pick<BareTestApp, 'app'>;

let seq = 0;
const next = () => ++seq;

/** Town-hall hours of the reference (3.2.1): Monday to Friday 8:30–12:00 and 13:00–17:00. */
export const townHallWeek: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<[string, string]>> = {
  mon: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  tue: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  wed: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  thu: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  fri: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  sat: [],
  sun: [],
};

/** A town-hall calendar definition (Paris time, French holidays), as the calendars API takes it. */
export function townHallCalendar(name = 'Mairie') {
  return {
    name,
    timezone: 'Europe/Paris',
    weekly: townHallWeek,
    holidays: 'FR' as const,
    closures: [] as string[],
    workedDates: [] as string[],
  };
}

/** A commune of its own (name and slug unique unless given). */
export async function makeCommune(t: WithApp, over: { name?: string; slug?: string } = {}): Promise<string> {
  const n = next();
  const c = await createCommune(t.app.ctx, systemActor, {
    name: over.name ?? `Commune ${n}`,
    slug: over.slug ?? `commune-${n}-${newId().slice(-6)}`,
  });
  return c.id;
}

/** The commune's town-hall calendar. */
export async function makeCalendar(t: WithApp, communeId: string, name = 'Mairie'): Promise<string> {
  const c = await createCalendar(t.app.ctx, systemActor, { ...townHallCalendar(name), communeId });
  return c.id;
}

/**
 * A user who can sign in with `t.as(email)` (password `mutualis-demo`): provider staff when no
 * commune is given, assigned to `assigned`; otherwise a user of that commune.
 */
export async function makeUser(
  t: WithApp,
  over: { roles: Role[]; communeId?: string; entityId?: string; assigned?: string[]; name?: string; email?: string },
): Promise<{ id: string; email: string }> {
  const n = next();
  const email = over.email ?? `user${n}.${newId().slice(-6)}@example.test`;
  const u = await createUser(t.app.ctx, systemActor, {
    email,
    name: over.name ?? `Personne ${n}`,
    roles: over.roles,
    communeId: over.communeId ?? null,
    entityId: over.entityId ?? null,
    locale: 'fr',
    password: 'mutualis-demo',
  });
  if (over.assigned?.length) await setAssignments(t.app.ctx, systemActor, u.id, over.assigned);
  return { id: u.id, email };
}

/** Opens a ticket through the API as the given person; returns its JSON (throws unless 201). */
export async function openTicket(
  t: BareTestApp,
  email: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: { ...(await t.as(email)), ...headers },
    payload: incident(body),
  });
  if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The body of a new incident, fields overridable. */
export const incident = (over: Record<string, unknown> = {}) => ({
  type: 'incident',
  title: 'Imprimante en panne',
  description: 'Plus aucune impression.',
  impact: 'medium',
  urgency: 'medium',
  channel: 'portal',
  ...over,
});

/** A ticket row with the clock fields the service desk stores, defaults overridable. */
export async function makeTicketRow(
  db: Kysely<DB>,
  t: Partial<TicketTable> & { communeId: string; createdAt: string },
): Promise<string> {
  const id = t.id ?? newId(Date.parse(t.createdAt));
  const n = next();
  await db
    .insertInto('tickets')
    .values({
      id,
      entityId: null,
      reference: `TST-${String(n).padStart(6, '0')}-${id.slice(-6)}`,
      type: 'incident',
      title: `Ticket ${n}`,
      description: '',
      categoryId: null,
      subdomain: 'C',
      requesterId: null,
      site: null,
      channel: 'portal',
      impact: 'medium',
      urgency: 'medium',
      priority: 'P3',
      status: 'new',
      groupId: null,
      assigneeId: null,
      referralLevel: 'ordinary',
      updatedAt: t.createdAt,
      acknowledgedAt: null,
      resolvedAt: null,
      closedAt: null,
      acknowledgeDueAt: null,
      resolveDueAt: null,
      calendarId: null,
      calendarVersion: null,
      annexVersionId: null,
      pausedSince: null,
      pausedBusinessSeconds: 0,
      ackBusinessSeconds: null,
      resolveBusinessSeconds: null,
      ackBreached: 0,
      resolveBreached: 0,
      receivedOutsideHours: 0,
      reopenCount: 0,
      firstContactResolution: 0,
      satisfaction: null,
      mergedIntoId: null,
      searchText: '',
      forceMajeure: 0,
      forceMajeureReason: null,
      forceMajeureAt: null,
      forceMajeureBy: null,
      resolveTargetOrigin: null,
      ...t,
    })
    .execute();
  return id;
}

/**
 * A commune of its own with a town-hall calendar and a contract (the reference annex, edited by
 * `v1`/`v2`) whose annex changes on `amendmentFrom`, written at the instant `at`.
 */
export async function makeCommuneWithContract(
  db: Kysely<DB>,
  opts: {
    name: string;
    slug: string;
    at: string;
    firstFrom: string;
    amendmentFrom: string;
    v1: (a: AnnexContent) => void;
    v2: (a: AnnexContent) => void;
    assign?: string[];
  },
): Promise<{ communeId: string; v1: string; v2: string }> {
  const communeId = newId();
  await db
    .insertInto('communes')
    .values({
      id: communeId,
      name: opts.name,
      slug: opts.slug,
      inseeCode: null,
      createdAt: opts.at,
      updatedAt: opts.at,
    })
    .execute();
  for (const userId of opts.assign ?? [])
    await db.insertInto('assignments').values({ userId, communeId, createdAt: opts.at }).execute();
  const definition = townHallCalendar(`Calendrier ${opts.name}`);
  await db
    .insertInto('calendars')
    .values({
      id: newId(),
      communeId,
      name: definition.name,
      timezone: 'Europe/Paris',
      definition: JSON.stringify(definition),
      version: 1,
      createdAt: opts.at,
      updatedAt: opts.at,
    })
    .execute();
  const contractId = await insertContract(db, {
    communeId,
    signedAt: opts.firstFrom,
    effectiveFrom: opts.firstFrom,
    content: leBouscatContract(),
    at: opts.at,
  });
  const a1 = leBouscatAnnex2018();
  opts.v1(a1);
  const a2 = leBouscatAnnex2018();
  opts.v2(a2);
  const common = {
    communeId,
    contractId,
    domain: 'numerique',
    domainTitle: 'Numérique',
    status: 'signed' as const,
    amendmentId: null,
    at: opts.at,
  };
  const v1 = await insertAnnexVersion(db, {
    ...common,
    version: 1,
    effectiveFrom: opts.firstFrom,
    signedAt: opts.firstFrom,
    content: a1,
  });
  const v2 = await insertAnnexVersion(db, {
    ...common,
    version: 2,
    effectiveFrom: opts.amendmentFrom,
    signedAt: opts.amendmentFrom,
    content: a2,
  });
  return { communeId, v1, v2 };
}

/**
 * Make an annex sign a target the reference leaves to be agreed (a fictional commune whose contract
 * sets it): the indicator's rule becomes `rule` and its target origin `contract`.
 */
export function signTarget(a: AnnexContent, code: string, rule: IndicatorRule): void {
  const ind = a.commitments.flatMap((c) => c.indicators).find((i) => i.code === code);
  if (!ind) throw new Error(`no indicator ${code}`);
  ind.rule = rule;
  ind.targetOrigin = 'contract';
}

/** Delays per criticality a fictional contract signs for 3.3.2 (business time). */
export const signedResolutionDelays = { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' } as const;

/** The rule of an indicator of an annex, for editing in a test. */
export function ruleOf(a: AnnexContent, code: string): Record<string, unknown> {
  const ind = a.commitments.flatMap((c) => c.indicators).find((i) => i.code === code);
  if (!ind?.rule) throw new Error(`no rule for ${code}`);
  return ind.rule as unknown as Record<string, unknown>;
}

/** A multipart/form-data body with one `file` field, and its content type (with the boundary). */
export function multipart(filename: string, data: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----mutualis-test-${next()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The people of a small service desk made by `makeServiceDesk`, by role. */
export interface ServiceDesk {
  /** A commune with its town-hall calendar, where the tickets are. */
  communeId: string;
  /** A second commune, with its own people: the outsiders of isolation checks. */
  otherCommuneId: string;
  admin: { id: string; email: string };
  requester: { id: string; email: string };
  referent: { id: string; email: string };
  agent: { id: string; email: string };
  technician: { id: string; email: string };
  otherRequester: { id: string; email: string };
  otherReferent: { id: string; email: string };
}

/**
 * Two communes (the first with its town-hall calendar), an administrator, a call-centre agent and
 * a technician assigned to both, and a requester and a contract referent in each commune.
 */
export async function makeServiceDesk(t: BareTestApp): Promise<ServiceDesk> {
  const communeId = await makeCommune(t, { name: 'Nordville' });
  const otherCommuneId = await makeCommune(t, { name: 'Sudville' });
  await makeCalendar(t, communeId, 'Mairie de Nordville');
  const both = [communeId, otherCommuneId];
  return {
    communeId,
    otherCommuneId,
    admin: await makeUser(t, { roles: ['administrator'], name: 'Ada Admin' }),
    agent: await makeUser(t, { roles: ['call_centre_agent'], assigned: both, name: 'Alain Accueil' }),
    technician: await makeUser(t, { roles: ['technician'], assigned: both, name: 'Tina Technique' }),
    requester: await makeUser(t, { roles: ['requester'], communeId, name: 'Rémi Demandeur' }),
    referent: await makeUser(t, { roles: ['contract_referent'], communeId, name: 'Rose Référente' }),
    otherRequester: await makeUser(t, { roles: ['requester'], communeId: otherCommuneId, name: 'Omar Sud' }),
    otherReferent: await makeUser(t, { roles: ['contract_referent'], communeId: otherCommuneId, name: 'Odile Sud' }),
  };
}
