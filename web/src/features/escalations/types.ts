import type { Directory, DirectoryInput, Escalation } from '../../../../src/shared/api';

export type { Directory, DirectoryInput, Escalation };
export type DirectoryRole = Directory['roles'][number];
export type ReferralLevel = Escalation['to'];
export type Side = DirectoryRole['side'];

export { referralLevels, sides } from '../../../../src/shared/service-desk';
