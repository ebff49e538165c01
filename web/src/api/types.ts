// Response shapes, inferred from the server's own zod schemas (type-only imports: nothing of
// the server reaches the bundle), so the web app cannot drift from the API.
import type { z } from 'zod';
import type {
  auditSchema,
  communeSchema,
  entitySchema,
  meSchema,
  tokenSchema,
  userSchema,
} from '../../../src/server/modules/org/schemas';

export type { Permission, Role } from '../../../src/server/access/roles';

/** A list answer of the API: one page of items and the total count. */
export interface Page<T> {
  items: T[];
  total: number;
}

export type Me = z.infer<typeof meSchema>;
export type Commune = z.infer<typeof communeSchema>;
export type Entity = z.infer<typeof entitySchema>;
export type User = z.infer<typeof userSchema>;
export type ApiToken = z.infer<typeof tokenSchema>;
export type AuditRecord = z.infer<typeof auditSchema>;
