import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { NewTicketPage } from './NewTicketPage';
import { TicketPage } from './TicketPage';
import { TicketsPage } from './TicketsPage';
import { viewKeys, type ListView } from './views';

/** The list opened with filters (a home page's count links to the tickets it counts). */
const listSearch = (s: Record<string, unknown>): ListView =>
  Object.fromEntries(
    viewKeys.flatMap((k) => {
      const v = s[k];
      return typeof v === 'string' && v !== '' && v.length <= 500 ? [[k, v]] : [];
    }),
  );

export const ticketsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/demandes',
  validateSearch: listSearch,
  beforeLoad: requirePermission('tickets.read'),
  component: TicketsPage,
});
export const newTicketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/demandes/nouvelle',
  beforeLoad: requirePermission('tickets.create'),
  component: NewTicketPage,
});
export const ticketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/demandes/$ticketId',
  beforeLoad: requirePermission('tickets.read'),
  component: TicketPage,
});

export const ticketsRoutes = [ticketsRoute, newTicketRoute, ticketRoute];
