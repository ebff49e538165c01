import type { FieldErrorCode, FieldProblem } from '../../shared/errors';

/** What a schema validation error says of one issue (fastify-type-provider-zod's shape). */
export interface ValidationIssue {
  /** The zod issue code: too_small, invalid_type, invalid_format… */
  keyword: string;
  /** `/entries/0/role`. */
  instancePath: string;
  message?: string;
  /** The rest of the zod issue: minimum, maximum, origin, format, values, keys… */
  params?: Record<string, unknown>;
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;

function valueAt(data: unknown, path: string[]): unknown {
  let v = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * The field problem of a schema validation issue: its field, a stable code and the bounds or
 * choices it refers to (src/shared/errors.ts), so a client translates it without reading the
 * English message. `data` is the validated input (body, query…) to tell a missing value.
 */
export function fieldProblemOf(issue: ValidationIssue, where: string, data: unknown): FieldProblem[] {
  const path = issue.instancePath.split('/').filter(Boolean);
  const p = issue.params ?? {};
  const message = issue.message ?? 'Invalid value.';
  const field = path.join('.') || where;
  const one = (code: FieldErrorCode, params?: FieldProblem['params']): FieldProblem[] => [
    { field, in: where, code, message, ...(params ? { params } : {}) },
  ];
  const origin = p.origin;
  switch (issue.keyword) {
    case 'invalid_type': {
      const value = valueAt(data, path);
      return one(value === undefined || value === null ? 'required' : 'invalid_type');
    }
    case 'too_small': {
      const min = num(p.minimum);
      if (origin === 'string') return min === 1 ? one('required') : one('too_short', { min });
      if (origin === 'array' || origin === 'set') return one('too_few', { min });
      return one('too_small', { min });
    }
    case 'too_big': {
      const max = num(p.maximum);
      if (origin === 'string') return one('too_long', { max });
      if (origin === 'array' || origin === 'set') return one('too_many', { max });
      return one('too_big', { max });
    }
    case 'invalid_format': {
      if (p.format === 'email') return one('invalid_email');
      if (p.format === 'date') return one('invalid_date');
      if (p.format === 'datetime') return one('invalid_datetime');
      return one('invalid_format');
    }
    case 'invalid_value':
      return one('invalid_option', { allowed: Array.isArray(p.values) ? p.values.map(String) : undefined });
    case 'unrecognized_keys': {
      const keys = Array.isArray(p.keys) ? p.keys.map(String) : [];
      return keys.length
        ? keys.map((k) => ({ field: [...path, k].join('.'), in: where, code: 'unknown_field' as const, message }))
        : one('unknown_field');
    }
    default:
      return one('invalid');
  }
}
