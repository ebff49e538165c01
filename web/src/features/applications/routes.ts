import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { ApplicationPage, OutagesPage, PortfolioIndexPage, PortfolioPage } from './pages';

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
export const outagesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc-applicatif/$communeId/pannes',
  beforeLoad: read,
  component: OutagesPage,
});
export const applicationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/applications/$applicationId',
  beforeLoad: read,
  component: ApplicationPage,
});

export const applicationsRoutes = [portfolioIndexRoute, portfolioRoute, outagesRoute, applicationRoute];
