import { annexContentSchema, type AnnexContent, type ContractContent } from './model';
import { referenceNumeriqueAnnex } from './demo-annex-numerique';
import { leBouscatContract } from './demo-le-bouscat';

/**
 * Villedemo (a fictional commune) signed its own contract on 2019-03-01 with one Numérique annex.
 * Same structure as the reference, different commitments' values: tighter resolution delays,
 * a 90 % acknowledgement target, longer support hours, a 5-year fleet renewal, its own priorities.
 */

export const VILLEDEMO_SIGNED = '2019-03-01';

export function villedemoContract(): ContractContent {
  const c = leBouscatContract();
  return {
    ...c,
    title: "Contrat d'engagement entre Bordeaux Métropole et la commune de Villedemo",
    parties: [
      {
        side: 'provider',
        name: 'Bordeaux Métropole',
        representedBy: 'Monsieur Alain Juppé',
        capacity: 'Président',
        mandate: 'dûment habilité par délibération n° 2019-45 du 15 février 2019',
      },
      {
        side: 'commune',
        name: 'Commune de Villedemo',
        representedBy: 'Madame Véronique Démo',
        capacity: 'Maire',
        mandate: 'dûment habilitée par délibération n° 2019-07 du 11 février 2019',
      },
    ],
    recitals: [
      'Vu la convention de création des services communs entre Bordeaux Métropole et la commune de Villedemo,',
    ],
    articles: c.articles.map((a) => ({ ...a, reconstructed: false })),
    reconstructionNote: 'Commune fictive : contrat de démonstration, sans document signé correspondant.',
  };
}

const villedemoHours: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<[string, string]>> = {
  mon: [
    ['08:00', '12:00'],
    ['13:30', '17:30'],
  ],
  tue: [
    ['08:00', '12:00'],
    ['13:30', '17:30'],
  ],
  wed: [
    ['08:00', '12:00'],
    ['13:30', '17:30'],
  ],
  thu: [
    ['08:00', '12:00'],
    ['13:30', '17:30'],
  ],
  fri: [
    ['08:00', '12:00'],
    ['13:30', '16:30'],
  ],
  sat: [['09:00', '12:00']],
  sun: [],
};

export function villedemoAnnex(): AnnexContent {
  const a = referenceNumeriqueAnnex();
  a.subdomains[0]!.notes = [];
  a.priorities = [
    'Mettre en œuvre le schéma numérique communal 2019-2021 et la dématérialisation des démarches ;',
    'Assurer une continuité de service et une réactivité au moins équivalente au niveau existant ;',
    'Déployer le wifi public dans les équipements culturels et sportifs ;',
    "Accompagner les écoles dans l'équipement numérique (plan e-éducation) ;",
  ];
  const ind = (code: string) => a.commitments.flatMap((c) => c.indicators ?? []).find((i) => i.code === code)!;
  Object.assign(ind('1.1.1'), {
    baseline: 'Existence : Oui : 2019 - 2021',
    rule: { kind: 'plan_exists', horizonYears: 3, updateEveryMonths: 12 },
  });
  Object.assign(ind('1.2.1'), { baseline: 'Existence : auto-évaluation 2018, maturité 1,8' });
  Object.assign(ind('2.1.1'), {
    baseline: 'Charge prévisionnelle / réalisée : 120 j*h',
    baselineVolume: 120,
    rule: { kind: 'project_workload', serviceReferenceDays: 120 },
  });
  Object.assign(ind('2.1.2'), { baseline: '4 projets réalisés sur 5 sur 2018', baselineVolume: 5 });
  Object.assign(ind('2.2.1'), { baseline: '27 applications métiers inventoriées', baselineVolume: 27 });
  Object.assign(ind('3.1.1'), {
    baseline: "Renouvellement d'1/5 du parc par an",
    baselineVolume: 180,
    target: "Renouvellement d'1/5 du parc par an",
    rule: { kind: 'fleet_renewal_share', sharePerYear: 0.2 },
  });
  Object.assign(ind('3.2.1'), {
    baseline:
      'Interface web + assistance téléphonique : 8h 12h / 13h30 17h30 du lundi au jeudi, 16h30 le vendredi, 9h 12h le samedi',
    target: "Assistance continue sur les horaires d'ouverture de la Mairie, samedi matin compris",
    rule: { kind: 'support_hours', weekly: villedemoHours, channels: ['web', 'phone', 'email'] },
  });
  a.oncall = null;
  a.reconstructionNote = 'Commune fictive : annexe de démonstration, sans document signé correspondant.';
  Object.assign(ind('3.3.1'), {
    baseline: 'Lendemain au maximum',
    target: '90 % des demandes prises en compte au plus tard le jour ouvré suivant',
    rule: { kind: 'acknowledgement', deadline: 'next-business-day-end', targetShare: 0.9 },
  });
  Object.assign(ind('3.3.2'), {
    targetOrigin: 'contract',
    baseline: 'Mesuré en 2018 : 84 % des incidents résolus dans les délais',
    baselineVolume: 1450,
    target: '90 % des incidents résolus dans le délai : P1 2 h, P2 6 h, P3 16 h, P4 32 h ouvrées',
    rule: {
      kind: 'resolution_delay',
      byPriority: { P1: 'PT2H', P2: 'PT6H', P3: 'PT16H', P4: 'PT32H' },
      targetShare: 0.9,
    },
  });
  Object.assign(ind('4.1.1'), {
    targetOrigin: 'contract',
    baseline: 'Intervention sous 1 h ouvrée',
    target: '95 % des interventions sous 1 h ouvrée',
    rule: { kind: 'intervention_delay', delay: 'PT1H', scope: 'critical_applications', targetShare: 0.95 },
  });
  Object.assign(ind('4.1.2'), {
    targetOrigin: 'contract',
    baseline: 'Remise en service sous 4 h ouvrées',
    target: '90 % des remises en service sous 4 h ouvrées',
    rule: { kind: 'restoration_delay', delay: 'PT4H', scope: 'critical_applications', targetShare: 0.9 },
  });
  Object.assign(ind('4.2.1'), {
    baseline: '4 heures',
    target: '4 heures',
    rule: { kind: 'restore_delay', maxDelay: 'PT4H' },
  });
  Object.assign(ind('4.2.2'), {
    baseline: '1 journée (complète hebdomadaire et incrémentale quotidienne)',
    target: '1 journée',
    rule: { kind: 'data_loss_window', maxWindow: 'P1D', policy: 'weekly_full_daily_incremental' },
  });
  return annexContentSchema.parse(a);
}
