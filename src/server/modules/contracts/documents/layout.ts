import type { AmendmentContent, AnnexContent, ContractContent } from '../model';
import { Duration } from 'luxon';
import { frenchDate } from '../dates';
import { priorityCodes, type AgreedTarget } from '../rules';
import type { AgreementRef } from '../agreements';

/**
 * The layout of contract documents, independent of the output format (pure): the amendment or
 * contract as in the reference — title, parties, recitals, articles, "Fait à …", signature block
 * — then each annex's sections and tables. pdf.ts and docx.ts render these blocks.
 */

export type ListItem = string | { text: string; children: string[] };
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'para'; text: string; bold?: boolean; italic?: boolean; center?: boolean; strike?: boolean }
  | { kind: 'list'; items: ListItem[]; strikeFrom?: number }
  | { kind: 'table'; headers: string[]; rows: string[][]; widths?: number[]; small?: boolean }
  | { kind: 'signatures'; left: string[]; right: string[] }
  | { kind: 'pageBreak' };

export interface DocAnnex {
  domainTitle: string;
  version: number;
  effectiveFrom: string | null;
  content: AnnexContent;
}

const levelLabel = {
  ordinary: 'Saisine ordinaire',
  urgent: 'Saisine en urgence',
  exceptional: 'Saisine exceptionnelle',
} as const;

function partiesBlocks(c: ContractContent): Block[] {
  const provider = c.parties.find((p) => p.side === 'provider');
  const commune = c.parties.find((p) => p.side === 'commune');
  const line = (p: ContractContent['parties'][number], article: string) =>
    `${article}${p.name} représentée par son ${p.capacity}, ${p.representedBy}${p.mandate ? `, ${p.mandate}` : ''},`;
  const out: Block[] = [{ kind: 'para', text: 'Entre', center: true }];
  if (provider)
    out.push({ kind: 'para', text: line(provider, '') }, { kind: 'para', text: "d'une part,", italic: true });
  out.push({ kind: 'para', text: 'Et', center: true });
  if (commune)
    out.push(
      { kind: 'para', text: line(commune, '').replace(/^Commune /, 'La commune ') },
      { kind: 'para', text: "d'autre part,", italic: true },
    );
  return out;
}

function signatureBlock(c: ContractContent, signedAt: string | null): Block[] {
  const provider = c.parties.find((p) => p.side === 'provider');
  const commune = c.parties.find((p) => p.side === 'commune');
  const communeName = commune?.name.replace(/^Commune de /, '') ?? '';
  return [
    { kind: 'para', text: `Fait à ${c.place}, le ${signedAt ? frenchDate(signedAt) : '_____'}, en deux exemplaires.` },
    {
      kind: 'signatures',
      left: [
        `Pour ${provider?.name ?? ''},`,
        `Le ${provider?.capacity ?? ''},`,
        '',
        '',
        provider?.representedBy.replace(/^(Monsieur|Madame) /, '') ?? '',
      ],
      right: [
        `Pour la commune de ${communeName},`,
        `Le ${commune?.capacity ?? ''},`,
        '',
        '',
        commune?.representedBy.replace(/^(Monsieur|Madame) /, '') ?? '',
      ],
    },
  ];
}

/** Printed under an article whose wording is a reconstruction, not the signed text. */
export const RECONSTRUCTED_ARTICLE = '[Texte reconstitué : le libellé signé de cet article n’est pas reproduit ici.]';

/** A document-level note on reconstructed parts, printed in italics. */
function reconstructionBlocks(note: string): Block[] {
  return note ? [{ kind: 'para', text: `[Reconstitution : ${note}]`, italic: true }] : [];
}

/** Article bodies: paragraphs split on blank lines; {{revisions}} becomes the table of revised domains, {{effectiveFrom}} the date in words. */
function articleBlocks(
  articles: ContractContent['articles'],
  amendment: { content: AmendmentContent; effectiveFrom: string | null } | null,
): Block[] {
  const out: Block[] = [];
  for (const a of articles) {
    out.push({ kind: 'heading', level: 3, text: `ARTICLE ${a.number} :${a.title ? ` ${a.title}` : ''}` });
    if (a.reconstructed) out.push({ kind: 'para', text: RECONSTRUCTED_ARTICLE, italic: true });
    for (const p of a.body.split(/\n\s*\n/)) {
      if (p.trim() === '{{revisions}}' && amendment) {
        out.push({
          kind: 'table',
          headers: ['Domaines', 'Objet de la révision de niveaux de services'],
          rows: amendment.content.revisions.map((r) => [r.domainTitle, r.object]),
          widths: [35, 65],
        });
        continue;
      }
      out.push({
        kind: 'para',
        text: p
          .replace(/\{\{effectiveFrom\}\}/g, amendment?.effectiveFrom ? frenchDate(amendment.effectiveFrom) : '_____')
          .trim(),
      });
    }
  }
  return out;
}

/** The blocks of one annex, section by section as in the reference. */
export function annexBlocks(a: DocAnnex, communeName: string, struck: string[] = []): Block[] {
  const c = a.content;
  const out: Block[] = [
    { kind: 'pageBreak' },
    { kind: 'title', text: c.title.toUpperCase() },
    { kind: 'para', text: `COMMUNE DE ${communeName.toUpperCase()}`, bold: true, center: true },
    {
      kind: 'para',
      text: `Version ${a.version}${a.effectiveFrom ? ` — en vigueur à compter du ${frenchDate(a.effectiveFrom)}` : ' — projet'}`,
      italic: true,
      center: true,
    },
  ];
  out.push(...reconstructionBlocks(c.reconstructionNote));
  if (c.preamble.title) out.push({ kind: 'heading', level: 2, text: c.preamble.title });
  for (const p of c.preamble.paragraphs) out.push({ kind: 'para', text: p });
  out.push({ kind: 'heading', level: 2, text: `DOMAINE : ${a.domainTitle.toUpperCase()}` });
  out.push(
    { kind: 'para', text: 'SOUS-DOMAINES :', bold: true },
    { kind: 'list', items: c.subdomains.map((s) => `${s.code}. ${s.title.toUpperCase()}`) },
  );
  out.push({ kind: 'heading', level: 2, text: c.means.title || 'I/ Moyens consacrés' });
  for (const p of c.means.paragraphs) out.push({ kind: 'para', text: p });
  out.push({
    kind: 'heading',
    level: 2,
    text: `II/ Missions et activités mutualisées dans le domaine ${a.domainTitle}`,
  });
  if (c.scopeNote) out.push({ kind: 'para', text: c.scopeNote, italic: true });
  for (const s of c.subdomains) {
    out.push({
      kind: 'heading',
      level: 3,
      text: `${s.code}- ${s.title}${s.footnoteRefs.map((r) => ` (${r})`).join('')}`,
    });
    for (const g of s.groups) {
      if (g.heading) out.push({ kind: 'para', text: `${g.heading} :`, bold: true });
      out.push({
        kind: 'list',
        items: g.activities.map((x) => (x.children.length ? { text: x.text, children: x.children } : x.text)),
      });
    }
    for (const n of s.notes) out.push({ kind: 'para', text: n, italic: true });
  }
  for (const f of c.footnotes) {
    out.push({ kind: 'para', text: `(${f.ref}) ${f.text}` });
    if (f.items.length) out.push({ kind: 'list', items: f.items });
    if (f.outro) out.push({ kind: 'para', text: f.outro });
  }
  const im = c.implementation;
  out.push({ kind: 'heading', level: 2, text: im.commitments.title || 'III/ Modalités de mise en œuvre' });
  for (const p of im.commitments.paragraphs) out.push({ kind: 'para', text: p });
  if (im.commitments.items.length) out.push({ kind: 'list', items: im.commitments.items });
  for (const p of im.progressive.paragraphs) out.push({ kind: 'para', text: p });
  if (im.progressive.items.length) out.push({ kind: 'list', items: im.progressive.items });
  out.push({ kind: 'heading', level: 3, text: im.operatingModes.title || 'III-b/ Les modes de fonctionnement' });
  for (const p of im.operatingModes.paragraphs) out.push({ kind: 'para', text: p });
  out.push({
    kind: 'heading',
    level: 3,
    text: (im.referenceDocuments.title || 'Documents de référence').toUpperCase(),
  });
  for (const p of im.referenceDocuments.paragraphs) out.push({ kind: 'para', text: p });

  out.push({ kind: 'heading', level: 2, text: 'GOUVERNANCE :' });
  if (c.governance.intro) out.push({ kind: 'para', text: c.governance.intro });
  out.push({
    kind: 'table',
    headers: ['Instance', 'Objet', 'Participants pour la commune', 'Participants pour le service commun', 'Fréquence'],
    widths: [16, 28, 20, 24, 12],
    small: true,
    rows: c.governance.bodies.map((g) => [
      g.name,
      g.purpose,
      g.participantsCommune,
      g.participantsProvider,
      g.frequency,
    ]),
  });
  if (c.governance.outro) out.push({ kind: 'para', text: c.governance.outro });

  out.push({ kind: 'heading', level: 2, text: 'ROLES ET RESPONSABILITES' });
  out.push({
    kind: 'table',
    headers: ['Rôles et responsabilités globales sur le domaine', ''],
    rows: c.roles.map((r) => [r.title, r.description]),
    widths: [30, 70],
  });
  const subs = c.subdomains.map((s) => s.code);
  out.push({
    kind: 'table',
    headers: ['Types de saisines', ...c.subdomains.map((s) => `${s.code}- ${s.title}`)],
    small: true,
    widths: [16, ...subs.map(() => 84 / subs.length)],
    rows: (['ordinary', 'urgent', 'exceptional'] as const).map((level) => [
      levelLabel[level],
      ...subs.map((code) => {
        const cell = c.escalationMatrix.find((m) => m.level === level && m.subdomain === code);
        return cell ? `Commune : ${cell.commune}\nService commun : ${cell.provider}` : '';
      }),
    ]),
  });

  out.push({ kind: 'heading', level: 2, text: 'IV/ Les engagements de service' });
  out.push({ kind: 'heading', level: 3, text: 'IV-a/ Engagements de service généraux et priorités' });
  if (c.prioritiesIntro) out.push({ kind: 'para', text: c.prioritiesIntro });
  const all = [...c.priorities, ...struck];
  out.push({ kind: 'list', items: all, ...(struck.length ? { strikeFrom: c.priorities.length } : {}) });
  out.push({ kind: 'heading', level: 3, text: 'IV-b/ Les indicateurs et valeurs cibles' });
  if (c.indicatorsIntro) out.push({ kind: 'para', text: c.indicatorsIntro });
  // The reference's seven columns. Only the signed text is printed: an indicator's `explanation` is
  // ours and never printed; a "Valeur cible" column appears only when the signed annex states targets.
  const withTargets = c.commitments.some((cm) => cm.indicators.some((i) => i.target !== ''));
  const rows: string[][] = [];
  for (const cm of c.commitments) {
    const sub = c.subdomains.find((s) => s.code === cm.subdomain);
    for (const i of cm.indicators) {
      rows.push([
        sub ? `${sub.code}. ${sub.title}` : cm.subdomain,
        `Engagement ${cm.code} : ${cm.text}`,
        `Indicateur ${i.code} : ${i.title}${i.definition ? `\n${i.definition}` : ''}`,
        i.periodicity,
        i.source,
        `${i.baseline}${i.baselineVolume !== null ? `\n(volume : ${i.baselineVolume.toLocaleString('fr-FR')})` : ''}`,
        ...(withTargets ? [i.target] : []),
        i.conditions,
      ]);
    }
  }
  out.push({
    kind: 'table',
    small: true,
    widths: withTargets ? [11, 14, 20, 9, 11, 14, 13, 8] : [12, 16, 22, 9, 12, 19, 10],
    headers: [
      'Sous-domaines de mutualisation',
      'Engagements de service',
      "Indicateurs (Définition / Mode de calcul de l'indicateur)",
      'Périodicité de suivi',
      'Source de suivi*',
      'Niveau de service constaté (et volumétrie correspondante)',
      ...(withTargets ? ['Valeur cible'] : []),
      "Conditions de réalisation de l'engagement",
    ],
    rows,
  });
  if (c.sourcesNote) out.push({ kind: 'para', text: `*${c.sourcesNote}`, italic: true });
  return out;
}

/** The amendment document: Avenant n°N with its parties, recitals, articles, signatures, then its annexes. */
export function amendmentBlocks(v: {
  number: number;
  communeName: string;
  contract: ContractContent;
  amendment: AmendmentContent;
  signedAt: string | null;
  effectiveFrom: string | null;
  annexes: DocAnnex[];
  struckPriorities?: Map<string, string[]>;
}): Block[] {
  return [
    { kind: 'title', text: `Avenant n°${v.number}` },
    { kind: 'para', text: v.contract.title, bold: true, center: true },
    ...partiesBlocks(v.contract),
    ...v.amendment.recitals.map((r): Block => ({ kind: 'para', text: r })),
    { kind: 'para', text: 'Il est convenu et arrêté ce qui suit dans le présent avenant :' },
    ...articleBlocks(v.amendment.articles, { content: v.amendment, effectiveFrom: v.effectiveFrom }),
    ...signatureBlock(v.contract, v.signedAt),
    ...v.annexes.flatMap((a) => annexBlocks(a, v.communeName, v.struckPriorities?.get(a.domainTitle) ?? [])),
  ];
}

/** An agreed target in words (French, as the documents are): "P1 4 h · P2 8 h … — 90 % des cas". */
export function agreedTargetText(t: AgreedTarget): string {
  const hours = (iso: string) => {
    const d = Duration.fromISO(iso);
    const h = d.as('hours');
    return Number.isInteger(h) ? `${h} h` : `${Math.round(d.as('minutes'))} min`;
  };
  const share = `${Math.round(t.targetShare * 1000) / 10} % des cas`.replace('.', ',');
  switch (t.kind) {
    case 'acknowledgement':
      return `Prise en compte au plus tard le jour ouvré suivant — ${share}`;
    case 'resolution_delay':
      return `${priorityCodes.map((p) => `${p} ${hours(t.byPriority[p])}`).join(' · ')} (heures ouvrées) — ${share}`;
    case 'intervention_delay':
    case 'restoration_delay':
      return `${hours(t.delay)} ouvrées — ${share}`;
  }
}

/**
 * The targets agreed after signing, in force at the date: not contract text, so printed apart,
 * marked as such, each with its decision and who approved it on each side.
 */
export function agreedTargetBlocks(agreements: readonly AgreementRef[]): Block[] {
  if (agreements.length === 0) return [];
  const side = { provider: 'Service commun', commune: 'Commune' } as const;
  return [
    { kind: 'pageBreak' },
    { kind: 'heading', level: 1, text: 'Objectifs convenus après signature' },
    {
      kind: 'para',
      italic: true,
      text: "Ces objectifs ne figurent pas dans les documents signés : l'annexe prévoit qu'ils soient définis conjointement sur la base de l'existant. Ils ont été convenus par les deux parties aux dates et selon les décisions indiquées.",
    },
    {
      kind: 'table',
      headers: ['Indicateur', 'Objectif convenu', 'Applicable à partir du', 'Décision', 'Approbations'],
      rows: agreements.map((a) => [
        a.indicatorCode,
        agreedTargetText(a.target),
        frenchDate(a.effectiveFrom),
        a.decisionRef ?? '—',
        a.approvals.map((x) => `${side[x.side]} : ${x.name}, le ${frenchDate(x.approvedAt.slice(0, 10))}`).join('\n'),
      ]),
      small: true,
    },
  ];
}

/** The contract document as in force at a date: the contract's articles and signatures, then the annexes in force. */
export function contractBlocks(v: {
  communeName: string;
  contract: ContractContent;
  signedAt: string;
  at: string;
  annexes: DocAnnex[];
  /** Agreements in force at the date (the consolidated view shows them apart, marked as agreed). */
  agreements?: readonly AgreementRef[];
}): Block[] {
  return [
    { kind: 'title', text: v.contract.title },
    { kind: 'para', text: `Version consolidée en vigueur au ${frenchDate(v.at)}`, italic: true, center: true },
    ...reconstructionBlocks(v.contract.reconstructionNote),
    ...partiesBlocks(v.contract),
    ...v.contract.recitals.map((r): Block => ({ kind: 'para', text: r })),
    { kind: 'para', text: 'Il est convenu et arrêté ce qui suit :' },
    ...articleBlocks(v.contract.articles, null),
    ...signatureBlock(v.contract, v.signedAt),
    ...v.annexes.flatMap((a) => annexBlocks(a, v.communeName)),
    ...agreedTargetBlocks(v.agreements ?? []),
  ];
}
