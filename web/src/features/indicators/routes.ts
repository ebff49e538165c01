import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { CommuneIndicatorsPage, IndicatorsPage } from './pages';

export const indicatorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/indicateurs',
  beforeLoad: requirePermission('indicators.read'),
  component: IndicatorsPage,
});
export const communeIndicatorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/indicateurs/$communeId',
  beforeLoad: requirePermission('indicators.read'),
  component: CommuneIndicatorsPage,
});

export const indicatorsRoutes = [indicatorsRoute, communeIndicatorsRoute];
