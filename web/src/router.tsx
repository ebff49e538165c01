import { createRouter } from '@tanstack/react-router';
import { queryClient } from './api/client';
import { appRoute, loginRoute, rootRoute } from './routes/root';
import { homeRoutes } from './features/home/routes';
import { communesRoutes } from './features/communes/routes';
import { adminRoutes } from './features/admin/routes';
import { calendarsRoutes } from './features/calendars/routes';
import { indicatorsRoutes } from './features/indicators/routes';
import { contractsRoutes } from './features/contracts/routes';
import { ticketsRoutes } from './features/tickets/routes';
import { callCentreRoutes } from './features/callcentre/routes';
import { escalationsRoutes } from './features/escalations/routes';
import { mailRoutes } from './features/mail/routes';
import { applicationsRoutes } from './features/applications/routes';
import { projectsRoutes } from './features/projects/routes';
import { fleetRoutes } from './features/fleet/routes';
import { targetsRoutes } from './features/targets/routes';
import { inboxRoutes } from './features/inbox/routes';

/**
 * The pages of the signed-in app, children of `appRoute`. A capability exports its routes from
 * web/src/features/<capability>/routes.ts and adds ONE line here.
 */
const appRoutes = [
  ...homeRoutes,
  ...communesRoutes,
  ...adminRoutes,
  ...calendarsRoutes,
  ...indicatorsRoutes,
  ...contractsRoutes,
  ...ticketsRoutes,
  ...callCentreRoutes,
  ...escalationsRoutes,
  ...mailRoutes,
  ...applicationsRoutes,
  ...projectsRoutes,
  ...fleetRoutes,
  ...targetsRoutes,
  ...inboxRoutes,
];

export const routeTree = rootRoute.addChildren([loginRoute, appRoute.addChildren(appRoutes)]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  // TanStack Query caches the data; the router only decides when to load it.
  defaultPreloadStaleTime: 0,
  scrollRestoration: true,
});

// Route paths, params and search params are checked by the compiler everywhere (Link, navigate,
// useParams, useSearch…).
declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
