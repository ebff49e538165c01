import type { App } from '../../lib/http';
import type { AppContext } from '../../context';
import { ensurePollJob } from './poll';

/**
 * Inbound email: when the scheduler runs in this process, makes sure the recurring mailbox
 * polling job exists (the job itself is shared by every process through the jobs table).
 */
export function mailInboundRoutes(app: App, ctx: AppContext): void {
  if (!ctx.config.scheduler) return;
  app.addHook('onReady', async () => ensurePollJob(ctx));
}
