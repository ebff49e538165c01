import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { CommuneIndicatorsPage, IndicatorsPage } from './pages';
import { AgreeTargetPage } from './AgreeTargetPage';
import { periodSearch } from './periods';

export type { PeriodSearch } from './periods';

export const indicatorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/indicateurs',
  validateSearch: periodSearch,
  beforeLoad: requirePermission('indicators.read'),
  component: IndicatorsPage,
});
export const communeIndicatorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/indicateurs/$communeId',
  validateSearch: periodSearch,
  beforeLoad: requirePermission('indicators.read'),
  component: CommuneIndicatorsPage,
});

/** Targets to be agreed: baseline, proposals, two-party approvals (issue 12). */
export const agreeTargetsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/indicateurs/$communeId/cibles',
  beforeLoad: requirePermission('indicators.read'),
  validateSearch: (s: Record<string, unknown>): { code?: string } =>
    typeof s.code === 'string' && s.code.length <= 40 ? { code: s.code } : {},
  component: AgreeTargetPage,
});

export const indicatorsRoutes = [indicatorsRoute, communeIndicatorsRoute, agreeTargetsRoute];
