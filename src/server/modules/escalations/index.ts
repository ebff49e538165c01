import type { AppModule } from '../../module';
import {
  ensureSlaSweep,
  slaBreachJob,
  slaEscalateInternalJob,
  slaEscalateJob,
  slaSweepJob,
  slaWarnJob,
  subscribeSlaAlerts,
} from './alerts';
import { escalationsRoutes } from './routes';

/**
 * Escalation: the commune's directory of matrix roles, manual and automatic escalations, and the
 * service-level warnings and breaches scheduled from each ticket's deadlines.
 */
export const escalationsModule: AppModule = {
  name: 'escalations',
  routes: escalationsRoutes,
  jobs: {
    'sla.warn': slaWarnJob,
    'sla.breach': slaBreachJob,
    'sla.escalate': slaEscalateJob,
    'sla.escalate_internal': slaEscalateInternalJob,
    'sla.sweep': slaSweepJob,
  },
  subscribe: subscribeSlaAlerts,
  start: ensureSlaSweep,
};

export type { EscalationTables } from './tables';
export { escalationHistoryData } from './escalate';
export * as schemas from './schemas';
export { seedEscalations } from './demo-seed';
