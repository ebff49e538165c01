import type { z } from 'zod';
import type {
  directoryPut,
  directorySchema,
  escalationSchema,
} from '../../../../src/server/modules/escalations/schemas';

export type Directory = z.infer<typeof directorySchema>;
export type DirectoryRole = Directory['roles'][number];
export type DirectoryInput = z.infer<typeof directoryPut>;
export type Escalation = z.infer<typeof escalationSchema>;
export type ReferralLevel = Escalation['to'];
export type Side = DirectoryRole['side'];

/** The referral levels, lowest first (ordinary → urgent → exceptional). */
export const referralLevels: ReferralLevel[] = ['ordinary', 'urgent', 'exceptional'];
export const sides: Side[] = ['commune', 'provider'];
