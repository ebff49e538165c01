import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { DirectoryIndexPage, DirectoryPage } from './DirectoryPage';

const read = requirePermission('escalation_directory.read');

export const directoryIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/annuaire-escalade',
  beforeLoad: read,
  component: DirectoryIndexPage,
});
export const directoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/annuaire-escalade/$communeId',
  beforeLoad: read,
  component: DirectoryPage,
});

export const escalationsRoutes = [directoryIndexRoute, directoryRoute];
