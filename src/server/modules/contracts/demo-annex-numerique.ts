import type { AnnexContentInput } from './model';

/**
 * The Numérique annex as printed in the reference (docs/reference/contrat-engagement-le-
 * bouscat-avenant-1.md): the version installed by Le Bouscat's Avenant n°1 on 2018-01-01. Typed in
 * from the reference, section by section. The indicator table keeps the reference's columns only:
 * no target the reference does not state (3.3.2, 4.1.1 and 4.1.2 are "to be agreed"), no definition
 * beyond its title; what is ours is marked so below (the machine rules, which encode the stated
 * levels, and the plain-words `explanation`, which is never printed as contract text). Villedemo's annex
 * and Le Bouscat's 2016 annex are derived from it (demo-le-bouscat.ts, demo-villedemo.ts).
 */

/** The sub-domain titles as printed in the annex's list and in the escalation matrix header. */
export const subdomainTitles = {
  A: 'Co-construction de la stratégie numérique communale, gouvernance et sécurité',
  B: 'Réalisation des projets numériques de compétence communale',
  C: 'Fourniture des postes et environnements numériques de travail / assistance utilisateurs',
  D: "Hébergement, exploitation et maintien en conditions opérationnelles (MCO) des systèmes d'information",
} as const;

const communeProvider =
  'Responsable du service commun en charge du contact avec la commune concernée (DSI actuel pendant la phase de transition)';

/** Town-hall opening hours of the reference (3.2.1): 8h30–12h / 13h–17h, Monday to Friday. */
export const townHallHours = {
  mon: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  tue: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  wed: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  thu: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  fri: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  sat: [],
  sun: [],
} as Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<[string, string]>>;

/** A fresh copy of the reference annex (callers derive other versions from it). */
export function referenceNumeriqueAnnex(): AnnexContentInput {
  return {
    title: "Annexe pour le domaine Numérique et systèmes d'information – contrat d'engagement",
    preamble: {
      title: "Propos liminaire à l'ensemble du domaine Numérique et Systèmes d'Information",
      paragraphs: [
        "La transition numérique est un mouvement de fond, qui s'accroît fortement. De simple adaptation et incorporation de nouveaux outils, elle devient un mouvement global, qui interroge les entreprises, les collectivités, les citoyens, les modes d'organisation, la culture et les champs d'actions de toutes les structures, transforme progressivement la société dans tous les domaines : économique, social, politique, éducatif, urbain, culturel, administratif...",
        "Relever ces défis nécessite d'être innovant à tous les niveaux, d'anticiper le rythme soutenu d'évolution des technologies, de garantir la sécurité de l'information, de mettre en place des schémas de développement adaptés aux attentes de la population, des entreprises mais aussi aux enjeux majeurs de performance publique dans un contexte de ressources contraintes.",
        "La mutualisation du numérique et des systèmes d'information au sein de service commun témoigne de la volonté, forte et partagée des communes et de la métropole de co-construire et développer ensemble une politique numérique ambitieuse au service et en support des politiques publiques communales et métropolitaines.",
        "La taille critique ainsi atteinte doit favoriser l'efficacité dans le service rendu, les économies d'échelle la mobilisation de partenaires, l'ingénierie de projets complexes et l'innovation. Elle doit également favoriser la construction d'une offre de service commune et apporter des garanties en matière de performance, de disponibilité et de sécurisation des infrastructures, des plateformes et des données, le tout dans un souci de développement durable.",
        "Le besoin d'agilité et de transparence se concrétise par une série d'outils à construire ensemble qu'il s'agisse de la gouvernance, de l'ambition numérique partagée, des schémas numériques de chaque commune et de contrats d'engagement objet du présent document.",
      ],
    },
    scopeNote: "Activités mutualisées par la Commune (y compris pour son Centre Communal d'Action Social (CCAS))",
    means: {
      title: "I/ Moyens consacrés par la commune au domaine Numérique et systèmes d'informations",
      paragraphs: [
        "Les moyens consacrés par la commune au domaine Numérique et Systèmes d'Information sont détaillés dans la convention de création des services communs liée au contrat d'engagement. Les objectifs poursuivis par la Métropole et la Commune dans le cadre de ce contrat seront définis au regard des moyens inscrits dans les conventions.",
      ],
    },
    subdomains: [
      {
        code: 'A',
        title: subdomainTitles.A,
        groups: [
          {
            heading: null,
            activities: [
              { text: "Animation de la veille technologique et de l'innovation au service des métiers" },
              {
                text: 'Co-construction du Schéma numérique communal pluriannuel (horizon 3 ans, revu annuellement). En fonction des moyens projets transférés (humains et financiers), ce schéma pourra intégrer, en fonction des choix de la commune :',
                children: [
                  'Des projets propres à la commune ;',
                  'Des projets collectifs qui seront proposés par le service commun en cas de besoins similaires (ex. état civil, e-éducation, médiathèques numériques en ligne, télé services, ...)',
                  'Des projets métropolitains ou mutualisés déployés sur la commune (ex. aménagement numérique du territoire, RH, Finances, ...).',
                ],
              },
              {
                text: 'Animation de la construction du document stratégique « Ambition Numérique 2020 » avec les élus en charge du numérique, les élus thématiques et les directeurs généraux des services',
              },
              {
                text: "Gestion de la cartographie consolidée du système d'information intégré en cohérence avec le schéma d'urbanisation numérique et SI des services communs",
              },
              {
                text: "Définition et contrôle de mise en œuvre des méthodes qualité et des normes applicables au domaine numérique et système d'information",
              },
              { text: "Elaboration de la politique de sécurité des systèmes d'information" },
              { text: "Management de la sécurité de l'information, gestion des risques, audits et conformité" },
              { text: 'Homologations de sécurité déléguées pour les téléservices mutualisés le nécessitant' },
            ],
          },
        ],
        notes: [
          "Pour l'année 2016, seront utilisés les schémas Directeurs et plans d'actions communaux lorsqu'ils préexistent. Le schéma d'ambition partagée et les schémas numériques communaux 2017-2020 seront élaborés en 2016.",
        ],
      },
      {
        code: 'B',
        title: subdomainTitles.B,
        groups: [
          {
            heading: 'Etudes et conseil',
            activities: [
              {
                text: "Etude d'opportunité, indicateurs permettant de suivre le retour sur investissement (ROI) et la valeur attendue",
              },
              { text: "Pré-étude d'avant-projet" },
              { text: 'Expertise' },
            ],
          },
          {
            heading: 'Conduite des projets',
            activities: [
              { text: "Pilotage et management des projets en lien avec les maitrises d'usage" },
              { text: 'Etudes, conception et spécifications' },
              { text: 'Passation et exécution des marchés' },
              { text: 'Réalisation, développements et paramétrage' },
              { text: 'Qualification, recette, intégration et pré-production' },
              { text: 'Mise en production et déploiement' },
              { text: 'Accompagnement au changement et formation' },
              { text: 'Bilan de projet' },
            ],
          },
          {
            heading: 'Maintenance applicative',
            activities: [{ text: 'Maintenance corrective et réglementaire' }, { text: 'Maintenance évolutive' }],
          },
        ],
      },
      {
        code: 'C',
        title: subdomainTitles.C,
        footnoteRefs: ['1'],
        groups: [
          {
            heading: null,
            activities: [
              {
                text: "Conception, préparation et mise à disposition d'un poste et d'un environnement de travail standardisé",
              },
              { text: 'Gestion du parc de matériel' },
              {
                text: 'Maintenance, réparation des équipements et maintien en condition opérationnelle des environnements numériques de travail',
              },
              {
                text: 'Assistance aux utilisateurs (agents, élus et publics identifiés) :',
                children: [
                  'Enregistrement de tous types de demandes, incidents et support relatif au domaine NSI',
                  'Résolution et clôture du ticket',
                ],
              },
              {
                text: "Formation des utilisateurs en matière de poste et environnement numérique de travail (en lien avec le service RH en charge de l'ingénierie et l'animation du dispositif de formation)",
              },
              { text: 'Suivi des interventions et tableaux de bord' },
            ],
          },
        ],
      },
      {
        code: 'D',
        title: subdomainTitles.D,
        footnoteRefs: ['2'],
        groups: [
          {
            heading: 'Audit, conseil et conception des infrastructures',
            activities: [
              { text: 'Audit et conseil' },
              { text: 'Ingénierie' },
              { text: 'Mise en place, administration des infrastructures informatique et des réseaux' },
            ],
          },
          {
            heading: "Hébergement, exploitation et maintien en condition opérationnelle des systèmes d'information",
            activities: [
              {
                text: "Fourniture d'espace d'hébergement sécurisé en salle dédiée en interne ou chez un prestataire hébergeur",
              },
              {
                text: 'Hébergement applicatif sur une infrastructure sécurisée, redondée de serveurs et de stockage avec son environnement logiciel (OS, SGBD, serveurs applicatifs, virtualisation...)',
              },
              {
                text: "Ingénierie d'intégration, d'exploitation et de surveillance des services applicatifs hébergés et des infrastructures",
              },
              {
                text: "Contractualisation et pilotage des prestations d'hébergements externalisés et suivi des engagements",
              },
              { text: 'Ingénierie, mise en œuvre et administration de réseaux et de télécommunication' },
              {
                text: 'Maintien en conditions opérationnelles des infrastructures (gestion des niveaux de services, incidents et maintenances sécurité)',
              },
            ],
          },
          {
            heading: 'Hébergement, exploitation et maintien en condition opérationnelle des réseaux',
            activities: [
              { text: 'Ingénierie, mise en œuvre et administration de réseaux et de télécommunication' },
              {
                text: 'Maintien en conditions opérationnelles des infrastructures et équipements (éléments actifs, bornes, fibre, ...) et notamment exploitation / construction / maintenance des réseaux GFU, WIFI privés et publics',
              },
            ],
          },
        ],
      },
    ],
    footnotes: [
      {
        ref: '1',
        text: "On entend ici par « Poste et environnement numérique de travail / assistance utilisateurs », l'ensemble des moyens mis à la disposition des utilisateurs pour leur permettre notamment de travailler, se connecter, éditer, être informé, communiquer. Sont notamment couverts par ce domaine :",
        items: [
          'Le terminal (PC fixe, ordinateur portable, tablette, ...), ses accessoires et les garanties associées,',
          "Les applications indispensables au fonctionnement du terminal (systèmes d'exploitation, licences matérielles et d'environnements, ...),",
          'Les outils bureautiques et collaboratifs dont mail,',
          "Les services d'impression et de numérisation : individuels et collectifs,",
          'Les équipements et services de téléphonie (téléphone fixe, fax, téléphone mobile, smartphone, ...),',
          "L'accès à internet et les abonnements de données éventuels,",
          'Les services de sécurisation du poste, de stockage et de sauvegarde,',
          "Ainsi que l'assistance et le support utilisateur afin de traiter les demandes et/ou incidents.",
        ],
      },
      {
        ref: '2',
        text: "La gestion des courants faibles n'est pas incluse dans le périmètre et devra s'organiser progressivement avec la direction des bâtiments le cas échéant.",
      },
    ],
    implementation: {
      commitments: {
        title: 'III/ Modalités de mise en œuvre',
        paragraphs: [
          "III-a/ Les responsables en charge des activités du domaine Numérique et systèmes d'informations s'engagent à mettre en œuvre un service s'inscrivant dans un esprit de collaboration interactive, équitable et transparente entre les communes et le service commun métropolitain, en portant une attention toute particulière à :",
        ],
        items: [
          "Garantir le maintien du niveau de service actuellement disponible et assurer le respect des engagements pris, qu'il s'agisse de niveau de performance, d'équipement ou de plage horaire d'intervention. Veiller notamment à la disponibilité et la continuité de service des applications métiers, au stockage et à la conservation des données ;",
          'Prendre en compte et traiter les attentes numériques et SI de chaque commune dans le cadre des moyens transférés ;',
          "Mettre en œuvre des approches globales et des réflexions transverses dans une logique de convergence permettant in fine de dégager des marges de manœuvre source de nouveaux projets et d'amélioration de la qualité de service ;",
          "Appuyer les orientations sur l'état de l'art en matière de démarches projets, de plateformes applicatives et technologiques.",
        ],
      },
      progressive: {
        title: '',
        paragraphs: ["D'une façon progressive, dans un souci de convergence et d'efficacité, le service commun :"],
        items: [
          "Mettra en place un centre d'appel multicanal favorisant la prise en compte de l'assistance de premier niveau, la gestion des incidents et des demandes des utilisateurs ;",
          "Favorisera la convergence avec la construction progressive d'un socle partagé, consolidé, sécurisé sur lequel s'appuiera une offre de service applicative partagée ;",
          "Définira une offre de service s'appuyant sur de nouveaux standards en matière d'équipements favorisant les nouveaux usages (collaboratif, mobilité....). Il s'agira également de mettre en place des outils et processus d'intervention qui s'inspireront des bonnes pratiques issues du système de management de la qualité ITIL (Information Technology Infrastructure Library) ;",
          "Consolidera les infrastructures dans des salles informatiques sécurisées. La métropole se réserve la possibilité d'une externalisation partielle du système d'information, permettant d'intégrer des niveaux de service contraints, 24h/24 7 jours/7 ou encore des besoins ponctuels de capacité.",
        ],
      },
      operatingModes: {
        title: 'III-b/ Les modes de fonctionnement',
        paragraphs: [
          "Les modes de fonctionnement ont pour objectif de décrire les interfaces entre les services de la commune et le service commun de la Métropole concernant le domaine Numérique et systèmes d'informations.",
          "Bordeaux Métropole et les communes s'engagent à formaliser des modes de fonctionnement à la mise en place des services communs, les éléments présentés ci-après constituant de premiers éléments explicatifs des modes de fonctionnement envisagés. L'ensemble des modes de fonctionnement qui seront progressivement mis en œuvre s'appuieront sur des référentiels de bonnes pratiques déjà déployés dans plusieurs collectivités impliquées dans la mutualisation. Ainsi le contenu de l'ensemble de ces annexes s'est fortement appuyé sur ces documents de référence tels que ITIL (Information Technology Infrastructure Library), ISO 9001, CMMI (Capability Maturity Model for Integration), COBIT (Control Objectives for Information and Related), TCO (Total Cost of Ownership - modèle du GARTNER Group), ISO 17799 (bonnes pratiques en matière de sécurité des SI).",
        ],
      },
      referenceDocuments: {
        title: 'Documents de référence',
        paragraphs: [
          "L'organisation proposée permettra d'animer l'élaboration d'un schéma numérique par commune centré sur les services à la population : proximité, éducation, culture, citoyenneté, social, ... Ce document intégrera également les projets métropolitains et transverses déployés sur la commune (ex. Aménagement numérique du territoire, mobilité, collaboratif, Finances, RH, ...). Ce schéma, élaboré sous la responsabilité des élus communaux, en lien avec les services de la commune et le service commun, constituera le document de référence pour planifier et suivre l'ensemble des projets numériques portés sur la commune au regard des moyens projets transférés (humains et financiers).",
          "Ces travaux s'appuieront sur un cadre stratégique partagé « Ambition Digitale 2020 » portant la vision et l'ambition commune des collectivités. Ce document sera élaboré par l'ensemble des acteurs du territoire : élus en charge du numérique, élus thématiques, les directions générales des collectivités, les autres collectivités, les collectifs citoyens, l'Etat, les entreprises, l'université, les écoles et les associations.",
        ],
      },
    },
    governance: {
      intro:
        "Afin d'assurer la définition et la mise en œuvre de ces documents ainsi que le suivi du présent contrat d'engagement, il est proposé de mettre en place la comitologie suivante :",
      bodies: [
        {
          name: 'Comité numérique stratégique communal',
          purpose:
            "Elabore, valide et porte le schéma numérique pour la commune, sa mise à jour annuelle et assure un point d'avancement à mi- année sur les projets prévus. Assure les arbitrages éventuellement nécessaires en matière de contrat d'engagement.",
          participantsCommune:
            "Elu en charge du numérique (ou d'un représentant désigné par le Maire), des élus thématiques, selon les dossiers abordés, du Directeur général des services et des DGA concernés.",
          participantsProvider:
            'le responsable en charge du contact avec la commune concernée (DSI actuel pendant la phase de transition), les directeurs en charge des programmes numériques concernés, le Directeur général en charge du service commun.',
          frequency: 'annuel à bi-annuel',
        },
        {
          name: "Comité de suivi du contrat d'engagement",
          purpose:
            "Analyse des indicateurs de réalisé, identification de piste d'amélioration éventuelle et des nouveaux besoins à anticiper : nouveaux projets, nouveaux équipements, ...",
          participantsCommune:
            "le Directeur général des services (ou son représentant), référent pour le suivi du contrat d'engagement.",
          participantsProvider:
            "un représentant de la Direction d'appui administrative et financière, le Directeur en charge de l'assistance et de l'offre de service, le responsable en charge du contact avec la commune concernée (DSI actuel pendant la phase de transition).",
          frequency: 'trimestriel',
        },
        // The reference gives this body one line and no participants; "conformément au rythme actuel" is its frequency.
        {
          name: "Point d'avancement opérationnel",
          purpose:
            'Suivi continu des activités liées au Numérique et aux SI pour la commune conformément au rythme actuel.',
          frequency: 'continu, conformément au rythme actuel',
        },
      ],
      outro:
        "A ces comités de suivi et de pilotage pour la commune s'ajouteront les comités mis en œuvre dans le cadre des projets.",
    },
    roles: [
      {
        side: 'provider',
        title: 'Responsable pour le service commun Métropole',
        description:
          'Responsable du service commun en charge du contact avec la commune concernée (DSI actuel pendant la phase de transition) représentant le Directeur général du service commun.',
      },
      {
        side: 'commune',
        title: 'Responsable pour la Commune',
        description:
          "Responsable du suivi du contrat d'engagement représentant le Directeur général des services et sous couvert de l'élue en charge du numérique",
      },
    ],
    escalationMatrix: [
      {
        level: 'ordinary',
        subdomain: 'A',
        commune: "Référent en charge du suivi du contrat d'engagement",
        provider: communeProvider,
      },
      {
        level: 'ordinary',
        subdomain: 'B',
        commune: "Chef de projet - maîtrise d'usage",
        provider: 'Chef de projet service commun',
      },
      {
        level: 'ordinary',
        subdomain: 'C',
        commune: 'utilisateur (élu, agent, citoyen, ...)',
        provider: "Centre d'appel",
      },
      {
        level: 'ordinary',
        subdomain: 'D',
        commune: 'Responsable applicatif métier',
        provider: 'Chefs de service de la Direction des Infrastructures et de la Production',
      },
      {
        level: 'urgent',
        subdomain: 'A',
        commune: 'Directeur général adjoint de la commune',
        provider: 'Adjoints au directeur général du service commun.',
      },
      {
        level: 'urgent',
        subdomain: 'B',
        commune: 'Directeur métier',
        provider: 'Directeur des programmes numériques concerné',
      },
      {
        level: 'urgent',
        subdomain: 'C',
        commune: "Chef de service de l'utilisateur",
        provider: "Chef de service centre d'appel et pilotage",
      },
      {
        level: 'urgent',
        subdomain: 'D',
        commune: "Chef de service en charge de l'application",
        provider: 'Directeur des infrastructures et de la production',
      },
      {
        level: 'exceptional',
        subdomain: 'A',
        commune: 'Directeur général des services',
        provider: 'Directeur général du service commun.',
      },
      {
        level: 'exceptional',
        subdomain: 'B',
        commune: 'Directeur général des services',
        provider: 'Adjoint directeur général en charge des programmes numériques',
      },
      {
        level: 'exceptional',
        subdomain: 'C',
        commune: "Responsable de suivi du contrat d'engagement et Directeur général des services",
        provider: "Directeur de l'assistance et de l'offre de service",
      },
      {
        level: 'exceptional',
        subdomain: 'D',
        commune: "Responsable de suivi du contrat d'engagement et Directeur Général des Services",
        provider: 'Adjoint au Directeur général en charge de la stratégie et des SI',
      },
    ],
    prioritiesIntro:
      "Les principales priorités / dossiers prioritaires en matière de numérique et de Systèmes d'Informations sont les suivants :",
    priorities: [
      "Respecter le Plan d'actions stratégique 2015 – 2018 de la commune en matière de Numérique et le schéma directeur informatique communal 2014-2019 ;",
      'Assurer une continuité de service et garantir une réactivité équivalente au niveau existant ;',
      'Veiller à la formation des utilisateurs sur les outils (bureautique et métier) ;',
      "Maintenir les astreintes existantes (2 agents aujourd'hui) pendant les conseils municipaux ;",
      "Mettre à disposition de la commune les données informatiques nécessaires à l'élaboration du rapport d'activité annuel ;",
    ],
    indicatorsIntro:
      "Des éléments de volumétrie seront à identifier pour disposer d'une référence de volume d'activités transférées. Si le volume de dossiers traités par an augmente en année N, cette variation sera à prendre compte dans l'analyse de l'atteinte des niveaux d'engagement.",
    // Columns from the reference: title (Indicateurs — its "Définition / Mode de calcul" column),
    // periodicity, source, baseline (niveau de service constaté), baselineVolume where the reference
    // gives a figure, conditions (empty in the reference). The reference has no target column: where
    // the observed level is the commitment the rule encodes it (targetOrigin contract); where it says
    // "A calculer sur la base de l'existant, un objectif sera défini conjointement pendant l'année
    // 2016" the target is to be agreed and the rule holds no value. Ours: `rule`, `reporting` (read
    // from the periodicity), and `explanation` (how the platform measures it; not contract text).
    commitments: [
      {
        code: '1.1',
        subdomain: 'A',
        text: "Produire et actualiser un plan d'actions pluriannuel pour la commune",
        indicators: [
          {
            code: '1.1.1',
            title: "Elaboration et mise à jour annuelle d'un schéma Numérique communal (sur 3 ans)",
            explanation:
              "Existence d'un schéma numérique communal couvrant 3 ans, mis à jour au moins une fois par an.",
            periodicity: 'Annuelle',
            reporting: { periods: ['year'], default: 'year' },
            source: 'Livable',
            baseline: 'Existence : Oui : 2014 - 2019',
            rule: { kind: 'plan_exists', horizonYears: 3, updateEveryMonths: 12 },
          },
        ],
      },
      {
        code: '1.2',
        subdomain: 'A',
        text: "Maitriser les risques liés aux systèmes d'information",
        indicators: [
          {
            code: '1.2.1',
            title: "Niveaux de maturité en sécurité des systèmes d'information sur la base de la norme ISO 27001",
            explanation:
              "Niveau de maturité moyen (0 à 5) de l'auto-évaluation annuelle des mesures de la norme ISO/IEC 27001.",
            periodicity: 'Annuelle',
            reporting: { periods: ['year'], default: 'year' },
            source: 'Audit',
            baseline: 'Existence : Non formalisé',
          },
        ],
      },
      {
        code: '2.1',
        subdomain: 'B',
        text: 'Réaliser les projets conformément aux priorités partagées et définies au schéma numérique communal',
        indicators: [
          {
            code: '2.1.1',
            title: 'Charge consacrée aux projets',
            explanation:
              'Charge prévisionnelle et charge réalisée, en jours-hommes, consacrées aux projets de la commune.',
            periodicity: 'Mensuelle ou trimestrielle',
            reporting: { periods: ['month', 'quarter'], default: 'quarter' },
            source: 'Outil de gestion de projets',
            baseline: "Charge prévisionnelle / réalisée en j*h consacrée : 200j*h sur l'ensemble du service",
            baselineVolume: 200,
            // The contract sets no tolerance: the figure is information, compared with the 200 j*h.
            rule: { kind: 'project_workload', serviceReferenceDays: 200 },
          },
          {
            code: '2.1.2',
            title: 'Taux de réalisation des projets conformément au Schéma numérique communal',
            explanation:
              "Nombre de projets réalisés dans l'année / nombre de projets prévus au schéma numérique pour l'année.",
            periodicity: 'Annuelle',
            reporting: { periods: ['year'], default: 'year' },
            source: 'Outil gestion de projet',
            baseline: '3 projets réalisés sur 3 sur 2015',
            baselineVolume: 3,
            // No numeric share is written in the contract: information until one is agreed.
            rule: { kind: 'plan_delivery' },
          },
        ],
      },
      {
        code: '2.2',
        subdomain: 'B',
        text: "Maintenir les applications métiers du système d'information de la commune",
        indicators: [
          {
            code: '2.2.1',
            title: 'Etendue du parc applicatif maintenu',
            explanation: "Nombre d'applications métiers de la commune maintenues par le service commun.",
            periodicity: 'Annuelle',
            reporting: { periods: ['year'], default: 'year' },
            source: 'Outil gestion de projet',
            baseline: 'Inventaire du parc applicatif transféré annexé à la convention',
            rule: { kind: 'application_portfolio', baseline: 'transferred_inventory' },
          },
        ],
      },
      {
        code: '3.1',
        subdomain: 'C',
        text: 'Assurer le renouvellement des postes et environnements numérique de travail (PENT)',
        indicators: [
          {
            code: '3.1.1',
            title: 'Taux de modernisation du parc des PENT actuels',
            explanation: "Nombre de PENT renouvelés dans l'année / nombre de PENT du parc.",
            periodicity: 'Annuelle',
            reporting: { periods: ['year'], default: 'year' },
            source: 'Inventaire du parc des PENT',
            baseline: "Renouvellement d'1/6 du parc par an",
            rule: { kind: 'fleet_renewal_share', sharePerYear: 1 / 6 },
          },
        ],
      },
      {
        code: '3.2',
        subdomain: 'C',
        text: "Maintenir les horaires d'ouverture du service d'assistance /support de la commune",
        indicators: [
          {
            code: '3.2.1',
            title: "Heures d'ouvertures de l'assistance / support sur le niveau 1",
            explanation:
              "Heures hebdomadaires d'ouverture de l'assistance de niveau 1 (interface web et téléphone) comparées aux horaires d'ouverture de la Mairie.",
            periodicity: 'Annuelle',
            reporting: { periods: ['year'], default: 'year' },
            source: "Données d'exploitation du service",
            baseline:
              "Interface web + assistance continue sur les horaires d'ouverture de la Mairie : 8h30 12h / 13– 17h du lundi au vendredi",
            rule: { kind: 'support_hours', weekly: townHallHours, channels: ['web', 'phone'] },
          },
        ],
      },
      {
        code: '3.3',
        subdomain: 'C',
        text: "Assurer la prise en compte de la demande ou de l'incident dans les meilleurs délais",
        indicators: [
          {
            code: '3.3.1',
            title: 'Délai de prise en compte des demandes',
            explanation:
              "Chaque demande ou incident doit être pris en compte au plus tard à la fin du jour ouvré suivant sa réception, sur le calendrier de la commune ; l'indicateur est la part des tickets qui l'ont été, hors cas de force majeure.",
            periodicity: 'Mensuelle ou trimestrielle',
            reporting: { periods: ['month', 'quarter'], default: 'quarter' },
            source: "Centre d'assistance et de support utilisateurs",
            baseline: 'Lendemain au maximum (sauf cas de force majeure)',
            rule: { kind: 'acknowledgement', deadline: 'next-business-day-end' },
          },
          {
            code: '3.3.2',
            title: 'Délai de résolution des incidents par criticité',
            explanation:
              "Délai de résolution des incidents (les demandes n'en font pas partie), par criticité, en heures ouvrées du calendrier de la commune, hors temps de suspension. L'objectif est à définir conjointement à partir de l'existant mesuré.",
            periodicity: 'Mensuelle ou trimestrielle',
            reporting: { periods: ['month', 'quarter'], default: 'quarter' },
            source: "Centre d'assistance et de support utilisateurs",
            baseline:
              "A calculer sur la base de l'existant, un objectif sera défini conjointement pendant l'année 2016",
            targetOrigin: 'to_be_agreed',
            rule: { kind: 'resolution_delay' },
          },
        ],
      },
      {
        code: '4.1',
        subdomain: 'D',
        text: 'Assurer la disponibilité et la continuité de service des applications et services métiers critiques',
        indicators: [
          {
            code: '4.1.1',
            title: "Délai d'intervention",
            explanation:
              "Délai entre le début d'une panne d'application critique et le début de l'intervention, en heures ouvrées. L'objectif est à définir conjointement à partir de l'existant mesuré.",
            periodicity: 'Mensuelle ou trimestrielle',
            reporting: { periods: ['month', 'quarter'], default: 'quarter' },
            source: "Centre d'assistance/ support utilisateurs + direction des infrastructures et de la production",
            baseline:
              "A calculer sur la base de l'existant, un objectif sera défini conjointement pendant l'année 2016",
            targetOrigin: 'to_be_agreed',
            rule: { kind: 'intervention_delay', scope: 'critical_applications' },
          },
          {
            code: '4.1.2',
            title: 'Délai de remise en service',
            explanation:
              "Délai entre le début d'une panne d'application critique et sa remise en service, en heures ouvrées. L'objectif est à définir conjointement à partir de l'existant mesuré.",
            periodicity: 'Mensuelle ou trimestrielle',
            reporting: { periods: ['month', 'quarter'], default: 'quarter' },
            source: "Centre d'assistance/ support utilisateurs + direction des infrastructures et de la production",
            baseline:
              "A calculer sur la base de l'existant, un objectif sera défini conjointement pendant l'année 2016",
            targetOrigin: 'to_be_agreed',
            rule: { kind: 'restoration_delay', scope: 'critical_applications' },
          },
        ],
      },
      {
        code: '4.2',
        subdomain: 'D',
        text: 'Assurer le stockage et la conservation des données et des informations de la commune',
        indicators: [
          {
            code: '4.2.1',
            title: 'Délais de restauration',
            explanation:
              'Durée entre la demande de restauration (ou le test de restauration) et la remise à disposition des données.',
            periodicity: 'Annuelle',
            reporting: { periods: ['year'], default: 'year' },
            source: 'Direction des infrastructures et de la production',
            baseline: '1 jour',
            rule: { kind: 'restore_delay', maxDelay: 'P1D' },
          },
          {
            code: '4.2.2',
            title: "Durée maximum d'enregistrement des données qu'il est acceptable de perdre",
            explanation:
              "Ecart maximal entre deux sauvegardes réussies d'un système protégé (fenêtre de perte de données).",
            periodicity: 'Annuelle',
            reporting: { periods: ['year'], default: 'year' },
            source: 'Direction des infrastructures et de la production',
            baseline: '1 journée (total mensuel et incrémental quotidien)',
            rule: { kind: 'data_loss_window', maxWindow: 'P1D', policy: 'monthly_full_daily_incremental' },
          },
        ],
      },
    ],
    // IV-a's fourth priority, as a rule the on-call roster checks (ours: the machine reading of the text).
    oncall: {
      minAgents: 2,
      quote: "Maintenir les astreintes existantes (2 agents aujourd'hui) pendant les conseils municipaux",
    },
    sourcesNote: `Sources : la commune justifie ici de la valeur du niveau de service atteint en année N (suivi d'activité automatisé, manuel, enquête de satisfaction, certification...). Cf article 2 du contrat d'engagement.`,
  };
}
