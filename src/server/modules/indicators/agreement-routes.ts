import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams, listOf } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import { agreedTargetSchema as agreedTargetInput } from '../contracts';
import * as S from './schemas';
import {
  approveProposal,
  createProposal,
  getBaseline,
  getProposal,
  listAgreements,
  listProposals,
  withdrawProposal,
} from './proposals';
import { expectedFreezes, listCommitments } from './service';
import { getIndicatorSettings, indicatorSettingsSchema, putIndicatorSettings } from './settings';

const conflictResponses = { ...errorResponses, 409: errorSchema };
const date = z.iso.date();

export const proposalSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    indicatorCode: z.string(),
    ruleKind: z.string(),
    status: z.enum(['proposed', 'agreed', 'withdrawn']),
    baseline: S.baselineSchema,
    target: S.agreedTargetSchema,
    effectiveFrom: z.string(),
    decisionRef: z.string().nullable(),
    note: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    agreedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    approvals: z.array(S.approvalSchema),
    awaiting: z.array(z.enum(['provider', 'commune'])).describe('Sides that have not approved yet'),
  })
  .describe('TargetProposal');

const proposalCreate = z.object({
  baselineFrom: date.describe('First day of the baseline period ("l\'existant"), local date'),
  baselineTo: date.describe('Day after the baseline period (exclusive), today at the latest'),
  effectiveFrom: date.describe('First day the agreed target applies, today or later'),
  target: agreedTargetInput
    .optional()
    .describe('The target proposed; absent: the one the baseline suggests (p90 rounded up to the hour, 90 %)'),
  decisionRef: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .optional()
    .describe('The committee meeting or amendment that records the decision'),
  note: z.string().trim().max(4000).optional(),
});

export const commitmentItem = z
  .object({
    code: z.string().describe('Commitment code, e.g. 3.3'),
    text: z.string(),
    status: z
      .enum(['met', 'at_risk', 'review', 'missed', 'info', 'no_data'])
      .describe('From its judged indicators (docs/indicators.md, "Commitments")'),
    partial: z.boolean().describe('Some of its indicators did not count (info, no_data)'),
    pending: z.array(z.string()).describe('Indicators that did not count'),
    indicators: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        status: z.string(),
        display: z.string(),
        targetOrigin: z.enum(['contract', 'agreed', 'to_be_agreed']).nullable(),
        volumeReview: z.boolean(),
        frozen: z.boolean(),
      }),
    ),
  })
  .describe('CommitmentAssessment');

/** Commitments, expected freezes, target proposals and agreements, indicator settings. */
export function agreementRoutes(app: App, ctx: AppContext): void {
  const tags = ['indicators'];
  app.get(
    '/api/v1/communes/:id/commitments',
    {
      schema: {
        tags,
        summary: "The contract's commitments with a status for a period, from their indicators",
        params: idParams,
        querystring: S.periodQuery,
        response: { 200: listOf(commitmentItem).extend({ period: z.string() }), ...errorResponses },
      },
    },
    async (req) => listCommitments(ctx, actorOf(req), req.params.id, req.query.period),
  );
  app.get(
    '/api/v1/communes/:id/indicators/freezes',
    {
      schema: {
        tags,
        summary: 'Snapshots the periodicity expects in a year: each indicator, each reported period, due and frozen',
        params: idParams,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: {
          200: z.object({
            year: z.number(),
            items: z.array(
              z.object({
                code: z.string(),
                title: z.string(),
                period: z.string(),
                kind: z.enum(['month', 'quarter', 'half', 'year']),
                due: z.boolean().describe('The period is over'),
                frozen: z.boolean(),
                frozenAt: z.string().nullable(),
              }),
            ),
            total: z.number(),
            missing: z.number().describe('Due and not frozen'),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => expectedFreezes(ctx, actorOf(req), req.params.id, req.query.year),
  );
  app.get(
    '/api/v1/communes/:id/indicators/:code/baseline',
    {
      schema: {
        tags,
        summary: 'Measure the baseline of an indicator over a past period, and the target it suggests',
        params: S.codeParams,
        querystring: z.object({
          from: date.describe('First day of the period'),
          to: date.describe('Day after the period (exclusive)'),
        }),
        response: { 200: S.baselineSchema, ...conflictResponses },
      },
    },
    async (req) => getBaseline(ctx, actorOf(req), req.params.id, req.params.code, req.query),
  );
  app.post(
    '/api/v1/communes/:id/indicators/:code/target-proposals',
    {
      schema: {
        tags,
        summary:
          'Propose a target for an indicator left to be agreed, from a measured baseline (contracts.agree_targets)',
        params: S.codeParams,
        body: proposalCreate,
        response: { 201: proposalSchema, ...conflictResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createProposal(ctx, actorOf(req), req.params.id, req.params.code, req.body)),
  );
  app.get(
    '/api/v1/communes/:id/target-proposals',
    {
      schema: {
        tags,
        summary: "A commune's target proposals and agreements, newest first",
        params: idParams,
        querystring: z.object({
          code: z.string().max(40).optional().describe('Only this indicator'),
          status: z.enum(['proposed', 'agreed', 'withdrawn']).optional(),
        }),
        response: { 200: listOf(proposalSchema), ...errorResponses },
      },
    },
    async (req) => listProposals(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/communes/:id/target-agreements',
    {
      schema: {
        tags,
        summary: "A commune's agreed targets, by effective date",
        params: idParams,
        response: { 200: listOf(S.agreementSchema), ...errorResponses },
      },
    },
    async (req) => listAgreements(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/target-proposals/:id',
    {
      schema: {
        tags,
        summary: 'One target proposal',
        params: idParams,
        response: { 200: proposalSchema, ...errorResponses },
      },
    },
    async (req) => getProposal(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/target-proposals/:id/approvals',
    {
      schema: {
        tags,
        summary: "Approve a target proposal for the caller's side; the second approval makes it an agreement",
        params: idParams,
        body: z.object({ comment: z.string().trim().max(4000).optional() }),
        response: { 200: proposalSchema, ...conflictResponses },
      },
    },
    async (req) => approveProposal(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/target-proposals/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a proposal not agreed yet',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(3).max(4000) }),
        response: { 200: proposalSchema, ...conflictResponses },
      },
    },
    async (req) => withdrawProposal(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/indicator-settings',
    {
      schema: {
        tags,
        summary: 'Indicator settings (the volume-review margin)',
        response: { 200: indicatorSettingsSchema, ...errorResponses },
      },
    },
    async (req) => getIndicatorSettings(ctx, actorOf(req)),
  );
  app.put(
    '/api/v1/indicator-settings',
    {
      schema: {
        tags,
        summary: 'Change the indicator settings (provider, indicators.manage)',
        body: indicatorSettingsSchema,
        response: { 200: indicatorSettingsSchema, ...errorResponses },
      },
    },
    async (req) => putIndicatorSettings(ctx, actorOf(req), req.body),
  );
}
