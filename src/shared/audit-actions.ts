/**
 * What each audit action code means, in words, for people: the audit page (web i18n merges this
 * catalogue as `auditActions`) and the audit export. One catalogue, so the screen and the file say
 * the same; an action without a label is shown by its code.
 */
export const auditActionLabels = {
  fr: {
    alert_settings: {
      update: 'Réglage des alertes modifié',
    },
    amendment: {
      create: 'Avenant créé',
      delete: 'Projet d’avenant supprimé',
      sign: 'Avenant signé',
      update: 'Avenant modifié',
    },
    annex_version: {
      update: 'Annexe modifiée',
    },
    auth: {
      login: 'Connexion',
      logout: 'Déconnexion',
    },
    calendar: {
      create: 'Calendrier créé',
      delete: 'Calendrier supprimé',
      update: 'Calendrier modifié',
    },
    commune: {
      create: 'Commune créée',
      update: 'Commune modifiée',
    },
    entity: {
      create: 'Entité créée',
      delete: 'Entité supprimée',
      update: 'Entité modifiée',
    },
    escalation_directory: {
      replace: 'Annuaire d’escalade modifié',
    },
    inbound_message: {
      accept: 'Courriel accepté',
      reject: 'Courriel refusé',
    },
    indicators: {
      evidence: 'Justificatif d’indicateur ajouté',
      freeze: 'Indicateurs figés',
      manual_value: 'Valeur d’indicateur saisie',
    },
    mailbox: {
      create: 'Boîte aux lettres créée',
      delete: 'Boîte aux lettres supprimée',
      update: 'Boîte aux lettres modifiée',
    },
    notification_preferences: {
      update: 'Préférences de notification modifiées',
    },
    oncall: {
      create: 'Astreinte créée',
      delete: 'Astreinte supprimée',
      update: 'Astreinte modifiée',
    },
    priority_matrix: {
      update: 'Matrice des priorités modifiée',
    },
    ticket: {
      attach: 'Pièce jointe ajoutée',
      create: 'Demande créée',
      escalate: 'Demande escaladée',
      merge: 'Demandes fusionnées',
      survey: 'Avis de satisfaction donné',
      transition: 'État d’une demande changé',
      update: 'Demande modifiée',
    },
    token: {
      create: 'Jeton d’API créé',
      revoke: 'Jeton d’API révoqué',
    },
    user: {
      assignments: 'Affectations d’un utilisateur modifiées',
      create: 'Utilisateur créé',
      update: 'Utilisateur modifié',
      update_self: 'Profil modifié par l’utilisateur',
    },
  },
  en: {
    alert_settings: {
      update: 'Alert settings changed',
    },
    amendment: {
      create: 'Amendment created',
      delete: 'Draft amendment deleted',
      sign: 'Amendment signed',
      update: 'Amendment changed',
    },
    annex_version: {
      update: 'Annex changed',
    },
    auth: {
      login: 'Sign-in',
      logout: 'Sign-out',
    },
    calendar: {
      create: 'Calendar created',
      delete: 'Calendar deleted',
      update: 'Calendar changed',
    },
    commune: {
      create: 'Commune created',
      update: 'Commune changed',
    },
    entity: {
      create: 'Entity created',
      delete: 'Entity deleted',
      update: 'Entity changed',
    },
    escalation_directory: {
      replace: 'Escalation directory changed',
    },
    inbound_message: {
      accept: 'E-mail accepted',
      reject: 'E-mail rejected',
    },
    indicators: {
      evidence: 'Indicator evidence added',
      freeze: 'Indicators frozen',
      manual_value: 'Indicator value entered',
    },
    mailbox: {
      create: 'Mailbox created',
      delete: 'Mailbox deleted',
      update: 'Mailbox changed',
    },
    notification_preferences: {
      update: 'Notification preferences changed',
    },
    oncall: {
      create: 'On-call period created',
      delete: 'On-call period deleted',
      update: 'On-call period changed',
    },
    priority_matrix: {
      update: 'Priority matrix changed',
    },
    ticket: {
      attach: 'Attachment added',
      create: 'Ticket created',
      escalate: 'Ticket escalated',
      merge: 'Tickets merged',
      survey: 'Satisfaction survey answered',
      transition: 'Ticket status changed',
      update: 'Ticket changed',
    },
    token: {
      create: 'API token created',
      revoke: 'API token revoked',
    },
    user: {
      assignments: 'User assignments changed',
      create: 'User created',
      update: 'User changed',
      update_self: 'Profile changed by the user',
    },
  },
} as const;

type Catalogue = Record<string, Record<string, string>>;

/** The label of an action code (`ticket.update`) in a language, or the code itself. */
export function auditActionLabel(action: string, lang: 'fr' | 'en'): string {
  const [group, verb] = action.split('.', 2);
  const labels = auditActionLabels[lang] as Catalogue;
  return (group && verb && labels[group]?.[verb]) || action;
}
