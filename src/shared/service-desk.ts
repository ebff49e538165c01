/**
 * The service desk's vocabularies, shared by the server (tables, schemas, rules) and the web app
 * (filters, badges, forms): one definition each.
 */

/** ITIL-inspired lifecycle: new → acknowledged (prise en compte) → in progress → pending → resolved → closed. */
export const ticketStatuses = [
  'new',
  'acknowledged',
  'in_progress',
  'pending',
  'resolved',
  'closed',
  'reopened',
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
/** Statuses of a ticket still to be worked on (pending included: its clock is paused, not stopped). */
export const openTicketStatuses = [
  'new',
  'acknowledged',
  'in_progress',
  'pending',
  'reopened',
] as const satisfies readonly TicketStatus[];

export const ticketTypes = ['incident', 'request'] as const;
export type TicketType = (typeof ticketTypes)[number];

export const channels = ['portal', 'email', 'phone', 'walk_in', 'monitoring'] as const;
export type Channel = (typeof channels)[number];

/** Impact and urgency levels; their combination gives the priority. */
export const levels = ['low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof levels)[number];

/** P1 is the most urgent. */
export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

/** The escalation matrix's referral levels (saisine ordinaire / en urgence / exceptionnelle), lowest first. */
export const referralLevels = ['ordinary', 'urgent', 'exceptional'] as const;
export type ReferralLevel = (typeof referralLevels)[number];

/** The two parties of a contract: the commune, and the provider (the métropole's shared service). */
export const sides = ['commune', 'provider'] as const;
export type Side = (typeof sides)[number];
