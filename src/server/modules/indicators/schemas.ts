import { z } from 'zod';

const status = z
  .enum(['met', 'at_risk', 'missed', 'no_data', 'info'])
  .describe(
    'met | at_risk (within 5 points below a share target) | missed | no_data (nothing measured) | info (figure without contract target)',
  );

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
    status,
  })
  .describe('Sub-measurement for the part of the period under one contract version');

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
  unit: z.enum(['share', 'hours_per_week', 'count', 'score', 'text', 'number']),
  display: z.string().describe("The value as text in the caller's language"),
  target: z.string().nullable().describe('The target as the contract words it'),
  targetShare: z.number().nullable().describe('Numeric share target (volume-weighted over amendment pieces)'),
  status,
  volume: z.number().nullable().describe('Cases the value was computed on (tickets)'),
  baselineVolume: z.number().nullable().describe('Contract baseline volume prorated to the period'),
  baselineVolumeYearly: z.number().nullable().describe('Contract baseline volume per year as written'),
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
  value: z.union([z.number(), z.string().trim().min(1).max(2000)]).describe('Numeric or textual value'),
  status: z
    .enum(['met', 'at_risk', 'missed', 'no_data'])
    .optional()
    .describe('Status as assessed by the contract manager'),
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
