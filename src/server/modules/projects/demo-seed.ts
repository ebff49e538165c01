import { DateTime } from 'luxon';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { AppContext } from '../../context';
import { DEMO_PASSWORD, type DemoOrg } from '../../demo/organisation';
import { hashPassword } from '../auth';
import { newId } from '../../lib/ids';
import { defaultPhases, type ProjectKind, type ProjectStatus, type ProjectTeam } from '../../../shared/projects';

/**
 * Demo data of the digital plan and its projects — RECONSTRUCTED: the reference gives only "Oui :
 * 2014 - 2019" for Le Bouscat's plan and "3 projets réalisés sur 3 sur 2015"; the plans' versions,
 * the projects, their person-days and the time entries below are generated (deterministic) so
 * that 1.1.1, 2.1.1 and 2.1.2 have values for every past year.
 *
 * Le Bouscat: "Schéma numérique communal 2014-2019" adopted in March 2014 and revised each
 * December, then a rolling three-year plan from December 2019 revised each December; about ten
 * projects a year, some late, moved to the next year or dropped. Villedemo: a 2019-2021 plan,
 * then a rolling plan adopted in December 2021 whose 2022 revision was missed.
 */

/** sfc32 seeded through splitmix32 (deterministic). */
function rng(seed: number) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

const catalogue: Array<[string, ProjectKind, ProjectTeam]> = [
  ['Portail citoyen et démarches en ligne', 'commune', 'applications'],
  ['Gestion électronique du courrier', 'commune', 'applications'],
  ['Wifi public dans les équipements culturels', 'commune', 'infrastructure'],
  ['Téléphonie sur IP des sites municipaux', 'collective', 'infrastructure'],
  ['Dématérialisation des actes (@ctes)', 'metropolitan', 'applications'],
  ['Parapheur électronique', 'collective', 'applications'],
  ['Renouvellement des serveurs de la mairie', 'commune', 'infrastructure'],
  ['Équipement numérique des écoles élémentaires', 'commune', 'support'],
  ['Logiciel de gestion de la médiathèque', 'commune', 'applications'],
  ['Vidéoprotection : raccordement fibre', 'metropolitan', 'infrastructure'],
  ['Facturation électronique (Chorus Pro)', 'metropolitan', 'applications'],
  ['Migration de la messagerie', 'collective', 'infrastructure'],
  ['Gestion de la relation citoyen', 'commune', 'applications'],
  ['Paiement en ligne des services périscolaires', 'commune', 'applications'],
  ['Sauvegarde externalisée', 'collective', 'infrastructure'],
  ['Système d’information géographique', 'metropolitan', 'applications'],
  ['Réservation des salles municipales en ligne', 'commune', 'applications'],
  ['Postes de travail : migration du système', 'collective', 'support'],
  ['Archivage électronique', 'collective', 'applications'],
  ['Conformité RGPD : registre et mesures', 'collective', 'applications'],
  ['Tablettes pour les élus (conseil sans papier)', 'commune', 'support'],
  ['Gestion des ressources humaines : nouveau logiciel', 'commune', 'applications'],
  ['Réseau des sites distants (fibre)', 'metropolitan', 'infrastructure'],
  ['Bornes d’accueil numériques', 'commune', 'support'],
  ['Gestion des marchés publics', 'collective', 'applications'],
  ['Supervision du système d’information', 'collective', 'infrastructure'],
  ['Open data : publication des jeux de données', 'metropolitan', 'applications'],
  ['Inscriptions scolaires en ligne', 'commune', 'applications'],
  ['Plan de continuité informatique', 'collective', 'infrastructure'],
  ['Formation numérique des agents', 'commune', 'support'],
];

const phaseAt = (start: string, goLive: string, done: boolean) =>
  defaultPhases.map((p, i) => {
    const s = DateTime.fromISO(start);
    const span = Math.max(1, DateTime.fromISO(goLive).diff(s, 'days').days);
    return {
      key: p.key,
      label: p.label,
      status: done ? 'done' : 'todo',
      start: s.plus({ days: Math.floor((span * i) / 7) }).toISODate()!,
      end: s.plus({ days: Math.floor((span * (i + 1)) / 7) }).toISODate()!,
    };
  });

interface Plan {
  title: string;
  versions: Array<{ startYear: number; endYear: number; approvedOn: string; changes: string; committee: string }>;
}

interface GenProject {
  id: string;
  title: string;
  kind: ProjectKind;
  team: ProjectTeam;
  year: number;
  priority: number;
  plannedStart: string;
  plannedGoLive: string;
  /** Final state. */
  status: ProjectStatus;
  goLiveOn: string | null;
  plannedYear: number;
  /** When it was moved to the next year / dropped (its schedule changes from then on). */
  movedOn: string | null;
  droppedOn: string | null;
  plannedDays: number;
  actualFactor: number;
  workUntil: string;
}

function plansFor(key: 'leBouscat' | 'villedemo', today: string, thisYear: number): Plan[] {
  const csc = 'Comité numérique stratégique communal';
  if (key === 'leBouscat') {
    const a: Plan = {
      title: 'Schéma numérique communal 2014-2019',
      versions: [
        {
          startYear: 2014,
          endYear: 2019,
          approvedOn: '2014-03-24',
          changes: 'Adoption du schéma par le conseil municipal',
          committee: 'Conseil municipal',
        },
      ],
    };
    for (let y = 2014; y <= 2018; y++)
      a.versions.push({
        startYear: 2014,
        endYear: 2019,
        approvedOn: `${y}-12-${10 + (y % 5)}`,
        changes: `Revue annuelle : bilan ${y}, programmation ${y + 1}, projets reportés ou abandonnés`,
        committee: csc,
      });
    const b: Plan = { title: 'Schéma numérique communal (glissant sur 3 ans)', versions: [] };
    for (let y = 2019; y <= thisYear; y++) {
      const approvedOn = `${y}-12-${10 + (y % 6)}`;
      if (approvedOn > today) break;
      b.versions.push({
        startYear: y + 1,
        endYear: y + 3,
        approvedOn,
        changes:
          y === 2019
            ? 'Nouveau schéma : horizon glissant de trois ans, revu chaque année'
            : `Revue annuelle : bilan ${y}, programmation ${y + 1} à ${y + 3}`,
        committee: csc,
      });
    }
    return [a, b];
  }
  const a: Plan = {
    title: 'Schéma numérique communal 2019-2021',
    versions: [
      {
        startYear: 2019,
        endYear: 2021,
        approvedOn: '2018-11-26',
        changes: 'Adoption',
        committee: 'Conseil municipal',
      },
      { startYear: 2019, endYear: 2021, approvedOn: '2019-11-25', changes: 'Revue annuelle 2019', committee: csc },
      { startYear: 2019, endYear: 2021, approvedOn: '2020-11-30', changes: 'Revue annuelle 2020', committee: csc },
    ],
  };
  const b: Plan = {
    title: 'Schéma directeur numérique',
    versions: [
      {
        startYear: 2022,
        endYear: 2024,
        approvedOn: '2021-12-13',
        changes: 'Nouveau schéma sur trois ans',
        committee: 'Conseil municipal',
      },
    ],
  };
  // No revision in 2022 (the committee did not meet); yearly in June from 2023.
  for (let y = 2023; y <= thisYear; y++) {
    const approvedOn = `${y}-06-${12 + (y % 7)}`;
    if (approvedOn > today) break;
    b.versions.push({
      startYear: y,
      endYear: y + 2,
      approvedOn,
      changes: `Revue annuelle ${y} : programmation ${y} à ${y + 2}`,
      committee: csc,
    });
  }
  return [a, b];
}

function projectsFor(
  key: 'leBouscat' | 'villedemo',
  firstYear: number,
  today: string,
  thisYear: number,
  at: number,
): GenProject[] {
  const r = rng(key === 'leBouscat' ? 33069 : 99001);
  const out: GenProject[] = [];
  let n = key === 'leBouscat' ? 0 : 11;
  for (let year = firstYear; year <= thisYear + 1; year++) {
    const count = key === 'leBouscat' ? 9 + Math.floor(r() * 3) : 5 + Math.floor(r() * 3);
    for (let i = 0; i < count; i++) {
      const [base, kind, team] = catalogue[n++ % catalogue.length]!;
      const round = Math.floor((n - 1) / catalogue.length);
      const title = round ? `${base} (phase ${round + 1})` : base;
      const startMonth = 1 + Math.floor(r() * 6);
      const plannedStart = DateTime.fromObject({ year, month: startMonth, day: 1 }).toISODate()!;
      const goLiveMonth = Math.min(12, startMonth + 3 + Math.floor(r() * 6));
      const plannedGoLive = DateTime.fromObject({ year, month: goLiveMonth, day: 1 }).endOf('month').toISODate()!;
      const roll = r();
      const plannedDays = 8 + Math.floor(r() * 30);
      let status: ProjectStatus = 'planned';
      let goLiveOn: string | null = null;
      let plannedYear = year;
      let movedOn: string | null = null;
      let droppedOn: string | null = null;
      let workUntil = plannedGoLive;
      const slip = Math.floor(r() * 40) - 20;
      if (year < thisYear || plannedGoLive < today) {
        if (roll < 0.68) {
          status = 'delivered';
          const d = DateTime.fromISO(plannedGoLive).plus({ days: slip });
          goLiveOn = (d.year > year ? DateTime.fromObject({ year, month: 12, day: 18 }) : d).toISODate()!;
        } else if (roll < 0.8) {
          // Late: went live the next year.
          status = 'delivered';
          goLiveOn = DateTime.fromObject({ year: year + 1, month: 2 + Math.floor(r() * 4), day: 15 }).toISODate()!;
        } else if (roll < 0.9) {
          // Moved to the next year at the autumn review, delivered then.
          plannedYear = year + 1;
          movedOn = `${year}-09-15`;
          status = 'delivered';
          goLiveOn = DateTime.fromObject({ year: year + 1, month: 4 + Math.floor(r() * 6), day: 30 }).toISODate()!;
        } else {
          status = 'dropped';
          droppedOn = `${year}-10-01`;
          workUntil = droppedOn;
        }
        if (goLiveOn) workUntil = goLiveOn;
        if (goLiveOn && goLiveOn > today) {
          status = 'in_progress';
          goLiveOn = null;
          workUntil = today;
        }
        if (droppedOn && droppedOn > today) {
          status = 'in_progress';
          droppedOn = null;
          workUntil = today;
        }
      } else if (plannedStart <= today) {
        status = 'in_progress';
        workUntil = today;
      }
      out.push({
        id: newId(at),
        title,
        kind,
        team,
        year,
        priority: 1 + Math.floor(r() * 3),
        plannedStart,
        plannedGoLive,
        status,
        goLiveOn,
        plannedYear,
        movedOn,
        droppedOn,
        plannedDays,
        actualFactor: 0.8 + r() * 0.45,
        workUntil: workUntil < today ? workUntil : today,
      });
    }
  }
  return out;
}

async function insertMany<T extends keyof DB>(trx: Transaction<DB>, table: T, rows: unknown[]) {
  for (let i = 0; i < rows.length; i += 400)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 400) as never)
      .execute();
}

/** Demo seed (bulk): plans, projects, planned load and time entries for both demo communes. */
export async function seedProjects(trx: Transaction<DB>, org: DemoOrg, ctx: AppContext): Promise<void> {
  const now = ctx.now();
  const at = now.getTime();
  const atIso = now.toISOString();
  const todayDt = DateTime.fromJSDate(now, { zone: 'Europe/Paris' });
  const today = todayDt.toISODate()!;
  const thisYear = todayDt.year;
  const hash = await hashPassword(DEMO_PASSWORD);
  const byEmail = async (email: string) =>
    (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())?.id ?? null;
  // Reconstructed people: the applications team member and Villedemo's project owner.
  const extra = [
    { email: 'applications@mutualis.test', name: 'Inès Applicatif (équipe applications)', communeId: null },
    {
      email: 'projets@villedemo.test',
      name: 'Valentin Projet (maîtrise d’usage)',
      communeId: org.communes.villedemo,
    },
  ];
  for (const p of extra) {
    if (await byEmail(p.email)) continue;
    const id = newId(at);
    await trx
      .insertInto('users')
      .values({
        id,
        email: p.email,
        name: p.name,
        passwordHash: hash,
        communeId: p.communeId,
        entityId: null,
        roles: JSON.stringify(p.communeId ? ['project_owner'] : ['technician']),
        phone: null,
        locale: 'fr',
        active: 1,
        createdAt: atIso,
        updatedAt: atIso,
      })
      .execute();
    if (!p.communeId)
      for (const c of Object.values(org.communes))
        await trx.insertInto('assignments').values({ userId: id, communeId: c, createdAt: atIso }).execute();
  }
  const staff: Record<ProjectTeam, string | null> = {
    applications: await byEmail('applications@mutualis.test'),
    infrastructure: await byEmail('technicien@mutualis.test'),
    support: (await byEmail('chef-accueil@mutualis.test')) ?? (await byEmail('accueil@mutualis.test')),
    pmo: (await byEmail('projets@mutualis.test')) ?? (await byEmail('contrats@mutualis.test')),
  };
  const providerOwner = staff.pmo;

  for (const key of ['leBouscat', 'villedemo'] as const) {
    const communeId = org.communes[key];
    const owner = await byEmail(key === 'leBouscat' ? 'projets@le-bouscat.test' : 'projets@villedemo.test');
    const firstYear = key === 'leBouscat' ? 2014 : 2019;
    const projects = projectsFor(key, firstYear, today, thisYear, at);
    await insertMany(
      trx,
      'projects',
      projects.map((p) => ({
        id: p.id,
        communeId,
        title: p.title,
        description: 'Projet reconstitué pour la démonstration.',
        kind: p.kind,
        status: p.status,
        plannedYear: p.plannedYear,
        priority: p.priority,
        plannedStart: p.plannedStart,
        plannedGoLive: p.plannedGoLive,
        goLiveOn: p.goLiveOn,
        communeOwnerId: owner,
        providerOwnerId: providerOwner,
        phases: JSON.stringify(phaseAt(p.plannedStart, p.plannedGoLive, p.status === 'delivered')),
        milestones: JSON.stringify([
          { label: 'Lancement', date: p.plannedStart, reached: p.plannedStart <= today },
          { label: 'Mise en service', date: p.plannedGoLive, reached: p.goLiveOn !== null },
        ]),
        risks: JSON.stringify(
          p.status === 'dropped' ? [{ text: 'Financement non confirmé au budget', level: 'high' }] : [],
        ),
        createdAt: atIso,
        updatedAt: atIso,
      })),
    );

    // Plans and what each version scheduled, as the projects stood on the approval day.
    for (const plan of plansFor(key, today, thisYear)) {
      const planId = newId(at);
      await trx
        .insertInto('digitalPlans')
        .values({ id: planId, communeId, title: plan.title, createdBy: null, createdAt: atIso })
        .execute();
      const schedule: unknown[] = [];
      let version = 0;
      for (const v of plan.versions) {
        const versionId = newId(at);
        await trx
          .insertInto('digitalPlanVersions')
          .values({
            id: versionId,
            planId,
            communeId,
            version: ++version,
            startYear: v.startYear,
            endYear: v.endYear,
            approvedOn: v.approvedOn,
            approvedBy: 'Conseil municipal',
            committee: v.committee,
            changes: v.changes,
            createdBy: null,
            createdAt: atIso,
          })
          .execute();
        for (const p of projects) {
          if (p.droppedOn && p.droppedOn <= v.approvedOn) continue;
          const year = p.movedOn && p.movedOn <= v.approvedOn ? p.plannedYear : p.year;
          if (year < v.startYear || year > v.endYear) continue;
          // A project delivered before the revision stays on it only for its own year.
          if (p.goLiveOn && p.goLiveOn < `${v.startYear}-01-01`) continue;
          schedule.push({ id: newId(at), versionId, communeId, projectId: p.id, year, priority: p.priority });
        }
      }
      await insertMany(trx, 'digitalPlanSchedule', schedule);
    }

    // Planned load (80 % the project's team, 20 % project management) and weekly time entries.
    const load: unknown[] = [];
    const entries: unknown[] = [];
    const days: unknown[] = [];
    const r = rng(key === 'leBouscat' ? 2014 : 2019);
    for (const p of projects) {
      const start = DateTime.fromISO(p.plannedStart);
      const end = DateTime.fromISO(p.plannedGoLive);
      const months: string[] = [];
      for (let m = start.startOf('month'); m <= end; m = m.plus({ months: 1 })) months.push(m.toFormat('yyyy-MM'));
      const split: Array<[ProjectTeam, number]> = [
        [p.team, 0.8],
        ['pmo', 0.2],
      ];
      for (const [team, share] of split) {
        const per = Math.round(((p.plannedDays * share) / months.length) * 4) / 4;
        if (per <= 0) continue;
        for (const month of months) load.push({ id: newId(at), communeId, projectId: p.id, month, team, days: per });
      }
      if (p.status === 'planned' || p.workUntil < p.plannedStart) continue;
      const until = DateTime.fromISO(p.workUntil);
      const weeks: DateTime[] = [];
      for (let w = start.startOf('week'); w <= until; w = w.plus({ weeks: 1 })) weeks.push(w);
      if (!weeks.length) continue;
      const plannedWeeks = Math.max(1, Math.ceil(end.diff(start, 'weeks').weeks));
      for (const [team, share] of split) {
        const userId = staff[team];
        if (!userId) continue;
        const perWeek = Math.min(4, (p.plannedDays * share * p.actualFactor) / plannedWeeks);
        let carry = 0;
        for (const w of weeks) {
          carry += perWeek;
          const total = Math.floor(carry * 4) / 4;
          if (total <= 0) continue;
          carry -= total;
          const weekStart = w.toISODate()!;
          if (weekStart > today) break;
          const amounts = [0, 0, 0, 0, 0, 0, 0];
          let left = total;
          for (let d = (p.title.length + weekStart.charCodeAt(9)) % 5, k = 0; left > 0 && k < 5; d = (d + 1) % 5, k++) {
            const x = Math.min(1, left);
            amounts[d] = x;
            left -= x;
          }
          const recent = w.plus({ days: 14 }).toISODate()! > today;
          const rejected = !recent && r() < 0.03;
          const status = recent ? 'submitted' : rejected ? 'rejected' : 'approved';
          const id = newId(at);
          entries.push({
            id,
            communeId,
            projectId: p.id,
            userId,
            team,
            weekStart,
            totalDays: total,
            comment: null,
            status,
            decidedBy: recent ? null : owner,
            decidedAt: recent ? null : w.plus({ days: 8 }).toUTC().toISO(),
            decisionComment: rejected ? 'Temps imputé sur le mauvais projet : à ressaisir' : null,
            createdAt: w.plus({ days: 4, hours: 16 }).toUTC().toISO(),
          });
          amounts.forEach((x, i) => {
            if (x > 0)
              days.push({
                id: newId(at),
                entryId: id,
                communeId,
                projectId: p.id,
                team,
                workDate: w.plus({ days: i }).toISODate()!,
                days: x,
                status,
              });
          });
        }
      }
    }
    await insertMany(trx, 'projectPlannedLoad', load);
    await insertMany(trx, 'projectTimeEntries', entries);
    await insertMany(trx, 'projectTimeDays', days);
  }
}
