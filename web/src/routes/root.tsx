import { createRootRouteWithContext, createRoute, notFound, Outlet, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { hasPermission, meQuery } from '../api/client';
import type { Me, Permission } from '../api/types';
import { AppLayout } from './AppLayout';
import { LoginPage } from './LoginPage';
import { FramedNotFoundPage } from './NotFoundPage';

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: FramedNotFoundPage,
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
  notFoundComponent: FramedNotFoundPage,
});

/**
 * A `beforeLoad` that answers "page not found" to users without the permission, as the API
 * answers 404 outside a user's scope.
 */
export function requirePermission(permission: Permission | readonly Permission[]) {
  return ({ context }: { context: { me: Me } }) => {
    // Shown in the signed-in frame (FramedNotFoundPage), as an unknown address is.
    if (!hasPermission(context.me, permission)) throw notFound();
  };
}
