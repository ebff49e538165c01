import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fastResponse, serializerCompiler } from './serialize';

const item = z.object({
  id: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  count: z.number().int(),
  share: z.number(),
  done: z.boolean(),
  kind: z.enum(['incident', 'request']),
  remaining: z.object({ acknowledge: z.number().int().nullable(), resolve: z.number().int().nullable() }),
  tags: z.array(z.string()),
});
const page = fastResponse(z.object({ items: z.array(item), total: z.number().int(), totalCapped: z.boolean() }));
const plain = z.object({ id: z.string() });

const compile = (schema: z.ZodType) => serializerCompiler({ schema, method: 'GET', url: '/t', httpStatus: '200' });

describe('response serialization', () => {
  const sample: z.infer<typeof page> = {
    items: [
      {
        id: 'a',
        title: 'Imprimante « RDC » \u2028 en panne\n"guillemets" \\ é',
        note: null,
        count: 3,
        share: 0.25,
        done: false,
        kind: 'incident',
        remaining: { acknowledge: null, resolve: -3600 },
        tags: [],
      },
      {
        id: 'b',
        title: '',
        note: 'x',
        count: 0,
        share: -1.5e-7,
        done: true,
        kind: 'request',
        remaining: { acknowledge: 12, resolve: null },
        tags: ['un', 'deux'],
      },
    ],
    total: 2,
    totalCapped: false,
  };

  it('writes a marked schema exactly as zod encoding then JSON.stringify would', () => {
    expect(compile(page)(sample)).toBe(JSON.stringify(z.encode(page, sample)));
    expect(JSON.parse(compile(page)(sample))).toEqual(sample);
  });

  it('drops keys outside the schema, as zod does', () => {
    const extra = { ...sample, secret: 'x', items: [{ ...sample.items[0]!, passwordHash: 'h' }] } as unknown as z.infer<
      typeof page
    >;
    const out = compile(page)(extra);
    expect(out).not.toContain('secret');
    expect(out).not.toContain('passwordHash');
    expect(out).toBe(JSON.stringify(z.encode(page, extra)));
  });

  it('leaves other schemas to zod, which refuses an answer outside its schema', () => {
    expect(compile(plain)({ id: 'x', other: 1 })).toBe('{"id":"x"}');
    expect(() => compile(plain)({ id: 3 })).toThrow();
  });
});
