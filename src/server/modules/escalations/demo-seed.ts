import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { AppContext } from '../../context';
import type { Role } from '../../../shared/roles';
import { DEMO_PASSWORD, type DemoOrg } from '../../demo/organisation';
import { hashPassword } from '../auth';
import { newId } from '../../lib/ids';
import { matrixInForce, matrixRoles } from './matrix';
import { parisDate } from './directory';

/** People who hold the matrix roles but are not in the base demo organisation (password `mutualis-demo`). */
const extraPeople: Array<{ email: string; name: string; roles: Role[]; commune?: 'leBouscat' | 'villedemo' }> = [
  { email: 'dgs@le-bouscat.test', name: 'Denise Dugast (DGS)', roles: ['general_director'], commune: 'leBouscat' },
  { email: 'dga@le-bouscat.test', name: 'Damien Garnier (DGA)', roles: ['general_director'], commune: 'leBouscat' },
  {
    email: 'chef-service@le-bouscat.test',
    name: 'Chloé Servant (cheffe de service)',
    roles: ['requester'],
    commune: 'leBouscat',
  },
  {
    email: 'applicatif@le-bouscat.test',
    name: 'Adrien Appli (responsable applicatif)',
    roles: ['application_owner'],
    commune: 'leBouscat',
  },
  {
    email: 'projets@le-bouscat.test',
    name: 'Pauline Projet (maîtrise d’usage)',
    roles: ['project_owner'],
    commune: 'leBouscat',
  },
  { email: 'dgs@villedemo.test', name: 'Vincent Demont (DGS)', roles: ['general_director'], commune: 'villedemo' },
  {
    email: 'chef-service@villedemo.test',
    name: 'Virginie Chef (cheffe de service)',
    roles: ['requester'],
    commune: 'villedemo',
  },
  { email: 'adjoint-dg@mutualis.test', name: 'Hélène Adjointe (DGA du service commun)', roles: ['director'] },
  {
    email: 'chef-accueil@mutualis.test',
    name: 'Camille Pilotage (cheffe du centre d’appel)',
    roles: ['call_centre_agent'],
  },
  { email: 'projets@mutualis.test', name: 'Paul Programmes (projets numériques)', roles: ['project_manager'] },
];

/** Who holds a role named by the matrix, by the role's wording (commune side, then provider side). */
const communeHolders: Array<[RegExp, string[]]> = [
  [/^Responsable de suivi du contrat d'engagement et Directeur g[ée]n[ée]ral des services/i, ['referent', 'dgs']],
  [/^(Référent|Responsable de suivi)/i, ['referent']],
  [/Directeur g[ée]n[ée]ral des services/i, ['dgs']],
  [/Directeur g[ée]n[ée]ral adjoint|Directeur métier/i, ['dga']],
  [/Chef de projet/i, ['projets']],
  [/Chef de service de l'utilisateur/i, ['chef-service']],
  [/Responsable applicatif|Chef de service en charge de l'application/i, ['applicatif']],
];
const providerHolders: Array<[RegExp, string]> = [
  [/en charge du contact avec la commune/i, 'contrats@mutualis.test'],
  [/^Chef de service centre d'appel/i, 'chef-accueil@mutualis.test'],
  [/^Centre d'appel/i, 'accueil@mutualis.test'],
  [/^Directeur g[ée]n[ée]ral du service commun/i, 'directeur@mutualis.test'],
  [/programmes numériques|Chef de projet service commun/i, 'projets@mutualis.test'],
  [/^Adjoint|Directeur de l'assistance|stratégie et des SI/i, 'adjoint-dg@mutualis.test'],
  [/infrastructures/i, 'technicien@mutualis.test'],
];

/** Demo: the extra role holders and both communes' escalation directories, from the matrix in force. */
export async function seedEscalations(trx: Transaction<DB>, org: DemoOrg, ctx: AppContext): Promise<void> {
  const now = ctx.now();
  const at = now.toISOString();
  const hash = await hashPassword(DEMO_PASSWORD);
  const ids: Record<string, string> = { ...org.users };
  for (const p of extraPeople) {
    const id = newId(now.getTime());
    ids[p.email] = id;
    await trx
      .insertInto('users')
      .values({
        id,
        email: p.email,
        name: p.name,
        passwordHash: hash,
        communeId: p.commune ? org.communes[p.commune] : null,
        entityId: null,
        roles: JSON.stringify(p.roles),
        phone: null,
        locale: 'fr',
        active: 1,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    if (!p.commune && !p.roles.includes('director')) {
      for (const c of Object.values(org.communes))
        await trx.insertInto('assignments').values({ userId: id, communeId: c, createdAt: at }).execute();
    }
  }
  const communes: Array<['leBouscat' | 'villedemo', string]> = [
    ['leBouscat', 'le-bouscat.test'],
    ['villedemo', 'villedemo.test'],
  ];
  for (const [key, domain] of communes) {
    const communeId = org.communes[key];
    const { cells } = await matrixInForce(trx, communeId, parisDate(now));
    const rows: Array<{ side: 'commune' | 'provider'; role: string; userId: string }> = [];
    for (const r of matrixRoles(cells)) {
      if (r.side === 'commune') {
        const holders = communeHolders.find(([re]) => re.test(r.role))?.[1] ?? [];
        for (const h of holders) {
          const userId = ids[`${h}@${domain}`];
          if (userId) rows.push({ side: 'commune', role: r.role, userId });
        }
      } else {
        const email = providerHolders.find(([re]) => re.test(r.role))?.[1];
        const userId = email ? ids[email] : undefined;
        if (userId) rows.push({ side: 'provider', role: r.role, userId });
      }
    }
    if (rows.length)
      await trx
        .insertInto('escalationDirectory')
        .values(rows.map((r) => ({ id: newId(now.getTime()), communeId, createdAt: at, ...r })))
        .execute();
  }
}
