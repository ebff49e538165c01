import { annexContentSchema, type AmendmentContent, type AnnexContent, type ContractContent } from './model';
import { referenceNumeriqueAnnex } from './demo-annex-numerique';

/**
 * Le Bouscat's commitment contract (signed 2016-02-15), its 2016 Numérique annex and Avenant n°1
 * (effective 2018-01-01), from the reference document.
 *
 * The reference prints the amended annex (version 2) with the 6th priority struck out. Version 1
 * (2016) is that annex *with* the 6th priority, and with what we model as the other revisions
 * named by Article 2 ("Evolutions de parc, prise en charge de la Source, renvoi en commune de la
 * vidéo-protection et télésurveillance"), kept consistent with the printed version 2:
 * - priority 6 (transfer of alarms, remote monitoring and video surveillance to the mutualised
 *   teams) — printed struck out, so present in 2016 and removed by the amendment;
 * - footnote (2) on sub-domain D ("courants faibles" excluded from the scope): added by the
 *   amendment when video-protection and remote monitoring went back to the commune, so the 2016
 *   sub-domain D carries no footnote marker and the 2016 annex has no footnote (2);
 * - indicator 3.1.1's baseline volume (workstation fleet): 2016 fleet of 212 PENT, 2018 fleet of
 *   238 PENT after the fleet changes and the take-over of the médiathèque La Source (the reference
 *   prints no fleet size; the figures are ours).
 * The comparison test pins exactly these differences.
 */

export const LE_BOUSCAT_SIGNED = '2016-02-15';
export const AVENANT_1_EFFECTIVE = '2018-01-01';
/** The reference leaves the signing date blank ("Fait à Bordeaux, le _____"); ours. */
export const AVENANT_1_SIGNED = '2017-12-18';

export const struckPriority =
  "Assurer le transfert de compétence en matière de gestion, alarmes et de la télésurveillance et vidéosurveillance aux équipes mutualisées en charge de ces activités (portées par l'équipe bâtiment).";

export const FLEET_2016 = 212;
export const FLEET_2018 = 238;

export const numeriqueTitle = "Numérique et systèmes d'information";

export const bordeauxMetropole2016 = {
  side: 'provider' as const,
  name: 'Bordeaux Métropole',
  representedBy: 'Monsieur Alain Juppé',
  capacity: 'Président',
  mandate: 'dûment habilité par délibération, n° du',
};

/**
 * The original contract. The reference reproduces the amendment only: the contract's parties and
 * date come from its "VU" recital; its articles are summarised from what the amendment and the
 * annex cite (article 2 on sources, article 6 on revisions).
 */
export function leBouscatContract(): ContractContent {
  return {
    title: "Contrat d'engagement entre Bordeaux Métropole et la commune de Le Bouscat",
    place: 'Bordeaux',
    parties: [
      bordeauxMetropole2016,
      {
        side: 'commune',
        name: 'Commune de Le Bouscat',
        representedBy: 'Monsieur Patrick Bobet',
        capacity: 'Maire',
        mandate: 'dûment habilité par délibération n° du',
      },
    ],
    recitals: [
      'Vu la convention de création des services communs entre Bordeaux Métropole et la commune de Le Bouscat,',
    ],
    articles: [
      {
        number: '1',
        title: 'OBJET',
        body: "Le présent contrat d'engagement fixe, pour chaque domaine mutualisé, les niveaux de service que le service commun de Bordeaux Métropole s'engage à rendre à la commune, les indicateurs qui en rendent compte et les modalités de leur suivi.",
      },
      {
        number: '2',
        title: 'NIVEAUX DE SERVICE ET INDICATEURS',
        body: "Les engagements de service et leurs indicateurs figurent dans les annexes par domaine. La commune justifie de la valeur du niveau de service atteint en année N à partir des sources indiquées (suivi d'activité automatisé, manuel, enquête de satisfaction, certification...).",
      },
      {
        number: '3',
        title: 'GOUVERNANCE',
        body: 'Le suivi du contrat est assuré par les comités décrits dans chaque annexe.',
      },
      { number: '4', title: 'ANNEXES', body: 'Les annexes par domaine font partie intégrante du présent contrat.' },
      {
        number: '5',
        title: 'DUREE',
        body: 'Le présent contrat est conclu pour la durée de la convention de création des services communs.',
      },
      {
        number: '6',
        title: 'REVISION DES NIVEAUX DE SERVICE',
        body: "Les niveaux de service peuvent être révisés d'un commun accord entre les parties par voie d'avenant.",
      },
      {
        number: '7',
        title: 'ENTREE EN VIGUEUR',
        body: 'Le présent contrat entre en vigueur à la date de sa signature.',
      },
    ],
  };
}

/** Version 2: the annex as printed in the reference (5 priorities). */
export function leBouscatAnnex2018(): AnnexContent {
  const a = referenceNumeriqueAnnex();
  const c3 = a.commitments.find((c) => c.code === '3.1')!.indicators![0]!;
  c3.baselineVolume = FLEET_2018;
  return annexContentSchema.parse(a);
}

/** Version 1 (2016): the printed annex with the struck priority, without footnote (2), the 2016 fleet. */
export function leBouscatAnnex2016(): AnnexContent {
  const a = referenceNumeriqueAnnex();
  a.priorities = [...a.priorities, struckPriority];
  a.footnotes = a.footnotes!.filter((f) => f.ref !== '2');
  a.subdomains.find((s) => s.code === 'D')!.footnoteRefs = [];
  a.commitments.find((c) => c.code === '3.1')!.indicators![0]!.baselineVolume = FLEET_2016;
  return annexContentSchema.parse(a);
}

/** Avenant n°1 as printed in the reference. */
export function avenant1(): AmendmentContent {
  return {
    object:
      "L'objet du présent avenant est de faire évoluer le contrat d'engagement afin d'y intégrer l'impact des révisions de niveaux de services arrêtées entre la commune et Bordeaux Métropole.",
    recitals: [
      "VU le contrat d'engagement signé en date du 15 février 2016 par Monsieur Alain Juppé, Président de Bordeaux Métropole et Monsieur Patrick Bobet, Maire du Bouscat.",
      "Considérant la volonté des parties de réviser les niveaux de services en application de l'article 6 du contrat d'engagement,",
    ],
    revisions: [
      {
        domain: 'numerique',
        domainTitle: numeriqueTitle,
        object:
          'Evolutions de parc, prise en charge de la Source, renvoi en commune de la vidéo-protection et télésurveillance',
      },
    ],
    articles: [
      {
        number: '1',
        title: 'OBJET',
        body: "L'objet du présent avenant est de faire évoluer le contrat d'engagement afin d'y intégrer l'impact des révisions de niveaux de services arrêtées entre la commune et Bordeaux Métropole.",
      },
      {
        number: '2',
        title: 'MODIFICATION DES ANNEXES',
        body: "L'annexe du domaine concerné par ces révisions de niveaux de services est :\n\n{{revisions}}\n\nCette annexe est modifiée et remplace celle établie précédemment.",
      },
      { number: '3', title: '', body: "Les autres articles et annexes au contrat d'engagement restent inchangés." },
      { number: '4', title: '', body: 'Cet avenant entre en vigueur au {{effectiveFrom}}.' },
    ],
  };
}
