import type { AppModule } from '../../module';
import { healthRoutes } from './routes';

/** Liveness and database check. */
export const healthModule: AppModule = { name: 'health', routes: healthRoutes };
