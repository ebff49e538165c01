import type { AppModule } from '../../module';
import { contractRoutes } from './routes';

/** Commitment contracts, effective-dated annex versions, amendments and their documents. */
export const contractsModule: AppModule = { name: 'contracts', routes: contractRoutes };

/**
 * The contracts module's public interface for the other modules : effective-dated
 * reads of the annex in force, the indicator rule schema, and the content types.
 */
export { annexInForce, annexesInForce, annexVersionsOverPeriod, indicatorAt, DEFAULT_DOMAIN } from './queries';
export {
  indicatorRuleSchema,
  ruleOfKind,
  agreeableKinds,
  agreedTargetSchema,
  byPriorityDelays,
  priorityCodes,
  type AgreeableKind,
  type AgreedTarget,
  type IndicatorRule,
  type RuleKind,
  type RuleOf,
  type TargetOrigin,
} from './rules';
export {
  agreementsOf,
  applyAgreements,
  effectiveAnnexAt,
  effectivePiecesOverPeriod,
  type AgreementRef,
  type ApprovalView,
  type EffectiveIndicator,
  type EffectivePiece,
} from './agreements';
export type {
  AnnexContent,
  AnnexVersionView,
  CommitmentView,
  EscalationCell,
  IndicatorView,
  ReferralLevel,
  ReportingKind,
  OncallRule,
} from './model';
export { referralLevels } from './model';
export { localDateOf, quarterStart, frenchDate } from './dates';
export type { ContractTables } from './tables';
export * as schemas from './schemas';
export { seedContracts } from './demo-seed';
export type { ContractEventMap } from './events';
export { contractEntrySchema, signedAmendmentEntrySchema } from './commands/record-contract';
