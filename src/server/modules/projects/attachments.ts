import fs from 'node:fs';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/schema';
import { authorize, can, type Actor } from '../../access/actor';
import { scoped, unscoped } from '../../db/scope';
import { conflict, invalid, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import {
  attachmentPath,
  findVisibleTicket,
  findVisibleTicketByReference,
  safeFilename,
  storeUpload,
  visibleTickets,
  writeStored,
} from '../tickets';
import * as R from './repo';
import type * as S from './schemas';

/**
 * A project's linked tickets and its documents. Both hang off a project read through the scope
 * (another commune's project answers 404); the documents' bytes live in the tickets' content-
 * addressed store, checked the same way (size limit 413, type sniffed from the bytes 415).
 */

async function projectOf(db: Executor, actor: Actor, id: string) {
  const p = await scoped(db, actor)
    .selectFrom('projects')
    .select(['id', 'communeId', 'title'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!p) throw notFound('project');
  return p;
}

// ---------------------------------------------------------------- tickets

/** The tickets linked to a project that the actor may see, latest first. */
export async function listProjectTickets(ctx: AppContext, actor: Actor, projectId: string) {
  await projectOf(ctx.db, actor, projectId);
  authorize(actor, 'projects.read');
  const items = await projectTicketRows(ctx.db, actor, projectId);
  return { items, total: items.length };
}

async function projectTicketRows(db: Executor, actor: Actor, projectId: string, ticketId?: string) {
  // Through the service desk's own visibility (a requester sees only their tickets), not just the commune.
  let q = visibleTickets(db, actor)
    .innerJoin('projectTickets as pt', 'pt.ticketId', 't.id')
    .select([
      't.id',
      't.reference',
      't.title',
      't.status',
      't.priority',
      't.type',
      't.createdAt',
      'pt.linkedAt',
      'pt.linkedBy',
    ])
    .where('pt.projectId', '=', projectId);
  if (ticketId) q = q.where('t.id', '=', ticketId);
  const rows = await q.orderBy('pt.linkedAt', 'desc').orderBy('t.reference', 'desc').execute();
  const names = await R.peopleNames(
    unscoped(db, 'names of the people who linked tickets read through the scope'),
    rows.map((r) => r.linkedBy),
  );
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    status: r.status,
    priority: r.priority,
    type: r.type,
    createdAt: r.createdAt,
    linkedAt: r.linkedAt,
    linkedBy: r.linkedBy ? { id: r.linkedBy, name: names.get(r.linkedBy) ?? r.linkedBy } : null,
  }));
}

/**
 * Links a ticket to a project. The ticket is named by id or reference; one the actor cannot see,
 * or of another commune than the project's, is refused on the field (400), never linked.
 */
export async function linkTicket(
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof S.projectTicketLink>,
) {
  const p = await projectOf(ctx.db, actor, projectId);
  authorize(actor, 'projects.manage');
  const ref = input.ticket.trim();
  const t = (await findVisibleTicket(ctx.db, actor, ref)) ?? (await findVisibleTicketByReference(ctx.db, actor, ref));
  if (!t || t.communeId !== p.communeId)
    throw invalid('ticket', 'No such ticket in the commune of this project.', 'unknown_reference');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const dup = await scoped(trx, actor)
      .selectFrom('projectTickets')
      .select('ticketId')
      .where('projectId', '=', projectId)
      .where('ticketId', '=', t.id)
      .executeTakeFirst();
    if (dup) throw conflict('This ticket is already linked to this project.', { ticketId: t.id });
    await trx
      .insertInto('projectTickets')
      .values({
        projectId,
        ticketId: t.id,
        communeId: p.communeId,
        linkedBy: actor.kind === 'user' ? actor.id : null,
        linkedAt: now.toISOString(),
      })
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'project.ticket_linked',
        targetType: 'project',
        targetId: projectId,
        communeId: p.communeId,
        changes: { ticketId: t.id, reference: t.reference },
      },
      now,
    );
  });
  return (await projectTicketRows(ctx.db, actor, projectId, t.id))[0]!;
}

/** Removes the link between a project and a ticket (the ticket itself is untouched). */
export async function unlinkTicket(ctx: AppContext, actor: Actor, projectId: string, ticketId: string) {
  const p = await projectOf(ctx.db, actor, projectId);
  authorize(actor, 'projects.manage');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await scoped(trx, actor)
      .deleteFrom('projectTickets')
      .where('projectId', '=', projectId)
      .where('ticketId', '=', ticketId)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw notFound('linked ticket');
    await recordAudit(
      trx,
      actor,
      {
        action: 'project.ticket_unlinked',
        targetType: 'project',
        targetId: projectId,
        communeId: p.communeId,
        changes: { ticketId },
      },
      now,
    );
  });
}

// ---------------------------------------------------------------- documents

type DocumentRow = {
  id: string;
  projectId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
};

function presentDocument(d: DocumentRow, names: Map<string, string>, canDelete: boolean) {
  return {
    id: d.id,
    projectId: d.projectId,
    filename: d.filename,
    contentType: d.contentType,
    size: Number(d.size),
    sha256: d.sha256,
    uploadedBy: d.uploadedBy ? { id: d.uploadedBy, name: names.get(d.uploadedBy) ?? d.uploadedBy } : null,
    createdAt: d.createdAt,
    url: `/api/v1/project-documents/${d.id}`,
    abilities: { canDelete },
  };
}

/** A project's documents, latest first. */
export async function listDocuments(ctx: AppContext, actor: Actor, projectId: string) {
  await projectOf(ctx.db, actor, projectId);
  authorize(actor, 'projects.read');
  const rows = await scoped(ctx.db, actor)
    .selectFrom('projectDocuments')
    .select(['id', 'projectId', 'filename', 'contentType', 'size', 'sha256', 'uploadedBy', 'createdAt'])
    .where('projectId', '=', projectId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const names = await R.peopleNames(
    unscoped(ctx.db, 'names of the uploaders of documents read through the scope'),
    rows.map((r) => r.uploadedBy),
  );
  const canDelete = can(actor, 'projects.manage');
  const items = rows.map((r) => presentDocument(r, names, canDelete));
  return { items, total: items.length };
}

/** Adds a document to a project: over MAX_UPLOAD_BYTES → 413, a type outside the allow-list → 415. */
export async function addDocument(
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  file: { filename: string; data: Buffer; truncated?: boolean },
) {
  const p = await projectOf(ctx.db, actor, projectId);
  authorize(actor, 'projects.manage');
  const { contentType, sha256 } = await storeUpload(ctx, file);
  const now = ctx.now();
  const row: DocumentRow & { communeId: string } = {
    id: newId(now.getTime()),
    projectId,
    communeId: p.communeId,
    filename: safeFilename(file.filename),
    contentType,
    size: file.data.length,
    sha256,
    uploadedBy: actor.kind === 'user' ? actor.id : null,
    createdAt: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('projectDocuments').values(row).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'project.document_added',
        targetType: 'project',
        targetId: projectId,
        communeId: p.communeId,
        changes: { documentId: row.id, filename: row.filename, size: row.size, contentType },
      },
      now,
    );
  });
  // A concurrent deletion of the last other copy of these bytes may have removed them between
  // the write and the commit: write them again (same hash, same content).
  writeStored(ctx, sha256, file.data);
  const names = await R.peopleNames(unscoped(ctx.db, 'the uploader of the document just added'), [row.uploadedBy]);
  return presentDocument(row, names, can(actor, 'projects.manage'));
}

async function documentRow(db: Executor, actor: Actor, id: string) {
  const d = await scoped(db, actor).selectFrom('projectDocuments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw notFound('document');
  return d;
}

/** A document for download, checked against the actor's scope on every request. */
export async function openDocument(ctx: AppContext, actor: Actor, id: string) {
  const d = await documentRow(ctx.db, actor, id);
  authorize(actor, 'projects.read');
  const file = attachmentPath(ctx, d.sha256);
  if (!fs.existsSync(file)) throw notFound('document');
  return {
    filename: d.filename,
    contentType: d.contentType,
    size: Number(d.size),
    stream: fs.createReadStream(file),
  };
}

/**
 * Deletes a document. Its bytes are removed from the store once no ticket attachment nor project
 * document (of any commune: the store is content-addressed) refers to them any more.
 */
export async function deleteDocument(ctx: AppContext, actor: Actor, id: string) {
  const d = await documentRow(ctx.db, actor, id);
  authorize(actor, 'projects.manage');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await scoped(trx, actor).deleteFrom('projectDocuments').where('id', '=', id).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'project.document_deleted',
        targetType: 'project',
        targetId: d.projectId,
        communeId: d.communeId,
        changes: { documentId: id, filename: d.filename },
      },
      now,
    );
  });
  const db = unscoped(ctx.db, 'the content-addressed store is shared by every commune: is the content still used?');
  const stillUsed =
    (await db.selectFrom('projectDocuments').select('id').where('sha256', '=', d.sha256).executeTakeFirst()) ??
    (await db.selectFrom('ticketAttachments').select('id').where('sha256', '=', d.sha256).executeTakeFirst());
  if (!stillUsed) fs.rmSync(attachmentPath(ctx, d.sha256), { force: true });
}
