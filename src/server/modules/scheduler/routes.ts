import { z } from 'zod';
import { errorResponses } from '../../lib/http';
import { actorOf } from '../../plugins/auth';
import { schedulerStatus } from './status';
import type { App } from '../../lib/http';
import type { AppContext } from '../../context';

/** The scheduler's status route (the runner itself is started by `buildApp`). */
export function schedulerRoutes(app: App, ctx: AppContext): void {
  const statusSchema = z
    .object({
      runsHere: z.boolean().describe('This process runs the scheduler'),
      pending: z.number().int(),
      running: z.number().int(),
      failed: z.number().int().describe('Jobs that exhausted their attempts'),
      dueNow: z.number().int().describe('Pending jobs whose time has come'),
      lagSeconds: z.number().int().describe('How late the oldest due job is'),
      byKind: z.array(
        z.object({ kind: z.string(), pending: z.number().int(), running: z.number().int(), failed: z.number().int() }),
      ),
    })
    .describe('SchedulerStatus');
  app.get(
    '/api/v1/scheduler/status',
    {
      schema: {
        tags: ['scheduler'],
        summary: 'Background jobs: backlog, lag, failures',
        response: { 200: statusSchema, ...errorResponses },
      },
    },
    async (req) => schedulerStatus(ctx, actorOf(req)),
  );
}
