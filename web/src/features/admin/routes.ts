import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { AdminCommunesPage } from './AdminCommunesPage';
import { AdminUsersPage } from './AdminUsersPage';
import { AdminAssignmentsPage } from './AdminAssignmentsPage';
import { AdminTokensPage } from './AdminTokensPage';
import { AdminAuditPage } from './AdminAuditPage';

export const adminCommunesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration/communes',
  beforeLoad: requirePermission('communes.manage'),
  component: AdminCommunesPage,
});
export const adminUsersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration/utilisateurs',
  beforeLoad: requirePermission('users.manage'),
  component: AdminUsersPage,
});
export const adminAssignmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration/affectations',
  beforeLoad: requirePermission('users.manage'),
  component: AdminAssignmentsPage,
});
export const adminTokensRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration/jetons',
  beforeLoad: requirePermission('tokens.manage'),
  component: AdminTokensPage,
});
export const adminAuditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/administration/journal',
  beforeLoad: requirePermission('audit.read'),
  component: AdminAuditPage,
});

export const adminRoutes = [
  adminCommunesRoute,
  adminUsersRoute,
  adminAssignmentsRoute,
  adminTokensRoute,
  adminAuditRoute,
];
