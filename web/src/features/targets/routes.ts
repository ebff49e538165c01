import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { OperatingTargetsPage } from './OperatingTargetsPage';

/** The provider's operating targets (objectifs de service internes), for provider staff with tickets.configure. */
export const operatingTargetsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration/objectifs-internes',
  beforeLoad: requirePermission('tickets.configure'),
  component: OperatingTargetsPage,
});

export const targetsRoutes = [operatingTargetsRoute];
