import type { FastifyInstance } from 'fastify';
import type { FieldProblem } from '../../shared/errors';
import { AppError } from '../errors';

/**
 * Characters no text column can store: NUL (PostgreSQL refuses it in text, 22021) and UTF-16
 * surrogates without their pair (not valid Unicode, so not valid UTF-8).
 */
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/; // eslint-disable-line no-control-regex

/** Whether any string (key included) of a decoded JSON value holds an unstorable character: the cheap check every request pays. */
export function hasUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return unstorable.test(value);
  // Raw bodies (an agent's compressed inventory) are bytes, read by their own route.
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (hasUnstorable(v)) return true;
    return false;
  }
  for (const k in value as Record<string, unknown>) {
    if (unstorable.test(k) || hasUnstorable((value as Record<string, unknown>)[k])) return true;
  }
  return false;
}

/** The paths of the strings (keys included) of a decoded JSON value that hold an unstorable character. */
export function unstorableStrings(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return unstorable.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableStrings(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      const p = path ? `${path}.${k}` : k;
      return unstorable.test(k) ? [p] : unstorableStrings(v, p);
    });
  }
  return [];
}

/**
 * Refuses, once for every route and before validation, any string of the path, query or body
 * holding a character the databases cannot store: 400 naming each field, instead of an error
 * from the database (a 500) for some routes and not others.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (req, _reply, done) => {
    // Paths are built only for a request that holds such a character.
    if (!hasUnstorable(req.params) && !hasUnstorable(req.query) && !hasUnstorable(req.body)) return done();
    const fields: FieldProblem[] = [];
    for (const [where, value] of [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ] as const) {
      for (const field of unstorableStrings(value))
        fields.push({
          field: field || where,
          in: where,
          code: 'invalid_character',
          message: 'Contains a character that cannot be stored (NUL or an unpaired surrogate).',
        });
    }
    if (!fields.length) return done();
    done(new AppError('invalid_request', `Invalid ${fields.map((f) => f.field).join(', ')}.`, { fields }));
  });
}
