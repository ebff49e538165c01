import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema';
import type { TicketTable } from '../../src/server/modules/tickets/tables';
import { newId } from '../../src/server/lib/ids';
import { insertAnnexVersion, insertContract } from '../../src/server/modules/contracts/repo';
import { leBouscatAnnex2018, leBouscatContract } from '../../src/server/modules/contracts/demo-le-bouscat';
import type { AnnexContent } from '../../src/server/modules/contracts/model';

let seq = 0;

/** A ticket row with the clock fields the service desk stores, defaults overridable. */
export async function makeTicket(
  db: Kysely<DB>,
  t: Partial<TicketTable> & { communeId: string; createdAt: string },
): Promise<string> {
  const id = t.id ?? newId(Date.parse(t.createdAt));
  seq += 1;
  await db
    .insertInto('tickets')
    .values({
      id,
      entityId: null,
      reference: `TST-${String(seq).padStart(6, '0')}-${id.slice(-6)}`,
      type: 'incident',
      title: `Ticket ${seq}`,
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
      ...t,
    })
    .execute();
  return id;
}

export const mairieWeek = {
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
} as Record<string, Array<[string, string]>>;

/** A commune of its own with a calendar and a contract whose annex changes on `amendmentFrom`. */
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
  const definition = {
    name: `Calendrier ${opts.name}`,
    timezone: 'Europe/Paris',
    weekly: mairieWeek,
    holidays: 'FR',
    closures: [],
    workedDates: [],
  };
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

/** The rule of an indicator of an annex, for editing in a test. */
export function ruleOf(a: AnnexContent, code: string): Record<string, unknown> {
  const ind = a.commitments.flatMap((c) => c.indicators).find((i) => i.code === code);
  if (!ind?.rule) throw new Error(`no rule for ${code}`);
  return ind.rule as unknown as Record<string, unknown>;
}
