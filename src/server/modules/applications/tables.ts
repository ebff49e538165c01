/**
 * Business applications of a commune (the portfolio the provider maintains, indicator 2.2.1), their
 * history, the transferred inventory annexed to the convention (a dated baseline), and outages of
 * applications (indicators 4.1.1 and 4.1.2, availability).
 */
export const applicationDomains = [
  'etat_civil',
  'elections',
  'finances',
  'rh',
  'education',
  'mediatheque',
  'urbanisme',
  'police_municipale',
  'population',
  'social',
  'services_techniques',
  'communication',
  'collaboration',
  'infrastructure',
  'other',
] as const;
export type ApplicationDomain = (typeof applicationDomains)[number];
export const hostings = ['metropole_datacentre', 'vendor_saas', 'commune_premises'] as const;
export type Hosting = (typeof hostings)[number];
export const criticalities = ['critical', 'important', 'standard'] as const;
export type Criticality = (typeof criticalities)[number];
/** The clock an outage of the application runs on: the commune's business hours, or 24/7. */
export const outageCalendars = ['business_hours', 'continuous'] as const;
export type OutageCalendar = (typeof outageCalendars)[number];
export const applicationStatuses = ['in_service', 'being_transferred', 'retired'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const outageSources = ['manual', 'alertmanager', 'grafana', 'demo'] as const;
export type OutageSource = (typeof outageSources)[number];

export interface ApplicationTable {
  id: string;
  communeId: string;
  name: string;
  /** The name lower-cased and trimmed: unique per commune, how alerts find an application by name. */
  nameKey: string;
  domain: ApplicationDomain;
  vendor: string | null;
  product: string | null;
  version: string | null;
  hosting: Hosting;
  criticality: Criticality;
  outageCalendar: OutageCalendar;
  communeOwner: string | null;
  providerOwner: string | null;
  /** Local date the maintenance contract with the vendor ends. */
  maintenanceEndsOn: string | null;
  status: ApplicationStatus;
  inServiceSince: string | null;
  retiredOn: string | null;
  notes: string;
  reconstructed: number;
  createdAt: string;
  updatedAt: string;
}

export interface ApplicationHistoryTable {
  id: string;
  communeId: string;
  applicationId: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  kind: 'created' | 'updated';
  /** JSON `{field: [before, after]}` (created: `{field: [null, value]}`). */
  changes: string;
}

export interface ApplicationBaselineTable {
  id: string;
  communeId: string;
  /** Local date of the inventory (the convention's start). */
  asOf: string;
  label: string;
  source: 'convention_annex' | 'import';
  reconstructed: number;
  createdAt: string;
}

export interface ApplicationBaselineItemTable {
  id: string;
  communeId: string;
  baselineId: string;
  applicationId: string | null;
  name: string;
  domain: string | null;
}

export interface OutageTable {
  id: string;
  communeId: string;
  applicationId: string;
  startedAt: string;
  /** The provider's first intervention. */
  intervenedAt: string | null;
  /** Service restored. */
  restoredAt: string | null;
  cause: string;
  summary: string;
  ticketId: string | null;
  source: OutageSource;
  /** `fingerprint@startsAt` of the alert that opened it: one outage per alert firing. */
  alertKey: string | null;
  alertName: string | null;
  notifications: number;
  lastNotifiedAt: string | null;
  reconstructed: number;
  createdAt: string;
  updatedAt: string;
}

/** A commune's rule: an alert whose label `label` equals `value` is about `applicationId`. */
export interface AlertLabelRuleTable {
  id: string;
  communeId: string;
  label: string;
  value: string;
  applicationId: string;
  /** Order of evaluation (the first matching rule wins). */
  position: number;
  createdAt: string;
}

export interface ApplicationTables {
  alertLabelRules: AlertLabelRuleTable;
  applications: ApplicationTable;
  applicationHistory: ApplicationHistoryTable;
  applicationBaselines: ApplicationBaselineTable;
  applicationBaselineItems: ApplicationBaselineItemTable;
  outages: OutageTable;
}
