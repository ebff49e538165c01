import { z } from 'zod';
import { isoInstant, listOf, pageQuery, refId } from '../../lib/http';
import { fastResponse } from '../../lib/serialize';
import { statuses } from './lifecycle';
import { levels, priorities } from './priority';

import { channels, referralLevels, ticketTypes } from '../../../shared/service-desk';

const level = z.enum(levels);
const statusSchema = z.enum(statuses).describe('new, acknowledged, in_progress, pending, resolved, closed, reopened');

const deviceIds = z
  .array(refId)
  .max(20)
  .describe(
    'Devices of the fleet the ticket is about (ids, GET /api/v1/communes/{id}/device-choices); each must be of the ticket’s commune',
  );

/** A device a ticket names, as the ticket page shows it. */
export const ticketDeviceSchema = z
  .object({
    id: z.string().describe('Device id (GET /api/v1/devices/{id})'),
    kind: z.string().describe('Kind of device (desktop, laptop, printer …)'),
    name: z.string().nullable().describe('Host or display name'),
    serial: z.string().nullable().describe('Serial number'),
    inventoryNumber: z.string().nullable().describe("The commune's inventory number"),
    model: z.string().nullable().describe('Model'),
    status: z.string().describe('in_stock, deployed, in_repair, retired'),
  })
  .describe('TicketDevice');

export const ticketCreate = z.object({
  type: z.enum(ticketTypes).describe('incident or request'),
  title: z.string().trim().min(1).max(200).describe('Short summary'),
  description: z.string().trim().max(20_000).default('').describe('What happened, what is needed'),
  categoryId: refId.optional().describe('Category of the service catalogue (GET /api/v1/ticket-categories)'),
  impact: level.describe('How many people / how much service is affected'),
  urgency: level.describe('How soon it hurts'),
  channel: z.enum(channels).default('portal').describe('How the request arrived'),
  communeId: refId
    .optional()
    .describe('Required for provider staff (call centre); commune users create for their own commune'),
  requesterId: refId
    .optional()
    .describe('The commune user who asked (call centre); defaults to the caller for commune users'),
  entityId: refId.optional().describe('Sub-entity of the commune (CCAS, school, site…)'),
  site: z.string().trim().max(200).optional().describe('Building, room or address'),
  deviceIds: deviceIds.optional(),
});

export const ticketPatch = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(20_000).optional(),
    type: z.enum(ticketTypes).optional(),
    categoryId: refId.nullable().optional().describe('Category (changes the sub-domain)'),
    impact: level.optional(),
    urgency: level.optional(),
    groupId: refId.nullable().optional().describe('Support group'),
    assigneeId: refId.nullable().optional().describe('Provider staff assigned to the commune'),
    entityId: refId.nullable().optional(),
    site: z.string().trim().max(200).nullable().optional(),
    deviceIds: deviceIds
      .optional()
      .describe('The devices the ticket is about, the whole list (replaces the current one)'),
  })
  .describe('Ticket changes (provider staff)');

export const transitionBody = z.object({
  to: statusSchema.describe('Target status'),
  comment: z
    .string()
    .trim()
    .max(20_000)
    .optional()
    .describe('Public reply recorded with the change (e.g. what is awaited)'),
});

export const commentBody = z.object({
  body: z.string().trim().min(1).max(50_000).describe('Text of the reply or note'),
  internal: z.boolean().default(false).describe('Internal note (provider staff only, never shown to commune users)'),
});

export const mergeBody = z.object({ intoId: z.string().min(1).describe('The ticket this duplicate is merged into') });
export const surveyBody = z.object({
  score: z.number().int().min(1).max(5).describe('Satisfaction 1 (bad) – 5 (excellent)'),
  comment: z.string().trim().max(5_000).optional(),
});
export const bulkAssignBody = z
  .object({
    ids: z.array(z.string().min(1)).min(1).max(500).describe('Tickets to assign'),
    groupId: refId.nullable().optional(),
    assigneeId: refId.nullable().optional(),
  })
  .refine((b) => b.groupId !== undefined || b.assigneeId !== undefined, {
    message: 'Give groupId or assigneeId',
    path: ['groupId'],
  });

/** Ids of a bulk change: 1 to 200 tickets, each once. */
const bulkIds = z
  .array(refId.describe('A ticket id'))
  .min(1)
  .max(200)
  .superRefine((ids, c) => {
    const seen = new Set<string>();
    const twice = [...new Set(ids.filter((id) => seen.size === seen.add(id).size))];
    if (twice.length)
      c.addIssue({ code: 'custom', message: `Each ticket once; given more than once: ${twice.join(', ')}` });
  });

export const bulkTransitionBody = z.object({
  ids: bulkIds.describe('Tickets to move (1–200, each once); handled in this order, each in its own transaction'),
  to: statusSchema.describe('Target status, for every ticket'),
  comment: z
    .string()
    .trim()
    .max(20_000)
    .optional()
    .describe('Public reply recorded with each change, as with the single route'),
});

/** Why a ticket of a bulk change was left as it was. */
export const bulkSkipReasons = [
  'not_found',
  'invalid_transition',
  'already_in_status',
  'forbidden',
  'same_ticket',
  'already_closed',
  'other_commune',
  'target_closed',
  'conflict',
] as const;
const bulkReason = z
  .enum(bulkSkipReasons)
  .describe(
    'Why it was skipped: not_found (no such ticket, or not visible to the caller), invalid_transition (the lifecycle does not allow the move from its status), already_in_status, forbidden, same_ticket (merge into itself), already_closed (closed or already merged), other_commune (merge target of another commune), target_closed (the target was closed meanwhile), conflict (another rule refused it)',
  );

const bulkItemBase = z.object({
  id: z.string().describe('The ticket id as given'),
  reference: z.string().nullable().describe('Its reference; null when the ticket is not found (nothing is told of it)'),
  from: statusSchema.nullable().describe('Its status before; null when not found'),
  reason: bulkReason.optional().describe('Present when skipped'),
});

export const bulkTransitionResult = z.object({
  items: z
    .array(
      bulkItemBase.extend({
        outcome: z.enum(['changed', 'skipped']).describe('changed, or skipped (see reason)'),
        to: statusSchema.describe('The status asked for'),
      }),
    )
    .describe('One entry per id, in the order given'),
  changed: z.number().int().describe('Tickets moved'),
  skipped: z.number().int().describe('Tickets left as they were'),
});

export const bulkMergeBody = z.object({
  ids: bulkIds.describe('Duplicates to merge (1–200, each once); the target among them is skipped as same_ticket'),
  intoId: refId.describe('The ticket every duplicate is merged into (404 when not visible, 400 when closed)'),
});

export const bulkMergeResult = z.object({
  into: z.object({ id: z.string(), reference: z.string() }).describe('The target ticket'),
  items: z
    .array(
      bulkItemBase.extend({
        outcome: z.enum(['merged', 'skipped']).describe('merged (now closed, merged into the target), or skipped'),
      }),
    )
    .describe('One entry per id, in the order given'),
  merged: z.number().int().describe('Tickets merged'),
  skipped: z.number().int().describe('Tickets left as they were'),
});

/** A comma-separated list of enum values in a query parameter, reported under the parameter's name. */
function csvOf<T extends string>(values: readonly T[], name: string) {
  return z
    .string()
    .superRefine((s, c) => {
      const bad = s.split(',').filter((v) => !(values as readonly string[]).includes(v));
      if (bad.length)
        c.addIssue({ code: 'custom', message: `Unknown ${name} ${bad.join(', ')}; expected ${values.join(', ')}` });
    })
    .transform((s) => s.split(',') as T[])
    .optional()
    .describe(`One or more of ${values.join(', ')}, comma-separated`);
}

export const sortKeys = [
  'createdAt',
  'updatedAt',
  'priority',
  'status',
  'reference',
  'acknowledgeDueAt',
  'resolveDueAt',
] as const;
export const queues = ['mine', 'group', 'unassigned', 'breaching_soon'] as const;
/** A day of the calendar, YYYY-MM-DD, that exists (not 2026-02-30). */
const calendarDay = z
  .string()
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const t = Date.parse(`${s}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().startsWith(s);
  }, 'Expected a date YYYY-MM-DD that exists')
  .describe('Local date YYYY-MM-DD');

/** SLA states a list can be narrowed to (any of those given). */
export const slaStates = ['breached', 'at_risk', 'paused'] as const;

export const ticketQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Words searched in title, description and public replies (case- and accent-insensitive)'),
  status: csvOf(statuses, 'status'),
  priority: csvOf(priorities, 'priority'),
  communeId: refId.optional(),
  categoryId: refId.optional(),
  assigneeId: refId.optional(),
  groupId: refId.optional(),
  requesterId: refId.optional(),
  type: z.enum(ticketTypes).optional(),
  dueBefore: isoInstant.optional().describe('Resolution due before this instant'),
  assignee: z
    .enum(['me', 'none'])
    .optional()
    .describe('me: assigned to the caller; none: assigned to nobody (any status, unlike the queues)'),
  channel: csvOf(channels, 'channel'),
  subdomain: z
    .string()
    .regex(/^[A-Z](,[A-Z]){0,9}$/, 'Expected sub-domain codes (A, B, …), comma-separated')
    .transform((s) => s.split(','))
    .optional()
    .describe("The contract's sub-domain codes (A–D), comma-separated"),
  createdFrom: calendarDay.optional().describe('Created on or after this day (Europe/Paris)'),
  createdTo: calendarDay.optional().describe('Created on or before this day (Europe/Paris)'),
  dueFrom: calendarDay.optional().describe('Resolution due on or after this day (Europe/Paris)'),
  dueTo: calendarDay.optional().describe('Resolution due on or before this day (Europe/Paris)'),
  sla: csvOf(slaStates, 'SLA state').describe(
    'breached (a deadline passed: acknowledgement or resolution), at_risk (open, not breached, a deadline within 8 hours), paused (pending: clock stopped); several: any of them',
  ),
  queue: z
    .enum(queues)
    .optional()
    .describe('mine (assigned to me), group (my groups), unassigned, breaching_soon (due within 8 hours or overdue)'),
  sort: z
    .enum(sortKeys)
    .optional()
    .describe('Default: resolveDueAt (soonest due first) for a queue, createdAt (newest first) otherwise'),
  order: z.enum(['asc', 'desc']).optional().describe('Default: asc for a queue sorted by default, desc otherwise'),
  count: z
    .enum(['capped', 'exact'])
    .default('capped')
    .describe(
      'capped (default): `total` counts up to 1,000 matching tickets, then says `totalCapped`; exact: counts them all (slower on large histories)',
    ),
  ...pageQuery,
});

const remaining = z.object({
  acknowledge: z
    .number()
    .int()
    .nullable()
    .describe(
      'Business seconds left before the acknowledgement deadline (negative: overdue; null: met or no deadline)',
    ),
  resolve: z
    .number()
    .int()
    .nullable()
    .describe('Business seconds left before the resolution deadline, frozen while pending (negative: overdue)'),
});

export const ticketSummary = z.object({
  id: z.string(),
  reference: z.string().describe('Human reference, e.g. BOU-2026-000123'),
  communeId: z.string(),
  entityId: z.string().nullable(),
  type: z.enum(ticketTypes),
  title: z.string(),
  categoryId: z.string().nullable(),
  subdomain: z.string().nullable().describe('Contract sub-domain (A–D) of the category'),
  requesterId: z.string().nullable(),
  requesterName: z.string().nullable(),
  channel: z.enum(channels),
  impact: level,
  urgency: level,
  priority: z.enum(priorities),
  status: statusSchema,
  groupId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  referralLevel: z.enum(referralLevels),
  createdAt: z.string(),
  updatedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  acknowledgeDueAt: z.string().nullable().describe('3.3.1 deadline (end of the next business day)'),
  resolveDueAt: z.string().nullable().describe('3.3.2 deadline for the priority, pauses deducted'),
  ackBreached: z.boolean(),
  resolveBreached: z.boolean(),
  remainingBusinessSeconds: remaining,
  budgetBusinessSeconds: z
    .object({
      acknowledge: z
        .number()
        .int()
        .nullable()
        .describe('Business seconds the acknowledgement deadline allows from creation'),
      resolve: z
        .number()
        .int()
        .nullable()
        .describe('Business seconds the resolution deadline allows from creation, pauses deducted'),
    })
    .describe(
      'The whole budget of each open deadline (null: met, closed or no deadline): remaining ÷ budget = share left',
    ),
  mergedIntoId: z.string().nullable(),
});

export const ticketList = fastResponse(
  listOf(ticketSummary).extend({
    total: z
      .number()
      .int()
      .describe('Number of tickets matching, all pages included: counted up to 1,000 unless `count=exact`'),
    totalCapped: z
      .boolean()
      .describe(
        'True when more than 1,000 tickets match and the count stopped there (total then says 1,000); pages beyond stay reachable with offset',
      ),
  }),
);

export const commentSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  authorId: z.string().nullable(),
  authorLabel: z.string(),
  body: z.string(),
  bodyHtml: z.string().nullable().describe('Sanitised HTML of an email reply'),
  internal: z.boolean(),
  createdAt: z.string(),
});

export const attachmentSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  filename: z.string(),
  contentType: z.string().describe('Type detected from the content'),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  url: z.string().describe('Download URL'),
  commentId: z.string().nullable().describe('The reply or note the file came with; null: the ticket’s own'),
});

export const attachmentQuery = z.object({
  commentId: z.string().min(1).max(100).optional().describe('Attach to this message of yours on the ticket'),
});

export const ticketDetail = ticketSummary.extend({
  description: z.string(),
  site: z.string().nullable(),
  calendarId: z.string().nullable(),
  calendarVersion: z.number().int().nullable(),
  annexVersionId: z.string().nullable().describe('Contract annex version the deadlines come from'),
  clockIssue: z.string().nullable().describe('Why deadlines are missing: no_calendar, no_contract, no_rule'),
  resolveTargetOrigin: z
    .enum(['contract', 'agreed', 'operating'])
    .nullable()
    .describe(
      'Where the resolution delay comes from: the signed annex, a two-party agreement, or the provider operating target (objectif de service interne, no contractual promise)',
    ),
  forceMajeure: z
    .object({
      reason: z.string(),
      at: z.string().describe('When it was ruled'),
      by: z.string().describe('Who ruled it'),
    })
    .nullable()
    .describe('Set when the breached acknowledgement was ruled force majeure (3.3.1): the ticket is excluded from it'),
  pausedSince: z.string().nullable(),
  pausedBusinessSeconds: z.number().int(),
  ackBusinessSeconds: z.number().int().nullable(),
  resolveBusinessSeconds: z.number().int().nullable(),
  receivedOutsideHours: z.boolean(),
  reopenCount: z.number().int(),
  firstContactResolution: z
    .boolean()
    .describe('Resolved by level 1 at first contact (phone/walk-in), without reassignment or reopening'),
  satisfaction: z.number().int().nullable(),
  comments: z.array(commentSchema),
  attachments: z.array(attachmentSchema),
  devices: z.array(ticketDeviceSchema).describe('The devices of the fleet the ticket is about'),
  abilities: z.object({
    canEdit: z.boolean(),
    canComment: z.boolean(),
    canAddInternalNote: z.boolean(),
    canEscalate: z.boolean().describe('May POST an escalation now: the permission, an open ticket, a level left above'),
    canMerge: z.boolean(),
    canRuleForceMajeure: z
      .boolean()
      .describe('May rule (or revoke) force majeure on the breached acknowledgement (tickets.force_majeure)'),
    canAnswerSurvey: z.boolean(),
    transitions: z.array(statusSchema).describe('Statuses the caller may move the ticket to'),
  }),
});

export const historySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  kind: z.string().describe('created, status, assigned, field, comment, note, attachment, escalated, merged, survey…'),
  data: z.unknown(),
  names: z
    .record(z.string(), z.string())
    .describe('Display names of the users and support groups the entry’s data refers to, by id'),
  internal: z.boolean(),
});

export const categorySchema = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string().describe('In the caller’s language'),
  labelFr: z.string(),
  labelEn: z.string(),
  subdomain: z.string(),
  defaultType: z.enum(ticketTypes),
  defaultGroupId: z.string().nullable(),
});

export const groupSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  memberIds: z.array(z.string()),
});

const cell = z.object({ impact: level, urgency: level, priority: z.enum(priorities) });
export const matrixSchema = z.object({
  communeId: z.string().nullable().describe('Commune of an override; null for the provider-wide matrix'),
  inherited: z.boolean().describe('True when this commune has no override and the provider matrix applies'),
  cells: z.array(cell),
});
export const matrixQuery = z.object({
  communeId: refId.optional().describe('Read the matrix that applies to this commune'),
});
export const matrixPut = z.object({
  communeId: refId.nullable().optional().describe('Set a commune override (null or absent: the provider-wide matrix)'),
  cells: z.array(cell).length(16).describe('All 16 impact × urgency cells'),
});

export const surveySchema = z.object({
  ticketId: z.string(),
  score: z.number().int(),
  comment: z.string().nullable(),
  answeredAt: z.string(),
});
export const assignableUser = z
  .object({ id: z.string(), name: z.string(), email: z.string() })
  .describe('AssignableUser: provider staff who may be assigned');
export const assignableQuery = z.object({
  groupId: z.string().min(1).optional().describe('Only members of this support group'),
});
export const assignableCommunesQuery = assignableQuery.extend({
  communeId: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1).max(100)])
    .transform((v) => (typeof v === 'string' ? [v] : v))
    .describe('The communes of the tickets to assign (repeat the parameter for several)'),
});

export const bulkAssignResult = z.object({ updated: z.number().int(), items: z.array(ticketSummary) });

export const forceMajeureBody = z.object({
  reason: z
    .string()
    .trim()
    .min(3)
    .max(2_000)
    .describe('Why the late acknowledgement is a case of force majeure (shown to the commune)'),
});

/** The list parameters a saved view keeps (no paging). */
export const viewQuery = ticketQuery.omit({ limit: true, offset: true, count: true });

export const ticketViewBody = z.object({
  name: z.string().trim().min(1).max(80).describe('Name of the view, unique among its owner’s'),
  query: z
    .record(z.string().regex(/^[a-zA-Z]{1,30}$/), z.string().max(500))
    .describe('The list’s query parameters as GET /api/v1/tickets reads them (q, status, priority, sla, sort …)'),
  groupId: refId
    .nullable()
    .default(null)
    .describe('Share with this support group (its members see it); null: mine only'),
});

export const ticketViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    query: z.record(z.string(), z.string()),
    groupId: z.string().nullable().describe('The group it is shared with, null when personal'),
    groupName: z.string().nullable(),
    ownerId: z.string(),
    ownerName: z.string().nullable(),
    mine: z.boolean().describe('The caller owns it (may delete it)'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('TicketView');
export const ticketViewList = listOf(ticketViewSchema);

export const cannedReplyBody = z.object({
  groupId: refId.describe('The support group whose members use it'),
  title: z.string().trim().min(1).max(120).describe('Short name shown in the picker'),
  body: z.string().trim().min(1).max(10_000).describe('The reply, Markdown'),
});
export const cannedReplySchema = z
  .object({
    id: z.string(),
    groupId: z.string(),
    groupName: z.string(),
    title: z.string(),
    body: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('CannedReply');
export const cannedReplyList = listOf(cannedReplySchema);
export const cannedReplyQuery = z.object({
  groupId: refId.optional().describe("Only this group's replies"),
});

export const watcherBody = z.object({
  userId: refId.describe('The person to add (who must be able to see the ticket); yourself to follow it'),
});
export const watcherSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    addedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .describe('TicketWatcher');
export const watcherList = listOf(watcherSchema);
export const watcherParams = z.object({ id: refId, userId: refId });

export const linkBody = z
  .object({
    linkedId: refId.optional().describe('The ticket to link, by id'),
    reference: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}-\d{4}-\d{1,9}$/, 'Expected a ticket reference such as BOU-2026-000123')
      .optional()
      .describe('Or by its reference (BOU-2026-000123)'),
  })
  .describe('One of linkedId or reference: a ticket of the same commune that the caller sees');
export const linkSchema = z
  .object({
    ticketId: z.string().describe('The linked ticket'),
    reference: z.string(),
    title: z.string(),
    status: z.enum(statuses),
    addedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .describe('TicketLink');
export const linkList = listOf(linkSchema);
export const linkParams = z.object({ id: refId, linkedId: refId });

export const deskSummaryQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(26).default(8).describe('Weeks of trend, this week last (1–26)'),
});

const deskCounts = {
  open: z.number().int().describe('Open tickets (new, acknowledged, in progress, pending, reopened)'),
  breached: z.number().int().describe('Of them, a deadline missed'),
  atRisk: z.number().int().describe('Of them, not paused and a deadline within the "breaching soon" window'),
  unassigned: z.number().int().describe('Of them, nobody assigned'),
};

export const deskSummarySchema = z.object({
  items: z.array(z.object({ communeId: z.string(), communeName: z.string(), ...deskCounts })).describe('By commune'),
  total: z.number().int(),
  totals: z.object(deskCounts).describe('Every commune of the caller'),
  trend: z
    .array(
      z.object({
        weekStart: z.string().describe('Monday of the week (Europe/Paris), YYYY-MM-DD'),
        opened: z.number().int(),
        resolved: z.number().int(),
      }),
    )
    .describe('Tickets opened and resolved per week, oldest first'),
  at: isoInstant.describe('When the counts were taken'),
});
