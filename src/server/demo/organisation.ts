import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { Role } from '../../shared/roles';
import { newId } from '../lib/ids';

export const DEMO_PASSWORD = 'mutualis-demo';

/** What the organisation seed made, for the other seeds to build on. */
export interface DemoOrg {
  communes: { leBouscat: string; villedemo: string };
  entities: Record<string, string>;
  users: Record<string, string>;
}

interface DemoUser {
  email: string;
  name: string;
  roles: Role[];
  commune?: 'leBouscat' | 'villedemo';
  phone?: string;
  assigned?: Array<'leBouscat' | 'villedemo'>;
  entity?: string;
}

/** The demo accounts of the README (password `mutualis-demo`) plus the people the contract's roles need. */
export const demoUsers: DemoUser[] = [
  { email: 'admin@mutualis.test', name: 'Alice Admin', roles: ['administrator'] },
  { email: 'directeur@mutualis.test', name: 'Didier Directeur', roles: ['director'] },
  {
    email: 'contrats@mutualis.test',
    name: 'Claire Contrats',
    roles: ['contract_manager'],
    assigned: ['leBouscat', 'villedemo'],
    phone: '05 56 00 00 10',
  },
  {
    email: 'accueil@mutualis.test',
    name: 'Antoine Accueil',
    roles: ['call_centre_agent'],
    assigned: ['leBouscat', 'villedemo'],
    phone: '05 56 00 00 20',
  },
  {
    email: 'technicien@mutualis.test',
    name: 'Thomas Technicien',
    roles: ['technician'],
    assigned: ['leBouscat', 'villedemo'],
    phone: '05 56 00 00 30',
  },
  {
    email: 'referent@le-bouscat.test',
    name: 'Rachel Référente',
    roles: ['contract_referent'],
    commune: 'leBouscat',
    phone: '05 57 22 26 00',
  },
  {
    email: 'agent@le-bouscat.test',
    name: 'Arnaud Agent',
    roles: ['requester'],
    commune: 'leBouscat',
    phone: '05 57 22 26 41',
  },
  {
    email: 'referent@villedemo.test',
    name: 'Victor Référent',
    roles: ['contract_referent'],
    commune: 'villedemo',
    phone: '05 99 00 00 01',
  },
  {
    email: 'agent@villedemo.test',
    name: 'Valérie Agente',
    roles: ['requester'],
    commune: 'villedemo',
    phone: '05 99 00 00 02',
  },
];

/** Seeds the provider's staff, the two communes, their sub-entities and their people. */
export async function seedOrganisation(trx: Transaction<DB>, passwordHash: string, now: Date): Promise<DemoOrg> {
  const at = now.toISOString();
  const communes = { leBouscat: newId(), villedemo: newId() };
  await trx
    .insertInto('communes')
    .values([
      {
        id: communes.leBouscat,
        name: 'Le Bouscat',
        slug: 'le-bouscat',
        inseeCode: '33069',
        createdAt: at,
        updatedAt: at,
      },
      { id: communes.villedemo, name: 'Villedemo', slug: 'villedemo', inseeCode: null, createdAt: at, updatedAt: at },
    ])
    .execute();
  const entities: Record<string, string> = {};
  const entityRows = [
    { key: 'laSource', communeId: communes.leBouscat, name: 'Médiathèque La Source', kind: 'library' },
    { key: 'ccasLeBouscat', communeId: communes.leBouscat, name: 'CCAS du Bouscat', kind: 'ccas' },
    { key: 'mairieLeBouscat', communeId: communes.leBouscat, name: 'Hôtel de ville', kind: 'site' },
    { key: 'ccasVilledemo', communeId: communes.villedemo, name: 'CCAS de Villedemo', kind: 'ccas' },
    { key: 'ecoleVilledemo', communeId: communes.villedemo, name: 'École Jules-Ferry', kind: 'school' },
  ];
  for (const e of entityRows) {
    entities[e.key] = newId();
    await trx
      .insertInto('entities')
      .values({
        id: entities[e.key]!,
        communeId: e.communeId,
        parentId: null,
        name: e.name,
        kind: e.kind,
        createdAt: at,
      })
      .execute();
  }
  const users: Record<string, string> = {};
  for (const u of demoUsers) {
    const id = newId();
    users[u.email] = id;
    await trx
      .insertInto('users')
      .values({
        id,
        email: u.email,
        name: u.name,
        passwordHash,
        communeId: u.commune ? communes[u.commune] : null,
        entityId: u.entity ? (entities[u.entity] ?? null) : null,
        roles: JSON.stringify(u.roles),
        phone: u.phone ?? null,
        locale: 'fr',
        active: 1,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    for (const c of u.assigned ?? [])
      await trx.insertInto('assignments').values({ userId: id, communeId: communes[c], createdAt: at }).execute();
  }
  return { communes, entities, users };
}
