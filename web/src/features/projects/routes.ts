import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { CommuneProjectsPage, ProjectsIndexPage } from './CommunePage';
import { ProjectPage } from './ProjectPage';
import { WorkloadPage } from './WorkloadPage';

const read = requirePermission('projects.read');

export const projectsIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projets',
  beforeLoad: read,
  component: ProjectsIndexPage,
});
export const communeProjectsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projets/commune/$communeId',
  beforeLoad: read,
  component: CommuneProjectsPage,
});
export const projectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projets/$projectId',
  beforeLoad: read,
  component: ProjectPage,
});
export const workloadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/charge-projets',
  beforeLoad: read,
  component: WorkloadPage,
});

export const projectsRoutes = [projectsIndexRoute, communeProjectsRoute, projectRoute, workloadRoute];
