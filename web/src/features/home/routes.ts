import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { HomePage } from './HomePage';

export const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });

export const homeRoutes = [homeRoute];
