import { z } from 'zod';
import { deviceKinds } from './model';
import { localDate } from '../../lib/http';
import { kind, planSchema } from './schemas';

/** Request and response schemas of the renewal plan's approval and tracking, the renewal policy, and devices ↔ tickets. */

export const lineSteps = ['ordered', 'delivered', 'deployed'] as const;
export const lineStatuses = ['planned', ...lineSteps] as const;
const lineStatus = z.enum(lineStatuses).describe('planned → ordered → delivered → deployed');

const kindRule = z
  .object({
    maxAgeYears: z.number().int().min(1).max(20).describe('Renew a device of this kind after this many years'),
    renewOutOfWarranty: z.boolean().describe('Renew a device of this kind as soon as its warranty has ended'),
  })
  .strict()
  .describe('RenewalKindRule');

const rulesShape = Object.fromEntries(deviceKinds.map((k) => [k, kindRule])) as Record<
  (typeof deviceKinds)[number],
  typeof kindRule
>;
const fullRules = z.object(rulesShape).describe('The rule of each kind of device');

export const policySchema = z
  .object({
    effectiveFrom: z.string().nullable().describe('First day of the version in force (null: the defaults)'),
    rules: fullRules,
    note: z.string().nullable().describe('Why the policy was set so'),
    createdBy: z.string().nullable().describe('Who set this version'),
    createdAt: z.string().nullable().describe('When it was set (ISO-8601 instant)'),
  })
  .describe('RenewalPolicyVersion');

export const policyView = z
  .object({
    communeId: z.string(),
    current: policySchema.describe('The policy in force today'),
    upcoming: z.array(policySchema).describe('Versions that apply from a later day'),
    versions: z.array(policySchema).describe('Every version, newest first'),
    defaults: fullRules.describe('The defaults, for kinds a version does not name'),
    share: z
      .object({
        sharePerYear: z.number().describe('Share of the fleet to renew per year (1/6 in the reference)'),
        indicatorCode: z.string().describe('The indicator whose rule gives it (3.1.1)'),
        annexVersionId: z.string().describe('The annex version in force'),
        version: z.number().int().describe('Its version number'),
      })
      .nullable()
      .describe('The yearly share from the contract in force today (read-only: changed by an amendment)'),
    abilities: z.object({ canEdit: z.boolean().describe('May set a new version (fleet.manage or fleet.approve)') }),
  })
  .describe('RenewalPolicy');

export const policyPut = z
  .object({
    effectiveFrom: localDate.describe('First day the version applies (today or later)'),
    rules: z
      .object(rulesShape)
      .partial()
      .strict()
      .refine((r) => Object.keys(r).length > 0, 'Name at least one kind')
      .describe('The rule of each kind named; kinds not named keep the defaults'),
    note: z.string().trim().max(2000).nullable().optional().describe('Why (a council decision, a budget)'),
  })
  .strict()
  .describe('RenewalPolicyPut');

const who = z.string().nullable().describe('Who recorded the step (label)');
const deviceRef = z
  .object({
    id: z.string().describe('Device id'),
    kind: z.string().describe('Kind of device'),
    label: z.string().describe('Name, inventory number or serial'),
  })
  .describe('DeviceRef');

export const planLineSchema = z
  .object({
    id: z.string().describe('Line id (POST /api/v1/renewal-plan-lines/{id}/steps)'),
    rank: z.number().int().describe('Rank in the plan when it was approved'),
    device: deviceRef.describe('The device to renew'),
    replacementCost: z.number().describe('Estimated replacement cost, euros'),
    status: lineStatus,
    orderedOn: z.string().nullable().describe('Local date it was ordered'),
    orderedBy: who,
    deliveredOn: z.string().nullable().describe('Local date the replacement was delivered'),
    deliveredBy: who,
    deployedOn: z.string().nullable().describe('Local date the replacement went into service (the old one retired)'),
    deployedBy: who,
    replacement: deviceRef.nullable().describe('The replacement device, once known'),
    nextStep: z.enum(lineSteps).nullable().describe('The step the line may take next; null once deployed'),
  })
  .describe('RenewalPlanLine');

export const approvalSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    approvedAt: z.string().describe('ISO-8601 instant'),
    approvedBy: z.string().describe('Who approved it (label)'),
    fleet: z.number().int().describe('Fleet the plan was drawn from'),
    sharePerYear: z.number().nullable(),
    required: z.number().int().nullable(),
    estimatedCost: z.number().describe('Cost of the lines approved, euros'),
    budget: z.number().nullable(),
    policyEffectiveFrom: z.string().nullable().describe('The policy version the plan used (null: the defaults)'),
    progress: z
      .object({
        planned: z.number().int(),
        ordered: z.number().int(),
        delivered: z.number().int(),
        deployed: z.number().int(),
      })
      .describe('Lines at each status'),
  })
  .describe('RenewalPlanApproval');

export const renewalPlanSchema = planSchema
  .extend({
    policy: policySchema.describe('The age/warranty policy the ranking used (in force at plan time)'),
    approval: approvalSchema.nullable().describe('Set once the commune approved the plan of this year'),
    lines: z.array(planLineSchema).describe('The devices approved, frozen at approval, with their tracking'),
    abilities: z.object({
      canApprove: z.boolean().describe('May approve this plan now (fleet.approve, not yet approved, a year not past)'),
      canTrack: z.boolean().describe('May advance the lines (fleet.manage)'),
    }),
  })
  .describe('RenewalPlan');

export const approveBody = z
  .object({
    year: z.number().int().min(2000).max(2100).describe('The year planned (this year or a later one)'),
    budget: z.number().min(0).max(100_000_000).nullable().optional().describe('Budget of the year in euros'),
  })
  .strict()
  .describe('RenewalPlanApprove');

const text = (max: number, what: string) => z.string().trim().min(1).max(max).describe(what);
export const replacementCreate = z
  .object({
    kind: kind.optional().describe('Kind of the new device (default: the kind of the device replaced)'),
    name: text(200, 'Host or display name').optional(),
    serial: text(100, 'Serial number').optional(),
    inventoryNumber: text(100, 'Inventory number').optional(),
    manufacturer: text(200, 'Manufacturer').optional(),
    model: text(200, 'Model').optional(),
    cost: z.number().min(0).max(1_000_000).optional().describe('Purchase cost in euros'),
    purchaseDate: localDate.optional().describe('Default: the day of the step'),
    warrantyEnd: localDate.optional(),
  })
  .strict()
  .describe('A new device record for the replacement (created in stock)');

export const stepBody = z
  .object({
    step: z.enum(lineSteps).describe('The step recorded: ordered, delivered or deployed, in this order'),
    on: localDate.describe('Local date of the step (not in the future, not before the previous step)'),
    replacementDeviceId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('An existing device of the commune, in stock and never in service, as the replacement'),
    replacement: replacementCreate.optional(),
  })
  .strict()
  .describe('RenewalPlanStep');

export const deviceChoicesQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      'Serial or inventory number (exact) — or, with fleet.read, any part of serial, inventory number, name, model, user',
    ),
  requesterId: z
    .string()
    .max(100)
    .optional()
    .describe('Whose assigned devices to list (call centre); default: the caller'),
});

export const deviceChoiceSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    kind: z.string().describe('Kind of device'),
    name: z.string().nullable(),
    serial: z.string().nullable(),
    inventoryNumber: z.string().nullable(),
    model: z.string().nullable(),
    site: z.string().nullable(),
    assignedTo: z.string().nullable(),
    status: z.string(),
    assignedToRequester: z.boolean().describe("Assigned to the requester (their name or e-mail in 'assigned to')"),
  })
  .describe('DeviceChoice');

export const deviceChoices = z.object({
  items: z.array(deviceChoiceSchema).describe("The requester's devices first, then matches; retired devices left out"),
  total: z.number().int().describe('Items answered (at most 50)'),
});

export const deviceTickets = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        reference: z.string().describe('Human reference, e.g. BOU-2026-000123'),
        type: z.string().describe('incident or request'),
        title: z.string(),
        status: z.string(),
        priority: z.string(),
        createdAt: z.string(),
        resolvedAt: z.string().nullable(),
      }),
    ),
    incidents: z.number().int().describe('Tickets of type incident among them (what the renewal ranking counts)'),
  })
  .describe('DeviceTickets');

export type PolicyView = z.infer<typeof policyView>;
export type PolicyPut = z.infer<typeof policyPut>;
export type RenewalPlanView = z.infer<typeof renewalPlanSchema>;
export type PlanLineView = z.infer<typeof planLineSchema>;
export type ApproveBody = z.infer<typeof approveBody>;
export type StepBody = z.infer<typeof stepBody>;
export type DeviceChoicesQuery = z.infer<typeof deviceChoicesQuery>;
