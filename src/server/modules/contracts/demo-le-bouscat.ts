import {
  amendmentContentSchema,
  annexContentSchema,
  contractContentSchema,
  type AmendmentContent,
  type AnnexContent,
  type ContractContent,
} from './model';
import { referenceNumeriqueAnnex } from './demo-annex-numerique';

/**
 * Le Bouscat's commitment contract (signed 2016-02-15), its 2016 Numérique annex and Avenant n°1
 * (effective 2018-01-01), from the reference document — which reproduces Avenant n°1 and the
 * amended annex only. What the reference does not hold is either left blank as it is there, or
 * reconstructed and marked so (visibly in the UI and the documents):
 * - the contract's parties and signing date come from Avenant n°1's "VU" recital; its articles are
 *   not reproduced: articles 2 and 6 are rebuilt from what the amendment and the annex cite of them
 *   (sources; revision by amendment), 1, 3, 4, 5 and 7 are a plausible reconstruction — all seven
 *   are marked `reconstructed`;
 * - Avenant n°1's signing date is blank ("Fait à Bordeaux, le _____"): `signedAt` null;
 * - version 1 of the annex (2016) is the printed version 2 *with* the 6th priority (printed struck
 *   out) and *without* footnote (2) on sub-domain D ("courants faibles", added when
 *   video-protection and remote monitoring went back to the commune — the amendment's object).
 *   The fleet changes and the take-over of the médiathèque La Source named by Article 2 changed no
 *   figure the reference prints, so none is invented. The comparison test pins these differences.
 */

export const LE_BOUSCAT_SIGNED = '2016-02-15';
export const AVENANT_1_EFFECTIVE = '2018-01-01';
/** The reference leaves Avenant n°1's signing date blank ("Fait à Bordeaux, le _____"). */
export const AVENANT_1_SIGNED = null;

export const struckPriority =
  "Assurer le transfert de compétence en matière de gestion, alarmes et de la télésurveillance et vidéosurveillance aux équipes mutualisées en charge de ces activités (portées par l'équipe bâtiment).";

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
 * date come from its "VU" recital; its articles are reconstructed (see above) and marked so.
 */
export function leBouscatContract(): ContractContent {
  return contractContentSchema.parse({
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
    ].map((a) => ({ ...a, reconstructed: true })),
    reconstructionNote:
      "Le document de référence ne reproduit que l'avenant n°1 : les parties et la date du contrat viennent de son visa ; le texte des articles est reconstitué (articles 2 et 6 d'après ce que l'avenant et l'annexe en citent).",
  });
}

/** Version 2: the annex as printed in the reference (5 priorities). */
export function leBouscatAnnex2018(): AnnexContent {
  return annexContentSchema.parse(referenceNumeriqueAnnex());
}

/** Version 1 (2016): the printed annex with the struck priority and without footnote (2) — a reconstruction. */
export function leBouscatAnnex2016(): AnnexContent {
  const a = referenceNumeriqueAnnex();
  a.priorities = [...a.priorities, struckPriority];
  a.footnotes = a.footnotes!.filter((f) => f.ref !== '2');
  a.subdomains.find((s) => s.code === 'D')!.footnoteRefs = [];
  a.reconstructionNote =
    "Version 2016 reconstituée : le document de référence n'imprime que la version modifiée par l'avenant n°1. Elle en diffère par la 6e priorité (imprimée barrée) et l'absence de la note (2) sur le sous-domaine D.";
  return annexContentSchema.parse(a);
}

/** Avenant n°1 as printed in the reference. */
export function avenant1(): AmendmentContent {
  return amendmentContentSchema.parse({
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
  });
}

/**
 * The demo's contract as the documented entry files (docs/examples/*.json, docs/contracts.md): what
 * a contract manager posts to enter Le Bouscat's 2016 contract, then to record Avenant n°1.
 */
export function leBouscatContractFile() {
  return {
    signedAt: LE_BOUSCAT_SIGNED,
    effectiveFrom: LE_BOUSCAT_SIGNED,
    content: leBouscatContract(),
    annexes: [{ domain: 'numerique', domainTitle: numeriqueTitle, content: leBouscatAnnex2016() }],
  };
}

export function avenant1File() {
  return {
    number: 1,
    signedAt: AVENANT_1_SIGNED,
    effectiveFrom: AVENANT_1_EFFECTIVE,
    content: avenant1(),
    annexes: [{ domain: 'numerique', content: leBouscatAnnex2018() }],
  };
}
