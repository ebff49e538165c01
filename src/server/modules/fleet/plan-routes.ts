import type { App } from '../../lib/http';
import { errorResponses, errorSchema, idParams } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as P from './plan-schemas';
import { approveRenewalPlan } from './plan-service';
import { advanceLine } from './plan-tracking';
import { getRenewalPolicy, putRenewalPolicy } from './policy-service';
import { deviceChoicesFor, deviceTicketsOf } from './device-links';

/** The renewal plan's approval and tracking, the commune's renewal policy, devices ↔ tickets. */
export function planRoutes(app: App, ctx: AppContext): void {
  const tags = ['fleet'];
  app.post(
    '/api/v1/communes/:id/renewal-plan/approval',
    {
      schema: {
        tags,
        summary: 'The commune approves the renewal plan of a year (permission fleet.approve): its devices are frozen',
        description:
          'Freezes the devices the share selects into lines to track (ordered → delivered → deployed), with the share, the cost and the policy of the day; audited. 409 renewal_plan_approved when the year is already approved, renewal_plan_empty when the plan selects nothing.',
        params: idParams,
        body: P.approveBody,
        response: { 201: P.renewalPlanSchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await approveRenewalPlan(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/renewal-plan-lines/:id/steps',
    {
      schema: {
        tags,
        summary: 'Record the next step of a line of an approved renewal plan (permission fleet.manage)',
        description:
          'ordered → delivered (the replacement named: an existing device in stock, or a new record) → deployed: the replacement goes into service that day as a renewal (counted by 3.1.1 in that year) and the replaced device is retired, with a history entry on both. 409 renewal_step_out_of_order for a step out of order.',
        params: idParams,
        body: P.stepBody,
        response: { 200: P.planLineSchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (req) => advanceLine(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/communes/:id/renewal-policy',
    {
      schema: {
        tags,
        summary:
          'The commune’s age/warranty renewal policy per kind of device (effective-dated), and the contract’s share',
        params: idParams,
        response: { 200: P.policyView, ...errorResponses },
      },
    },
    async (req) => getRenewalPolicy(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/communes/:id/renewal-policy',
    {
      schema: {
        tags,
        summary:
          'Set the version of the commune’s renewal policy that applies from a day (fleet.approve or fleet.manage)',
        description:
          'A version on the same day is replaced; audited. The yearly share is not set here: it comes from the contract.',
        params: idParams,
        body: P.policyPut,
        response: { 200: P.policyView, ...errorResponses },
      },
    },
    async (req) => putRenewalPolicy(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/communes/:id/device-choices',
    {
      schema: {
        tags,
        summary:
          'Devices a ticket may name (the ticket form’s picker): the requester’s own, and by serial or inventory number',
        params: idParams,
        querystring: P.deviceChoicesQuery,
        response: { 200: P.deviceChoices, ...errorResponses },
      },
    },
    async (req) => deviceChoicesFor(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/devices/:id/tickets',
    {
      schema: {
        tags,
        summary: 'The tickets about a device (those the caller may see), newest first',
        params: idParams,
        response: { 200: P.deviceTickets, ...errorResponses },
      },
    },
    async (req) => deviceTicketsOf(ctx, actorOf(req), req.params.id),
  );
}
