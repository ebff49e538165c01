import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { newId } from '../../lib/ids';
import { insertBaseline } from './service';
import { nameKey } from './repo';
import type { ApplicationTable, Criticality, Hosting, OutageCalendar, ApplicationDomain } from './tables';

/**
 * Demo portfolios (reconstructed, marked so): Le Bouscat's ~40 business applications with the
 * inventory transferred at the convention's signing (2016-02-15), Villedemo's 27 (2019-03-01);
 * then, after the generated tickets, outages of applications matching the P1 incidents of the
 * last two years (each outage linked to its incident, first intervention = acknowledgement,
 * restoration = resolution). Deterministic.
 */

interface DemoOrgLike {
  communes: { leBouscat: string; villedemo: string };
}

type Row = [
  name: string,
  domain: ApplicationDomain,
  vendor: string,
  product: string,
  version: string,
  hosting: Hosting,
  criticality: Criticality,
  since: string,
  communeOwner: string,
  extra?: {
    calendar?: OutageCalendar;
    retiredOn?: string;
    status?: ApplicationTable['status'];
    maintenanceEndsOn?: string;
  },
];

const M: Hosting = 'metropole_datacentre';
const S: Hosting = 'vendor_saas';
const P: Hosting = 'commune_premises';

/** Le Bouscat: in service since before 2016 = transferred with the convention. */
const leBouscat: Row[] = [
  [
    'État civil',
    'etat_civil',
    'Arpège',
    'Mélodie',
    '5.2',
    M,
    'critical',
    '2009-01-01',
    'Service population – état civil',
  ],
  [
    'Élections',
    'elections',
    'Arpège',
    'Maestro',
    '4.8',
    M,
    'important',
    '2009-01-01',
    'Service population – élections',
  ],
  [
    'Gestion financière',
    'finances',
    'Berger-Levrault',
    'e.magnus Gestion financière',
    '2024.2',
    M,
    'critical',
    '2011-01-01',
    'Direction des finances',
  ],
  [
    'Paie et ressources humaines',
    'rh',
    'Ciril GROUP',
    'Civil Net RH',
    '23.10',
    M,
    'critical',
    '2012-01-01',
    'Direction des ressources humaines',
  ],
  [
    'Messagerie',
    'collaboration',
    'Microsoft',
    'Exchange Server',
    '2019 CU14',
    M,
    'critical',
    '2013-06-01',
    'Direction générale des services',
    { calendar: 'continuous' },
  ],
  [
    'Portail citoyen',
    'communication',
    'Publik',
    'Portail famille et démarches',
    '6.1',
    S,
    'critical',
    '2015-09-01',
    'Service communication',
    { calendar: 'continuous' },
  ],
  [
    'Police municipale',
    'police_municipale',
    'Logitud',
    'Municipol',
    '9.4',
    M,
    'critical',
    '2014-03-01',
    'Police municipale',
    { calendar: 'continuous' },
  ],
  ['Cimetières', 'etat_civil', 'Arpège', 'Requiem', '3.1', M, 'standard', '2010-01-01', 'Service population'],
  [
    'Recensement et population',
    'population',
    'Arpège',
    'Adagio',
    '2.9',
    M,
    'standard',
    '2010-01-01',
    'Service population',
  ],
  [
    'Facturation petite enfance',
    'education',
    'Arpège',
    'Concerto',
    '7.3',
    M,
    'important',
    '2012-09-01',
    'Pôle enfance',
  ],
  [
    'Restauration scolaire',
    'education',
    'Arpège',
    'Concerto Restauration',
    '7.3',
    M,
    'important',
    '2012-09-01',
    'Pôle enfance',
  ],
  ['Médiathèque', 'mediatheque', 'Decalog', 'SIGB Decalog', '4.12', S, 'important', '2011-01-01', 'Médiathèque'],
  [
    "Autorisations d'urbanisme",
    'urbanisme',
    'Operis',
    'Oxalis',
    '5.0',
    M,
    'important',
    '2013-01-01',
    'Service urbanisme',
  ],
  [
    'Cadastre et SIG',
    'urbanisme',
    'Esri',
    'ArcGIS Enterprise',
    '11.1',
    M,
    'standard',
    '2014-01-01',
    'Service urbanisme',
  ],
  [
    'Délibérations et actes',
    'other',
    'Berger-Levrault',
    'e.actes',
    '2.4',
    S,
    'important',
    '2014-05-01',
    'Secrétariat général',
  ],
  ['Courrier', 'other', 'Berger-Levrault', 'e.courrier', '3.2', M, 'standard', '2013-01-01', 'Secrétariat général'],
  [
    'Marchés publics',
    'finances',
    'Atexo',
    'Local Trust MPE',
    '2023',
    S,
    'standard',
    '2015-01-01',
    'Service de la commande publique',
  ],
  [
    'Gestion du patrimoine',
    'services_techniques',
    'Carl Software',
    'Carl Source',
    '6.3',
    M,
    'standard',
    '2012-01-01',
    'Services techniques',
  ],
  [
    'Interventions techniques',
    'services_techniques',
    'Carl Software',
    'Carl Touch',
    '6.3',
    M,
    'standard',
    '2014-01-01',
    'Services techniques',
  ],
  ['Action sociale CCAS', 'social', 'Up', 'Millésime Action sociale', '2.7', M, 'important', '2012-01-01', 'CCAS'],
  [
    'Gestion des salles',
    'other',
    'Ciril GROUP',
    'Civil Net Réservations',
    '4.1',
    M,
    'standard',
    '2015-01-01',
    'Service vie associative',
  ],
  [
    'Site internet',
    'communication',
    'Entrouvert',
    'Combo',
    '9.0',
    S,
    'important',
    '2015-06-01',
    'Service communication',
  ],
  [
    'Intranet',
    'collaboration',
    'Jamespot',
    'Jamespot Intranet',
    '7',
    S,
    'standard',
    '2015-06-01',
    'Direction générale des services',
  ],
  [
    'Téléphonie',
    'infrastructure',
    'Alcatel-Lucent',
    'OmniPCX Enterprise',
    '12.4',
    M,
    'important',
    '2011-01-01',
    'Direction générale des services',
  ],
  [
    'Annuaire et authentification',
    'infrastructure',
    'Microsoft',
    'Active Directory',
    '2019',
    M,
    'important',
    '2010-01-01',
    'Direction générale des services',
  ],
  [
    'Gestion du temps',
    'rh',
    'Horoquartz',
    'eTemptation',
    '8.2',
    M,
    'standard',
    '2014-01-01',
    'Direction des ressources humaines',
  ],
  [
    'Entretiens annuels',
    'rh',
    'Ciril GROUP',
    'Civil Net Entretiens',
    '1.9',
    M,
    'standard',
    '2015-10-01',
    'Direction des ressources humaines',
  ],
  [
    'Contrôle d’accès des bâtiments',
    'services_techniques',
    'Synchronic',
    'Présence',
    '5.5',
    P,
    'standard',
    '2013-01-01',
    'Services techniques',
  ],
  ['Gestion des archives', 'other', 'Naoned', 'Mnesys', '5', S, 'standard', '2015-01-01', 'Archives municipales'],
  [
    'Billetterie culturelle',
    'other',
    'Supersoniks',
    'Festik',
    '3',
    S,
    'standard',
    '2014-09-01',
    "Service culturel – l'Ermitage",
  ],
  [
    'Stationnement',
    'police_municipale',
    'Logitud',
    'Stationnement PV électronique',
    '2.2',
    S,
    'standard',
    '2015-01-01',
    'Police municipale',
  ],
  [
    'Ancien logiciel de régie',
    'finances',
    'JVS-Mairistem',
    'Régie',
    '2.1',
    P,
    'standard',
    '2008-01-01',
    'Direction des finances',
    { status: 'retired', retiredOn: '2021-06-30' },
  ],
  [
    'Ancienne GED',
    'other',
    'Open Text',
    'Documentum',
    '6.7',
    M,
    'standard',
    '2010-01-01',
    'Secrétariat général',
    { status: 'retired', retiredOn: '2024-12-31' },
  ],
  // Added after the convention (not in the transferred inventory).
  [
    "Titres d'identité",
    'etat_civil',
    'ANTS',
    'Dispositif de recueil CNI et passeports',
    '2017',
    P,
    'important',
    '2017-03-01',
    'Service population',
  ],
  [
    'Parapheur électronique',
    'other',
    'Libriciel',
    'iParapheur',
    '5.1',
    M,
    'important',
    '2018-04-01',
    'Secrétariat général',
  ],
  ['Portail famille', 'education', 'Arpège', 'Espace citoyens', '4.0', S, 'important', '2019-09-01', 'Pôle enfance'],
  [
    'Visioconférence',
    'collaboration',
    'Jitsi',
    'Jitsi Meet',
    '2.0',
    M,
    'standard',
    '2020-04-01',
    'Direction générale des services',
  ],
  [
    'GED et coffre-fort',
    'other',
    'Berger-Levrault',
    'BL.GED',
    '4.2',
    S,
    'standard',
    '2025-01-01',
    'Secrétariat général',
  ],
  [
    'Gestion de la relation citoyen',
    'communication',
    'Publik',
    'GRU',
    '6.1',
    S,
    'important',
    '2021-03-01',
    'Service communication',
  ],
  [
    'Vidéoprotection',
    'police_municipale',
    'Genetec',
    'Security Center',
    '5.11',
    P,
    'important',
    '2026-11-01',
    'Police municipale',
    { status: 'being_transferred' },
  ],
];

const villedemo: Row[] = [
  [
    'État civil',
    'etat_civil',
    'JVS-Mairistem',
    'Horizon Villages État civil',
    '22',
    S,
    'critical',
    '2015-01-01',
    'Service état civil',
  ],
  [
    'Élections',
    'elections',
    'JVS-Mairistem',
    'Horizon Villages Élections',
    '22',
    S,
    'important',
    '2015-01-01',
    'Service élections',
  ],
  [
    'Finances',
    'finances',
    'JVS-Mairistem',
    'Horizon Villages Comptabilité',
    '22',
    S,
    'critical',
    '2015-01-01',
    'Service finances',
  ],
  ['Paie', 'rh', 'JVS-Mairistem', 'Horizon Villages Paie', '22', S, 'critical', '2015-01-01', 'Service RH'],
  [
    'Messagerie',
    'collaboration',
    'BlueMind',
    'BlueMind',
    '5.1',
    M,
    'critical',
    '2017-01-01',
    'Direction générale',
    { calendar: 'continuous' },
  ],
  ['Médiathèque', 'mediatheque', 'Bibliomondo', 'Portfolio', '7', S, 'standard', '2016-01-01', 'Médiathèque'],
  ['Urbanisme', 'urbanisme', 'GFI', 'Cart@ds', '4', M, 'important', '2016-01-01', 'Service urbanisme'],
  ['Cadastre', 'urbanisme', 'Géosphère', 'X’MAP', '3', S, 'standard', '2016-01-01', 'Service urbanisme'],
  ['Cantine et périscolaire', 'education', 'Aiga', 'iNoé', '5', S, 'important', '2016-09-01', 'Service scolaire'],
  ['Portail famille', 'education', 'Aiga', 'Kiosque famille', '5', S, 'standard', '2016-09-01', 'Service scolaire'],
  [
    'Police municipale',
    'police_municipale',
    'Logitud',
    'Municipol',
    '9.4',
    M,
    'important',
    '2017-01-01',
    'Police municipale',
  ],
  ['Cimetières', 'etat_civil', 'Gescime', 'Gescime', '6', S, 'standard', '2016-01-01', 'Service état civil'],
  ['Délibérations', 'other', 'Libriciel', 'Webdelib', '7', M, 'standard', '2018-01-01', 'Secrétariat général'],
  ['Parapheur', 'other', 'Libriciel', 'iParapheur', '5.1', M, 'standard', '2018-01-01', 'Secrétariat général'],
  ['Site internet', 'communication', 'Stratis', 'Ametys', '4.6', S, 'important', '2017-06-01', 'Communication'],
  ['Téléphonie', 'infrastructure', 'Mitel', 'MiVoice', '9', P, 'important', '2014-01-01', 'Direction générale'],
  [
    'Annuaire',
    'infrastructure',
    'Microsoft',
    'Active Directory',
    '2019',
    M,
    'important',
    '2014-01-01',
    'Direction générale',
  ],
  ['CCAS', 'social', 'Up', 'Millésime Action sociale', '2.7', M, 'standard', '2016-01-01', 'CCAS'],
  [
    'Services techniques',
    'services_techniques',
    'Atal',
    'Atal II',
    '8',
    S,
    'standard',
    '2017-01-01',
    'Services techniques',
  ],
  [
    'Réservation de salles',
    'other',
    'Ciril GROUP',
    'Civil Net Réservations',
    '4.1',
    M,
    'standard',
    '2017-01-01',
    'Vie associative',
  ],
  [
    'Marchés publics',
    'finances',
    'Achatpublic',
    'Achatpublic.com',
    '2022',
    S,
    'standard',
    '2016-01-01',
    'Commande publique',
  ],
  ['Archives', 'other', 'Arkhênum', 'Arkothèque', '3', S, 'standard', '2018-01-01', 'Archives'],
  ['Gestion du temps', 'rh', 'Kelio', 'Kelio Pro', '4', P, 'standard', '2016-01-01', 'Service RH'],
  ['Courrier', 'other', 'Libriciel', 'Web-GRC', '2', M, 'standard', '2017-01-01', 'Secrétariat général'],
  [
    'Recensement',
    'population',
    'JVS-Mairistem',
    'Horizon Villages Population',
    '22',
    S,
    'standard',
    '2015-01-01',
    'Service population',
  ],
  ['Intranet', 'collaboration', 'Jalios', 'JPlatform', '10', S, 'standard', '2018-06-01', 'Direction générale'],
  [
    'Vidéoprotection',
    'police_municipale',
    'Milestone',
    'XProtect',
    '2022',
    P,
    'standard',
    '2018-01-01',
    'Police municipale',
    { status: 'retired', retiredOn: '2023-12-31' },
  ],
  // Since the convention.
  [
    'Visioconférence',
    'collaboration',
    'BigBlueButton',
    'BigBlueButton',
    '2.7',
    M,
    'standard',
    '2020-04-01',
    'Direction générale',
  ],
  [
    'Gestion de la relation citoyen',
    'communication',
    'Publik',
    'GRU',
    '6.1',
    S,
    'important',
    '2022-01-01',
    'Communication',
  ],
];

/** Le Bouscat's demo portfolio: name, domain and date of entry into service (for tests). */
export function leBouscatPortfolio(): Array<{ name: string; domain: string; inServiceSince: string }> {
  return leBouscat.map(([name, domain, , , , , , since]) => ({ name, domain, inServiceSince: since }));
}

async function seedPortfolio(
  trx: Transaction<DB>,
  communeId: string,
  rows: Row[],
  baselineAsOf: string,
  baselineLabel: string,
  now: Date,
) {
  const at = now.toISOString();
  const values: ApplicationTable[] = rows.map(
    ([name, domain, vendor, product, version, hosting, criticality, since, owner, x]) => ({
      id: newId(now.getTime()),
      communeId,
      name,
      nameKey: nameKey(name),
      domain,
      vendor,
      product,
      version,
      hosting,
      criticality,
      outageCalendar: x?.calendar ?? 'business_hours',
      communeOwner: owner,
      providerOwner:
        criticality === 'critical' ? 'Direction des infrastructures et de la production' : 'Pôle applications métiers',
      maintenanceEndsOn: x?.maintenanceEndsOn ?? (x?.status === 'retired' ? null : `${2027 + (name.length % 3)}-12-31`),
      status: x?.status ?? 'in_service',
      inServiceSince: since,
      retiredOn: x?.retiredOn ?? null,
      notes: 'Données de démonstration reconstituées.',
      reconstructed: 1,
      createdAt: at,
      updatedAt: at,
    }),
  );
  await trx.insertInto('applications').values(values).execute();
  await trx
    .insertInto('applicationHistory')
    .values(
      values.map((v) => ({
        id: newId(now.getTime()),
        communeId,
        applicationId: v.id,
        at,
        actorId: null,
        actorLabel: 'system',
        kind: 'created' as const,
        changes: JSON.stringify({ name: [null, v.name], criticality: [null, v.criticality], status: [null, v.status] }),
      })),
    )
    .execute();
  await insertBaseline(
    trx,
    communeId,
    {
      asOf: baselineAsOf,
      label: baselineLabel,
      items: values.filter((v) => v.inServiceSince! <= baselineAsOf).map((v) => ({ name: v.name, domain: v.domain })),
    },
    'convention_annex',
    1,
    now,
  );
}

/** The portfolios and their transferred inventories (a small seed). */
export async function seedApplications(trx: Transaction<DB>, org: DemoOrgLike, ctx: { now(): Date }): Promise<void> {
  const now = ctx.now();
  await seedPortfolio(
    trx,
    org.communes.leBouscat,
    leBouscat,
    '2016-02-15',
    'Inventaire du parc applicatif transféré annexé à la convention (reconstitué)',
    now,
  );
  await seedPortfolio(
    trx,
    org.communes.villedemo,
    villedemo,
    '2019-03-01',
    'Inventaire du parc applicatif transféré annexé à la convention (reconstitué)',
    now,
  );
}

/** mulberry32: a small deterministic PRNG for the demo. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const causes = [
  'Saturation du stockage du serveur applicatif',
  'Certificat TLS expiré sur le frontal',
  "Mise à jour de l'éditeur défaillante, retour arrière",
  'Panne du lien réseau vers le datacentre métropolitain',
  'Base de données verrouillée après une sauvegarde',
  "Incident chez l'éditeur (SaaS)",
  'Service applicatif arrêté après redémarrage du serveur',
  'Licence expirée',
];

/**
 * Outages matching the generated P1 incidents of the last two years: each P1 incident is an outage
 * of a critical application (most) or an important one, starting a few minutes before the call.
 */
export async function seedOutages(trx: Transaction<DB>, org: DemoOrgLike, ctx: { now(): Date }): Promise<void> {
  const now = ctx.now();
  const since = new Date(now.getTime() - 2 * 365.25 * 86_400_000).toISOString();
  for (const [i, communeId] of [org.communes.leBouscat, org.communes.villedemo].entries()) {
    const r = rng(1515 + i);
    const apps = await trx
      .selectFrom('applications')
      .select(['id', 'criticality', 'inServiceSince', 'retiredOn', 'status'])
      .where('communeId', '=', communeId)
      .where('status', '!=', 'being_transferred')
      .execute();
    const critical = apps.filter((a) => a.criticality === 'critical');
    const important = apps.filter((a) => a.criticality === 'important');
    const tickets = await trx
      .selectFrom('tickets')
      .select(['id', 'createdAt', 'acknowledgedAt', 'resolvedAt'])
      .where('communeId', '=', communeId)
      .where('type', '=', 'incident')
      .where('priority', '=', 'P1')
      .where('createdAt', '>=', since)
      .orderBy('createdAt')
      .execute();
    const rows = [];
    for (const t of tickets) {
      const day = t.createdAt.slice(0, 10);
      const live = (a: (typeof apps)[number]) =>
        (a.inServiceSince ?? '') <= day && (a.retiredOn === null || a.retiredOn > day);
      const pool = (r() < 0.75 ? critical : important).filter(live);
      if (pool.length === 0) continue;
      const app = pool[Math.floor(r() * pool.length)]!;
      const created = Date.parse(t.createdAt);
      const started = new Date(created - Math.round((3 + r() * 40) * 60_000)).toISOString();
      rows.push({
        id: newId(created),
        communeId,
        applicationId: app.id,
        startedAt: started,
        intervenedAt: t.acknowledgedAt,
        restoredAt: t.resolvedAt,
        cause: causes[Math.floor(r() * causes.length)]!,
        summary: 'Panne signalée par un incident P1 (reconstituée)',
        ticketId: t.id,
        source: 'demo' as const,
        alertKey: null,
        alertName: null,
        notifications: 0,
        lastNotifiedAt: null,
        reconstructed: 1,
        createdAt: started,
        updatedAt: t.resolvedAt ?? started,
      });
    }
    for (let k = 0; k < rows.length; k += 200)
      await trx
        .insertInto('outages')
        .values(rows.slice(k, k + 200))
        .execute();
  }
}
