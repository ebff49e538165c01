import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorCatalogue } from '../errors';
import { fieldProblemOf, type ValidationIssue } from './field-problems';
import { isDataRefusal, isTransientDatabaseError, isUniqueViolation } from '../db/dialect';

/** The error body every route answers with: `{"error": {"code", "message", "details"}}`. */
export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/**
 * One error handler: AppError → its status; schema failure → 400 listing every bad field;
 * database busy (lock timeout, deadlock) → 503 with Retry-After; anything else → logged with the
 * request id, answered as a generic 500.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'application error');
      return reply
        .status(err.status)
        .headers(err.headers)
        .send(errorBody(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError).validationContext ?? 'body';
      const data = { body: req.body, querystring: req.query, params: req.params, headers: req.headers }[where];
      const fields = err.validation.flatMap((v) => fieldProblemOf(v as ValidationIssue, where, data));
      return reply
        .status(400)
        .send(errorBody('invalid_request', `Invalid ${fields.map((f) => f.field).join(', ')}.`, { fields }));
    }
    const e = err;
    if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(errorBody('payload_too_large', errorCatalogue.payload_too_large.en));
    }
    if (e.statusCode === 415 || e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(errorBody('unsupported_media_type', e.message));
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      // Fastify's own client errors (malformed JSON, empty body…): a 400 with its message.
      return reply
        .status(e.statusCode)
        .send(
          errorBody('invalid_request', e.message, { fields: [{ field: 'body', code: 'invalid', message: e.message }] }),
        );
    }
    if (isDataRefusal(err)) {
      // A validation the service missed: logged to be fixed, answered as the client's error.
      req.log.warn({ err, reqId: req.id }, 'input refused by the database');
      return reply.status(400).send(
        errorBody('invalid_request', 'A value names something that does not exist or breaks a rule of the data.', {
          fields: [{ field: 'body', code: 'unknown_reference', message: 'Refused by the database.' }],
        }),
      );
    }
    if (isUniqueViolation(err)) {
      req.log.warn({ err, reqId: req.id }, 'duplicate refused by the database');
      return reply.status(409).send(errorBody('already_exists', errorCatalogue.already_exists.en));
    }
    if (isTransientDatabaseError(err)) {
      // The transaction that met it rolled back; every change is idempotent or checked against
      // the current state, so the client may simply try again.
      req.log.warn({ err, reqId: req.id }, 'database busy');
      return reply
        .status(503)
        .header('retry-after', '1')
        .send(
          errorBody(
            'unavailable',
            `${errorCatalogue.unavailable.en} The database is busy: try again. (request ${req.id})`,
          ),
        );
    }
    req.log.error({ err, reqId: req.id }, 'unhandled error');
    return reply
      .status(500)
      .send(errorBody('internal_error', `${errorCatalogue.internal_error.en} (request ${req.id})`));
  });

  // The 404 handler is set by buildApp (app.ts): it also serves the web app's client routes.
}
