import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldProblemOf, type ValidationIssue } from './field-problems';

/** The issues zod reports for `input`, as fastify-type-provider-zod hands them to the error handler. */
function issuesOf(schema: z.ZodType, input: unknown): ValidationIssue[] {
  const r = schema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map(({ code, path, message, ...rest }) => ({
    keyword: code,
    instancePath: `/${path.join('/')}`,
    message,
    params: rest,
  }));
}

const problems = (schema: z.ZodType, input: unknown) =>
  issuesOf(schema, input)
    .flatMap((i) => fieldProblemOf(i, 'body', input))
    .map(({ field, code, params }) => ({
      field,
      code,
      ...(params ? { params } : {}),
    }));

describe('field problems: a code per zod issue, never the English wording', () => {
  const user = z
    .object({
      email: z.string().email(),
      name: z.string().trim().min(1).max(5),
      password: z.string().min(12).optional(),
      roles: z.array(z.enum(['a', 'b'])).min(1),
      insee: z
        .string()
        .regex(/^\d{5}$/)
        .optional(),
      at: z.string().datetime().optional(),
      day: z.string().date().optional(),
      count: z.number().int().min(1).max(10).optional(),
    })
    .strict();

  it.each([
    ['missing text', { email: 'a@b.fr', roles: ['a'] }, [{ field: 'name', code: 'required' }]],
    ['empty text', { email: 'a@b.fr', name: '', roles: ['a'] }, [{ field: 'name', code: 'required' }]],
    [
      'too long',
      { email: 'a@b.fr', name: 'abcdefgh', roles: ['a'] },
      [{ field: 'name', code: 'too_long', params: { max: 5 } }],
    ],
    [
      'too short',
      { email: 'a@b.fr', name: 'x', password: 'short', roles: ['a'] },
      [{ field: 'password', code: 'too_short', params: { min: 12 } }],
    ],
    ['bad email', { email: 'nope', name: 'x', roles: ['a'] }, [{ field: 'email', code: 'invalid_email' }]],
    [
      'empty list',
      { email: 'a@b.fr', name: 'x', roles: [] },
      [{ field: 'roles', code: 'too_few', params: { min: 1 } }],
    ],
    [
      'not an option',
      { email: 'a@b.fr', name: 'x', roles: ['z'] },
      [{ field: 'roles.0', code: 'invalid_option', params: { allowed: ['a', 'b'] } }],
    ],
    [
      'pattern',
      { email: 'a@b.fr', name: 'x', roles: ['a'], insee: '3306' },
      [{ field: 'insee', code: 'invalid_format' }],
    ],
    ['instant', { email: 'a@b.fr', name: 'x', roles: ['a'], at: 'hier' }, [{ field: 'at', code: 'invalid_datetime' }]],
    ['date', { email: 'a@b.fr', name: 'x', roles: ['a'], day: '2026-13-01' }, [{ field: 'day', code: 'invalid_date' }]],
    [
      'number bounds',
      { email: 'a@b.fr', name: 'x', roles: ['a'], count: 11 },
      [{ field: 'count', code: 'too_big', params: { max: 10 } }],
    ],
    ['wrong type', { email: 'a@b.fr', name: 42, roles: ['a'] }, [{ field: 'name', code: 'invalid_type' }]],
    [
      'unknown key',
      { email: 'a@b.fr', name: 'x', roles: ['a'], colour: 'red' },
      [{ field: 'colour', code: 'unknown_field' }],
    ],
  ])('%s', (_label, input, expected) => {
    expect(problems(user, input)).toEqual(expected);
  });

  it('names the whole body when it is not an object at all', () => {
    expect(problems(user, null)).toEqual([{ field: 'body', code: 'required' }]);
  });
});
