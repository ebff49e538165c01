import { z } from 'zod';

const status = z
  .enum(['met', 'at_risk', 'missed', 'no_data', 'info'])
  .describe(
    'met | at_risk (within 5 points below a share target) | missed | no_data (nothing measured) | info (figure without target: a standard figure, or an indicator whose target is still to be agreed)',
  );

const targetOrigin = z
  .enum(['contract', 'agreed', 'to_be_agreed'])
  .describe(
    'contract: set by the signed annex; agreed: set after signing by a two-party agreement (see agreement); to_be_agreed: the annex asks for a target computed from the existing situation — measured, status info, never judged',
  );

export const approvalSchema = z
  .object({
    side: z.enum(['provider', 'commune']),
    userId: z.string().nullable(),
    name: z.string(),
    roles: z.array(z.string()),
    comment: z.string(),
    approvedAt: z.string(),
  })
  .describe('TargetApproval');

export const agreedTargetSchema = z
  .object({
    kind: z.enum(['acknowledgement', 'resolution_delay', 'intervention_delay', 'restoration_delay']),
    byPriority: z
      .object({ P1: z.string(), P2: z.string(), P3: z.string(), P4: z.string() })
      .optional()
      .describe('3.3.2: business-time delay per criticality'),
    delay: z.string().optional().describe('4.1.1 / 4.1.2: business-time delay'),
    targetShare: z.number().describe('Share of cases that must meet the delay'),
  })
  .describe('AgreedTarget');

export const agreementSchema = z
  .object({
    id: z.string().describe('The agreed proposal'),
    indicatorCode: z.string(),
    target: agreedTargetSchema,
    agreedAt: z.string().describe('When the second party approved'),
    effectiveFrom: z.string().describe('First local day the agreed target applies'),
    decisionRef: z.string().nullable().describe('Committee meeting or amendment recording the decision'),
    approvals: z.array(approvalSchema),
    baselineFrom: z.string(),
    baselineTo: z.string(),
    baselineVolumePerYear: z.number().nullable(),
  })
  .describe('TargetAgreement');

const baselineGroupSchema = z.object({
  group: z.string().describe("'*' for every case, or a criticality P1…P4"),
  count: z.number(),
  medianHours: z.number().nullable(),
  p80Hours: z.number().nullable(),
  p90Hours: z.number().nullable(),
  p95Hours: z.number().nullable(),
});

export const baselineSchema = z
  .object({
    kind: agreedTargetSchema.shape.kind,
    from: z.string().describe('Baseline period, first local day'),
    to: z.string().describe('Baseline period, local day after the last (exclusive)'),
    volume: z.number(),
    volumePerYear: z.number(),
    groups: z.array(baselineGroupSchema).describe('Delays in business hours (nearest-rank percentiles)'),
    share: z.number().nullable().optional().describe('3.3.1: share acknowledged in time'),
    proposal: agreedTargetSchema.nullable().describe('The target the measurement suggests (docs/indicators.md)'),
    proposalGap: z.string().nullable().describe('Why there is no proposal'),
  })
  .describe('Baseline');

const reportingSchema = z
  .object({
    periods: z.array(z.enum(['month', 'quarter', 'half', 'year'])),
    default: z.enum(['month', 'quarter', 'half', 'year']),
  })
  .describe('Periodicity: periods followed, and the one reported and frozen for the committee');

export const periodQuery = z.object({
  period: z
    .string()
    .min(1)
    .max(10)
    .describe(
      "Period: 2026-Q3 (quarter), 2026-07 (month), 2026-S2 (half-year) or 2026 (year); bounds in the commune calendar's time zone",
    ),
});

export const pieceSchema = z
  .object({
    from: z.string().describe('First local day of the piece'),
    to: z.string().describe('Local day after the piece (exclusive)'),
    annexVersionId: z
      .string()
      .nullable()
      .describe('Contract annex version in force; null for days no signed annex covers'),
    version: z.number().nullable().describe('Annex version number'),
    value: z.number().nullable(),
    volume: z.number().nullable(),
    target: z.string().nullable(),
    targetShare: z.number().nullable(),
    targetOrigin: targetOrigin.nullable().optional(),
    status,
  })
  .describe('Sub-measurement for the part of the period under one contract version (and one agreement)');

const manualSchema = z
  .object({
    id: z.string(),
    comment: z.string(),
    enteredBy: z.string().describe('Who entered the value'),
    enteredAt: z.string().describe('When (ISO-8601)'),
    evidence: z
      .array(
        z.object({
          id: z.string(),
          filename: z.string(),
          contentType: z.string(),
          size: z.number(),
          uploadedAt: z.string(),
        }),
      )
      .describe('Evidence files (download: GET /api/v1/indicator-evidence/{id})'),
  })
  .describe("The manual value's provenance");

export const indicatorSchema = z.object({
  code: z.string().describe('Indicator code (3.3.1) or standard figure (SD.volume, SD.fcr, SD.satisfaction)'),
  title: z.string(),
  commitmentCode: z.string().nullable().describe('Commitment of the contract (3.3)'),
  commitmentText: z.string().nullable(),
  period: z.string().describe('Canonical period'),
  source: z
    .enum(['computed', 'manual', 'info'])
    .describe('computed from operational data, entered manually, or informative'),
  ruleKind: z.string().nullable().describe('Kind of the contract rule measuring it'),
  value: z.number().nullable().describe('The value (a share in [0,1], hours per week, a count, a score)'),
  valueText: z.string().nullable().describe('A textual manual value'),
  unit: z.enum(['share', 'hours_per_week', 'hours', 'count', 'score', 'text', 'number']),
  display: z.string().describe("The value as text in the caller's language"),
  target: z
    .string()
    .nullable()
    .describe("The target in words: the signed annex's, an agreed one (marked agreed), null while to be agreed"),
  targetOrigin: targetOrigin.nullable().describe('null for the standard figures (SD.*)'),
  agreement: agreementSchema.nullable(),
  baseline: baselineSchema
    .nullable()
    .describe('For a target to be agreed: the measured distribution and the target it suggests'),
  reporting: reportingSchema.nullable(),
  volumeReview: z
    .boolean()
    .describe(
      'Missed with a volume above its baseline by more than the review margin: "volume en hausse — à examiner en comité"',
    ),
  volumeBasis: z
    .enum(['flow', 'stock'])
    .nullable()
    .describe('Volume compared per period (flow) or as it stands (stock)'),
  baselineVolumeSource: z.enum(['contract', 'agreement']).nullable(),
  freezeExpected: z
    .boolean()
    .describe("True when this period is one of the indicator's reported periods, over and not frozen yet"),
  targetShare: z.number().nullable().describe('Numeric share target (volume-weighted over amendment pieces)'),
  status,
  volume: z.number().nullable().describe('Cases the value was computed on (tickets)'),
  baselineVolume: z
    .number()
    .nullable()
    .describe('Baseline volume for the period: prorated for a flow, as written for a stock'),
  baselineVolumeYearly: z.number().nullable().describe('Baseline volume per year (annex volumetry or agreed baseline)'),
  volumeChange: z.number().nullable().describe('(volume − baselineVolume) / baselineVolume'),
  trend: z
    .array(z.object({ period: z.string(), value: z.number().nullable(), volume: z.number().nullable() }))
    .describe('Previous periods then this one, oldest first'),
  pieces: z.array(pieceSchema),
  details: z
    .record(z.string(), z.unknown())
    .describe('Medians, 90th percentiles, per-priority breakdown, backlog, reopen rate, opening hours…'),
  manual: manualSchema.nullable(),
  frozen: z.boolean().describe('True when served from an immutable snapshot'),
  frozenAt: z.string().nullable(),
  frozenBy: z.string().nullable(),
  live: z
    .object({ value: z.number().nullable(), display: z.string(), status: z.string(), volume: z.number().nullable() })
    .nullable()
    .describe("When frozen: the recomputation from today's data"),
  difference: z
    .object({ value: z.number().nullable(), volume: z.number().nullable(), statusChanged: z.boolean() })
    .nullable()
    .describe('When frozen and the data changed since: live − frozen'),
});

export const codeParams = z.object({
  id: z.string().min(1).describe('Commune id'),
  code: z.string().min(1).max(40).describe('Indicator code'),
});

export const drillQuery = periodQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size'),
  offset: z.coerce.number().int().min(0).default(0).describe('Items to skip'),
  breached: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('Only tickets that missed (true) or met (false) the deadline'),
  priority: z.enum(['P1', 'P2', 'P3', 'P4']).optional(),
  excluded: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('3.3.1: list the tickets ruled force majeure (excluded from it) instead of those counted'),
});

export const drillTicketSchema = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  type: z.string(),
  priority: z.string(),
  channel: z.string(),
  status: z.string(),
  subdomain: z.string().nullable(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  ackBusinessSeconds: z.number().nullable(),
  resolveBusinessSeconds: z.number().nullable().describe('Pauses deducted'),
  pausedBusinessSeconds: z.number(),
  ackBreached: z.boolean(),
  resolveBreached: z.boolean(),
  receivedOutsideHours: z.boolean(),
  reopenCount: z.number(),
  firstContactResolution: z.boolean(),
  satisfaction: z.number().nullable(),
  forceMajeure: z.boolean().describe('Ruled force majeure: excluded from 3.3.1'),
  forceMajeureReason: z.string().nullable(),
  resolveTargetOrigin: z.enum(['contract', 'agreed', 'operating']).nullable(),
});

export const overviewSchema = z.object({
  items: z.array(
    z.object({
      communeId: z.string(),
      communeName: z.string(),
      indicators: z
        .record(
          z.string(),
          z.object({
            title: z.string(),
            value: z.number().nullable(),
            display: z.string(),
            status,
            target: z.string().nullable(),
            volume: z.number().nullable(),
            frozen: z.boolean(),
          }),
        )
        .describe('By indicator code'),
    }),
  ),
  total: z.number().int(),
});

export const manualBody = z.object({
  value: z
    .union([z.number(), z.string().trim().min(1).max(2000)])
    .describe(
      'The value. Judged against a computable rule: a duration in hours or ISO-8601 (P3D) for a maximum delay, a share in [0, 1] for a share, oui/non for an existence; otherwise numeric or textual',
    ),
  status: z
    .enum(['met', 'at_risk', 'missed', 'no_data'])
    .optional()
    .describe('Status as assessed by the contract manager — only for an indicator without a computable rule'),
  comment: z.string().trim().min(1).max(4000).describe('Why this value (required)'),
});

export const freezeBody = z
  .object({
    codes: z
      .array(z.string().min(1).max(40))
      .max(200)
      .optional()
      .describe("Codes to freeze; all the period's indicators when absent"),
  })
  .optional();

export const evidenceSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
});
