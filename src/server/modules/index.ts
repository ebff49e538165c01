import type { App } from '../lib/http';
import type { AppContext } from '../context';
import { healthRoutes } from './health/routes';
import { authRoutes } from './auth/routes';
import { orgRoutes } from './org/routes';
import { ticketRoutes } from './tickets/routes';
import { calendarRoutes } from './calendars/routes';
import { indicatorRoutes } from './indicators/routes';
import { schedulerRoutes } from './scheduler/routes';
import { notificationsRoutes } from './notifications/routes';
import { escalationsRoutes } from './escalations/routes';
import { mailInboundRoutes } from './mail-inbound/routes';
import { contractRoutes } from './contracts/routes';

/**
 * Every capability's routes. A module is a function that declares its routes on the app;
 * add yours to the list.
 */
export const modules: Array<(app: App, ctx: AppContext) => void | Promise<void>> = [
  healthRoutes,
  authRoutes,
  orgRoutes,
  ticketRoutes,
  calendarRoutes,
  indicatorRoutes,
  notificationsRoutes,
  escalationsRoutes,
  mailInboundRoutes,
  schedulerRoutes,
  contractRoutes,
];
