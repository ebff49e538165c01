import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/** The Fastify instance every module registers its routes on, typed by our zod schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export const idParams = z.object({ id: z.string().min(1).max(100).describe('Object id') });

/** An id given in a request (a reference to another object): never empty. */
export const refId = z.string().min(1).max(100);

/** `{"items": [...], "total": n}` of an item schema. */
export function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('Number of items matching, all pages included'),
  });
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable error code'),
      message: z.string().describe('Human-readable explanation'),
      details: z.unknown().optional().describe('For 400: {"fields": [{"field", "message"}]}'),
    }),
  })
  .describe('Error');

/** Standard error responses, for the OpenAPI document. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  503: errorSchema.describe('The database is busy: nothing of this request was kept; retry after Retry-After seconds'),
} as const;

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size'),
  offset: z.coerce.number().int().min(0).default(0).describe('Items to skip'),
};

export const isoInstant = z.string().datetime({ offset: true }).describe('ISO-8601 instant');
/** A day of the calendar (YYYY-MM-DD): 2026-02-30 and 2026-13-01 are refused, 2024-02-29 is not. */
export const localDate = z.iso.date({ error: 'Expected a calendar date YYYY-MM-DD' }).describe('Local date YYYY-MM-DD');

/** 204 No Content: no body, no content type (as the OpenAPI document says). */
export function noContent(reply: { status(code: number): unknown }): FastifyReply {
  return (reply as unknown as FastifyReply).status(204).send();
}

/** Sends a generated file as a download (never cached: it may hold personal data). */
export function sendFile(
  reply: FastifyReply,
  f: { filename: string; contentType: string; data: Buffer },
): FastifyReply {
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename="${f.filename.replace(/[^\w.@-]/g, '_')}"`)
    .header('cache-control', 'private, no-store')
    .send(f.data);
}
