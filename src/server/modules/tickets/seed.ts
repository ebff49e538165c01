import type { AppContext } from '../../context';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { DemoOrg } from '../../demo/organisation';
import { newId } from '../../lib/ids';

/** Support groups of the demo shared service and who is in them. */
export const demoGroups = [
  { code: 'callcentre', name: "Centre d'appel", level: 1, members: ['accueil@mutualis.test'] },
  { code: 'workplace', name: 'Poste de travail et proximité', level: 2, members: ['technicien@mutualis.test'] },
  { code: 'infrastructure', name: 'Infrastructures et production', level: 2, members: ['technicien@mutualis.test'] },
] as const;

type GroupCode = (typeof demoGroups)[number]['code'];

/** The service catalogue, each category mapped to a sub-domain of the reference annex (A–D). */
export const demoCategories: Array<{
  code: string;
  fr: string;
  en: string;
  subdomain: string;
  type: 'incident' | 'request';
  group: GroupCode | null;
}> = [
  {
    code: 'workstation',
    fr: 'Poste de travail',
    en: 'Workstation',
    subdomain: 'C',
    type: 'incident',
    group: 'workplace',
  },
  { code: 'email', fr: 'Messagerie', en: 'Email', subdomain: 'C', type: 'incident', group: 'workplace' },
  { code: 'printing', fr: 'Impression', en: 'Printing', subdomain: 'C', type: 'incident', group: 'workplace' },
  { code: 'telephony', fr: 'Téléphonie', en: 'Telephony', subdomain: 'C', type: 'incident', group: 'workplace' },
  {
    code: 'internet',
    fr: 'Accès à internet',
    en: 'Internet access',
    subdomain: 'C',
    type: 'incident',
    group: 'infrastructure',
  },
  {
    code: 'account',
    fr: 'Compte et accès',
    en: 'Account and access',
    subdomain: 'C',
    type: 'request',
    group: 'callcentre',
  },
  {
    code: 'business-app',
    fr: 'Application métier indisponible',
    en: 'Business application unavailable',
    subdomain: 'D',
    type: 'incident',
    group: 'infrastructure',
  },
  {
    code: 'network',
    fr: 'Réseau / Wi-Fi',
    en: 'Network / Wi-Fi',
    subdomain: 'D',
    type: 'incident',
    group: 'infrastructure',
  },
  { code: 'server', fr: 'Serveur', en: 'Server', subdomain: 'D', type: 'incident', group: 'infrastructure' },
  {
    code: 'change-request',
    fr: "Demande d'évolution",
    en: 'Change request',
    subdomain: 'B',
    type: 'request',
    group: null,
  },
  { code: 'security', fr: 'Sécurité', en: 'Security', subdomain: 'A', type: 'incident', group: 'infrastructure' },
  {
    code: 'equipment',
    fr: "Demande d'équipement",
    en: 'Equipment request',
    subdomain: 'C',
    type: 'request',
    group: 'workplace',
  },
];

/** Demo seed: support groups, their members and the service catalogue. */
export async function seedServiceDesk(trx: Transaction<DB>, org: DemoOrg, ctx: AppContext): Promise<void> {
  const groupIds = {} as Record<GroupCode, string>;
  for (const g of demoGroups) {
    groupIds[g.code] = newId();
    await trx
      .insertInto('supportGroups')
      .values({ id: groupIds[g.code], code: g.code, name: g.name, level: g.level })
      .execute();
    for (const email of g.members) {
      const userId = org.users[email];
      if (userId) await trx.insertInto('supportGroupMembers').values({ groupId: groupIds[g.code], userId }).execute();
    }
  }
  await trx
    .insertInto('ticketCategories')
    .values(
      demoCategories.map((c) => ({
        id: newId(),
        code: c.code,
        labelFr: c.fr,
        labelEn: c.en,
        subdomain: c.subdomain,
        defaultType: c.type,
        defaultGroupId: c.group ? groupIds[c.group] : null,
        active: 1,
      })),
    )
    .execute();
  // The provider's operating targets (objectifs de service internes): the queues' deadlines where
  // the contract sets none (Le Bouscat's 3.3.2 is "to be agreed"). Demo values of ours, not
  // contract terms: they never escalate to a commune's officers.
  await trx
    .insertInto('operatingTargets')
    .values({
      id: newId(),
      scopeKey: 'provider',
      communeId: null,
      effectiveFrom: DEMO_OPERATING_TARGETS_FROM,
      resolution: JSON.stringify(demoOperatingTargets),
      note: 'Objectifs de service internes du service commun (valeurs de démonstration, hors contrat).',
      createdByLabel: 'Démonstration',
      createdAt: ctx.now().toISOString(),
    })
    .execute();
}

/** The demo's provider-wide operating targets, in force since before the demo's first ticket. */
export const demoOperatingTargets = { P1: 'PT4H', P2: 'PT8H', P3: 'PT24H', P4: 'PT40H' } as const;
export const DEMO_OPERATING_TARGETS_FROM = '2015-01-01';
