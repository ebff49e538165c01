import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { CommunesPage } from './CommunesPage';
import { CommunePage } from './CommunePage';

export const communesListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/communes',
  beforeLoad: requirePermission('communes.read'),
  component: CommunesPage,
});
export const communeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/communes/$communeId',
  beforeLoad: requirePermission('communes.read'),
  component: CommunePage,
});

export const communesRoutes = [communesListRoute, communeRoute];
