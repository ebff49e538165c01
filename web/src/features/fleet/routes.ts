import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { DevicePage, FleetIndexPage, FleetPage } from './pages';

const read = requirePermission('fleet.read');

export const fleetIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc',
  beforeLoad: read,
  component: FleetIndexPage,
});
export const fleetRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc/$communeId',
  beforeLoad: read,
  component: FleetPage,
});
export const deviceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc/appareils/$deviceId',
  beforeLoad: read,
  component: DevicePage,
});

export const fleetRoutes = [fleetIndexRoute, fleetRoute, deviceRoute];
