import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { DB, Executor } from '../../db/schema';
import { authorize, can, isProvider, type Actor } from '../../access/actor';
import { communeCondition, scoped, unscoped } from '../../db/scope';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { checkProviderActor } from '../../access/grant';
import {
  businessSeconds,
  CalendarHorizonError,
  compileCalendar,
  deadline,
  horizonMessage,
  inHorizon,
  nextBusinessDayEnd,
  weeklyOpeningSeconds,
  type CalendarDefinition,
  type CompiledCalendar,
} from './clock';
import { normaliseDefinition } from './definition';
import { parseDurationSeconds } from './duration';
import { parseInstant } from './instant';
import type { CalendarTable } from './tables';
import type {
  businessTimeQuery,
  calendarCreate,
  calendarUpdate,
  deadlineQuery,
  holidaysQuery,
  previewBody,
} from './schemas';
import { holidaysOf } from './holidays';

/** A stored calendar ready for the engine. */
export interface LoadedCalendar {
  id: string;
  version: number;
  definition: CalendarDefinition;
  compiled: CompiledCalendar;
}

/**
 * Compiled calendars by `id@version`. A version never changes once written, so entries never go
 * stale; the map is bounded so a long-running process keeps only recently used calendars.
 */
const compiledCache = new Map<string, LoadedCalendar>();
const CACHE_LIMIT = 256;

function loaded(row: Pick<CalendarTable, 'id' | 'version' | 'definition'>): LoadedCalendar {
  const key = `${row.id}@${row.version}`;
  const hit = compiledCache.get(key);
  if (hit) {
    compiledCache.delete(key);
    compiledCache.set(key, hit);
    return hit;
  }
  const definition = JSON.parse(row.definition) as CalendarDefinition;
  const entry = { id: row.id, version: row.version, definition, compiled: compileCalendar(definition) };
  compiledCache.set(key, entry);
  if (compiledCache.size > CACHE_LIMIT) compiledCache.delete(compiledCache.keys().next().value!);
  return entry;
}

/** The calendar of a commune, compiled (cached by id and version). Unscoped: for services and jobs. Throws 404 when the commune has none. */
export async function loadCommuneCalendar(db: Executor, communeId: string): Promise<LoadedCalendar> {
  const row = await unscoped(db, "clock engine: the commune's calendar, for services and jobs")
    .selectFrom('calendars')
    .select(['id', 'version', 'definition'])
    .where('communeId', '=', communeId)
    .executeTakeFirst();
  if (!row) throw notFound('calendar');
  return loaded(row);
}

/** Any calendar by id, compiled. Unscoped: for services and jobs. */
export async function loadCalendar(db: Executor, calendarId: string): Promise<LoadedCalendar> {
  const row = await unscoped(db, 'clock engine: a calendar by id, for services and jobs')
    .selectFrom('calendars')
    .select(['id', 'version', 'definition'])
    .where('id', '=', calendarId)
    .executeTakeFirst();
  if (!row) throw notFound('calendar');
  return loaded(row);
}

/** Calendars the actor may see: their communes' calendars, plus the provider's own for provider staff. */
function visible(db: Executor, actor: Actor) {
  return unscoped(db, 'provider calendars have no commune: their visibility is written here')
    .selectFrom('calendars')
    .where((eb) =>
      isProvider(actor)
        ? eb.or([communeCondition(actor, 'calendars.communeId'), eb('calendars.communeId', 'is', null)])
        : communeCondition(actor, 'calendars.communeId'),
    );
}

async function findVisible(db: Executor, actor: Actor, id: string): Promise<CalendarTable> {
  const row = await visible(db, actor).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('calendar');
  return row;
}

function present(actor: Actor, row: CalendarTable) {
  const def = JSON.parse(row.definition) as CalendarDefinition;
  const manage = can(actor, 'calendars.manage');
  return {
    id: row.id,
    communeId: row.communeId,
    name: row.name,
    timezone: row.timezone,
    weekly: def.weekly,
    holidays: def.holidays,
    closures: def.closures,
    workedDates: def.workedDates,
    version: row.version,
    weeklyOpeningSeconds: weeklyOpeningSeconds(def),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    abilities: { canEdit: manage, canDelete: manage },
  };
}

/** Calendars visible to the actor, communes' first then the provider's, by name. */
export async function listCalendars(ctx: AppContext, actor: Actor) {
  authorize(actor, 'calendars.read');
  const rows = await visible(ctx.db, actor).selectAll().orderBy('name').execute();
  return { items: rows.map((r) => present(actor, r)), total: rows.length };
}

export async function getCalendar(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'calendars.read');
  return present(actor, await findVisible(ctx.db, actor, id));
}

/** The calendar of a commune in scope (404 when out of scope or when it has none). */
export async function getCommuneCalendar(ctx: AppContext, actor: Actor, communeId: string) {
  authorize(actor, 'calendars.read');
  const s = scoped(ctx.db, actor);
  await s.assertCommune(communeId);
  const row = await s.selectFrom('calendars').selectAll().where('communeId', '=', communeId).executeTakeFirst();
  if (!row) throw notFound('calendar');
  return present(actor, row);
}

function definitionOf(input: z.infer<typeof calendarUpdate>): CalendarDefinition {
  return normaliseDefinition({
    name: input.name,
    timezone: input.timezone,
    weekly: input.weekly,
    holidays: input.holidays,
    closures: input.closures,
    workedDates: input.workedDates,
  });
}

/** Creates a commune's calendar (one per commune) or a provider team's calendar (no commune). */
export async function createCalendar(ctx: AppContext, actor: Actor, input: z.infer<typeof calendarCreate>) {
  const communeId = input.communeId ?? null;
  if (communeId) await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'calendars.manage');
  if (!communeId) checkProviderActor(actor);
  const def = definitionOf(input);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    if (communeId) {
      const dup = await scoped(trx, actor)
        .selectFrom('calendars')
        .select('id')
        .where('communeId', '=', communeId)
        .executeTakeFirst();
      if (dup)
        throw new AppError('already_exists', 'This commune already has a calendar; update it instead.', {
          fields: [{ field: 'communeId', message: 'Already has a calendar.' }],
          calendarId: dup.id,
        });
    }
    await insertCalendar(trx, actor, { id, communeId, definition: def, now: ctx.now() });
  });
  return getCalendar(ctx, actor, id);
}

/** Writes a new calendar (version 1) and its audit record inside the caller's transaction (also used by the demo seed). */
export async function insertCalendar(
  trx: Transaction<DB>,
  actor: Actor,
  c: { id?: string; communeId: string | null; definition: CalendarDefinition; now: Date },
): Promise<string> {
  const id = c.id ?? newId();
  const def = normaliseDefinition(c.definition);
  const json = JSON.stringify(def);
  const at = c.now.toISOString();
  await trx
    .insertInto('calendars')
    .values({
      id,
      communeId: c.communeId,
      name: def.name,
      timezone: def.timezone,
      definition: json,
      version: 1,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await trx
    .insertInto('calendarVersions')
    .values({
      calendarId: id,
      version: 1,
      communeId: c.communeId,
      definition: json,
      createdAt: at,
      createdBy: actor.kind === 'system' ? null : actor.id,
    })
    .execute();
  await recordAudit(
    trx,
    actor,
    { action: 'calendar.create', targetType: 'calendar', targetId: id, communeId: c.communeId, changes: def },
    c.now,
  );
  return id;
}

/** Replaces a calendar's definition; its version is incremented and the new one kept in the history. */
export async function updateCalendar(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof calendarUpdate>) {
  const def = definitionOf(input);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findVisible(trx, actor, id);
    authorize(actor, 'calendars.manage');
    const version = row.version + 1;
    const json = JSON.stringify(def);
    const now = ctx.now().toISOString();
    const res = await unscoped(trx, 'calendar checked visible above (a provider calendar has no commune)')
      .updateTable('calendars')
      .set({ name: def.name, timezone: def.timezone, definition: json, version, updatedAt: now })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new AppError('conflict', 'The calendar changed meanwhile; reload it and try again.');
    await trx
      .insertInto('calendarVersions')
      .values({
        calendarId: id,
        version,
        communeId: row.communeId,
        definition: json,
        createdAt: now,
        createdBy: actor.kind === 'system' ? null : actor.id,
      })
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'calendar.update',
        targetType: 'calendar',
        targetId: id,
        communeId: row.communeId,
        changes: { version, definition: def },
      },
      ctx.now(),
    );
  });
  return getCalendar(ctx, actor, id);
}

export async function deleteCalendar(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findVisible(trx, actor, id);
    authorize(actor, 'calendars.manage');
    // Tickets keep the calendar and version their deadlines were computed with (to explain and
    // recompute them, and for the indicators): such a calendar is edited, never deleted.
    // A commune's tickets use its calendar: the commune's index bounds the count to its tickets.
    let usedBy = unscoped(trx, 'in-use check: every ticket computed with this calendar')
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('calendarId', '=', id);
    if (row.communeId) usedBy = usedBy.where('communeId', '=', row.communeId);
    const used = await usedBy.executeTakeFirstOrThrow();
    if (Number(used.n) > 0)
      throw conflict(
        `${Number(used.n)} ticket(s) have deadlines computed with this calendar: edit it rather than delete it.`,
        { tickets: Number(used.n) },
      );
    await unscoped(trx, 'calendar checked visible above (a provider calendar has no commune)')
      .deleteFrom('calendarVersions')
      .where('calendarId', '=', id)
      .execute();
    await unscoped(trx, 'calendar checked visible above (a provider calendar has no commune)')
      .deleteFrom('calendars')
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'calendar.delete',
        targetType: 'calendar',
        targetId: id,
        communeId: row.communeId,
        changes: { version: row.version, definition: JSON.parse(row.definition) as unknown },
      },
      ctx.now(),
    );
  });
}

/** Runs an engine query, turning a horizon overflow into a 400 naming the parameter. */
function withinHorizon<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CalendarHorizonError) throw invalid(field, e.message);
    throw e;
  }
}

/** `from` + a business duration, or a named rule, on a compiled calendar. */
function dueOn(cal: CompiledCalendar, q: z.infer<typeof deadlineQuery>) {
  const from = parseInstant(q.from);
  if (!inHorizon(cal, from)) throw invalid('from', horizonMessage('from'));
  const due =
    q.rule === 'next-business-day-end'
      ? withinHorizon('rule', () => nextBusinessDayEnd(cal, from))
      : withinHorizon('duration', () => deadline(cal, from, parseDurationSeconds(q.duration!)!));
  return { due: new Date(due).toISOString() };
}

/** A deadline on a visible calendar: `from` + a business duration, or a named rule. */
export async function computeDeadline(ctx: AppContext, actor: Actor, id: string, q: z.infer<typeof deadlineQuery>) {
  authorize(actor, 'calendars.read');
  const row = await findVisible(ctx.db, actor, id);
  return dueOn(loaded(row).compiled, q);
}

/** A deadline on a draft calendar, for the editor's preview (compiles the draft; editors only). */
export function previewDeadline(actor: Actor, body: z.infer<typeof previewBody>) {
  authorize(actor, 'calendars.manage');
  return dueOn(compileCalendar(definitionOf(body.calendar)), body);
}

/** The public holidays of a year under a preset (Code du travail L3133-1). */
export function listHolidays(actor: Actor, q: z.infer<typeof holidaysQuery>) {
  authorize(actor, 'calendars.read');
  const items = holidaysOf(q.year, q.preset);
  return { items, total: items.length };
}

/** Business seconds between two instants on a visible calendar. */
export async function computeBusinessTime(
  ctx: AppContext,
  actor: Actor,
  id: string,
  q: z.infer<typeof businessTimeQuery>,
) {
  authorize(actor, 'calendars.read');
  const row = await findVisible(ctx.db, actor, id);
  const cal = loaded(row).compiled;
  const from = parseInstant(q.from);
  const to = parseInstant(q.to);
  if (!(to > from)) return { seconds: 0 };
  if (!inHorizon(cal, from)) throw invalid('from', horizonMessage('from'));
  if (!inHorizon(cal, to)) throw invalid('to', horizonMessage('to'));
  return { seconds: businessSeconds(cal, from, to) };
}
