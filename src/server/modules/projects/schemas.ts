import { z } from 'zod';
import { localDate } from '../../lib/http';
import {
  phaseStatuses,
  projectKinds,
  projectStatuses,
  projectTeams,
  timeEntryStatuses,
} from '../../../shared/projects';

const year = z.coerce.number().int().min(2000).max(2100);
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected YYYY-MM')
  .describe('Month YYYY-MM');
const kind = z
  .enum(projectKinds)
  .describe("Kind: the commune's own, collective (proposed by the shared service), metropolitan (deployed locally)");
const status = z.enum(projectStatuses).describe('Status; "late" is derived, see `late`');
const team = z.enum(projectTeams).describe("The provider's team");
const priority = z.number().int().min(1).max(3).describe('Priority in the plan: 1 high, 2 normal, 3 low');
const days = z.number().describe('Person-days (j*h)');

const person = z.object({ id: z.string(), name: z.string() }).describe('Person');

export const planVersionSchema = z
  .object({
    id: z.string(),
    planId: z.string(),
    version: z.number().int().describe('1 for the adoption, then one per revision'),
    startYear: z.number().int().describe('First year the version covers'),
    endYear: z.number().int().describe('Last year the version covers'),
    approvedOn: z.string().describe('Local date of the approval'),
    approvedBy: z.string().describe('Who approved it'),
    committee: z.string().nullable().describe('Committee or body where it was approved'),
    changes: z.string().describe('What changed in this version'),
    scheduled: z
      .array(
        z.object({
          projectId: z.string(),
          title: z.string(),
          year: z.number().int(),
          priority: z.number().int(),
        }),
      )
      .describe('The projects this version schedules, with their year and priority, as approved'),
    createdBy: person.nullable(),
    createdAt: z.string(),
  })
  .describe('DigitalPlanVersion');

export const planSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    title: z.string(),
    startYear: z.number().int().describe("The latest version's first year"),
    endYear: z.number().int().describe("The latest version's last year"),
    lastApprovedOn: z.string().describe("The latest version's approval date"),
    versions: z.array(planVersionSchema).describe('Versions, latest first'),
    createdAt: z.string(),
  })
  .describe('DigitalPlan');

export const planCreate = z
  .object({
    planId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('The plan this version revises; omitted for a new plan (version 1)'),
    title: z.string().trim().min(1).max(200).optional().describe('Title of a new plan (required without planId)'),
    startYear: year.describe('First year the version covers'),
    endYear: year.describe('Last year the version covers'),
    approvedOn: localDate.describe('Local date of the approval'),
    approvedBy: z.string().trim().min(1).max(200).describe('Who approved it (e.g. "Conseil municipal")'),
    committee: z.string().trim().max(200).nullable().optional().describe('Committee where it was approved'),
    changes: z.string().trim().min(1).max(5000).describe('What changed in this version'),
  })
  .describe('DigitalPlanVersionCreate: the current projects of the horizon are scheduled as they stand');

const phase = z.object({
  key: z.string().trim().min(1).max(60).describe('Stable key'),
  label: z.string().trim().min(1).max(200),
  status: z.enum(phaseStatuses),
  start: localDate.nullable().optional(),
  end: localDate.nullable().optional(),
});
const milestone = z.object({
  label: z.string().trim().min(1).max(200),
  date: localDate,
  reached: z.boolean(),
});
const risk = z.object({
  text: z.string().trim().min(1).max(1000),
  level: z.enum(['low', 'medium', 'high']),
});
const plannedLoad = z.object({ month, team, days: z.number().min(0).max(1000).describe('Planned person-days') });

export const projectSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    kind,
    status,
    late: z.boolean().describe('Planned go-live passed, not delivered nor dropped'),
    plannedYear: z.number().int().nullable().describe('Year the plan currently schedules it for'),
    priority: z.number().int(),
    plannedStart: z.string().nullable(),
    plannedGoLive: z.string().nullable(),
    goLiveOn: z.string().nullable().describe('Date it went live (delivered)'),
    communeOwner: person.nullable().describe("The commune's project owner (approves time entries)"),
    providerOwner: person.nullable().describe("The provider's project manager"),
    plannedDays: days.describe('Planned person-days, all months'),
    actualDays: days.describe('Approved person-days recorded'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('Project');

export const projectDetailSchema = projectSchema
  .extend({
    phases: z.array(phase),
    milestones: z.array(milestone),
    risks: z.array(risk),
    plannedLoad: z.array(plannedLoad).describe('Planned person-days per month and team'),
    actualByMonth: z
      .array(z.object({ month: z.string(), team: z.string(), days, submitted: days }))
      .describe('Recorded person-days per month and team: approved, and submitted awaiting approval'),
    scheduleHistory: z
      .array(
        z.object({
          versionId: z.string(),
          planTitle: z.string(),
          version: z.number().int(),
          approvedOn: z.string(),
          year: z.number().int(),
          priority: z.number().int(),
        }),
      )
      .describe('The year each plan version scheduled it for'),
    abilities: z.object({ canEdit: z.boolean(), canLogTime: z.boolean(), canApprove: z.boolean() }),
  })
  .describe('ProjectDetail');

export const projectCreate = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).nullable().optional(),
    kind,
    status: status.optional().describe('Defaults to planned'),
    plannedYear: year.nullable().optional(),
    priority: priority.optional().describe('Defaults to 2'),
    plannedStart: localDate.nullable().optional(),
    plannedGoLive: localDate.nullable().optional(),
    communeOwnerId: z.string().min(1).max(100).nullable().optional().describe('A user of the commune'),
    providerOwnerId: z.string().min(1).max(100).nullable().optional().describe('A member of the provider staff'),
  })
  .describe('ProjectCreate');

export const projectPatch = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(5000).nullable().optional(),
    kind: kind.optional(),
    status: status.optional(),
    plannedYear: year.nullable().optional(),
    priority: priority.optional(),
    plannedStart: localDate.nullable().optional(),
    plannedGoLive: localDate.nullable().optional(),
    goLiveOn: localDate.nullable().optional().describe('Set when the project goes live'),
    communeOwnerId: z.string().min(1).max(100).nullable().optional(),
    providerOwnerId: z.string().min(1).max(100).nullable().optional(),
    phases: z.array(phase).max(30).optional().describe('The whole list of phases'),
    milestones: z.array(milestone).max(50).optional(),
    risks: z.array(risk).max(50).optional(),
    plannedLoad: z.array(plannedLoad).max(2000).optional().describe('Replaces the whole planned load'),
  })
  .refine((o) => Object.keys(o).length > 0, 'Nothing to change')
  .describe('ProjectPatch');

export const projectListQuery = z.object({
  year: year.optional().describe('Year the plan schedules the project for'),
  status: status.optional(),
  kind: kind.optional(),
});

export const timeEntrySchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    user: person,
    team: z.string(),
    weekStart: z.string().describe('Monday of the week'),
    days: z.array(z.number()).describe('Person-days Monday to Sunday'),
    totalDays: days,
    comment: z.string().nullable(),
    status: z.enum(timeEntryStatuses),
    decidedBy: person.nullable(),
    decidedAt: z.string().nullable(),
    decisionComment: z.string().nullable(),
    createdAt: z.string(),
  })
  .describe('TimeEntry');

const dayAmount = z
  .number()
  .min(0)
  .max(1)
  .refine((n) => Number.isInteger(n * 4), 'Expected a multiple of a quarter day');
export const timeEntryCreate = z
  .object({
    weekStart: localDate.describe('Monday of the week'),
    team,
    days: z.array(dayAmount).length(7).describe('Person-days Monday to Sunday (0 to 1, quarter days)'),
    comment: z.string().trim().max(2000).nullable().optional(),
  })
  .describe('TimeEntryCreate');

export const timeEntryDecision = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    comment: z.string().trim().max(2000).nullable().optional().describe('Required when rejecting'),
  })
  .describe('TimeEntryDecision');

export const timeEntryListQuery = z.object({
  status: z.enum(timeEntryStatuses).optional(),
});

export const workloadQuery = z.object({
  from: month.describe('First month'),
  to: month.describe('Last month (included)'),
  groupBy: z.enum(['team', 'commune']).default('team'),
  communeId: z.string().min(1).max(100).optional().describe('Only this commune'),
});

export const workloadRowSchema = z
  .object({
    key: z.string().describe('Team code or commune id'),
    label: z.string(),
    communeId: z.string().nullable().describe('The commune (groupBy=commune)'),
    planned: days,
    actual: days,
    months: z.array(z.object({ month: z.string(), planned: days, actual: days })),
  })
  .describe('WorkloadRow');

export const workloadSchema = z
  .object({
    items: z.array(workloadRowSchema),
    total: z.number().int(),
    months: z.array(z.string()),
    totals: z.object({
      planned: days,
      actual: days,
      months: z.array(z.object({ month: z.string(), planned: days, actual: days })),
    }),
  })
  .describe('Workload');

export const projectTicketLink = z
  .object({
    ticket: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe("The ticket's id or reference (e.g. BOU-2026-000123), of the project's commune"),
  })
  .describe('ProjectTicketLink');

export const projectTicketSchema = z
  .object({
    id: z.string().describe('The ticket id'),
    reference: z.string().describe('The ticket reference'),
    title: z.string(),
    status: z.string().describe('The ticket status'),
    priority: z.string().describe('The ticket priority (P1–P4)'),
    type: z.string().describe('incident or request'),
    createdAt: z.string().describe('When the ticket was opened'),
    linkedAt: z.string().describe('When it was linked to the project'),
    linkedBy: person.nullable().describe('Who linked it'),
  })
  .describe('ProjectTicket');

export const projectTicketParams = z.object({
  id: z.string().min(1).max(100).describe('The project id'),
  ticketId: z.string().min(1).max(100).describe('The linked ticket id'),
});

export const projectDocumentSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    filename: z.string().describe('The file name as uploaded (sanitised)'),
    contentType: z.string().describe('Type detected from the content'),
    size: z.number().int().describe('Bytes'),
    sha256: z.string().describe('SHA-256 of the content'),
    uploadedBy: person.nullable().describe('Who uploaded it'),
    createdAt: z.string(),
    url: z.string().describe('Download URL'),
    abilities: z.object({ canDelete: z.boolean().describe('The caller may delete it') }),
  })
  .describe('ProjectDocument');

export const phaseListSchema = z
  .object({
    phases: z
      .array(
        z.object({
          key: z
            .string()
            .trim()
            .regex(/^[a-z0-9_]{1,60}$/, 'Expected lower-case letters, digits and _')
            .describe('Stable key (lower-case letters, digits, _)'),
          label: z.string().trim().min(1).max(200).describe('The phase as shown'),
        }),
      )
      .min(1)
      .max(30)
      .describe('The phases a new project starts with, in order'),
  })
  .describe('ProjectPhaseList: the annex sub-domain B list by default');

export const ownerCandidatesSchema = z
  .object({
    commune: z.array(person).describe("Active users of the project's commune (commune-side owner)"),
    provider: z.array(person).describe('Active members of the provider staff (provider-side owner)'),
  })
  .describe('ProjectOwnerCandidates');
