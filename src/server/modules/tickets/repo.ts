import { sql, type Transaction } from 'kysely';
import type { DialectName } from '../../db/database';
import type { DB, Executor } from '../../db/schema';
import type { Actor } from '../../access/actor';
import { isProvider } from '../../access/actor';
import { scoped } from '../../db/scope';
import { lockedForChange, searchNormalize } from '../../db/dialect';
import { notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { seesWholeCommune } from './policy';
import type { TicketAttachmentTable, TicketCommentTable, TicketTable } from './tables';

/** The tickets an actor may see, as `t`: commune scope first, then the finer commune-user rules (policy.ts). */
export function visibleTickets(db: Executor, actor: Actor) {
  let q = scoped(db, actor).selectFrom('tickets as t');
  if (!isProvider(actor)) {
    if (actor.entityId) {
      const entityId = actor.entityId;
      q = q.where((eb) =>
        eb.or([
          eb('t.requesterId', '=', actor.id),
          eb(
            't.entityId',
            'in',
            eb
              .selectFrom('entities')
              .select('entities.id')
              .where((e) => e.or([e('entities.id', '=', entityId), e('entities.parentId', '=', entityId)])),
          ),
        ]),
      );
    } else if (!seesWholeCommune(actor)) {
      q = q.where('t.requesterId', '=', actor.id);
    }
  }
  return q;
}

export interface TicketExtras {
  comments: TicketCommentTable[];
  attachments: TicketAttachmentTable[];
  /** A satisfaction survey of the ticket awaits its answer. */
  surveyWaiting: boolean;
}

/** `and …`: leaves out the files of internal notes (attachment alias `a`). */
const internalNoteFile = sql` and not exists (select 1 from ticket_comments n where n.id = a.comment_id and n.internal = 1)`;

/**
 * What a ticket page shows besides the ticket: replies in order (internal notes only when
 * `internal`), attachments, and whether a survey awaits an answer. On PostgreSQL in one round
 * trip (each costs the database server about as much as these small queries themselves); on
 * SQLite, in-process, as three cached statements.
 */
export async function ticketExtras(
  db: Executor,
  dialect: DialectName,
  ticketId: string,
  internal: boolean,
): Promise<TicketExtras> {
  if (dialect === 'postgres') {
    const r = await sql<TicketExtras>`select
      (select coalesce(json_agg(c order by c.created_at, c.id), '[]'::json) from ticket_comments c
        where c.ticket_id = ${ticketId}${internal ? sql`` : sql` and c.internal = 0`}) as comments,
      (select coalesce(json_agg(a order by a.created_at, a.id), '[]'::json) from ticket_attachments a
        where a.ticket_id = ${ticketId}${internal ? sql`` : internalNoteFile}) as attachments,
      exists (select 1 from ticket_surveys s where s.ticket_id = ${ticketId} and s.answered_at is null) as survey_waiting`.execute(
      db,
    );
    return r.rows[0]!;
  }
  let comments = db.selectFrom('ticketComments').selectAll().where('ticketId', '=', ticketId);
  if (!internal) comments = comments.where('internal', '=', 0);
  let attachments = db.selectFrom('ticketAttachments as a').selectAll('a').where('a.ticketId', '=', ticketId);
  if (!internal) attachments = attachments.where(sql<boolean>`true ${internalNoteFile}`);
  const [cs, atts, survey] = await Promise.all([
    comments.orderBy('createdAt').orderBy('id').execute(),
    attachments.orderBy('createdAt').orderBy('id').execute(),
    db
      .selectFrom('ticketSurveys')
      .select('id')
      .where('ticketId', '=', ticketId)
      .where('answeredAt', 'is', null)
      .executeTakeFirst(),
  ]);
  return { comments: cs, attachments: atts, surveyWaiting: Boolean(survey) };
}

/** The ticket if the actor may see it (find*: undefined otherwise). */
export async function findVisibleTicket(db: Executor, actor: Actor, id: string): Promise<TicketTable | undefined> {
  return await visibleTickets(db, actor).selectAll('t').where('t.id', '=', id).executeTakeFirst();
}

/** The ticket of a reference (`BOU-2026-000123`) if the actor may see it. */
export async function findVisibleTicketByReference(
  db: Executor,
  actor: Actor,
  reference: string,
): Promise<TicketTable | undefined> {
  return await visibleTickets(db, actor).selectAll('t').where('t.reference', '=', reference).executeTakeFirst();
}

/** The ticket if the actor may see it; 404 otherwise (another commune's ticket does not exist for them). */
export async function getVisibleTicket(db: Executor, actor: Actor, id: string): Promise<TicketTable> {
  const t = await findVisibleTicket(db, actor, id);
  if (!t) throw notFound('ticket');
  return t;
}

/**
 * The ticket a change is about to be made to, read inside the change's transaction and held until
 * it commits, so two concurrent changes cannot both act on the same prior state (two replies both
 * resuming a pending ticket, two moves from the same status): db/dialect.ts lockedForChange.
 */
export async function getTicketForChange(trx: Transaction<DB>, actor: Actor, id: string): Promise<TicketTable> {
  const t = await lockedForChange(
    visibleTickets(trx, actor).selectAll('t').where('t.id', '=', id),
    trx,
    't',
  ).executeTakeFirst();
  if (!t) throw notFound('ticket');
  return t;
}

/** Unscoped read for a system job's change to a ticket (locked as getTicketForChange does). */
export async function getTicketForSystemChange(
  trx: Transaction<DB>,
  ticketId: string,
): Promise<TicketTable | undefined> {
  return lockedForChange(trx.selectFrom('tickets').selectAll().where('id', '=', ticketId), trx).executeTakeFirst();
}

/** Unscoped read for system jobs (scheduler, mail): by explicit name only. */
export async function getTicketForSystem(db: Executor, ticketId: string): Promise<TicketTable | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
}

export interface HistoryEntry {
  ticketId: string;
  communeId: string;
  actor: Actor | null;
  kind: string;
  data: unknown;
  internal: boolean;
  /** The change's instant (ctx.now(): tests control the clock). */
  at: string;
  /** False when another entry of the same change carries the notification (a move's comment). */
  notify?: boolean;
}

/** History kinds the requester is notified of (notifications/listeners.ts), when public. */
export const notifiedKinds: ReadonlySet<string> = new Set(['created', 'status', 'comment', 'merged']);
/** Statuses the requester hears about (acknowledged, pending, resolved with the survey, closed). */
export const announcedStatuses: ReadonlySet<string> = new Set(['acknowledged', 'pending', 'resolved', 'closed']);

/** Whether a history entry calls for a notification, i.e. is written pending in the outbox. */
export function callsForNotification(e: Pick<HistoryEntry, 'kind' | 'data' | 'internal' | 'notify'>): boolean {
  if (e.internal || e.notify === false || !notifiedKinds.has(e.kind)) return false;
  return e.kind !== 'status' || announcedStatuses.has(String((e.data as { to?: unknown } | null)?.to));
}

/**
 * Writes one history entry inside the caller's transaction. Entries that call for a notification
 * are marked pending: the history doubles as the transactional outbox of ticket events.
 */
export async function appendHistory(trx: Executor, e: HistoryEntry): Promise<void> {
  const at = e.at;
  await trx
    .insertInto('ticketHistory')
    .values({
      id: newId(Date.parse(at)),
      ticketId: e.ticketId,
      communeId: e.communeId,
      at,
      actorId: e.actor && e.actor.kind === 'user' ? e.actor.id : null,
      actorLabel: e.actor?.label ?? 'system',
      kind: e.kind,
      data: JSON.stringify(e.data ?? {}),
      internal: e.internal ? 1 : 0,
      notifyPending: callsForNotification(e) ? 1 : 0,
    })
    .execute();
}

/** The search column: reference, title, description and public replies, normalised (db/dialect.ts). */
export async function rebuildSearchText(db: Executor, ticketId: string): Promise<string> {
  const t = await db
    .selectFrom('tickets')
    .select(['reference', 'title', 'description'])
    .where('id', '=', ticketId)
    .executeTakeFirstOrThrow();
  const replies = await db
    .selectFrom('ticketComments')
    .select('body')
    .where('ticketId', '=', ticketId)
    .where('internal', '=', 0)
    .orderBy('createdAt')
    .execute();
  const text = searchNormalize([t.reference, t.title, t.description, ...replies.map((r) => r.body)].join(' '));
  await db.updateTable('tickets').set({ searchText: text }).where('id', '=', ticketId).execute();
  return text;
}
