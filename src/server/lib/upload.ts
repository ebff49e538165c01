import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../errors';

/** One uploaded file, read whole (the size limit is MAX_UPLOAD_BYTES). */
export interface Upload {
  filename: string;
  data: Buffer;
  contentType: string;
  /** The file was cut at the size limit. */
  truncated: boolean;
}

/**
 * Reads the `file` field of a multipart/form-data request. Not multipart → 415; no file → 400;
 * over the size limit → 413; a malformed body (bad boundary, truncated part) → 400 naming `file`,
 * never a 500.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!req.isMultipart())
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data (field "file").');
  const tooLarge = () => new AppError('payload_too_large', `Files are limited to ${maxBytes} bytes.`);
  const fail = (err: unknown): never => {
    if (err instanceof AppError) throw err;
    if ((err as { code?: unknown } | null)?.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw invalid('file', 'The multipart/form-data body is malformed.');
  };
  const part = await req.file().catch(fail);
  if (!part) throw invalid('file', 'No file in the request.', 'required');
  const data = await part.toBuffer().catch(fail);
  return { filename: part.filename, data, contentType: part.mimetype, truncated: part.file.truncated };
}
