import { z } from 'zod';
import { isoInstant, pageQuery, refId } from '../../lib/http';

export const oncallAgentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable().describe('Phone number to reach the agent during the period'),
  })
  .describe('OncallAgent');

export const oncallSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    name: z.string().describe('What the period covers, e.g. "Conseil municipal du 12 décembre"'),
    startsAt: z.string().describe('Start instant, ISO-8601 UTC'),
    endsAt: z.string().describe('End instant (exclusive), ISO-8601 UTC'),
    notes: z.string().nullable(),
    agents: z.array(oncallAgentSchema).describe('Provider agents on call'),
    minimumAgents: z
      .number()
      .int()
      .nullable()
      .describe("The minimum the annex in force on the period's first day states (null: the contract states none)"),
    belowMinimum: z.boolean().describe('Fewer agents than the annex requires: the roster slot is flagged'),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: z.object({ canEdit: z.boolean() }),
  })
  .describe('OncallPeriod');

const fields = {
  name: z.string().trim().min(1).max(200).describe('What the period covers, e.g. "Conseil municipal du 12 décembre"'),
  startsAt: isoInstant.describe('Start instant, ISO-8601 with offset'),
  endsAt: isoInstant.describe('End instant (exclusive), ISO-8601 with offset; after startsAt'),
  agentIds: z.array(z.string()).min(1).max(20).describe('Provider staff on call, assigned to the commune'),
  notes: z.string().trim().max(2000).nullable().optional().describe('Instructions for the agents'),
};

const endAfterStart = (v: { startsAt?: string; endsAt?: string }, ctx: z.RefinementCtx) => {
  if (v.startsAt && v.endsAt && !(Date.parse(v.endsAt) > Date.parse(v.startsAt)))
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The end must be after the start.' });
};

export const oncallCreate = z
  .object({ communeId: z.string().min(1).describe('The commune the period covers'), ...fields })
  .superRefine(endAfterStart)
  .describe('OncallCreate');
export const oncallPatch = z.object(fields).partial().superRefine(endAfterStart).describe('OncallPatch');

export const oncallQuery = z.object({
  communeId: refId.optional().describe('Only this commune'),
  from: isoInstant.optional().describe('Only periods ending after this instant'),
  to: isoInstant.optional().describe('Only periods starting before this instant'),
  ...pageQuery,
});
