import type { z } from 'zod';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { scoped, unscoped } from '../../db/scope';
import { isUniqueViolation } from '../../db/dialect';
import type { Executor } from '../../db/schema';
import { invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { loadCommuneCalendar } from '../calendars';
import type * as S from './schemas';
import {
  baselineApplicationIds,
  findApplication,
  findOutage,
  latestBaseline,
  listApplicationRows,
  listOutageRows,
  nameKey,
  outagesOverlapping,
} from './repo';
import { presentApplication, presentOutage } from './present';
import { availabilityFigures, rangeOrInvalid } from './availability';
import { parseBaselineFile } from './baseline-import';
import type { Upload } from '../../lib/upload';
import type { ApplicationTable } from './tables';

/** The application portfolio, its history and baseline, outages and availability. */

async function readable(ctx: AppContext, actor: Actor, communeId: string) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'applications.read');
}

async function visibleApplication(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db) {
  const row = await findApplication(db, actor, id);
  if (!row) throw notFound('application');
  authorize(actor, 'applications.read');
  return row;
}

export async function listApplications(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: z.infer<typeof S.applicationQuery>,
) {
  await readable(ctx, actor, communeId);
  const { rows, total } = await listApplicationRows(ctx.db, actor, communeId, q);
  const base = await baselineApplicationIds(ctx.db, actor, communeId);
  return { items: rows.map((r) => presentApplication(r, actor, base.has(r.id))), total };
}

export async function getApplication(ctx: AppContext, actor: Actor, id: string) {
  const row = await visibleApplication(ctx, actor, id);
  const base = await baselineApplicationIds(ctx.db, actor, row.communeId);
  return presentApplication(row, actor, base.has(row.id));
}

function checkDates(row: Pick<ApplicationTable, 'inServiceSince' | 'retiredOn' | 'status'>) {
  if (row.retiredOn && row.inServiceSince && row.retiredOn < row.inServiceSince)
    throw invalid('retiredOn', 'An application cannot be retired before it entered service.', 'invalid');
  if (row.retiredOn && row.status !== 'retired')
    throw invalid('retiredOn', 'Only a retired application has a retirement date.', 'invalid');
}

export async function createApplication(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: z.infer<typeof S.applicationCreate>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'applications.manage');
  const now = ctx.now();
  const at = now.toISOString();
  const row: ApplicationTable = {
    id: newId(now.getTime()),
    communeId,
    name: input.name,
    nameKey: nameKey(input.name),
    domain: input.domain,
    vendor: input.vendor ?? null,
    product: input.product ?? null,
    version: input.version ?? null,
    hosting: input.hosting,
    criticality: input.criticality,
    outageCalendar: input.outageCalendar ?? 'business_hours',
    communeOwner: input.communeOwner ?? null,
    providerOwner: input.providerOwner ?? null,
    maintenanceEndsOn: input.maintenanceEndsOn ?? null,
    status: input.status,
    inServiceSince: input.inServiceSince ?? null,
    retiredOn: input.retiredOn ?? (input.status === 'retired' ? DateTime.fromJSDate(now).toISODate() : null),
    notes: input.notes ?? '',
    reconstructed: 0,
    createdAt: at,
    updatedAt: at,
  };
  checkDates(row);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('applications').values(row).execute();
      const changes = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, [null, v ?? null]])) as Record<
        string,
        [unknown, unknown]
      >;
      await appendApplicationHistory(trx, actor, row, 'created', changes, at);
      await recordAudit(
        trx,
        actor,
        { action: 'application.create', targetType: 'application', targetId: row.id, communeId, changes: input },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw invalid('name', 'An application of this commune already has this name.', 'already_used');
    throw err;
  }
  return getApplication(ctx, actor, row.id);
}

async function appendApplicationHistory(
  db: Executor,
  actor: Actor,
  row: Pick<ApplicationTable, 'id' | 'communeId'>,
  kind: 'created' | 'updated',
  changes: Record<string, [unknown, unknown]>,
  at: string,
) {
  await db
    .insertInto('applicationHistory')
    .values({
      id: newId(Date.parse(at)),
      communeId: row.communeId,
      applicationId: row.id,
      at,
      actorId: actor.kind === 'system' ? null : actor.id,
      actorLabel: actor.label,
      kind,
      changes: JSON.stringify(changes),
    })
    .execute();
}

export async function updateApplication(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof S.applicationPatch>,
) {
  const now = ctx.now();
  const at = now.toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const row = await findApplication(trx, actor, id);
      if (!row) throw notFound('application');
      authorize(actor, 'applications.manage');
      const next: ApplicationTable = { ...row };
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [k, v] of Object.entries(input) as Array<[keyof ApplicationTable, unknown]>) {
        if (v === undefined) continue;
        if (row[k] !== v) {
          changes[k] = [row[k], v];
          (next as unknown as Record<string, unknown>)[k] = v;
        }
      }
      if (input.status === 'retired' && !next.retiredOn && input.retiredOn === undefined) {
        next.retiredOn = DateTime.fromJSDate(now).toISODate();
        changes.retiredOn = [row.retiredOn, next.retiredOn];
      }
      if (input.status && input.status !== 'retired' && row.retiredOn && input.retiredOn === undefined) {
        next.retiredOn = null;
        changes.retiredOn = [row.retiredOn, null];
      }
      checkDates(next);
      if (Object.keys(changes).length === 0) return;
      if (changes.name) next.nameKey = nameKey(next.name);
      next.updatedAt = at;
      await scoped(trx, actor)
        .updateTable('applications')
        .set({ ...next, id: undefined, communeId: undefined, createdAt: undefined })
        .where('id', '=', id)
        .execute();
      await appendApplicationHistory(trx, actor, row, 'updated', changes, at);
      await recordAudit(
        trx,
        actor,
        { action: 'application.update', targetType: 'application', targetId: id, communeId: row.communeId, changes },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw invalid('name', 'An application of this commune already has this name.', 'already_used');
    throw err;
  }
  return getApplication(ctx, actor, id);
}

export async function applicationHistory(ctx: AppContext, actor: Actor, id: string) {
  await visibleApplication(ctx, actor, id);
  const rows = await scoped(ctx.db, actor)
    .selectFrom('applicationHistory')
    .selectAll()
    .where('applicationId', '=', id)
    .orderBy('at')
    .orderBy('kind')
    .orderBy('id')
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actorLabel,
      kind: r.kind,
      changes: JSON.parse(r.changes) as Record<string, [unknown, unknown]>,
    })),
    total: rows.length,
  };
}

export async function listOutages(ctx: AppContext, actor: Actor, communeId: string, q: z.infer<typeof S.outageQuery>) {
  await readable(ctx, actor, communeId);
  const cal = await loadCommuneCalendar(ctx.db, communeId);
  const range = q.period ? rangeOrInvalid(q.period, cal.compiled.timezone) : undefined;
  const { rows, total } = await listOutageRows(ctx.db, actor, communeId, {
    fromUtc: range?.fromUtc,
    toUtc: range?.toUtc,
    applicationId: q.applicationId,
    criticality: q.criticality,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: rows.map((r) => presentOutage(r, cal.compiled)), total };
}

export async function getOutage(ctx: AppContext, actor: Actor, id: string) {
  const row = await findOutage(ctx.db, actor, id);
  if (!row) throw notFound('outage');
  authorize(actor, 'applications.read');
  const cal = await loadCommuneCalendar(ctx.db, row.communeId);
  return presentOutage(row, cal.compiled);
}

function checkOutageTimes(o: { startedAt: string; intervenedAt: string | null; restoredAt: string | null }) {
  if (o.intervenedAt && o.intervenedAt < o.startedAt)
    throw invalid('intervenedAt', 'The intervention cannot start before the outage.');
  if (o.restoredAt && o.restoredAt < o.startedAt)
    throw invalid('restoredAt', 'The service cannot be restored before the outage started.');
}

const iso = (s: string | null | undefined) => (s ? new Date(s).toISOString() : (s ?? null));

export async function createOutage(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: z.infer<typeof S.outageCreate>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'applications.manage');
  const now = ctx.now();
  const at = now.toISOString();
  const id = newId(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    const app = await findApplication(trx, actor, input.applicationId);
    if (!app || app.communeId !== communeId)
      throw invalid('applicationId', 'No such application in this commune.', 'unknown_reference');
    if (input.ticketId) {
      const t = await scoped(trx, actor)
        .selectFrom('tickets')
        .select('id')
        .where('id', '=', input.ticketId)
        .where('communeId', '=', communeId)
        .executeTakeFirst();
      if (!t) throw invalid('ticketId', 'No such ticket in this commune.', 'unknown_reference');
    }
    const row = {
      id,
      communeId,
      applicationId: app.id,
      startedAt: iso(input.startedAt)!,
      intervenedAt: iso(input.intervenedAt),
      restoredAt: iso(input.restoredAt),
      cause: input.cause ?? '',
      summary: input.summary ?? '',
      ticketId: input.ticketId ?? null,
      source: 'manual' as const,
      alertKey: null,
      alertName: null,
      notifications: 0,
      lastNotifiedAt: null,
      reconstructed: 0,
      createdAt: at,
      updatedAt: at,
    };
    checkOutageTimes(row);
    await trx.insertInto('outages').values(row).execute();
    await recordAudit(
      trx,
      actor,
      { action: 'outage.create', targetType: 'outage', targetId: id, communeId, changes: input },
      now,
    );
  });
  return getOutage(ctx, actor, id);
}

export async function updateOutage(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof S.outagePatch>) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findOutage(trx, actor, id);
    if (!row) throw notFound('outage');
    authorize(actor, 'applications.manage');
    const next = {
      startedAt: row.startedAt,
      intervenedAt: input.intervenedAt === undefined ? row.intervenedAt : iso(input.intervenedAt),
      restoredAt: input.restoredAt === undefined ? row.restoredAt : iso(input.restoredAt),
    };
    checkOutageTimes(next);
    await scoped(trx, actor)
      .updateTable('outages')
      .set({
        intervenedAt: next.intervenedAt,
        restoredAt: next.restoredAt,
        ...(input.cause !== undefined ? { cause: input.cause } : {}),
        ...(input.summary !== undefined ? { summary: input.summary } : {}),
        updatedAt: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      { action: 'outage.update', targetType: 'outage', targetId: id, communeId: row.communeId, changes: input },
      now,
    );
  });
  return getOutage(ctx, actor, id);
}

export async function applicationAvailability(ctx: AppContext, actor: Actor, id: string, period: string) {
  const app = await visibleApplication(ctx, actor, id);
  const cal = await loadCommuneCalendar(ctx.db, app.communeId);
  const r = rangeOrInvalid(period, cal.compiled.timezone);
  const now = ctx.now();
  const nowIso = now.toISOString();
  const toUtc = r.toUtc < nowIso ? r.toUtc : nowIso;
  const rows = r.fromUtc < toUtc ? await outagesOverlapping(ctx.db, actor, id, r.fromUtc, toUtc) : [];
  return availabilityFigures(cal.compiled, app, r, now, rows);
}

export async function getBaseline(ctx: AppContext, actor: Actor, communeId: string) {
  await readable(ctx, actor, communeId);
  const b = await latestBaseline(ctx.db, actor, communeId);
  if (!b) throw notFound('baseline');
  const items = await scoped(ctx.db, actor)
    .selectFrom('applicationBaselineItems')
    .select(['name', 'domain', 'applicationId'])
    .where('baselineId', '=', b.id)
    .orderBy('name')
    .execute();
  return {
    id: b.id,
    communeId,
    asOf: b.asOf,
    label: b.label,
    source: b.source,
    reconstructed: b.reconstructed === 1,
    items,
  };
}

/**
 * Records the transferred inventory as of a date (replacing one of the same date): each item is
 * matched to the portfolio by exact name (case-insensitive), unmatched items are kept by name.
 */
export async function putBaseline(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: z.infer<typeof S.baselinePut>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'applications.manage');
  return saveBaseline(ctx, actor, communeId, input);
}

/**
 * The transferred inventory from an uploaded CSV or XLSX file (baseline-import.ts), as of `asOf`
 * (today by default). A dry run answers the preview (each row matched to the portfolio, every
 * problem by row and field) and writes nothing; otherwise a file with a problem is refused whole
 * (400 naming each row and field) and a clean one replaces the inventory of that date.
 */
export async function importBaseline(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  q: z.infer<typeof S.baselineImportQuery>,
  readFile: () => Promise<Upload>,
) {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'applications.manage');
  const file = await readFile();
  if (file.truncated) throw invalid('file', 'The file is too large.', 'too_big');
  const parsed = await parseBaselineFile(file.data, file.filename);
  const asOf = q.asOf ?? DateTime.fromJSDate(ctx.now()).toISODate()!;
  const label = q.label ?? `Inventaire importé (${file.filename})`.slice(0, 300);
  const apps = await scoped(ctx.db, actor)
    .selectFrom('applications')
    .select(['id', 'name', 'nameKey'])
    .where('communeId', '=', communeId)
    .execute();
  const byName = new Map(apps.map((a) => [a.nameKey, a]));
  const report = {
    dryRun: q.dryRun,
    format: parsed.format,
    asOf,
    label,
    rows: parsed.rows,
    items: parsed.items.map((i) => {
      const a = byName.get(nameKey(i.name));
      return { ...i, applicationId: a?.id ?? null, applicationName: a?.name ?? null };
    }),
    errors: parsed.errors,
    written: false,
    baseline: null as Awaited<ReturnType<typeof getBaseline>> | null,
  };
  if (q.dryRun) return report;
  if (parsed.errors.length)
    throw invalid(
      parsed.errors.map((e) => ({ field: `rows.${e.row}.${e.field}`, message: e.reason, code: 'invalid' as const })),
      `The file has ${parsed.errors.length} problem(s); nothing was imported.`,
    );
  const baseline = await saveBaseline(ctx, actor, communeId, { asOf, label, items: parsed.items });
  return { ...report, written: true, baseline };
}

async function saveBaseline(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  input: { asOf: string; label: string; items: Array<{ name: string; domain?: string | null }> },
) {
  const now = ctx.now();
  const keys = new Set<string>();
  input.items.forEach((i, n) => {
    if (keys.has(nameKey(i.name))) throw invalid(`items.${n}.name`, 'Listed twice in the inventory.', 'invalid');
    keys.add(nameKey(i.name));
  });
  await ctx.db.transaction().execute(async (trx) => {
    await scoped(trx, actor)
      .deleteFrom('applicationBaselines')
      .where('communeId', '=', communeId)
      .where('asOf', '=', input.asOf)
      .execute();
    await insertBaseline(trx, communeId, input, 'import', 0, now);
    await recordAudit(
      trx,
      actor,
      {
        action: 'application_baseline.put',
        targetType: 'application_baseline',
        communeId,
        changes: { asOf: input.asOf, items: input.items.length },
      },
      now,
    );
  });
  return getBaseline(ctx, actor, communeId);
}

/** Inserts a baseline and its items, matching names to the commune's applications (also used by the demo seed). */
export async function insertBaseline(
  db: Executor,
  communeId: string,
  input: { asOf: string; label: string; items: Array<{ name: string; domain?: string | null }> },
  source: 'convention_annex' | 'import',
  reconstructed: 0 | 1,
  now: Date,
): Promise<string> {
  const id = newId(now.getTime());
  const apps = await unscoped(db, 'the caller checked the commune; the demo seed runs as the system')
    .selectFrom('applications')
    .select(['id', 'nameKey'])
    .where('communeId', '=', communeId)
    .execute();
  const byName = new Map(apps.map((a) => [a.nameKey, a.id]));
  await db
    .insertInto('applicationBaselines')
    .values({
      id,
      communeId,
      asOf: input.asOf,
      label: input.label,
      source,
      reconstructed,
      createdAt: now.toISOString(),
    })
    .execute();
  for (const chunk of chunks(input.items, 200))
    await db
      .insertInto('applicationBaselineItems')
      .values(
        chunk.map((i) => ({
          id: newId(now.getTime()),
          communeId,
          baselineId: id,
          applicationId: byName.get(nameKey(i.name)) ?? null,
          name: i.name,
          domain: i.domain ?? null,
        })),
      )
      .execute();
  return id;
}

function chunks<T>(list: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}
