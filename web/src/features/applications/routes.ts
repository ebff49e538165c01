import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { ApplicationPage, OutagesPage, PortfolioIndexPage, PortfolioPage } from './pages';
import { AlertRulesPage } from './admin';

const read = requirePermission('applications.read');

export const portfolioIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc-applicatif',
  beforeLoad: read,
  component: PortfolioIndexPage,
});
export const portfolioRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc-applicatif/$communeId',
  beforeLoad: read,
  component: PortfolioPage,
});
/** The outages' period and criticality in the address (`?periode=2025&criticite=critical`), for 4.1.x drill-downs. */
export type OutagesSearch = {
  periode?: string;
  criticite?: 'critical' | 'important' | 'standard';
  /** A ticket to record an outage from (opens the form). */
  ticket?: string;
};
export const outagesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc-applicatif/$communeId/pannes',
  validateSearch: (s: Record<string, unknown>): OutagesSearch => {
    // `?periode=2025` typed by hand arrives as a number (search values are parsed as JSON).
    const periode = typeof s.periode === 'number' ? String(s.periode) : s.periode;
    return {
      ...(typeof periode === 'string' && /^\d{4}(-Q[1-4]|-S[12]|-(0[1-9]|1[0-2]))?$/.test(periode) ? { periode } : {}),
      ...(s.criticite === 'critical' || s.criticite === 'important' || s.criticite === 'standard'
        ? { criticite: s.criticite }
        : {}),
      ...(typeof s.ticket === 'string' && s.ticket.length <= 100 ? { ticket: s.ticket } : {}),
    };
  },
  beforeLoad: read,
  component: OutagesPage,
});
export const applicationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/applications/$applicationId',
  beforeLoad: read,
  component: ApplicationPage,
});

export const alertRulesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc-applicatif/$communeId/regles-alertes',
  beforeLoad: read,
  component: AlertRulesPage,
});

export const applicationsRoutes = [
  portfolioIndexRoute,
  portfolioRoute,
  outagesRoute,
  alertRulesRoute,
  applicationRoute,
];
