import type { Channel, Level, Priority, ReferralLevel, TicketStatus, TicketType } from '../../../shared/service-desk';
/**
 * Service-desk tables. The ticket row carries, besides its fields, what only the clock engine
 * can answer, computed when the ticket changes (deadlines, business durations, breach flags,
 * pause totals), so indicators are plain SQL aggregates over indexed columns.
 */
export interface TicketTable {
  id: string;
  communeId: string;
  entityId: string | null;
  /** Human reference, unique: `<SLUG3>-<YYYY>-<seq>` e.g. `BOU-2026-000123`. */
  reference: string;
  type: TicketType;
  title: string;
  description: string;
  categoryId: string | null;
  /** Sub-domain code of the contract (A–D), from the category. */
  subdomain: string | null;
  requesterId: string | null;
  site: string | null;
  channel: Channel;
  impact: Level;
  urgency: Level;
  /** P1 (most urgent) … P4, from impact × urgency through the matrix. */
  priority: Priority;
  status: TicketStatus;
  groupId: string | null;
  assigneeId: string | null;
  /** Escalation (saisine) level: ordinary → urgent → exceptional. */
  referralLevel: ReferralLevel;
  createdAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Deadlines from the contract in force (3.3.1, 3.3.2), on the commune's calendar, pauses deducted. */
  acknowledgeDueAt: string | null;
  resolveDueAt: string | null;
  /** What the deadlines were computed with, so a figure can be explained and recomputed. */
  calendarId: string | null;
  calendarVersion: number | null;
  annexVersionId: string | null;
  /** Set while the ticket is pending (clock paused). */
  pausedSince: string | null;
  /** Business seconds spent paused, closed pauses only. */
  pausedBusinessSeconds: number;
  /** Business seconds from creation to acknowledgement (null until acknowledged). */
  ackBusinessSeconds: number | null;
  /** Business seconds from creation to resolution, pauses deducted (null until resolved). */
  resolveBusinessSeconds: number | null;
  /** 1 when acknowledged after acknowledgeDueAt (or still not acknowledged past it). */
  ackBreached: number;
  resolveBreached: number;
  /** 1 when the ticket arrived outside the calendar's opening hours (3.2.1). */
  receivedOutsideHours: number;
  reopenCount: number;
  /** 1 when resolved at first contact by level 1 without reassignment. */
  firstContactResolution: number;
  /** Satisfaction survey score 1–5, null when unanswered. */
  satisfaction: number | null;
  mergedIntoId: string | null;
  /** Lower-cased, accent-free title + description + public replies, for portable search. */
  searchText: string;
  /** Why the deadlines are null (no_calendar, no_contract, no_rule), null when computed. */
  clockIssue: string | null;
  /** Message-ID of the email that opened the ticket: the same message never makes two tickets. */
  emailMessageId: string | null;
  /** 1 when a contract manager ruled the breached acknowledgement force majeure (3.3.1): excluded from it. */
  forceMajeure: number;
  forceMajeureReason: string | null;
  forceMajeureAt: string | null;
  /** Who ruled it (label). */
  forceMajeureBy: string | null;
  /** Where resolveDueAt's delay came from: contract, agreed (two-party agreement), operating (internal target). */
  resolveTargetOrigin: 'contract' | 'agreed' | 'operating' | null;
}

/**
 * The provider's operating targets (objectifs de service internes): resolution delays per priority
 * that run the queues when no signed or agreed target exists. Provider-wide (`scopeKey` 'provider',
 * commune null) or a commune's override (`scopeKey` = its id); effective-dated versions.
 */
export interface OperatingTargetTable {
  id: string;
  scopeKey: string;
  communeId: string | null;
  effectiveFrom: string;
  /** JSON {P1..P4: ISO-8601 business-time duration}. */
  resolution: string;
  note: string;
  createdByLabel: string;
  createdAt: string;
}

/** One pause of a ticket's clocks (status pending), stored as an interval (glpi#15605). */
export interface TicketPauseTable {
  id: string;
  ticketId: string;
  communeId: string;
  startedAt: string;
  endedAt: string | null;
  reason: string | null;
}

/** The service catalogue: categories mapped to the contract's sub-domains. Provider-wide. */
export interface TicketCategoryTable {
  id: string;
  code: string;
  labelFr: string;
  labelEn: string;
  /** Sub-domain code (A–D). */
  subdomain: string;
  defaultType: TicketType;
  defaultGroupId: string | null;
  active: number;
}

/** Provider support groups (level 1 call centre, level 2 teams). */
export interface SupportGroupTable {
  id: string;
  code: string;
  name: string;
  level: number;
}

export interface SupportGroupMemberTable {
  groupId: string;
  userId: string;
}

/** The full history of a ticket: every change, reply, note, escalation, notification. */
export interface TicketHistoryTable {
  id: string;
  ticketId: string;
  communeId: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  /** created, status, assigned, field, comment, note, attachment, escalated, merged, warning, breach, notified, survey… */
  kind: string;
  /** JSON payload of the change. */
  data: string;
  /** 1 for entries commune users never see (internal notes, internal routing). */
  internal: number;
  /**
   * 1 while the notifications this entry calls for (created, public status change or reply,
   * merge) are not queued yet: written in the change's own transaction, cleared in the one that
   * queues the emails, so a crash in between delays the emails but never loses them.
   */
  notifyPending?: number;
  /** Failed attempts at queueing this entry's notifications (given up at NOTIFY_MAX_FAILURES). */
  notifyFailures?: number;
}

/** Public replies and internal notes. */
export interface TicketCommentTable {
  id: string;
  ticketId: string;
  communeId: string;
  authorId: string | null;
  authorLabel: string;
  body: string;
  /** Sanitised HTML of an email reply, when there was one. */
  bodyHtml: string | null;
  /** 1 for internal notes (provider staff only). */
  internal: number;
  createdAt: string;
  emailMessageId: string | null;
}

/**
 * Attachment metadata; the bytes live on disk under DATA_DIR/attachments/<sha256[0:2]>/<sha256>
 * (content-addressed: the same file uploaded twice is stored once).
 */
export interface TicketAttachmentTable {
  id: string;
  ticketId: string;
  communeId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
  /** The reply or note the file came with; null: the ticket's own (internal when its note is). */
  commentId: string | null;
}

/** `Idempotency-Key` of a ticket creation, per actor: a retry returns the same ticket. */
export interface TicketIdempotencyTable {
  actorId: string;
  key: string;
  ticketId: string;
  communeId: string;
  createdAt: string;
}

/** Impact × urgency → priority. `scopeKey` is 'provider' for the default or the commune id of an override. */
export interface PriorityMatrixTable {
  scopeKey: string;
  communeId: string | null;
  /** JSON: `{"<impact>": {"<urgency>": "P1"…}}`. */
  cells: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** Reference counters: one per reference prefix and local year (`BOU-2026-…`). */
export interface TicketSequenceTable {
  prefix: string;
  year: number;
  last: number;
}

/** Satisfaction survey sent on resolution; answered once by the requester. */
export interface TicketSurveyTable {
  id: string;
  ticketId: string;
  communeId: string;
  requesterId: string | null;
  sentAt: string;
  answeredAt: string | null;
  score: number | null;
  comment: string | null;
  remindedAt: string | null;
}

/**
 * The devices of the fleet a ticket is about (modules/fleet owns the devices; a link names a
 * device of the ticket's own commune, checked when it is made).
 */
export interface TicketDeviceTable {
  ticketId: string;
  deviceId: string;
  communeId: string;
  linkedAt: string;
  /** Who linked it (label). */
  linkedBy: string;
}

/** A saved view of the ticket list: its query parameters under a name, for its owner or a group. */
export interface TicketViewTable {
  id: string;
  ownerId: string;
  /** Shared with this support group's members; null: the owner's own. */
  groupId: string | null;
  name: string;
  /** The list's query parameters (JSON object of strings), as GET /api/v1/tickets reads them. */
  query: string;
  createdAt: string;
  updatedAt: string;
}

/** A support group's ready-made answer, picked in a ticket's reply box. */
export interface CannedReplyTable {
  id: string;
  groupId: string;
  title: string;
  body: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A person told of a ticket's public replies and status changes besides its requester (CC). */
export interface TicketWatcherTable {
  ticketId: string;
  userId: string;
  communeId: string;
  addedBy: string | null;
  createdAt: string;
}

/** A link between two tickets of one commune, stored once in each direction. */
export interface TicketLinkTable {
  ticketId: string;
  linkedId: string;
  communeId: string;
  addedBy: string | null;
  createdAt: string;
}

export interface ServiceDeskTables {
  ticketViews: TicketViewTable;
  ticketLinks: TicketLinkTable;
  ticketWatchers: TicketWatcherTable;
  cannedReplies: CannedReplyTable;
  ticketDevices: TicketDeviceTable;
  ticketComments: TicketCommentTable;
  ticketAttachments: TicketAttachmentTable;
  ticketIdempotency: TicketIdempotencyTable;
  priorityMatrices: PriorityMatrixTable;
  ticketSequences: TicketSequenceTable;
  ticketSurveys: TicketSurveyTable;
  ticketHistory: TicketHistoryTable;
  tickets: TicketTable;
  ticketPauses: TicketPauseTable;
  ticketCategories: TicketCategoryTable;
  supportGroups: SupportGroupTable;
  supportGroupMembers: SupportGroupMemberTable;
  operatingTargets: OperatingTargetTable;
}
