import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../../context';
import type { Actor } from '../../../access/actor';
import { authorize } from '../../../access/actor';
import { AppError, invalid, notFound } from '../../../errors';
import { seesInternal } from '../policy';
import { newId } from '../../../lib/ids';
import { recordAudit } from '../../audit';
import { presentAttachment, type AttachmentView } from '../present';
import { appendHistory, getTicketForChange, getVisibleTicket, visibleTickets } from '../repo';
import { scoped } from '../../../db/scope';

/** Types accepted, decided from the bytes (file-type), never from the name or the client's header. */
const allowedTypes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

/** The media types an attachment is served as (the OpenAPI document lists them). */
export const attachmentMediaTypes: string[] = [...allowedTypes, 'text/plain', 'text/csv'];

/** Plain text: valid UTF-8 without control characters other than tab, CR, LF, form feed. */
function looksLikeText(data: Buffer): boolean {
  if (data.length === 0) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, 64 * 1024));
  if (text.includes('\uFFFD')) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/** The content type of an upload, sniffed; null when not in the allow-list. */
export async function sniffType(data: Buffer, filename: string): Promise<string | null> {
  const ft = await fileTypeFromBuffer(data);
  if (ft) return allowedTypes.has(ft.mime) ? ft.mime : null;
  if (!looksLikeText(data)) return null;
  // Markup is refused even as text: an HTML or SVG file has no business in a ticket and is a
  // classic stored-XSS carrier should it ever be served inline.
  if (/^\s*(<\?xml|<!doctype|<html|<svg|<script)/i.test(data.subarray(0, 512).toString('utf8'))) return null;
  return /\.csv$/i.test(filename) ? 'text/csv' : 'text/plain';
}

/** Where the bytes live: DATA_DIR/attachments/<sha[0:2]>/<sha256> (content-addressed, written once). */
export function attachmentPath(ctx: AppContext, sha256: string): string {
  return path.join(ctx.config.dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

/** A file name safe to store and to send back in Content-Disposition (no path, no control characters). */
export function safeFilename(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f"]/g, '')
    .trim();
  return (base || 'fichier').slice(0, 200);
}

/**
 * Checks an upload (size → 413, type sniffed from the bytes against the allow-list → 415) and
 * writes its bytes to the content-addressed store (once per content). Shared with the other
 * modules that keep files (project documents).
 */
export async function storeUpload(
  ctx: AppContext,
  file: { filename: string; data: Buffer; truncated?: boolean },
): Promise<{ contentType: string; sha256: string }> {
  if (file.truncated || file.data.length > ctx.config.maxUploadBytes)
    throw new AppError('payload_too_large', `Files are limited to ${ctx.config.maxUploadBytes} bytes.`);
  const contentType = await sniffType(file.data, file.filename);
  if (!contentType)
    throw new AppError(
      'unsupported_media_type',
      'Accepted files: PDF, PNG, JPEG, GIF, WebP, Word/Excel (docx, xlsx), OpenDocument (odt, ods), text and CSV.',
    );
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  writeStored(ctx, sha256, file.data);
  return { contentType, sha256 };
}

/** Writes the bytes under their hash unless already there (atomic rename: never a half-written file). */
export function writeStored(ctx: AppContext, sha256: string, data: Buffer): void {
  const target = attachmentPath(ctx, sha256);
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${newId()}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, target);
}

/**
 * Attaches a file to a ticket the actor sees. Over ctx.config.maxUploadBytes → 413; a type outside
 * the allow-list (decided from the content) → 415. With `commentId`, the file belongs to that
 * message of the ticket, which must be the actor's own (400 naming `commentId` otherwise); a file
 * of an internal note is internal too (its history entry, its download: staff only).
 */
export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  file: { filename: string; data: Buffer; contentType?: string; truncated?: boolean },
  opts: { commentId?: string } = {},
): Promise<AttachmentView> {
  authorize(actor, 'tickets.reply');
  await getVisibleTicket(ctx.db, actor, ticketId);
  const { contentType, sha256 } = await storeUpload(ctx, file);
  const at = ctx.now().toISOString();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const t = await getTicketForChange(trx, actor, ticketId);
    let internal = false;
    if (opts.commentId !== undefined) {
      const c = await scoped(trx, actor)
        .selectFrom('ticketComments')
        .select(['authorId', 'internal'])
        .where('id', '=', opts.commentId)
        .where('ticketId', '=', t.id)
        .executeTakeFirst();
      // Someone else's message, or a note the actor may not read, is not one they can add files to.
      if (!c || (c.internal === 1 && !seesInternal(actor)))
        throw invalid('commentId', 'No such message on this ticket.', 'unknown_reference');
      if (actor.kind !== 'user' || c.authorId !== actor.id)
        throw invalid('commentId', 'Files are added to your own messages only.', 'not_allowed');
      internal = c.internal === 1;
    }
    const r = {
      id: newId(),
      ticketId: t.id,
      communeId: t.communeId,
      filename: safeFilename(file.filename),
      contentType,
      size: file.data.length,
      sha256,
      uploadedBy: actor.kind === 'user' ? actor.id : null,
      createdAt: at,
      commentId: opts.commentId ?? null,
    };
    await trx.insertInto('ticketAttachments').values(r).execute();
    await scoped(trx, actor).updateTable('tickets').set({ updatedAt: at }).where('id', '=', t.id).execute();
    await appendHistory(trx, {
      ticketId: t.id,
      communeId: t.communeId,
      actor,
      kind: 'attachment',
      at,
      internal,
      data: { attachmentId: r.id, filename: r.filename, size: r.size, commentId: r.commentId },
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'ticket.attach',
        targetType: 'ticket',
        targetId: t.id,
        communeId: t.communeId,
        changes: { attachmentId: r.id, filename: r.filename },
      },
      ctx.now(),
    );
    return r;
  });
  return presentAttachment(row);
}

/** An attachment for download, checked against the actor's view of its ticket on every request. */
export async function openAttachment(ctx: AppContext, actor: Actor, attachmentId: string) {
  authorize(actor, 'tickets.read');
  const a = await scoped(ctx.db, actor)
    .selectFrom('ticketAttachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!a) throw notFound('attachment');
  const visible = await visibleTickets(ctx.db, actor).select('t.id').where('t.id', '=', a.ticketId).executeTakeFirst();
  if (!visible) throw notFound('attachment');
  // A file of an internal note is as hidden as the note.
  if (a.commentId && !seesInternal(actor)) {
    const note = await scoped(ctx.db, actor)
      .selectFrom('ticketComments')
      .select('internal')
      .where('id', '=', a.commentId)
      .executeTakeFirst();
    if (note?.internal === 1) throw notFound('attachment');
  }
  const file = attachmentPath(ctx, a.sha256);
  if (!fs.existsSync(file)) throw notFound('attachment');
  return { filename: a.filename, contentType: a.contentType, size: a.size, stream: fs.createReadStream(file) };
}
