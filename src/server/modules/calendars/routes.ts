import { z } from 'zod';
import type { App } from '../../lib/http';
import { errorResponses, idParams, listOf, noContent } from '../../lib/http';
import type { AppContext } from '../../context';
import { actorOf } from '../../plugins/auth';
import * as S from './schemas';
import * as O from './oncall-schemas';
import { createOncall, deleteOncall, getOncall, listOncall, updateOncall } from './oncall-service';
import {
  computeBusinessTime,
  computeDeadline,
  createCalendar,
  deleteCalendar,
  getCalendar,
  getCommuneCalendar,
  listCalendars,
  listHolidays,
  previewDeadline,
  updateCalendar,
} from './service';

/** Business calendars, the clock engine's queries and on-call rosters (docs/calendars.md). */
export function calendarRoutes(app: App, ctx: AppContext): void {
  const tags = ['calendars'];
  const withConflict = { ...errorResponses, 409: errorResponses[400] };
  app.get(
    '/api/v1/calendars',
    {
      schema: {
        tags,
        summary: 'Calendars I may see (my communes’ and, for provider staff, the provider teams’)',
        response: { 200: listOf(S.calendarSchema), ...errorResponses },
      },
    },
    async (req) => listCalendars(ctx, actorOf(req)),
  );
  app.post(
    '/api/v1/calendars',
    {
      schema: {
        tags,
        summary: 'Create a calendar (a commune’s, or a provider team’s without communeId)',
        body: S.calendarCreate,
        response: { 201: S.calendarSchema, ...withConflict },
      },
    },
    async (req, reply) => reply.status(201).send(await createCalendar(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/calendars/:id',
    {
      schema: {
        tags,
        summary: 'One calendar',
        params: idParams,
        response: { 200: S.calendarSchema, ...errorResponses },
      },
    },
    async (req) => getCalendar(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Replace a calendar’s definition (its version is incremented)',
        params: idParams,
        body: S.calendarUpdate,
        response: { 200: S.calendarSchema, ...withConflict },
      },
    },
    async (req) => updateCalendar(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/calendars/:id',
    {
      schema: { tags, summary: 'Delete a calendar', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await deleteCalendar(ctx, actorOf(req), req.params.id);
      return noContent(reply);
    },
  );
  app.get(
    '/api/v1/communes/:id/calendar',
    {
      schema: {
        tags,
        summary: 'The calendar of a commune (its town hall’s hours)',
        params: idParams,
        response: { 200: S.calendarSchema, ...errorResponses },
      },
    },
    async (req) => getCommuneCalendar(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/calendars/:id/deadline',
    {
      schema: {
        tags,
        summary: 'Deadline: from + a business duration, or a rule (next-business-day-end)',
        params: idParams,
        querystring: S.deadlineQuery,
        response: { 200: S.deadlineSchema, ...errorResponses },
      },
    },
    async (req) => computeDeadline(ctx, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/calendars/preview',
    {
      schema: {
        tags,
        summary: 'Deadline on a draft calendar, before saving it (editor preview)',
        body: S.previewBody,
        response: { 200: S.deadlineSchema, ...errorResponses },
      },
    },
    (req) => previewDeadline(actorOf(req), req.body),
  );
  app.get(
    '/api/v1/holidays',
    {
      schema: {
        tags,
        summary: 'Public holidays of a year under a preset (Code du travail L3133-1)',
        querystring: S.holidaysQuery,
        response: { 200: listOf(S.holidaySchema), ...errorResponses },
      },
    },
    (req) => listHolidays(actorOf(req), req.query),
  );
  app.get(
    '/api/v1/calendars/:id/business-time',
    {
      schema: {
        tags,
        summary: 'Business seconds in [from, to)',
        params: idParams,
        querystring: S.businessTimeQuery,
        response: { 200: S.businessTimeSchema, ...errorResponses },
      },
    },
    async (req) => computeBusinessTime(ctx, actorOf(req), req.params.id, req.query),
  );

  const oncall = ['on-call'];
  app.get(
    '/api/v1/oncall',
    {
      schema: {
        tags: oncall,
        summary: 'On-call periods (astreintes) in my scope',
        querystring: O.oncallQuery,
        response: { 200: listOf(O.oncallSchema), ...errorResponses },
      },
    },
    async (req) => listOncall(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/oncall',
    {
      schema: {
        tags: oncall,
        summary: 'Plan an on-call period with its agents',
        body: O.oncallCreate,
        response: { 201: O.oncallSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createOncall(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/oncall/:id',
    {
      schema: {
        tags: oncall,
        summary: 'One on-call period',
        params: idParams,
        response: { 200: O.oncallSchema, ...errorResponses },
      },
    },
    async (req) => getOncall(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/oncall/:id',
    {
      schema: {
        tags: oncall,
        summary: 'Edit an on-call period',
        params: idParams,
        body: O.oncallPatch,
        response: { 200: O.oncallSchema, ...errorResponses },
      },
    },
    async (req) => updateOncall(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/oncall/:id',
    {
      schema: {
        tags: oncall,
        summary: 'Remove an on-call period',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteOncall(ctx, actorOf(req), req.params.id);
      return noContent(reply);
    },
  );
}
