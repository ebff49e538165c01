import { z } from 'zod';
import { sql } from 'kysely';
import type { App } from '../../lib/http';
import type { AppContext } from '../../context';
import { version } from '../../version';

const health = z.object({
  status: z.enum(['ok', 'degraded']).describe('ok when the database answers'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

export function healthRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/health',
    {
      config: { public: true },
      schema: {
        security: [],
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: health, 503: health },
      },
    },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ok' as const, database: ctx.dialect, version };
      } catch {
        return reply.status(503).send({ status: 'degraded' as const, database: ctx.dialect, version });
      }
    },
  );
}
