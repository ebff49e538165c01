import { z } from 'zod';
import { localDate } from '../../lib/http';
import {
  amendmentContentSchema,
  annexContentObject,
  articleSchema,
  escalationCellSchema,
  partySchema,
  revisionSchema,
  subdomainSchema,
} from './model';
import { weeklyHours } from './rules';

/** Request and response schemas of the contracts API (they also generate its OpenAPI). */

/**
 * Every top-level part of an object made optional *without* its default: a PATCH must tell "not
 * sent" from "sent empty", and a partial view must not invent empty parts.
 */
function optionalParts<T extends z.ZodRawShape>(shape: T) {
  const out: Record<string, z.ZodType> = {};
  for (const [k, s] of Object.entries(shape)) {
    const base = s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : (s as z.ZodType);
    out[k] = base.optional();
  }
  return out as { [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer I> ? I : T[K]> };
}

export const domainSlug = z
  .string()
  .regex(/^[a-z0-9-]+$/, 'Lower-case slug, e.g. numerique')
  .describe('Domain slug, e.g. "numerique"');

export const atQuery = z.object({
  at: localDate.optional().describe('Date YYYY-MM-DD (default: today in Europe/Paris)'),
});
export const domainParams = z.object({ id: z.string().min(1).describe('Commune id'), domain: domainSlug });
export const compareQuery = z.object({
  from: z.string().min(1).describe('Annex version id (before)'),
  to: z.string().min(1).describe('Annex version id (after)'),
});

const abilities = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape).describe('What the caller may do with this object');

export const contractSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    communeName: z.string(),
    title: z.string(),
    signedAt: localDate.describe('Signing date'),
    effectiveFrom: localDate.describe('In force from'),
    place: z.string().describe('Place of signature'),
    parties: z.array(partySchema),
    recitals: z.array(z.string()).optional().describe('Omitted in the public view'),
    articles: z.array(articleSchema).optional().describe('Omitted in the public view'),
  })
  .describe('Contract');

export const annexRefSchema = z.object({
  id: z.string(),
  domain: z.string(),
  domainTitle: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'signed']),
});

export const amendmentSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    contractId: z.string(),
    number: z.number().int().describe('Avenant number'),
    title: z.string().describe('"Avenant n°1"'),
    status: z.enum(['draft', 'signed', 'in_force']).describe('in_force = signed and effective date reached (derived)'),
    signedAt: localDate
      .nullable()
      .describe('Signing date; null for a draft, or for a signed amendment whose document leaves it blank'),
    effectiveFrom: localDate.nullable(),
    recordedAt: z
      .string()
      .nullable()
      .describe('When a signed amendment was recorded after the fact (null: drafted and signed in the app)'),
    object: z.string(),
    recitals: z.array(z.string()),
    revisions: z.array(revisionSchema).describe('Revised domains with the object of each revision'),
    articles: z
      .array(articleSchema)
      .describe(
        'Article bodies may contain {{revisions}} (the table of revised domains) and {{effectiveFrom}} (the effective date in words)',
      ),
    annexVersions: z.array(annexRefSchema).describe('The annex versions this amendment installs'),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: abilities({ canEdit: z.boolean(), canSign: z.boolean(), canDelete: z.boolean() }),
  })
  .describe('Amendment (avenant)');

export const supportHoursSchema = z
  .object({
    indicatorCode: z.string(),
    text: z.string().describe('As printed in the annex'),
    weekly: weeklyHours,
    channels: z.array(z.string()),
  })
  .nullable()
  .describe('Support opening hours promised by the annex (indicator with a support_hours rule)');

export const annexSchema = z
  .object({
    id: z.string(),
    contractId: z.string(),
    communeId: z.string(),
    domain: z.string().describe('Domain slug, e.g. "numerique"'),
    domainTitle: z.string().describe('e.g. "Numérique et systèmes d\'information"'),
    version: z.number().int(),
    status: z.enum(['draft', 'signed']),
    effectiveFrom: localDate.nullable(),
    effectiveTo: localDate.nullable().describe('Exclusive: the day the next version takes effect; null while in force'),
    amendmentId: z.string().nullable(),
    signedAt: localDate.nullable(),
    supportHours: supportHoursSchema,
    abilities: abilities({ canEdit: z.boolean() }),
    ...optionalParts(annexContentObject.shape),
    subdomains: z.array(subdomainSchema),
    escalationMatrix: z.array(escalationCellSchema),
  })
  .describe(
    'Annex version; in the public view only the sub-domain titles, the escalation matrix and the support hours are present',
  );

export const contractResponse = z.object({
  at: localDate.describe('The date the contract is read at'),
  view: z
    .enum(['full', 'public'])
    .describe('public: the caller may read only the escalation matrix and the support hours'),
  contract: contractSchema,
  annexes: z.array(annexSchema),
  amendments: z.array(amendmentSchema).describe('Signed amendments in force at that date (empty in the public view)'),
});

export const annexVersionItem = z.object({
  id: z.string(),
  contractId: z.string(),
  domain: z.string(),
  domainTitle: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'signed']),
  effectiveFrom: localDate.nullable(),
  effectiveTo: localDate.nullable(),
  signedAt: localDate.nullable(),
  amendmentId: z.string().nullable(),
  createdAt: z.string(),
});

const versionRef = z.object({
  id: z.string(),
  communeId: z.string(),
  domain: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'signed']),
  effectiveFrom: localDate.nullable(),
});
export const compareResponse = z.object({
  from: versionRef,
  to: versionRef,
  changes: z.array(
    z.object({
      op: z.enum(['added', 'removed', 'changed']),
      section: z.enum([
        'texts',
        'subdomains',
        'activities',
        'footnotes',
        'priorities',
        'commitments',
        'indicators',
        'governance',
        'roles',
        'escalationMatrix',
      ]),
      key: z
        .string()
        .describe(
          'The item: sub-domain or footnote code, commitment or indicator code, body name, "level/subdomain", priority or activity text',
        ),
      field: z.string().optional().describe('The field that changed (op = changed)'),
      before: z.unknown().optional(),
      after: z.unknown().optional(),
    }),
  ),
  total: z.number().int(),
});

export const amendmentCreate = z.object({
  object: z.string().max(20_000).optional().describe('Object of the amendment (Article 1)'),
  revisions: z
    .array(
      z.object({ domain: domainSlug, object: z.string().max(20_000).default('').describe('Objet de la révision') }),
    )
    .min(1)
    .optional()
    .describe(
      'Domains to revise (default: every domain of the contract); each gets a draft copy of its annex in force',
    ),
});

export const amendmentPatch = z
  .object({
    ...optionalParts(amendmentContentSchema.shape),
    revisions: z
      .array(z.object({ domain: domainSlug, object: z.string().max(20_000).default('') }))
      .optional()
      .describe('Replaces the revised domains: a new domain gets a draft annex copy, a dropped one loses its draft'),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'Nothing to change');

export const annexPut = annexContentObject;
export const annexPatch = z
  .object(optionalParts(annexContentObject.shape))
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'Nothing to change');

export const signBody = z.object({
  signedAt: localDate.describe('Signing date'),
  effectiveFrom: localDate.describe(
    'Effective date: after the version it replaces, and not before the current quarter',
  ),
});
