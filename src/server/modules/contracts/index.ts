import type { AppModule } from '../../module';
import { contractRoutes } from './routes';

/** Commitment contracts, effective-dated annex versions, amendments and their documents. */
export const contractsModule: AppModule = { name: 'contracts', routes: contractRoutes };

/**
 * The contracts module's public interface for the other modules : effective-dated
 * reads of the annex in force, the indicator rule schema, and the content types.
 */
export { annexInForce, annexesInForce, annexVersionsOverPeriod, indicatorAt, DEFAULT_DOMAIN } from './queries';
export { indicatorRuleSchema, ruleOfKind, type IndicatorRule, type RuleKind, type RuleOf } from './rules';
export type {
  AnnexContent,
  AnnexVersionView,
  CommitmentView,
  EscalationCell,
  IndicatorView,
  ReferralLevel,
} from './model';
export { referralLevels } from './model';
export { localDateOf, quarterStart, frenchDate } from './dates';
export type { ContractTables } from './tables';
export * as schemas from './schemas';
export { seedContracts } from './demo-seed';
