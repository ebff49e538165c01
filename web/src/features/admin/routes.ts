import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { AdminCommunesPage } from './AdminCommunesPage';
import { AdminUsersPage } from './AdminUsersPage';
import { AdminAssignmentsPage } from './AdminAssignmentsPage';
import { AdminTokensPage } from './AdminTokensPage';
import { AdminAuditPage } from './AdminAuditPage';

const admin = (path: string, permission: Parameters<typeof requirePermission>[0], component: () => React.JSX.Element) =>
  createRoute({
    getParentRoute: () => appRoute,
    path: `/administration/${path}`,
    beforeLoad: requirePermission(permission),
    component,
  });

export const adminRoutes = [
  admin('communes', 'communes.manage', AdminCommunesPage),
  admin('utilisateurs', 'users.manage', AdminUsersPage),
  admin('affectations', 'users.manage', AdminAssignmentsPage),
  admin('jetons', 'tokens.manage', AdminTokensPage),
  admin('journal', 'audit.read', AdminAuditPage),
];
