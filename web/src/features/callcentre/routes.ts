import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { CallCentrePage } from './CallCentrePage';

export const callCentreRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/centre-appel',
  beforeLoad: requirePermission('tickets.work'),
  component: CallCentrePage,
});
export const callCentreRoutes = [callCentreRoute];
