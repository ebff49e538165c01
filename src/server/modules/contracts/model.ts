import { z } from 'zod';
import { indicatorRuleSchema, missingTargetValues, presentTargetValues, targetOrigins } from './rules';
import { referralLevels, type ReferralLevel } from '../../../shared/service-desk';

/**
 * The structured content of contracts, annex versions and amendments, as zod schemas: they
 * validate what is stored (JSON columns) and what the drafting API accepts, and give the types.
 * The shape follows the reference contract (Avenant n°1, Le Bouscat) section by section.
 */

const text = (d: string) => z.string().max(20_000).describe(d);
const line = (d: string) => z.string().trim().min(1).max(2_000).describe(d);

export { referralLevels, type ReferralLevel };

/** A signatory party: "Bordeaux Métropole représentée par son Président, Monsieur Alain Juppé". */
export const partySchema = z.object({
  side: z.enum(['provider', 'commune']).describe('provider = the métropole running the shared service'),
  name: line('Legal name, e.g. "Bordeaux Métropole"'),
  representedBy: line('Signatory, e.g. "Monsieur Alain Juppé"'),
  capacity: line('Signatory capacity, e.g. "Président", "Maire"'),
  mandate: text('Authority, e.g. "dûment habilité par délibération n° … du …"').default(''),
});

export const articleSchema = z.object({
  number: line('Article number or label, e.g. "1"'),
  title: text('Article title, e.g. "OBJET" (may be empty)').default(''),
  body: text('Article text; paragraphs separated by blank lines'),
  reconstructed: z
    .boolean()
    .default(false)
    .describe('True when the text is a reconstruction, not the signed wording (shown as such in the UI and documents)'),
});

/** A note saying which parts are reconstructed rather than copied from the signed document ('' when none). */
const reconstructionNote = z
  .string()
  .max(2_000)
  .default('')
  .describe('What is reconstructed rather than copied from the signed document, and from what; empty when nothing is');

export const contractContentSchema = z.object({
  title: line('Contract title'),
  place: line('Place of signature, e.g. "Bordeaux"'),
  parties: z.array(partySchema).min(2),
  recitals: z.array(text('A recital (VU…, Considérant…)')).default([]),
  articles: z.array(articleSchema).default([]),
  reconstructionNote,
});
export type ContractContent = z.infer<typeof contractContentSchema>;

/** An activity line; `children` are its sub-items (e.g. the kinds of projects of the plan). */
export const activitySchema = z.object({
  text: line('Activity'),
  children: z.array(line('Sub-item')).default([]),
});

/** A group of activities under a heading, e.g. "Etudes et conseil"; heading null when ungrouped. */
export const activityGroupSchema = z.object({
  heading: z
    .string()
    .max(500)
    .nullable()
    .describe('Group heading, e.g. "Conduite des projets"; null for ungrouped activities'),
  activities: z.array(activitySchema),
});

export const subdomainSchema = z.object({
  code: z
    .string()
    .regex(/^[A-Z]$/, 'One capital letter')
    .describe('Sub-domain code A–D'),
  title: line('Sub-domain title'),
  footnoteRefs: z.array(z.string().max(10)).default([]).describe('Footnote markers on the title, e.g. ["1"]'),
  groups: z.array(activityGroupSchema).default([]),
  notes: z.array(text('A note printed under the activities (e.g. the 2016 note)')).default([]),
});

export const footnoteSchema = z.object({
  ref: z.string().min(1).max(10).describe('Marker, e.g. "1"'),
  text: text('Footnote text'),
  items: z.array(line('Listed item')).default([]),
  outro: text('Text after the list').default(''),
});

/** Kinds of reporting period (indicators' "Périodicité de suivi"). */
export const reportingKinds = ['month', 'quarter', 'half', 'year'] as const;
export type ReportingKind = (typeof reportingKinds)[number];

/** The machine-readable periodicity: the periods it is followed over, and the one reported to the committee. */
export const reportingSchema = z
  .object({
    periods: z.array(z.enum(reportingKinds)).min(1).describe('Periods the indicator is followed over'),
    default: z.enum(reportingKinds).describe('The period shown by default and frozen for the committee'),
  })
  .refine((r) => r.periods.includes(r.default), { path: ['default'], message: 'default must be one of periods' });

export const indicatorSchema = z
  .object({
    code: z
      .string()
      .regex(/^\d+(\.\d+)+$/, 'Dotted code such as 3.3.1')
      .describe('Indicator code, e.g. "3.3.1"'),
    title: line('Indicator as printed in the annex'),
    definition: text('Definition / mode of calculation').default(''),
    periodicity: text('Periodicity of follow-up, e.g. "Annuelle"').default(''),
    source: text('Source of follow-up').default(''),
    baseline: text('Observed level of service (niveau de service constaté)').default(''),
    baselineVolume: z
      .number()
      .nonnegative()
      .nullable()
      .default(null)
      .describe('Volume matching the observed level, when known'),
    target: text('Target as written in the signed annex; empty when the annex states none').default(''),
    conditions: text('Conditions for meeting the commitment').default(''),
    explanation: text(
      'How the platform measures it, in plain words: not contract text, never printed in contract documents',
    ).default(''),
    targetOrigin: z
      .enum(targetOrigins)
      .default('contract')
      .describe(
        'contract: the signed annex sets the target (the rule holds it); to_be_agreed: the annex asks for a target computed from the existing situation, set later by a two-party agreement',
      ),
    reporting: reportingSchema
      .nullable()
      .default(null)
      .describe('Machine-readable periodicity; null: read from the periodicity text'),
    rule: indicatorRuleSchema.nullable().default(null),
  })
  .superRefine((i, c) => {
    if (!i.rule) return;
    if (i.targetOrigin === 'contract')
      for (const f of missingTargetValues(i.rule))
        c.addIssue({
          code: 'custom',
          path: ['rule', f],
          message: `A contract target needs its ${f}; mark the indicator to_be_agreed when the annex leaves it to be agreed.`,
        });
    else
      for (const f of presentTargetValues(i.rule))
        c.addIssue({
          code: 'custom',
          path: ['rule', f],
          message: `A target to be agreed holds no ${f} in the annex: it comes from the agreement.`,
        });
  });

export const commitmentSchema = z.object({
  code: z
    .string()
    .regex(/^\d+(\.\d+)*$/, 'Dotted code such as 3.3')
    .describe('Commitment code, e.g. "3.3"'),
  text: line('Commitment'),
  subdomain: z
    .string()
    .regex(/^[A-Z]$/)
    .describe('Sub-domain code'),
  indicators: z.array(indicatorSchema).default([]),
});

export const governanceBodySchema = z.object({
  name: line('Body name'),
  purpose: text('Objet'),
  participantsCommune: text('Participants for the commune').default(''),
  participantsProvider: text('Participants for the shared service').default(''),
  frequency: text('Fréquence').default(''),
});

export const roleSchema = z.object({
  side: z.enum(['provider', 'commune']),
  title: line('e.g. "Responsable pour le service commun Métropole"'),
  description: text('Who holds it and what they answer for'),
});

/** The on-call minimum a priority of the annex states ("Maintenir les astreintes existantes (2 agents aujourd'hui)"). */
export const oncallRuleSchema = z
  .object({
    minAgents: z.number().int().min(1).max(20).describe('Minimum number of agents on call in each roster slot'),
    quote: text('The annex wording the rule comes from'),
  })
  .describe('On-call rule checked on the roster');

export const escalationCellSchema = z.object({
  level: z.enum(referralLevels).describe('Type de saisine: ordinary | urgent | exceptional'),
  subdomain: z
    .string()
    .regex(/^[A-Z]$/)
    .describe('Sub-domain code'),
  commune: line('Role to contact on the commune side'),
  provider: line('Role to contact on the shared-service side'),
});

const section = z.object({ title: text('Heading').default(''), paragraphs: z.array(text('Paragraph')).default([]) });
const listSection = section.extend({ items: z.array(line('Item')).default([]) });

/** Everything an annex version holds (the reference annex, section by section), without cross-checks. */
export const annexContentObject = z.object({
  title: line('Annex heading'),
  preamble: section.describe('Propos liminaire'),
  scopeNote: text('Who the mutualised activities cover, e.g. "… y compris pour son CCAS"').default(''),
  means: section.describe('I/ Moyens consacrés'),
  subdomains: z.array(subdomainSchema).min(1),
  footnotes: z.array(footnoteSchema).default([]),
  implementation: z.object({
    commitments: listSection.describe('III-a/ what the responsible persons commit to'),
    progressive: listSection.describe('III-a/ what the shared service will set up progressively'),
    operatingModes: section.describe('III-b/ operating modes'),
    referenceDocuments: section.describe('Documents de référence'),
  }),
  governance: z.object({
    intro: text('Text before the bodies').default(''),
    bodies: z.array(governanceBodySchema),
    outro: text('Text after the bodies').default(''),
  }),
  roles: z.array(roleSchema),
  escalationMatrix: z.array(escalationCellSchema),
  prioritiesIntro: text('IV-a/ introduction').default(''),
  priorities: z.array(line('A general priority')),
  indicatorsIntro: text('IV-b/ introduction (volumes)').default(''),
  commitments: z.array(commitmentSchema),
  sourcesNote: text('Footnote of the indicators table on sources').default(''),
  oncall: oncallRuleSchema.nullable().default(null).describe('On-call minimum the annex states, if any'),
  reconstructionNote,
});

/** An annex version's content with its cross-checks (unique codes, known sub-domains, one matrix cell per level × sub-domain). */
export const annexContentSchema = annexContentObject.superRefine((a, c) => {
  const codes = new Set(a.subdomains.map((s) => s.code));
  if (codes.size !== a.subdomains.length)
    c.addIssue({ code: 'custom', path: ['subdomains'], message: 'Sub-domain codes must be unique' });
  a.commitments.forEach((cm, i) => {
    if (!codes.has(cm.subdomain))
      c.addIssue({
        code: 'custom',
        path: ['commitments', i, 'subdomain'],
        message: `Unknown sub-domain ${cm.subdomain}`,
      });
  });
  const ind = a.commitments.flatMap((cm) => cm.indicators.map((x) => x.code));
  if (new Set(ind).size !== ind.length)
    c.addIssue({ code: 'custom', path: ['commitments'], message: 'Indicator codes must be unique' });
  const cmCodes = a.commitments.map((cm) => cm.code);
  if (new Set(cmCodes).size !== cmCodes.length)
    c.addIssue({ code: 'custom', path: ['commitments'], message: 'Commitment codes must be unique' });
  const cells = new Set<string>();
  a.escalationMatrix.forEach((m, i) => {
    const k = `${m.level}/${m.subdomain}`;
    if (cells.has(k)) c.addIssue({ code: 'custom', path: ['escalationMatrix', i], message: `Duplicate cell ${k}` });
    if (!codes.has(m.subdomain))
      c.addIssue({
        code: 'custom',
        path: ['escalationMatrix', i, 'subdomain'],
        message: `Unknown sub-domain ${m.subdomain}`,
      });
    cells.add(k);
  });
});

export type AnnexContent = z.infer<typeof annexContentSchema>;
export type AnnexContentInput = z.input<typeof annexContentSchema>;
export type IndicatorView = z.infer<typeof indicatorSchema>;
export type CommitmentView = z.infer<typeof commitmentSchema>;
export type EscalationCell = z.infer<typeof escalationCellSchema>;
export type OncallRule = z.infer<typeof oncallRuleSchema>;

/** One revised domain of an amendment (Article 2's table). */
export const revisionSchema = z.object({
  domain: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .describe('Domain slug, e.g. "numerique"'),
  domainTitle: line('e.g. "Numérique et systèmes d\'information"'),
  object: text('Objet de la révision de niveaux de services'),
});

export const amendmentContentSchema = z.object({
  object: text("The amendment's object (Article 1)"),
  recitals: z.array(text('VU… / Considérant…')).default([]),
  revisions: z.array(revisionSchema).default([]),
  articles: z.array(articleSchema).default([]),
});
export type AmendmentContent = z.infer<typeof amendmentContentSchema>;

/** A signed annex version as the rest of the product reads it . */
export type AnnexVersionView = AnnexContent & {
  id: string;
  contractId: string;
  communeId: string;
  domain: string;
  domainTitle: string;
  version: number;
  status: 'draft' | 'signed';
  effectiveFrom: string | null;
  effectiveTo: string | null;
  amendmentId: string | null;
  signedAt: string | null;
};
