import fastJson from 'fast-json-stringify';
import { z } from 'zod';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';

type Serialize = (data: unknown) => string;

const compiled = new WeakMap<z.ZodType, Serialize>();

/**
 * Marks a response schema of a hot route (ticket list and page) to be written by
 * fast-json-stringify, compiled from the schema's JSON Schema, instead of zod encoding the answer
 * then JSON.stringify: the same JSON for the same answer, keys outside the schema dropped as zod
 * drops them, without building a second object tree (a tenth of a list request). Only for schemas
 * without transforms, whose encoding is the identity.
 */
export function fastResponse<T extends z.ZodType>(schema: T): T {
  compiled.set(
    schema,
    fastJson(z.toJSONSchema(schema, { io: 'output', target: 'draft-07' }) as Parameters<typeof fastJson>[0]),
  );
  return schema;
}

/** Fastify's response serializer: fast-json-stringify for the schemas marked above, zod otherwise. */
export const serializerCompiler: typeof zodSerializerCompiler = (route) => {
  const fast = compiled.get(route.schema as z.ZodType);
  return fast ?? zodSerializerCompiler(route);
};
