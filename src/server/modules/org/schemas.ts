import { z } from 'zod';
import { refId } from '../../lib/http';
import { permissions, roles } from '../../../shared/roles';

export const roleSchema = z.enum(roles).describe('Role name');
export const permissionSchema = z.enum(permissions).describe('Permission name');

export const meSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
    communeId: z.string().nullable().describe('The commune of a commune user; null for provider staff'),
    entityId: z.string().nullable().describe('Sub-entity a commune user is restricted to'),
    locale: z.enum(['fr', 'en']),
    permissions: z.array(permissionSchema).describe('What the UI may offer this user'),
    communeIds: z.union([z.literal('all'), z.array(z.string())]).describe('Communes in scope'),
  })
  .describe('Me');

export const communeSchema = z
  .object({
    id: z.string(),
    name: z.string().describe('Commune name'),
    slug: z.string().describe('URL-safe identifier'),
    inseeCode: z.string().nullable().describe('INSEE code'),
    entityCount: z.number().int().describe('Number of sub-entities'),
    createdAt: z.string(),
    abilities: z.object({ canEdit: z.boolean() }),
  })
  .describe('Commune');

export const communeCreate = z.object({
  name: z.string().trim().min(1).max(200).describe('Commune name'),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and dashes')
    .max(80)
    .optional()
    .describe('Derived from the name when omitted'),
  inseeCode: z
    .string()
    .trim()
    .regex(/^\d[0-9AB]\d{3}$/, 'five-character INSEE code')
    .nullable()
    .optional(),
});
export const communePatch = communeCreate.partial();

export const entityKinds = ['ccas', 'service', 'site', 'school', 'library', 'other'] as const;
export const entitySchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    kind: z.enum(entityKinds),
    createdAt: z.string(),
  })
  .describe('Entity');
export const entityCreate = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(entityKinds).describe('ccas, service, site, school, library, other'),
  parentId: refId.nullable().optional(),
});
export const entityPatch = entityCreate.partial();

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
    communeId: z.string().nullable(),
    entityId: z.string().nullable(),
    phone: z.string().nullable(),
    locale: z.enum(['fr', 'en']),
    active: z.boolean(),
    assignedCommuneIds: z.array(z.string()).describe('Communes a provider staff member is assigned to'),
    createdAt: z.string(),
    abilities: z.object({ canEdit: z.boolean() }),
  })
  .describe('User');

export const userCreate = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.string().trim().min(1).max(200),
  roles: z.array(roleSchema).min(1),
  communeId: refId.nullable().optional().describe('Set for commune users; omit for provider staff'),
  entityId: refId.nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  locale: z.enum(['fr', 'en']).default('fr'),
  password: z
    .string()
    .min(12)
    .max(1024)
    .optional()
    .describe('At least 12 characters; omit to create an account that cannot sign in yet'),
});
export const userPatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  roles: z.array(roleSchema).min(1).optional(),
  entityId: refId.nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  locale: z.enum(['fr', 'en']).optional(),
  active: z.boolean().optional(),
  password: z.string().min(12).max(1024).optional(),
});

export const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('First characters, to recognise the token'),
    communeId: z.string().nullable(),
    permissions: z.array(permissionSchema),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .describe('ApiToken');
export const tokenCreate = z.object({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(permissionSchema).min(1),
  communeId: refId.nullable().optional().describe('Restrict the token to one commune'),
  expiresAt: z.string().datetime({ offset: true }).nullable().optional(),
});

export const auditSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    communeId: z.string().nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    changes: z.unknown(),
  })
  .describe('AuditRecord');
