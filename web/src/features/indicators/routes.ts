import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { CommuneIndicatorsPage, IndicatorsPage } from './pages';
import { AgreeTargetPage } from './AgreeTargetPage';

/** The period in the address (`?periode=2026-Q3`): kept when drilling into a commune and back. */
export type PeriodSearch = { periode?: string };
const periodSearch = (search: Record<string, unknown>): PeriodSearch =>
  typeof search.periode === 'string' && /^\d{4}(-Q[1-4]|-\d{2})?$/.test(search.periode)
    ? { periode: search.periode }
    : {};

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
