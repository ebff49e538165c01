/**
 * Email templates, French first and English for users who chose it. Pure: data in, subject
 * and text out. Every subject carries the ticket reference in brackets, e.g.
 * "[BOU-2026-000123] …", which is also how an inbound reply finds its ticket.
 */
export type Locale = 'fr' | 'en';

export interface TicketFacts {
  reference: string;
  title: string;
  priority: string;
  status: string;
  communeName: string;
  /** Link to the ticket in the web app. */
  url: string;
}

export type TemplateInput =
  | { template: 'ticket_created'; ticket: TicketFacts; acknowledgeDueAt: string | null }
  | { template: 'reply_added'; ticket: TicketFacts; author: string; body: string }
  | { template: 'status_changed'; ticket: TicketFacts; to: string; comment?: string | null; surveyUrl?: string | null }
  | { template: 'warning'; ticket: TicketFacts; clock: 'ack' | 'resolve'; dueAt: string; thresholdPercent: number }
  | { template: 'breach'; ticket: TicketFacts; clock: 'ack' | 'resolve'; dueAt: string }
  | {
      template: 'escalation';
      ticket: TicketFacts;
      from: string;
      to: string;
      reason: string;
      automatic: boolean;
      roles: string[];
    }
  | { template: 'internal_escalation'; ticket: TicketFacts; dueAt: string; roles: string[] }
  | { template: 'unknown_sender'; subject: string }
  | { template: 'attachments_rejected'; ticket: TicketFacts; files: string[] }
  | { template: 'survey_reminder'; ticket: TicketFacts; surveyUrl: string };

export interface Rendered {
  subject: string;
  text: string;
}

const statusLabel: Record<Locale, Record<string, string>> = {
  // Agreed with "la demande" (feminine).
  fr: {
    new: 'nouvelle',
    acknowledged: 'prise en compte',
    in_progress: 'en cours',
    pending: 'en attente',
    resolved: 'résolue',
    closed: 'close',
    reopened: 'rouverte',
  },
  en: {
    new: 'new',
    acknowledged: 'acknowledged',
    in_progress: 'in progress',
    pending: 'pending',
    resolved: 'resolved',
    closed: 'closed',
    reopened: 'reopened',
  },
};
const levelLabel: Record<Locale, Record<string, string>> = {
  fr: { ordinary: 'saisine ordinaire', urgent: 'saisine en urgence', exceptional: 'saisine exceptionnelle' },
  en: { ordinary: 'ordinary referral', urgent: 'urgent referral', exceptional: 'exceptional referral' },
};
const clockLabel: Record<Locale, Record<'ack' | 'resolve', string>> = {
  fr: { ack: 'prise en compte', resolve: 'résolution' },
  en: { ack: 'acknowledgement', resolve: 'resolution' },
};

/** Formats an instant for people, in Paris time. */
export function formatInstant(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}

const ref = (t: TicketFacts) => `[${t.reference}]`;

function footer(locale: Locale, t?: TicketFacts): string {
  const link = t ? (locale === 'fr' ? `Suivre la demande : ${t.url}\n` : `Follow the ticket: ${t.url}\n`) : '';
  return locale === 'fr'
    ? `\n${link}\n-- \nMutualis — service commun numérique.\nPour répondre, répondez à ce message en gardant la référence entre crochets dans l'objet.`
    : `\n${link}\n-- \nMutualis — shared IT service.\nTo answer, reply to this message keeping the reference in brackets in the subject.`;
}

/** Renders one notification in the recipient's language. */
export function render(input: TemplateInput, locale: Locale): Rendered {
  const fr = locale === 'fr';
  switch (input.template) {
    case 'ticket_created': {
      const t = input.ticket;
      const due = input.acknowledgeDueAt ? formatInstant(input.acknowledgeDueAt, locale) : null;
      return {
        subject: fr ? `${ref(t)} Demande enregistrée : ${t.title}` : `${ref(t)} Ticket received: ${t.title}`,
        text: fr
          ? `Bonjour,\n\nVotre demande « ${t.title} » est enregistrée sous la référence ${t.reference} (priorité ${t.priority}).\n${due ? `Elle sera prise en compte au plus tard le ${due}.\n` : ''}${footer(locale, t)}`
          : `Hello,\n\nYour ticket "${t.title}" was received with reference ${t.reference} (priority ${t.priority}).\n${due ? `It will be acknowledged by ${due} at the latest.\n` : ''}${footer(locale, t)}`,
      };
    }
    case 'reply_added': {
      const t = input.ticket;
      return {
        subject: fr ? `${ref(t)} Nouvelle réponse : ${t.title}` : `${ref(t)} New reply: ${t.title}`,
        text: fr
          ? `Bonjour,\n\n${input.author} a répondu à la demande ${t.reference} :\n\n${input.body}\n${footer(locale, t)}`
          : `Hello,\n\n${input.author} replied to ticket ${t.reference}:\n\n${input.body}\n${footer(locale, t)}`,
      };
    }
    case 'status_changed': {
      const t = input.ticket;
      const label = statusLabel[locale][input.to] ?? input.to;
      const lines: string[] = [];
      if (fr) {
        lines.push(`Bonjour,\n\nLa demande ${t.reference} « ${t.title} » est maintenant : ${label}.`);
        if (input.to === 'pending')
          lines.push(
            'Nous attendons une information de votre part ou d’un tiers ; le délai est suspendu pendant cette attente.',
          );
        if (input.comment) lines.push(`\n${input.comment}`);
        if (input.to === 'resolved' && input.surveyUrl)
          lines.push(
            `\nDonnez-nous votre avis sur le traitement de votre demande : ${input.surveyUrl}\nSi le problème persiste, répondez à ce message pour rouvrir la demande.`,
          );
      } else {
        lines.push(`Hello,\n\nTicket ${t.reference} "${t.title}" is now: ${label}.`);
        if (input.to === 'pending')
          lines.push('We are waiting for information from you or a third party; the clock is paused meanwhile.');
        if (input.comment) lines.push(`\n${input.comment}`);
        if (input.to === 'resolved' && input.surveyUrl)
          lines.push(
            `\nTell us how we handled your ticket: ${input.surveyUrl}\nIf the problem persists, reply to this message to reopen the ticket.`,
          );
      }
      return {
        subject: fr ? `${ref(t)} Demande ${label} : ${t.title}` : `${ref(t)} Ticket ${label}: ${t.title}`,
        text: `${lines.join('\n')}\n${footer(locale, t)}`,
      };
    }
    case 'warning': {
      const t = input.ticket;
      const due = formatInstant(input.dueAt, locale);
      const what = clockLabel[locale][input.clock];
      return {
        subject: fr
          ? `${ref(t)} Échéance de ${what} proche (${t.priority}) : ${t.title}`
          : `${ref(t)} ${what} deadline approaching (${t.priority}): ${t.title}`,
        text: fr
          ? `Bonjour,\n\n${input.thresholdPercent} % du délai de ${what} de la demande ${t.reference} (${t.communeName}, priorité ${t.priority}) est consommé.\nÉchéance : ${due}.\n${footer(locale, t)}`
          : `Hello,\n\n${input.thresholdPercent}% of the ${what} time of ticket ${t.reference} (${t.communeName}, priority ${t.priority}) is used.\nDeadline: ${due}.\n${footer(locale, t)}`,
      };
    }
    case 'breach': {
      const t = input.ticket;
      const due = formatInstant(input.dueAt, locale);
      const what = clockLabel[locale][input.clock];
      return {
        subject: fr
          ? `${ref(t)} Délai de ${what} dépassé (${t.priority}) : ${t.title}`
          : `${ref(t)} ${what} deadline breached (${t.priority}): ${t.title}`,
        text: fr
          ? `Bonjour,\n\nLe délai de ${what} de la demande ${t.reference} (${t.communeName}, priorité ${t.priority}) est dépassé depuis le ${due}.\n${footer(locale, t)}`
          : `Hello,\n\nThe ${what} deadline of ticket ${t.reference} (${t.communeName}, priority ${t.priority}) passed on ${due}.\n${footer(locale, t)}`,
      };
    }
    case 'escalation': {
      const t = input.ticket;
      const to = levelLabel[locale][input.to] ?? input.to;
      const from = levelLabel[locale][input.from] ?? input.from;
      const how = fr
        ? input.automatic
          ? 'automatiquement (délai dépassé)'
          : 'à la demande d’un intervenant'
        : input.automatic
          ? 'automatically (deadline breached)'
          : 'on request';
      return {
        subject: fr ? `${ref(t)} Escalade — ${to} : ${t.title}` : `${ref(t)} Escalation — ${to}: ${t.title}`,
        text: fr
          ? `Bonjour,\n\nLa demande ${t.reference} (${t.communeName}, priorité ${t.priority}) passe de la ${from} à la ${to}, ${how}.\nMotif : ${input.reason}\nVous êtes destinataire au titre de la matrice d’escalade du contrat d’engagement (${input.roles.join(' ; ')}).\n${footer(locale, t)}`
          : `Hello,\n\nTicket ${t.reference} (${t.communeName}, priority ${t.priority}) moves from ${from} to ${to}, ${how}.\nReason: ${input.reason}\nYou receive this as holder of a role in the contract's escalation matrix (${input.roles.join('; ')}).\n${footer(locale, t)}`,
      };
    }
    case 'internal_escalation': {
      const t = input.ticket;
      const due = formatInstant(input.dueAt, locale);
      return {
        subject: fr
          ? `${ref(t)} Objectif de service interne dépassé — escalade interne (${t.priority}) : ${t.title}`
          : `${ref(t)} Internal service objective breached — internal escalation (${t.priority}): ${t.title}`,
        text: fr
          ? `Bonjour,\n\nLe délai de résolution de la demande ${t.reference} (${t.communeName}, priorité ${t.priority}) est dépassé depuis le ${due}.\nCe délai est un objectif de service interne du service commun, pas un engagement du contrat : la commune n'est pas saisie.\nVous êtes destinataire au titre de la matrice d’escalade, côté service commun (${input.roles.join(' ; ')}).\n${footer(locale, t)}`
          : `Hello,\n\nThe resolution deadline of ticket ${t.reference} (${t.communeName}, priority ${t.priority}) passed on ${due}.\nThat deadline is an internal service objective of the shared service, not a term of the contract: the commune is not contacted.\nYou receive this as holder of a provider-side role of the escalation matrix (${input.roles.join('; ')}).\n${footer(locale, t)}`,
      };
    }
    case 'unknown_sender': {
      // The sender is nobody we know, so we cannot know their language: both, French first.
      const frText = `Bonjour,\n\nVotre message « ${input.subject} » n’a pas créé de demande : votre adresse n’est pas connue du service commun numérique.\nSi vous êtes agent ou élu d’une commune adhérente, demandez au référent de votre commune de vous inscrire, ou appelez le centre d’appel.`;
      const enText = `Hello,\n\nYour message "${input.subject}" did not open a ticket: your address is not known to the shared IT service.\nIf you work for a member commune, ask your commune's referent to register you, or call the service desk.`;
      return {
        subject: `Message non traité / Message not processed : ${input.subject}`,
        text: `${frText}\n\n— English —\n\n${enText}\n\n-- \nMutualis — service commun numérique / shared IT service (message automatique / automatic message).`,
      };
    }
    case 'survey_reminder': {
      const t = input.ticket;
      return {
        subject: fr
          ? `${ref(t)} Votre avis sur le traitement de votre demande : ${t.title}`
          : `${ref(t)} How did we handle your ticket? ${t.title}`,
        text: fr
          ? `Bonjour,\n\nVotre demande ${t.reference} « ${t.title} » a été résolue. Une minute pour nous dire si vous en êtes satisfait(e) ?\n${input.surveyUrl}\n${footer(locale, t)}`
          : `Hello,\n\nYour ticket ${t.reference} "${t.title}" was resolved. One minute to tell us whether you are satisfied?\n${input.surveyUrl}\n${footer(locale, t)}`,
      };
    }
    case 'attachments_rejected': {
      const t = input.ticket;
      return {
        subject: fr ? `${ref(t)} Pièces jointes refusées : ${t.title}` : `${ref(t)} Attachments refused: ${t.title}`,
        text: fr
          ? `Bonjour,\n\nVotre message a bien été ajouté à la demande ${t.reference}, mais ces pièces jointes ont été refusées (taille ou type non acceptés) :\n${input.files.map((f) => `- ${f}`).join('\n')}\n${footer(locale, t)}`
          : `Hello,\n\nYour message was added to ticket ${t.reference}, but these attachments were refused (size or type not accepted):\n${input.files.map((f) => `- ${f}`).join('\n')}\n${footer(locale, t)}`,
      };
    }
  }
}

/** The ticket reference in a subject ("RE: [BOU-2026-000123] …"), if any. */
export function referenceInSubject(subject: string): string | null {
  const m = /\[([A-Z0-9]{2,6}-\d{4}-\d{3,})\]/.exec(subject);
  return m ? m[1]! : null;
}
