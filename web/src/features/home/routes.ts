import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { NotFoundPage } from '../../routes/NotFoundPage';
import { HomePage } from './HomePage';

export const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });

/** Any other address: "page not found" inside the signed-in layout (routes rank before it). */
export const unknownRoute = createRoute({ getParentRoute: () => appRoute, path: '$', component: NotFoundPage });

export const homeRoutes = [homeRoute, unknownRoute];
