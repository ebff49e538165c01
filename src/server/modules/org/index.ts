import type { AppModule } from '../../module';
import { orgRoutes } from './routes';

/** The organisation: communes and their sub-entities, users, assignments, API tokens, the audit trail. */
export const orgModule: AppModule = { name: 'org', routes: orgRoutes };

export { getMe, updateMe } from './users-service';
export { meSchema } from './schemas';
export * as schemas from './schemas';
