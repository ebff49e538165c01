import type { Channel, TicketStatus, TicketType } from './service-desk';

/**
 * The service desk's vocabularies in words, for people: the web app merges them into its `tickets`
 * catalogue (t('tickets:status.new')) and the server writes them in exported files. One catalogue,
 * so a screen and a file never disagree.
 */
export const serviceDeskLabels = {
  fr: {
    status: {
      new: 'Nouvelle',
      acknowledged: 'Prise en compte',
      in_progress: 'En cours',
      pending: 'En attente',
      resolved: 'Résolue',
      closed: 'Close',
      reopened: 'Réouverte',
    },
    type: {
      incident: 'Incident',
      request: 'Demande',
    },
    channel: {
      portal: 'Portail',
      email: 'Courriel',
      phone: 'Téléphone',
      walk_in: 'Accueil physique',
      monitoring: 'Supervision',
    },
  },
  en: {
    status: {
      new: 'New',
      acknowledged: 'Acknowledged',
      in_progress: 'In progress',
      pending: 'Pending',
      resolved: 'Resolved',
      closed: 'Closed',
      reopened: 'Reopened',
    },
    type: {
      incident: 'Incident',
      request: 'Request',
    },
    channel: {
      portal: 'Portal',
      email: 'Email',
      phone: 'Phone',
      walk_in: 'Walk-in',
      monitoring: 'Monitoring',
    },
  },
} as const satisfies Record<
  'fr' | 'en',
  { status: Record<TicketStatus, string>; type: Record<TicketType, string>; channel: Record<Channel, string> }
>;
