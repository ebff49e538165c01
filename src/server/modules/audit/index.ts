/**
 * The audit trail's writer, used by every module inside its own transactions (the trail is read
 * through the organisation module's `GET /api/v1/audit`).
 */
export { recordAudit, type AuditEntry } from './record';
