import { createRootRouteWithContext, createRoute, notFound, Outlet, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { hasPermission, meQuery } from '../api/client';
import type { Me, Permission } from '../api/types';
import { AppLayout } from './AppLayout';
import { LoginPage } from './LoginPage';
import { NotFoundPage, StandaloneNotFoundPage } from './NotFoundPage';

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: StandaloneNotFoundPage,
});

/** The sign-in page; `redirect` is where to go afterwards. */
export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connexion',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
  component: LoginPage,
});

/**
 * The signed-in layout (header, navigation, main). Every page of a capability is a child of this
 * route: `createRoute({ getParentRoute: () => appRoute, path: '/…', … })`. Its context holds `me`.
 */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/connexion', search: { redirect: location.href } });
    return { me };
  },
  component: AppLayout,
  notFoundComponent: NotFoundPage,
});

/**
 * A `beforeLoad` that answers "page not found" to users without the permission, as the API
 * answers 404 outside a user's scope.
 */
export function requirePermission(permission: Permission | readonly Permission[]) {
  return ({ context }: { context: { me: Me } }) => {
    // Rendered by the signed-in layout's not-found page (header, navigation), as an unknown address is.
    if (!hasPermission(context.me, permission)) throw notFound({ routeId: appRoute.id });
  };
}
