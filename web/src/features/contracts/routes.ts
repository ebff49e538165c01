import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { ContractsPage, CommuneContractPage } from './pages';
import { ComparePage } from './ComparePage';
import { AmendmentPage } from './AmendmentPage';

const read = requirePermission(['contracts.read', 'contracts.read_public_parts']);

export const contractsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contrats',
  beforeLoad: read,
  component: ContractsPage,
});
export const communeContractRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contrats/$communeId',
  beforeLoad: read,
  validateSearch: (s: Record<string, unknown>): { at?: string } =>
    typeof s.at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.at) ? { at: s.at } : {},
  component: CommuneContractPage,
});
export const compareRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contrats/$communeId/comparer',
  beforeLoad: requirePermission('contracts.read'),
  validateSearch: (s: Record<string, unknown>): { from?: string; to?: string } => ({
    ...(typeof s.from === 'string' ? { from: s.from } : {}),
    ...(typeof s.to === 'string' ? { to: s.to } : {}),
  }),
  component: ComparePage,
});
export const amendmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/avenants/$amendmentId',
  beforeLoad: requirePermission('contracts.read'),
  component: AmendmentPage,
});

export const contractsRoutes = [contractsRoute, communeContractRoute, compareRoute, amendmentRoute];
