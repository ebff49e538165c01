import type { App } from '../../lib/http';
import type { AppContext } from '../../context';
import { SchedulerRunner } from './runner';

/**
 * Starts the in-process job runner when the configuration asks for it (MUTUALIS_SCHEDULER,
 * on by default). It stops with the app (`ctx.services.scheduler.stop()` on close). Several
 * processes may run it against one PostgreSQL database: claims use SKIP LOCKED.
 */
export function schedulerRoutes(app: App, ctx: AppContext): void {
  if (!ctx.config.scheduler || ctx.services.scheduler) return;
  const runner = new SchedulerRunner(ctx, app.log);
  ctx.services.scheduler = runner;
  app.addHook('onReady', async () => runner.start());
}
