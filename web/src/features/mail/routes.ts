import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { HeldMailPage } from './HeldMailPage';

export const heldMailRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/courriels-a-verifier',
  beforeLoad: requirePermission('tickets.work'),
  component: HeldMailPage,
});
export const mailRoutes = [heldMailRoute];
