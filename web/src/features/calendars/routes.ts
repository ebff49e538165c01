import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { CalendarNewPage, CalendarPage, CalendarsPage } from './pages';
import { OncallPage } from './OncallPage';

export const calendarsListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/calendriers',
  beforeLoad: requirePermission('calendars.read'),
  component: CalendarsPage,
});
export const calendarNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/calendriers/nouveau',
  beforeLoad: requirePermission('calendars.manage'),
  component: CalendarNewPage,
});
export const calendarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/calendriers/$calendarId',
  beforeLoad: requirePermission('calendars.read'),
  component: CalendarPage,
});
export const oncallRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/astreintes',
  beforeLoad: requirePermission('calendars.read'),
  component: OncallPage,
});

export const calendarsRoutes = [calendarsListRoute, calendarNewRoute, calendarRoute, oncallRoute];
