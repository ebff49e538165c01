import type { z } from 'zod';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/schema';
import { authorize, can, type Actor } from '../../access/actor';
import { scoped, unscoped } from '../../db/scope';
import { conflict, forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { projectTeams, type ProjectStatus } from '../../../shared/projects';
import { readPhaseList } from './settings';
import { isLate, isMonday, monthsFromTo, roundDays, weekDates } from './domain';
import * as R from './repo';
import type * as S from './schemas';
import type { ProjectsTable } from './tables';

type Person = { id: string; name: string } | null;

function parisToday(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).toISODate()!;
}

const person = (names: Map<string, string>, id: string | null): Person =>
  id ? { id, name: names.get(id) ?? id } : null;

// ---------------------------------------------------------------- digital plans

/** A commune's digital plans with their versions (latest first), each with the projects it scheduled. */
export async function listPlans(ctx: AppContext, actor: Actor, communeId: string) {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'projects.read');
  return plansOf(ctx.db, actor, communeId);
}

async function plansOf(db: Executor, actor: Actor, communeId: string) {
  const s = scoped(db, actor);
  const plans = await s
    .selectFrom('digitalPlans')
    .selectAll()
    .where('communeId', '=', communeId)
    .orderBy('createdAt', 'desc')
    .execute();
  const versions = await s
    .selectFrom('digitalPlanVersions')
    .selectAll()
    .where('communeId', '=', communeId)
    .orderBy('approvedOn', 'desc')
    .orderBy('version', 'desc')
    .execute();
  const schedule = await s
    .selectFrom('digitalPlanSchedule as s')
    .innerJoin('projects as p', 'p.id', 's.projectId')
    .select(['s.versionId', 's.projectId', 'p.title', 's.year', 's.priority'])
    .where('s.communeId', '=', communeId)
    .orderBy('s.year')
    .orderBy('s.priority')
    .orderBy('p.title')
    .execute();
  const names = await R.peopleNames(
    unscoped(db, 'names of the people who recorded plan versions'),
    versions.map((v) => v.createdBy),
  );
  const items = plans
    .map((p) => {
      const vs = versions
        .filter((v) => v.planId === p.id)
        .map((v) => ({
          id: v.id,
          planId: v.planId,
          version: Number(v.version),
          startYear: Number(v.startYear),
          endYear: Number(v.endYear),
          approvedOn: v.approvedOn,
          approvedBy: v.approvedBy,
          committee: v.committee,
          changes: v.changes,
          scheduled: schedule
            .filter((x) => x.versionId === v.id)
            .map((x) => ({
              projectId: x.projectId,
              title: x.title,
              year: Number(x.year),
              priority: Number(x.priority),
            })),
          createdBy: person(names, v.createdBy),
          createdAt: v.createdAt,
        }));
      const latest = vs[0];
      return latest
        ? {
            id: p.id,
            communeId: p.communeId,
            title: p.title,
            startYear: latest.startYear,
            endYear: latest.endYear,
            lastApprovedOn: latest.approvedOn,
            versions: vs,
            createdAt: p.createdAt,
          }
        : null;
    })
    .filter((p): p is NonNullable<typeof p> => p !== null)
    .sort((a, b) => (a.lastApprovedOn < b.lastApprovedOn ? 1 : a.lastApprovedOn > b.lastApprovedOn ? -1 : 0));
  return { items, total: items.length };
}

/**
 * Records a plan version: a new plan (version 1) or a revision of an existing one. The projects
 * the commune currently schedules within the version's horizon (not dropped) are frozen into
 * the version with their year and priority: 2.1.2 measures delivery against that.
 */
export async function createPlanVersion(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: z.infer<typeof S.planCreate>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'projects.manage');
  const problems: Array<{ field: string; message: string }> = [];
  if (input.endYear < input.startYear) problems.push({ field: 'endYear', message: 'Ends before it starts.' });
  if (input.endYear - input.startYear > 9) problems.push({ field: 'endYear', message: 'At most ten years.' });
  if (!input.planId && !input.title) problems.push({ field: 'title', message: 'A new plan needs a title.' });
  if (!DateTime.fromISO(input.approvedOn).isValid) problems.push({ field: 'approvedOn', message: 'Not a date.' });
  if (problems.length) throw invalid(problems);
  const now = ctx.now();
  const at = now.toISOString();
  const createdBy = actor.kind === 'user' ? actor.id : null;
  await ctx.db.transaction().execute(async (trx) => {
    const s = scoped(trx, actor);
    let planId = input.planId;
    let version = 1;
    if (planId) {
      const plan = await s
        .selectFrom('digitalPlans')
        .select('id')
        .where('id', '=', planId)
        .where('communeId', '=', communeId)
        .executeTakeFirst();
      if (!plan) throw invalid('planId', 'No such plan in this commune.');
      const last = await s
        .selectFrom('digitalPlanVersions')
        .select(['version', 'approvedOn'])
        .where('planId', '=', planId)
        .orderBy('version', 'desc')
        .executeTakeFirst();
      if (last && last.approvedOn > input.approvedOn)
        throw invalid('approvedOn', `The previous version was approved on ${last.approvedOn}.`);
      version = (last ? Number(last.version) : 0) + 1;
    } else {
      planId = newId(now.getTime());
      await trx
        .insertInto('digitalPlans')
        .values({ id: planId, communeId, title: input.title!, createdBy, createdAt: at })
        .execute();
    }
    const versionId = newId(now.getTime());
    await trx
      .insertInto('digitalPlanVersions')
      .values({
        id: versionId,
        planId,
        communeId,
        version,
        startYear: input.startYear,
        endYear: input.endYear,
        approvedOn: input.approvedOn,
        approvedBy: input.approvedBy,
        committee: input.committee ?? null,
        changes: input.changes,
        createdBy,
        createdAt: at,
      })
      .execute();
    const projects = await s
      .selectFrom('projects')
      .select(['id', 'plannedYear', 'priority'])
      .where('communeId', '=', communeId)
      .where('status', '!=', 'dropped')
      .where('plannedYear', '>=', input.startYear)
      .where('plannedYear', '<=', input.endYear)
      .execute();
    if (projects.length)
      await trx
        .insertInto('digitalPlanSchedule')
        .values(
          projects.map((p) => ({
            id: newId(now.getTime()),
            versionId,
            communeId,
            projectId: p.id,
            year: Number(p.plannedYear),
            priority: Number(p.priority),
          })),
        )
        .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'digital_plan.version_recorded',
        targetType: 'digital_plan',
        targetId: planId,
        communeId,
        changes: { version, startYear: input.startYear, endYear: input.endYear, scheduled: projects.length },
      },
      now,
    );
  });
  const plans = await plansOf(ctx.db, actor, communeId);
  return plans.items.find((p) => p.versions.some((v) => v.approvedOn === input.approvedOn && v.createdAt === at))!;
}

// ---------------------------------------------------------------- projects

type ProjectRow = ProjectsTable;

function presentProject(
  p: ProjectRow,
  names: Map<string, string>,
  totals: Map<string, { planned: number; actual: number }>,
  today: string,
) {
  const t = totals.get(p.id) ?? { planned: 0, actual: 0 };
  return {
    id: p.id,
    communeId: p.communeId,
    title: p.title,
    description: p.description,
    kind: p.kind,
    status: p.status,
    late: isLate(p, today),
    plannedYear: p.plannedYear === null ? null : Number(p.plannedYear),
    priority: Number(p.priority),
    plannedStart: p.plannedStart,
    plannedGoLive: p.plannedGoLive,
    goLiveOn: p.goLiveOn,
    communeOwner: person(names, p.communeOwnerId),
    providerOwner: person(names, p.providerOwnerId),
    plannedDays: roundDays(t.planned),
    actualDays: roundDays(t.actual),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** A commune's projects, by scheduled year, status and kind. */
export async function listProjects(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  query: z.infer<typeof S.projectListQuery>,
) {
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  authorize(actor, 'projects.read');
  let q = s.selectFrom('projects').selectAll().where('communeId', '=', communeId);
  if (query.year !== undefined) q = q.where('plannedYear', '=', query.year);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.kind) q = q.where('kind', '=', query.kind);
  const rows = await q.orderBy('plannedYear', 'desc').orderBy('priority').orderBy('title').execute();
  const db = unscoped(ctx.db, 'names and totals of projects read through the scope');
  const names = await R.peopleNames(
    db,
    rows.flatMap((r) => [r.communeOwnerId, r.providerOwnerId]),
  );
  const totals = await R.projectTotals(
    db,
    rows.map((r) => r.id),
  );
  const today = parisToday(ctx.now());
  const items = rows.map((r) => presentProject(r, names, totals, today));
  return { items, total: items.length };
}

async function checkOwners(
  db: Executor,
  communeId: string,
  input: { communeOwnerId?: string | null; providerOwnerId?: string | null },
) {
  const problems: Array<{ field: string; message: string }> = [];
  const u = unscoped(db, 'owners are checked against their side: provider staff are in no commune');
  if (input.communeOwnerId) {
    const f = await R.userFacts(u, input.communeOwnerId);
    if (!f || !f.active || f.communeId !== communeId)
      problems.push({ field: 'communeOwnerId', message: 'Not an active user of this commune.' });
  }
  if (input.providerOwnerId) {
    const f = await R.userFacts(u, input.providerOwnerId);
    if (!f || !f.active || f.communeId !== null)
      problems.push({ field: 'providerOwnerId', message: 'Not an active member of the provider staff.' });
  }
  if (problems.length) throw invalid(problems);
}

/** Creates a project of the commune, with the annex's default phases. */
export async function createProject(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: z.infer<typeof S.projectCreate>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'projects.manage');
  await checkOwners(ctx.db, communeId, input);
  const now = ctx.now();
  const at = now.toISOString();
  const id = newId(now.getTime());
  const phases = await readPhaseList(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('projects')
      .values({
        id,
        communeId,
        title: input.title,
        description: input.description ?? null,
        kind: input.kind,
        status: input.status ?? 'planned',
        plannedYear: input.plannedYear ?? null,
        priority: input.priority ?? 2,
        plannedStart: input.plannedStart ?? null,
        plannedGoLive: input.plannedGoLive ?? null,
        goLiveOn: null,
        communeOwnerId: input.communeOwnerId ?? null,
        providerOwnerId: input.providerOwnerId ?? null,
        phases: JSON.stringify(phases.map((p) => ({ ...p, status: 'todo', start: null, end: null }))),
        milestones: '[]',
        risks: '[]',
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await recordAudit(
      trx,
      actor,
      { action: 'project.created', targetType: 'project', targetId: id, communeId, changes: { title: input.title } },
      now,
    );
  });
  return getProject(ctx, actor, id);
}

async function projectRow(db: Executor, actor: Actor, id: string): Promise<ProjectRow> {
  const row = await scoped(db, actor).selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('project');
  return row;
}

/** A project with its phases, planned load, recorded time per month and schedule history. */
export async function getProject(ctx: AppContext, actor: Actor, id: string) {
  const p = await projectRow(ctx.db, actor, id);
  authorize(actor, 'projects.read');
  const s = scoped(ctx.db, actor);
  const db = unscoped(ctx.db, 'names and totals of a project read through the scope');
  const names = await R.peopleNames(db, [p.communeOwnerId, p.providerOwnerId]);
  const totals = await R.projectTotals(db, [p.id]);
  const load = await s
    .selectFrom('projectPlannedLoad')
    .select(['month', 'team', 'days'])
    .where('projectId', '=', id)
    .orderBy('month')
    .orderBy('team')
    .execute();
  const month = (d: string) => d.slice(0, 7);
  const days = await s
    .selectFrom('projectTimeDays as d')
    .innerJoin('projectTimeEntries as e', 'e.id', 'd.entryId')
    .select(['d.workDate', 'd.team', 'd.days', 'e.status'])
    .where('d.projectId', '=', id)
    .where('e.status', '!=', 'rejected')
    .execute();
  const byMonth = new Map<string, { month: string; team: string; days: number; submitted: number }>();
  for (const d of days) {
    const k = `${month(d.workDate)}|${d.team}`;
    const v = byMonth.get(k) ?? { month: month(d.workDate), team: d.team, days: 0, submitted: 0 };
    if (d.status === 'approved') v.days += Number(d.days);
    else v.submitted += Number(d.days);
    byMonth.set(k, v);
  }
  const history = await s
    .selectFrom('digitalPlanSchedule as s')
    .innerJoin('digitalPlanVersions as v', 'v.id', 's.versionId')
    .innerJoin('digitalPlans as p', 'p.id', 'v.planId')
    .select(['s.versionId', 'p.title as planTitle', 'v.version', 'v.approvedOn', 's.year', 's.priority'])
    .where('s.projectId', '=', id)
    .orderBy('v.approvedOn')
    .execute();
  return {
    ...presentProject(p, names, totals, parisToday(ctx.now())),
    phases: JSON.parse(p.phases) as NonNullable<z.infer<typeof S.projectPatch>['phases']>,
    milestones: JSON.parse(p.milestones) as NonNullable<z.infer<typeof S.projectPatch>['milestones']>,
    risks: JSON.parse(p.risks) as NonNullable<z.infer<typeof S.projectPatch>['risks']>,
    plannedLoad: load.map((l) => ({
      month: l.month,
      team: l.team as (typeof projectTeams)[number],
      days: Number(l.days),
    })),
    actualByMonth: [...byMonth.values()]
      .sort((a, b) => (a.month + a.team < b.month + b.team ? -1 : 1))
      .map((v) => ({ ...v, days: roundDays(v.days), submitted: roundDays(v.submitted) })),
    scheduleHistory: history.map((h) => ({
      ...h,
      version: Number(h.version),
      year: Number(h.year),
      priority: Number(h.priority),
    })),
    abilities: {
      canEdit: can(actor, 'projects.manage'),
      canLogTime: can(actor, 'projects.log_time') && actor.kind === 'user' && actor.communeId === null,
      canApprove: can(actor, 'projects.approve_time'),
    },
  };
}

/** Changes a project; going live (`goLiveOn`) marks it delivered, `status: delivered` needs a go-live date. */
export async function patchProject(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof S.projectPatch>) {
  const p = await projectRow(ctx.db, actor, id);
  authorize(actor, 'projects.manage');
  await checkOwners(ctx.db, p.communeId, input);
  const goLiveOn = input.goLiveOn !== undefined ? input.goLiveOn : p.goLiveOn;
  let status: ProjectStatus = input.status ?? p.status;
  if (input.goLiveOn && input.status === undefined) status = 'delivered';
  if (status === 'delivered' && !goLiveOn) throw invalid('goLiveOn', 'A delivered project needs its go-live date.');
  const problems: Array<{ field: string; message: string }> = [];
  const seenPhases = new Set<string>();
  input.phases?.forEach((ph, i) => {
    if (seenPhases.has(ph.key)) problems.push({ field: `phases.${i}.key`, message: 'This phase appears twice.' });
    seenPhases.add(ph.key);
    if (ph.start && ph.end && ph.end < ph.start)
      problems.push({ field: `phases.${i}.end`, message: 'Ends before it starts.' });
  });
  const start = input.plannedStart !== undefined ? input.plannedStart : p.plannedStart;
  const goLive = input.plannedGoLive !== undefined ? input.plannedGoLive : p.plannedGoLive;
  if (start && goLive && goLive < start)
    problems.push({ field: 'plannedGoLive', message: 'The planned go-live is before the planned start.' });
  if (problems.length) throw invalid(problems);
  if (input.plannedLoad) {
    const seen = new Set<string>();
    input.plannedLoad.forEach((l, i) => {
      const k = `${l.month}|${l.team}`;
      if (seen.has(k)) problems.push({ field: `plannedLoad.${i}`, message: 'This month and team appear twice.' });
      seen.add(k);
    });
    if (problems.length) throw invalid(problems);
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const s = scoped(trx, actor);
    const set: Partial<ProjectRow> = { updatedAt: now.toISOString(), status, goLiveOn };
    for (const k of [
      'title',
      'description',
      'kind',
      'plannedYear',
      'priority',
      'plannedStart',
      'plannedGoLive',
      'communeOwnerId',
      'providerOwnerId',
    ] as const)
      if (input[k] !== undefined) (set as Record<string, unknown>)[k] = input[k];
    if (input.phases) set.phases = JSON.stringify(input.phases);
    if (input.milestones) set.milestones = JSON.stringify(input.milestones);
    if (input.risks) set.risks = JSON.stringify(input.risks);
    await s.updateTable('projects').set(set).where('id', '=', id).execute();
    if (input.plannedLoad) {
      await s.deleteFrom('projectPlannedLoad').where('projectId', '=', id).execute();
      const rows = input.plannedLoad.filter((l) => l.days > 0);
      if (rows.length)
        await trx
          .insertInto('projectPlannedLoad')
          .values(
            rows.map((l) => ({
              id: newId(now.getTime()),
              communeId: p.communeId,
              projectId: id,
              month: l.month,
              team: l.team,
              days: l.days,
            })),
          )
          .execute();
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'project.updated',
        targetType: 'project',
        targetId: id,
        communeId: p.communeId,
        changes: Object.fromEntries(
          Object.keys(input).map((k) => [k, k === 'plannedLoad' ? 'replaced' : input[k as keyof typeof input]]),
        ),
      },
      now,
    );
  });
  return getProject(ctx, actor, id);
}

// ---------------------------------------------------------------- time entries

async function presentEntries(
  db: Executor,
  rows: Array<{ id: string } & Record<string, unknown>>,
  dayRows: Array<{ entryId: string; workDate: string; days: number }>,
) {
  const names = await R.peopleNames(
    unscoped(db, 'names of the people on time entries read through the scope'),
    rows.flatMap((r) => [r.userId as string, r.decidedBy as string | null]),
  );
  return rows.map((r) => {
    const dates = weekDates(r.weekStart as string);
    const days = dates.map((d) =>
      dayRows.filter((x) => x.entryId === r.id && x.workDate === d).reduce((a, x) => a + Number(x.days), 0),
    );
    return {
      id: r.id,
      projectId: r.projectId as string,
      user: person(names, r.userId as string)!,
      team: r.team as string,
      weekStart: r.weekStart as string,
      days,
      totalDays: roundDays(Number(r.totalDays)),
      comment: (r.comment as string | null) ?? null,
      status: r.status as 'submitted' | 'approved' | 'rejected',
      decidedBy: person(names, (r.decidedBy as string | null) ?? null),
      decidedAt: (r.decidedAt as string | null) ?? null,
      decisionComment: (r.decisionComment as string | null) ?? null,
      createdAt: r.createdAt as string,
    };
  });
}

/** A project's time entries, latest week first. */
export async function listTimeEntries(
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  query: z.infer<typeof S.timeEntryListQuery>,
) {
  await projectRow(ctx.db, actor, projectId);
  authorize(actor, 'projects.read');
  const s = scoped(ctx.db, actor);
  let q = s.selectFrom('projectTimeEntries').selectAll().where('projectId', '=', projectId);
  if (query.status) q = q.where('status', '=', query.status);
  const rows = await q.orderBy('weekStart', 'desc').orderBy('createdAt', 'desc').execute();
  const dayRows = rows.length
    ? await s
        .selectFrom('projectTimeDays')
        .select(['entryId', 'workDate', 'days'])
        .where('projectId', '=', projectId)
        .execute()
    : [];
  const items = await presentEntries(ctx.db, rows, dayRows);
  return { items, total: items.length };
}

/** Records a member of staff's week on a project (awaiting the project owner's approval). */
export async function createTimeEntry(
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof S.timeEntryCreate>,
) {
  const p = await projectRow(ctx.db, actor, projectId);
  authorize(actor, 'projects.log_time');
  if (actor.kind !== 'user' || actor.communeId !== null)
    throw forbidden('Time is recorded by members of the provider staff.');
  const problems: Array<{ field: string; message: string }> = [];
  if (!isMonday(input.weekStart)) problems.push({ field: 'weekStart', message: 'Not a Monday.' });
  const total = input.days.reduce((a, b) => a + b, 0);
  if (total <= 0) problems.push({ field: 'days', message: 'No time in the week.' });
  if (p.status === 'dropped' || p.status === 'proposed')
    problems.push({ field: 'weekStart', message: `The project is ${p.status}: no time can be recorded on it.` });
  if (problems.length) throw invalid(problems);
  const today = parisToday(ctx.now());
  if (input.weekStart > today) throw invalid('weekStart', 'The week has not started yet.');
  const now = ctx.now();
  const id = newId(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    const s = scoped(trx, actor);
    const dup = await s
      .selectFrom('projectTimeEntries')
      .select(['id', 'status'])
      .where('projectId', '=', projectId)
      .where('userId', '=', actor.id)
      .where('weekStart', '=', input.weekStart)
      .where('status', '!=', 'rejected')
      .executeTakeFirst();
    // A rejected week stays on record (with why); the week may be recorded again.
    if (dup) throw conflict('This week is already recorded on this project.', { entryId: dup.id });
    await trx
      .insertInto('projectTimeEntries')
      .values({
        id,
        communeId: p.communeId,
        projectId,
        userId: actor.id,
        team: input.team,
        weekStart: input.weekStart,
        totalDays: total,
        comment: input.comment ?? null,
        status: 'submitted',
        decidedBy: null,
        decidedAt: null,
        decisionComment: null,
        createdAt: now.toISOString(),
      })
      .execute();
    const dates = weekDates(input.weekStart);
    const dayRows = input.days
      .map((d, i) => ({ d, date: dates[i]! }))
      .filter((x) => x.d > 0)
      .map((x) => ({
        id: newId(now.getTime()),
        entryId: id,
        communeId: p.communeId,
        projectId,
        team: input.team,
        workDate: x.date,
        days: x.d,
        status: 'submitted' as const,
      }));
    await trx.insertInto('projectTimeDays').values(dayRows).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'project.time_recorded',
        targetType: 'time_entry',
        targetId: id,
        communeId: p.communeId,
        changes: { projectId, weekStart: input.weekStart, totalDays: total },
      },
      now,
    );
  });
  return (await listTimeEntries(ctx, actor, projectId, {})).items.find((e) => e.id === id)!;
}

/** Approves or rejects a submitted time entry (not one's own). */
export async function decideTimeEntry(
  ctx: AppContext,
  actor: Actor,
  entryId: string,
  input: z.infer<typeof S.timeEntryDecision>,
) {
  const s = scoped(ctx.db, actor);
  const e = await s.selectFrom('projectTimeEntries').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!e) throw notFound('time entry');
  authorize(actor, 'projects.approve_time');
  if (e.userId === actor.id) throw forbidden('One does not approve one’s own time.');
  if (input.decision === 'rejected' && !input.comment) throw invalid('comment', 'Say why the entry is rejected.');
  if (e.status !== 'submitted') throw conflict(`This entry is already ${e.status}.`);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await scoped(trx, actor)
      .updateTable('projectTimeEntries')
      .set({
        status: input.decision,
        decidedBy: actor.kind === 'user' ? actor.id : null,
        decidedAt: now.toISOString(),
        decisionComment: input.comment ?? null,
      })
      .where('id', '=', entryId)
      .execute();
    await scoped(trx, actor)
      .updateTable('projectTimeDays')
      .set({ status: input.decision })
      .where('entryId', '=', entryId)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: `project.time_${input.decision}`,
        targetType: 'time_entry',
        targetId: entryId,
        communeId: e.communeId,
        changes: { comment: input.comment ?? null },
      },
      now,
    );
  });
  return (await listTimeEntries(ctx, actor, e.projectId, {})).items.find((x) => x.id === entryId)!;
}

// ---------------------------------------------------------------- workload

/** Planned and approved person-days per month, by team or by commune, over the communes in scope. */
export async function workload(ctx: AppContext, actor: Actor, query: z.infer<typeof S.workloadQuery>) {
  authorize(actor, 'projects.read');
  if (query.to < query.from) throw invalid('to', 'Ends before it starts.');
  const months = monthsFromTo(query.from, query.to);
  if (months.length > 60) throw invalid('to', 'At most 60 months.');
  let communes: R.CommuneFilter = actor.communes;
  if (query.communeId) {
    if (!scoped(ctx.db, actor).includes(query.communeId)) communes = [];
    else communes = [query.communeId];
  }
  const db = unscoped(ctx.db, 'aggregates restricted to the communes of the scope');
  const toDate = DateTime.fromISO(`${query.to}-01`).plus({ months: 1 }).toISODate()!;
  const planned = await R.plannedByMonth(db, communes, query.from, query.to, query.groupBy);
  const actual = await R.recordedByMonth(db, communes, `${query.from}-01`, toDate, query.groupBy);
  const keys = new Set<string>([...planned, ...actual].map((r) => r.key));
  if (query.groupBy === 'team') for (const t of projectTeams) keys.add(t);
  const labels = query.groupBy === 'commune' ? await R.communeNames(db, [...keys]) : new Map<string, string>();
  const index = (list: typeof planned) => {
    const m = new Map<string, number>();
    for (const r of list) m.set(`${r.key}|${r.month}`, (m.get(`${r.key}|${r.month}`) ?? 0) + r.days);
    return m;
  };
  const plannedIdx = index(planned);
  const actualIdx = index(actual);
  const cell = (idx: Map<string, number>, key: string, m: string) => idx.get(`${key}|${m}`) ?? 0;
  const items = [...keys]
    .map((key) => {
      const ms = months.map((m) => ({
        month: m,
        planned: roundDays(cell(plannedIdx, key, m)),
        actual: roundDays(cell(actualIdx, key, m)),
      }));
      return {
        key,
        label: labels.get(key) ?? key,
        communeId: query.groupBy === 'commune' ? key : null,
        planned: roundDays(ms.reduce((a, x) => a + x.planned, 0)),
        actual: roundDays(ms.reduce((a, x) => a + x.actual, 0)),
        months: ms,
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  const totalsMonths = months.map((m) => ({
    month: m,
    planned: roundDays(items.reduce((a, i) => a + i.months.find((x) => x.month === m)!.planned, 0)),
    actual: roundDays(items.reduce((a, i) => a + i.months.find((x) => x.month === m)!.actual, 0)),
  }));
  return {
    items,
    total: items.length,
    months,
    totals: {
      planned: roundDays(items.reduce((a, i) => a + i.planned, 0)),
      actual: roundDays(items.reduce((a, i) => a + i.actual, 0)),
      months: totalsMonths,
    },
  };
}
