import type { AppModule } from '../../module';
import { fleetRoutes } from './routes';

/**
 * The workstation fleet (PENT) of each commune: devices and their history, fed by hand, by
 * file imports and by inventory agents; the renewal plan; indicator 3.1.1 measured from it.
 */
export const fleetModule: AppModule = { name: 'fleet', routes: fleetRoutes };

export type { FleetTables } from './tables';
export { fleetRenewalProvider } from './indicator';
export * as schemas from './schemas';
export * as planSchemas from './plan-schemas';
export { seedFleet } from './demo-seed';
