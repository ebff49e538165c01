// A minimal valid value of a JSON Schema (as the OpenAPI document publishes a route's input),
// for tests generated from the route table: required properties only, first enum value, lower
// bounds, and known shapes for formats and patterns.

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  $ref?: string;
};

const patternCandidates = [
  '2026-01-05',
  '09:00',
  '2026-01-05T09:00:00.000Z',
  '33069',
  'x-1',
  'P1',
  '3.3.1',
  '2026-Q1',
  '2026',
  'numerique',
  'PT4H',
  'a',
  'A',
];

function sampleString(s: Schema): string {
  if (s.format === 'date-time') return '2026-01-05T09:00:00.000Z';
  if (s.format === 'date') return '2026-01-05';
  if (s.format === 'email') return 'personne@example.test';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.test/';
  if (s.format === 'uuid') return '00000000-0000-7000-8000-000000000001';
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const hit = patternCandidates.find((c) => re.test(c));
    if (hit) return hit;
  }
  const min = Math.max(s.minLength ?? 1, 1);
  return 'x'.repeat(min).slice(0, s.maxLength ?? min);
}

/** A minimal valid value of the schema (undefined when none can be made). */
export function sample(schema: Schema | undefined, root?: Schema): unknown {
  if (!schema) return undefined;
  const top = root ?? schema;
  if (schema.$ref) {
    const path = schema.$ref.replace(/^#\//, '').split('/');
    let target: unknown = top;
    for (const p of path) target = (target as Record<string, unknown> | undefined)?.[p];
    return sample(target as Schema, top);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((e) => e !== null) ?? schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) {
    const nonNull = variants.find((v) => v.type !== 'null');
    return sample(nonNull ?? variants[0], top);
  }
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => sample(s, top) as object));
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sample(schema.properties?.[key], top);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, top));
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return schema.properties ? sample({ ...schema, type: 'object' }, top) : undefined;
  }
}
