/**
 * The commune's digital plan and its projects (PRODUCT.md sub-domains A and B): the vocabulary
 * shared by the server and the web app.
 */

/** The three kinds of project the annex names. */
export const projectKinds = ['commune', 'collective', 'metropolitan'] as const;
export type ProjectKind = (typeof projectKinds)[number];

/**
 * A project's status. "Late" is not a status: it is derived (planned go-live passed, not delivered).
 * `delivered` means go-live reached (`goLiveOn` set).
 */
export const projectStatuses = ['proposed', 'planned', 'in_progress', 'on_hold', 'delivered', 'dropped'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

/** Priority in the plan: 1 high, 2 normal, 3 low. */
export const projectPriorities = [1, 2, 3] as const;

/** The provider's teams that plan and record person-days. */
export const projectTeams = ['applications', 'infrastructure', 'support', 'pmo'] as const;
export type ProjectTeam = (typeof projectTeams)[number];

/**
 * What a project goes through, from the annex's sub-domain B list; a project holds its own list
 * (these are the defaults of a new project and may be renamed, removed or extended per project).
 */
export const defaultPhases = [
  { key: 'etudes', label: 'Études et conseil' },
  { key: 'amoa', label: "Assistance à maîtrise d'ouvrage" },
  { key: 'cahier_des_charges', label: 'Rédaction du cahier des charges' },
  { key: 'marches', label: 'Passation des marchés' },
  { key: 'deploiement', label: 'Déploiement et mise en service' },
  { key: 'conduite_du_changement', label: 'Conduite du changement et formation' },
  { key: 'bilan', label: 'Bilan du projet' },
] as const;

export const phaseStatuses = ['todo', 'in_progress', 'done', 'skipped'] as const;
export type PhaseStatus = (typeof phaseStatuses)[number];

export const timeEntryStatuses = ['submitted', 'approved', 'rejected'] as const;
export type TimeEntryStatus = (typeof timeEntryStatuses)[number];
