// The API's request and response shapes, inferred from the server's zod schemas, for the web app:
// it imports API types from here only (type-only imports: nothing of the server reaches the
// bundle), so the interface cannot drift from the API.
import type { z } from 'zod';
import type { schemas as Org } from '../server/modules/org';
import type { schemas as Tickets } from '../server/modules/tickets';
import type { schemas as Calendars, oncallSchemas as Oncall } from '../server/modules/calendars';
import type { schemas as Contracts } from '../server/modules/contracts';
import type { schemas as Indicators } from '../server/modules/indicators';
import type { schemas as Escalations } from '../server/modules/escalations';
import type { schemas as Mail } from '../server/modules/mail-inbound';
import type { schemas as Applications } from '../server/modules/applications';
import type { schemas as Projects } from '../server/modules/projects';
import type { schemas as Fleet, planSchemas as FleetPlan } from '../server/modules/fleet';
import type { proposalSchema, commitmentItem } from '../server/modules/indicators';
import type { operatingTargetSchema } from '../server/modules/tickets';
import type { schemas as Inbox } from '../server/modules/inbox';

export type { Permission, Role } from './roles';
export type { FieldErrorCode, FieldProblem } from './errors';

/** A list answer of the API: one page of items and the total count. */
export interface Page<T> {
  items: T[];
  total: number;
}

// Organisation
export type Me = z.infer<typeof Org.meSchema>;
export type Commune = z.infer<typeof Org.communeSchema>;
export type Entity = z.infer<typeof Org.entitySchema>;
export type User = z.infer<typeof Org.userSchema>;
export type ApiToken = z.infer<typeof Org.tokenSchema>;
export type AuditRecord = z.infer<typeof Org.auditSchema>;

// Service desk
export type TicketSummary = z.infer<typeof Tickets.ticketSummary>;
export type Ticket = z.infer<typeof Tickets.ticketDetail>;
export type Comment = z.infer<typeof Tickets.commentSchema>;
export type Attachment = z.infer<typeof Tickets.attachmentSchema>;
export type HistoryEntry = z.infer<typeof Tickets.historySchema>;
export type Category = z.infer<typeof Tickets.categorySchema>;
export type SupportGroup = z.infer<typeof Tickets.groupSchema>;
export type AssignableUser = z.infer<typeof Tickets.assignableUser>;
export type BulkTransitionResult = z.infer<typeof Tickets.bulkTransitionResult>;
export type BulkMergeResult = z.infer<typeof Tickets.bulkMergeResult>;
export type DeskSummary = z.infer<typeof Tickets.deskSummarySchema>;

// Calendars and on-call
export type Calendar = z.infer<typeof Calendars.calendarSchema>;
export type Holiday = z.infer<typeof Calendars.holidaySchema>;
export type OncallPeriod = z.infer<typeof Oncall.oncallSchema>;
export type OncallInput = z.input<typeof Oncall.oncallCreate>;

// Contracts
export type ContractInForce = z.infer<typeof Contracts.contractResponse>;
export type Annex = z.infer<typeof Contracts.annexSchema>;
export type Amendment = z.infer<typeof Contracts.amendmentSchema>;
export type AnnexVersionItem = z.infer<typeof Contracts.annexVersionItem>;
export type Comparison = z.infer<typeof Contracts.compareResponse>;

// Indicators
export type Indicator = z.infer<typeof Indicators.indicatorSchema>;
export type Overview = z.infer<typeof Indicators.overviewSchema>;
export type DrillTicket = z.infer<typeof Indicators.drillTicketSchema>;
export type Evidence = z.infer<typeof Indicators.evidenceSchema>;

// Escalations
export type Directory = z.infer<typeof Escalations.directorySchema>;
export type DirectoryInput = z.infer<typeof Escalations.directoryPut>;
export type Escalation = z.infer<typeof Escalations.escalationSchema>;

// Inbound mail
export type InboundMessage = z.infer<typeof Mail.inboundMessageSchema>;

// Applications and outages
export type Application = z.infer<typeof Applications.applicationSchema>;
export type ApplicationHistoryEntry = z.infer<typeof Applications.historyEntrySchema>;
export type Outage = z.infer<typeof Applications.outageSchema>;
export type ApplicationAvailability = z.infer<typeof Applications.availabilitySchema>;
export type ApplicationBaseline = z.infer<typeof Applications.baselineSchema>;
export type CommuneApplicationAvailability = z.infer<typeof Applications.communeAvailabilitySchema>;
export type AlertRule = z.infer<typeof Applications.alertRuleSchema>;
export type AlertRulesInput = z.input<typeof Applications.alertRulesPut>;
export type AlertRuleTestResult = z.infer<typeof Applications.alertRuleTestResultSchema>;
export type BaselineImportResult = z.infer<typeof Applications.baselineImportResultSchema>;
// Digital plan and projects
export type DigitalPlan = z.infer<typeof Projects.planSchema>;
export type DigitalPlanInput = z.input<typeof Projects.planCreate>;
export type Project = z.infer<typeof Projects.projectSchema>;
export type ProjectDetail = z.infer<typeof Projects.projectDetailSchema>;
export type ProjectInput = z.input<typeof Projects.projectCreate>;
export type ProjectPatch = z.input<typeof Projects.projectPatch>;
export type TimeEntry = z.infer<typeof Projects.timeEntrySchema>;
export type TimeEntryInput = z.input<typeof Projects.timeEntryCreate>;
export type Workload = z.infer<typeof Projects.workloadSchema>;
export type ProjectTicket = z.infer<typeof Projects.projectTicketSchema>;
export type ProjectDocument = z.infer<typeof Projects.projectDocumentSchema>;
// Workstation fleet
export type Device = z.infer<typeof Fleet.deviceSchema>;
export type DeviceDetail = z.infer<typeof Fleet.deviceDetailSchema>;
export type DevicePatch = z.infer<typeof Fleet.devicePatch>;
export type DeviceImportReport = z.infer<typeof Fleet.importReportSchema>;
export type RenewalPlan = z.infer<typeof FleetPlan.renewalPlanSchema>;
export type RenewalPlanLine = z.infer<typeof FleetPlan.planLineSchema>;
export type RenewalPlanStep = z.infer<typeof FleetPlan.stepBody>;
export type RenewalPolicy = z.infer<typeof FleetPlan.policyView>;
export type RenewalPolicyPut = z.infer<typeof FleetPlan.policyPut>;
export type DeviceChoice = z.infer<typeof FleetPlan.deviceChoiceSchema>;
export type DeviceTickets = z.infer<typeof FleetPlan.deviceTickets>;
export type RenewalProgress = z.infer<typeof Fleet.progressSchema>;
// Contract fidelity (issue 12): target provenance, agreements, commitments, operating targets
export type Baseline = z.infer<typeof Indicators.baselineSchema>;
export type AgreedTarget = z.infer<typeof Indicators.agreedTargetSchema>;
export type TargetAgreement = z.infer<typeof Indicators.agreementSchema>;
export type TargetApproval = z.infer<typeof Indicators.approvalSchema>;
export type TargetProposal = z.infer<typeof proposalSchema>;
export type CommitmentAssessment = z.infer<typeof commitmentItem>;
export type OperatingTarget = z.infer<typeof operatingTargetSchema>;

// In-app notifications (the bell)
export type InboxItem = z.infer<typeof Inbox.inboxItemSchema>;
export type InboxList = z.infer<typeof Inbox.inboxListSchema>;
export type InboxReadAll = z.infer<typeof Inbox.readAllSchema>;
