import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../context';
import { authorize, type Actor } from '../../access/actor';
import { scoped } from '../../db/scope';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit';
import { formatPeriod } from './periods';
import { requirePeriod } from './service';

/**
 * Evidence files behind manual indicator values (a signed plan, a committee report). Checked like
 * ticket attachments: size limit, an allow-list of document types, and the content sniffed so a
 * file cannot pretend to be what it is not (an HTML page named `.pdf` is refused).
 */

/** Allowed extensions and the MIME type they must sniff as (null: plain text, no magic number). */
const allowed: Record<string, string | null> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: null,
  txt: null,
};

const textTypes: Record<string, string> = { csv: 'text/csv', txt: 'text/plain' };

/** The media types an evidence file is served as (the OpenAPI document lists them). */
export const evidenceMediaTypes: string[] = [
  ...new Set([...Object.values(allowed).filter((t): t is string => t !== null), ...Object.values(textTypes)]),
];

export interface EvidenceView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

/** Checks a file and returns the content type it will be served with; 413/415 otherwise. */
export async function checkEvidenceFile(filename: string, data: Buffer, maxBytes: number): Promise<string> {
  if (data.length > maxBytes) throw new AppError('payload_too_large', `The file exceeds ${maxBytes} bytes.`);
  if (data.length === 0) throw new AppError('unsupported_media_type', 'The file is empty.');
  const ext = path.extname(filename).slice(1).toLowerCase();
  if (!(ext in allowed))
    throw new AppError(
      'unsupported_media_type',
      `Files of type .${ext || '?'} are not accepted (${Object.keys(allowed).join(', ')}).`,
    );
  const expected = allowed[ext];
  const sniffed = await fileTypeFromBuffer(data);
  if (expected === null) {
    // Plain text: no binary signature, no NUL byte, and not an HTML document in disguise.
    const head = data.subarray(0, 1024).toString('utf8').trimStart().toLowerCase();
    if (
      sniffed ||
      data.includes(0) ||
      head.startsWith('<!doctype') ||
      head.startsWith('<html') ||
      head.startsWith('<script')
    ) {
      throw new AppError('unsupported_media_type', `The content of ${filename} is not plain text.`);
    }
    return `${textTypes[ext]}; charset=utf-8`;
  }
  if (!sniffed || sniffed.mime !== expected)
    throw new AppError('unsupported_media_type', `The content of ${filename} does not match its .${ext} extension.`);
  return expected;
}

/** Attaches an evidence file to the manual value of an indicator for a period. */
export async function addEvidence(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  code: string,
  periodText: string,
  file: { filename: string; data: Buffer },
): Promise<EvidenceView> {
  const sc = scoped(ctx.db, actor);
  await sc.assertCommune(communeId);
  authorize(actor, 'indicators.manage');
  const periodKey = formatPeriod(requirePeriod(periodText));
  const filename =
    path
      .basename(file.filename)
      .replace(/[\r\n"\\]/g, '_')
      .slice(0, 200) || 'evidence';
  const contentType = await checkEvidenceFile(filename, file.data, ctx.config.maxUploadBytes);
  const now = ctx.now();
  const id = newId(now.getTime());
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  await ctx.db.transaction().execute(async (trx) => {
    const mv = await scoped(trx, actor)
      .selectFrom('indicatorManualValues')
      .select('id')
      .where('communeId', '=', communeId)
      .where('code', '=', code)
      .where('period', '=', periodKey)
      .executeTakeFirst();
    if (!mv) throw notFound('manual value (enter the value before its evidence)');
    await trx
      .insertInto('indicatorEvidence')
      .values({
        id,
        communeId,
        manualValueId: mv.id,
        filename,
        contentType,
        size: file.data.length,
        sha256,
        dataBase64: file.data.toString('base64'),
        uploadedById: actor.kind === 'system' ? null : actor.id,
        uploadedByLabel: actor.label,
        uploadedAt: now.toISOString(),
      })
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'indicators.evidence',
        targetType: 'indicator_evidence',
        targetId: id,
        communeId,
        changes: { code, period: periodKey, filename, size: file.data.length, sha256 },
      },
      now,
    );
  });
  return {
    id,
    filename,
    contentType,
    size: file.data.length,
    sha256,
    uploadedAt: now.toISOString(),
    uploadedBy: actor.label,
  };
}

/** An evidence file's content, inside the caller's scope (404 otherwise). */
export async function getEvidence(
  ctx: AppContext,
  actor: Actor,
  evidenceId: string,
): Promise<{ filename: string; contentType: string; data: Buffer }> {
  const row = await scoped(ctx.db, actor)
    .selectFrom('indicatorEvidence')
    .select(['filename', 'contentType', 'dataBase64'])
    .where('id', '=', evidenceId)
    .executeTakeFirst();
  if (!row) throw notFound('evidence');
  authorize(actor, 'indicators.read');
  return { filename: row.filename, contentType: row.contentType, data: Buffer.from(row.dataBase64, 'base64') };
}
