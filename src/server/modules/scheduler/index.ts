import type { AppModule } from '../../module';
import { schedulerRoutes } from './routes';

/** Durable background jobs: the jobs table, the runner, the status route. */
export const schedulerModule: AppModule = { name: 'scheduler', routes: schedulerRoutes };

export { enqueueJob, retryDelayMs, type EnqueueInput } from './jobs';
export { runDueJobs, Scheduler, type JobHandler, type JobRun, type RunOptions, type RunSummary } from './runner';
export { getAlertSettings, putAlertSettings, defaultAlertSettings, type AlertSettings } from './settings';
export type { SchedulerTables, JobTable } from './tables';
