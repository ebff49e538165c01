import type { PhaseStatus, ProjectKind, ProjectStatus, TimeEntryStatus } from '../../../shared/projects';

/** A commune's digital plan (schéma numérique communal); its content lives in its versions. */
export interface DigitalPlansTable {
  id: string;
  communeId: string;
  title: string;
  createdBy: string | null;
  createdAt: string;
}

/**
 * One approved version of a plan: the first adoption (version 1) or a yearly revision. The
 * horizon is per version (a rolling plan extends it at each revision).
 */
export interface DigitalPlanVersionsTable {
  id: string;
  planId: string;
  communeId: string;
  version: number;
  startYear: number;
  endYear: number;
  /** Local date of the approval. */
  approvedOn: string;
  /** Who approved (e.g. "Conseil municipal", a person). */
  approvedBy: string;
  /** The committee or body where it was approved. */
  committee: string | null;
  /** What changed in this version. */
  changes: string;
  createdBy: string | null;
  createdAt: string;
}

/** The projects a plan version schedules, frozen at the version's approval: year and priority. */
export interface DigitalPlanScheduleTable {
  id: string;
  versionId: string;
  communeId: string;
  projectId: string;
  year: number;
  priority: number;
}

/** A project of the commune. Phases, milestones and risks are JSON lists. */
export interface ProjectsTable {
  id: string;
  communeId: string;
  title: string;
  description: string | null;
  kind: ProjectKind;
  status: ProjectStatus;
  /** The year the plan schedules it for (current schedule; versions keep the history). */
  plannedYear: number | null;
  priority: number;
  plannedStart: string | null;
  plannedGoLive: string | null;
  /** Local date the project went live; set when delivered. */
  goLiveOn: string | null;
  communeOwnerId: string | null;
  providerOwnerId: string | null;
  /** JSON: [{key, label, status, start, end}] */
  phases: string;
  /** JSON: [{label, date, reached}] */
  milestones: string;
  /** JSON: [{text, level}] */
  risks: string;
  createdAt: string;
  updatedAt: string;
}

/** Planned person-days of a project for one month and one team. */
export interface ProjectPlannedLoadTable {
  id: string;
  communeId: string;
  projectId: string;
  /** `YYYY-MM` */
  month: string;
  team: string;
  days: number;
}

/** A weekly time entry by a provider staff member on a project, approved by the project owner. */
export interface ProjectTimeEntriesTable {
  id: string;
  communeId: string;
  projectId: string;
  userId: string;
  team: string;
  /** Monday of the week, `YYYY-MM-DD`. */
  weekStart: string;
  totalDays: number;
  comment: string | null;
  status: TimeEntryStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  createdAt: string;
}

/** The days of a time entry (one row per worked day), so a week across two months splits exactly. */
export interface ProjectTimeDaysTable {
  id: string;
  entryId: string;
  communeId: string;
  projectId: string;
  team: string;
  workDate: string;
  days: number;
  /** The entry's status, copied here so the sums read one table (kept in step on approval). */
  status: TimeEntryStatus;
}

/** A ticket linked to a project (both of the same commune). */
export interface ProjectTicketsTable {
  projectId: string;
  ticketId: string;
  communeId: string;
  linkedBy: string | null;
  linkedAt: string;
}

/** A document of a project: the bytes are stored like ticket attachments (content-addressed). */
export interface ProjectDocumentsTable {
  id: string;
  projectId: string;
  communeId: string;
  filename: string;
  /** Decided from the bytes on upload (the tickets' allow-list), never from the client. */
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: string;
}

export interface ProjectTables {
  digitalPlans: DigitalPlansTable;
  digitalPlanVersions: DigitalPlanVersionsTable;
  digitalPlanSchedule: DigitalPlanScheduleTable;
  projects: ProjectsTable;
  projectPlannedLoad: ProjectPlannedLoadTable;
  projectTimeEntries: ProjectTimeEntriesTable;
  projectTimeDays: ProjectTimeDaysTable;
  projectTickets: ProjectTicketsTable;
  projectDocuments: ProjectDocumentsTable;
}

export type { PhaseStatus };
