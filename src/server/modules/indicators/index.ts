import type { AppModule } from '../../module';
import { indicatorRoutes } from './routes';

/** The contract's indicators measured per commune and period: snapshots, manual values, exports. */
export const indicatorsModule: AppModule = { name: 'indicators', routes: indicatorRoutes };

export type { IndicatorTables } from './tables';
export * as schemas from './schemas';
export type { IndicatorProvider, ProviderInput, ProvidedMeasurement } from './providers';
export { formatPeriod, periodBounds } from './periods';
export { proposalSchema, commitmentItem } from './agreement-routes';
