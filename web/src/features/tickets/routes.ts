import { createRoute } from '@tanstack/react-router';
import { appRoute, requirePermission } from '../../routes/root';
import { NewTicketPage } from './NewTicketPage';
import { TicketPage } from './TicketPage';
import { TicketsPage } from './TicketsPage';

export const ticketsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/demandes',
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
