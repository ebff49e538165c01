import { describe, expect, it } from 'vitest';
import { referenceInSubject, render, type TemplateInput } from './templates';

const ticket = {
  reference: 'BOU-2026-000123',
  title: 'Imprimante en panne',
  priority: 'P2',
  status: 'new',
  communeName: 'Le Bouscat',
  url: 'http://localhost:3000/tickets/t1',
};
const inputs: TemplateInput[] = [
  { template: 'ticket_created', ticket, acknowledgeDueAt: '2026-03-03T16:00:00.000Z' },
  { template: 'reply_added', ticket, author: 'Thomas Technicien', body: 'Redémarrez.' },
  { template: 'status_changed', ticket, to: 'acknowledged' },
  { template: 'status_changed', ticket, to: 'pending' },
  { template: 'status_changed', ticket, to: 'resolved', surveyUrl: 'http://localhost:3000/tickets/t1?survey=1' },
  { template: 'status_changed', ticket, to: 'closed' },
  { template: 'warning', ticket, clock: 'resolve', dueAt: '2026-03-02T13:00:00.000Z', thresholdPercent: 75 },
  { template: 'breach', ticket, clock: 'ack', dueAt: '2026-03-02T13:00:00.000Z' },
  {
    template: 'escalation',
    ticket,
    from: 'ordinary',
    to: 'urgent',
    reason: 'Service arrêté',
    automatic: false,
    roles: ['Directeur général des services'],
  },
  { template: 'attachments_rejected', ticket, files: ['outil.exe'] },
  { template: 'survey_reminder', ticket, surveyUrl: 'http://localhost:3000/tickets/t1?survey=1' },
];

describe('email templates', () => {
  it.each(
    inputs.flatMap((i) =>
      (['fr', 'en'] as const).map((l) => [`${i.template}${'to' in i ? `:${i.to}` : ''} (${l})`, i, l] as const),
    ),
  )('every ticket notification carries the reference in brackets — %s', (_name, input, locale) => {
    const r = render(input, locale);
    expect(r.subject.startsWith('[BOU-2026-000123] ')).toBe(true);
    expect(referenceInSubject(`RE: ${r.subject}`)).toBe('BOU-2026-000123');
    expect(r.text).toContain('http://localhost:3000/tickets/t1');
  });

  it('writes French by default: acknowledgement deadline in Paris time, feminine agreement with « demande »', () => {
    expect(render(inputs[0]!, 'fr').text).toContain(
      'Elle sera prise en compte au plus tard le mardi 3 mars 2026 à 17:00',
    );
    expect(render(inputs[2]!, 'fr').subject).toBe('[BOU-2026-000123] Demande prise en compte : Imprimante en panne');
    expect(render(inputs[4]!, 'fr').text).toContain('?survey=1');
    expect(render(inputs[8]!, 'fr').text).toContain('passe de la saisine ordinaire à la saisine en urgence');
  });

  it('finds no reference in a subject without one', () => {
    expect(referenceInSubject('Problème de connexion')).toBeNull();
    expect(referenceInSubject('[URGENT] Problème')).toBeNull();
  });
});
