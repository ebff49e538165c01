import { z } from 'zod';
import { referralLevels, sides } from '../../../shared/service-desk';

const level = z.enum(referralLevels).describe('Referral level (saisine): ordinary | urgent | exceptional');
const side = z.enum(sides).describe('Which party holds the role');

const personSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
  })
  .describe('Person');

export const directoryRoleSchema = z
  .object({
    side,
    role: z.string().describe('The role as the escalation matrix names it, e.g. "Directeur général des services"'),
    inMatrix: z.boolean().describe('False for a mapping whose role the matrix in force no longer names'),
    cells: z
      .array(z.object({ level, subdomain: z.string().describe('Sub-domain code (A–D)') }))
      .describe('Matrix cells naming this role'),
    users: z.array(personSchema).describe('Real users holding the role'),
  })
  .describe('EscalationDirectoryRole');

export const directorySchema = z
  .object({
    communeId: z.string(),
    annexVersionId: z
      .string()
      .nullable()
      .describe('Annex version in force whose matrix lists the roles; null when the commune has none'),
    roles: z.array(directoryRoleSchema),
    abilities: z.object({ canEdit: z.boolean() }),
  })
  .describe('EscalationDirectory');

export const directoryPut = z.object({
  entries: z
    .array(
      z.object({
        side,
        role: z.string().trim().min(1).max(300).describe('Role name as in the matrix'),
        userIds: z
          .array(z.string())
          .max(50)
          .describe(
            'Users holding the role (commune users for the commune side, provider staff for the provider side)',
          ),
      }),
    )
    .max(200)
    .describe('The whole directory: roles absent here are cleared'),
});

export const escalationCreate = z.object({
  reason: z.string().trim().min(1).max(2000).describe('Why the ticket is escalated'),
  level: level.optional().describe('Target level; the next one when omitted'),
});

export const notifiedSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    side,
    role: z.string(),
  })
  .describe('NotifiedPerson');

export const escalationSchema = z
  .object({
    id: z.string().describe('History entry id'),
    ticketId: z.string(),
    at: z.string().describe('ISO-8601 instant'),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    from: level,
    to: level,
    reason: z.string(),
    automatic: z.boolean().describe('True when raised by the scheduler at a resolution breach'),
    notified: z.array(notifiedSchema),
  })
  .describe('Escalation');

export const alertSettingsSchema = z
  .object({
    warningThreshold: z
      .number()
      .gt(0)
      .lt(1)
      .describe('Share of the business-time budget consumed when the warning fires (default 0.75)'),
    autoEscalateOnBreach: z
      .boolean()
      .describe('Raise the referral level automatically at a resolution breach (once per level)'),
  })
  .describe('AlertSettings');
