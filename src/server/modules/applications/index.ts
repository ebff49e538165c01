import type { AppModule } from '../../module';
import type { AppContext } from '../../context';
import { applicationsRoutes } from './routes';
import { interventionFromTicket } from './alerts-repo';

/** Listens to the service desk: the first acknowledgement of an outage's ticket is its first intervention. */
function subscribeApplications(ctx: AppContext): void {
  for (const ev of ['transitioned', 'assigned', 'commented'] as const)
    ctx.events.on(ev, async (e) => {
      await interventionFromTicket(ctx.db, e.ticketId);
    });
}

/** Business applications of the communes, their outages and availability (issue 15: 2.2.1, 4.1.1, 4.1.2). */
export const applicationsModule: AppModule = {
  name: 'applications',
  routes: applicationsRoutes,
  subscribe: subscribeApplications,
};

export type { ApplicationTables } from './tables';
export * as schemas from './schemas';
export {
  interventionDelayProvider,
  outageDelayBaseline,
  portfolioProvider,
  restorationDelayProvider,
} from './provider';
export { seedApplications, seedOutages } from './demo';
