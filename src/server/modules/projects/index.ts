import type { AppModule } from '../../module';
import { projectsRoutes } from './routes';

/**
 * The commune's digital plan (schéma numérique communal, versions and the projects each
 * schedules) and its projects: phases, planned person-days per month and team, weekly time
 * entries approved by the project owner, workload; indicators 1.1.1, 2.1.1 and 2.1.2.
 */
export const projectsModule: AppModule = { name: 'projects', routes: projectsRoutes };

export type { ProjectTables } from './tables';
export * as schemas from './schemas';
export { planExistsProvider, projectWorkloadProvider, planDeliveryProvider } from './indicators';
export { seedProjects } from './demo-seed';
