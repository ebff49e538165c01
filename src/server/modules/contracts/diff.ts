import type { AnnexContent } from './model';

/**
 * Item-by-item comparison of two annex versions (pure). Items are matched by their identity in
 * the contract — sub-domain and footnote by code, commitment and indicator by code, governance
 * body by name, role by side and title, escalation cell by level × sub-domain, activity and
 * priority by their text — so an edited field is reported as "changed" on its item, and an item
 * present on one side only as "added" or "removed".
 */

export type ChangeOp = 'added' | 'removed' | 'changed';
export type ChangeSection =
  | 'texts'
  | 'subdomains'
  | 'activities'
  | 'footnotes'
  | 'priorities'
  | 'commitments'
  | 'indicators'
  | 'governance'
  | 'roles'
  | 'escalationMatrix';

export interface AnnexChange {
  op: ChangeOp;
  section: ChangeSection;
  /** Identity of the item within its section, e.g. "3.3.2", "urgent/C", "D", a priority's text. */
  key: string;
  /** The field that changed (changed only). */
  field?: string;
  before?: unknown;
  after?: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Compares keyed lists: added/removed items, and each differing field of the items on both sides. */
function keyed<T extends object>(
  section: ChangeSection,
  before: T[],
  after: T[],
  keyOf: (x: T) => string,
  fields: Array<keyof T & string>,
  out: AnnexChange[],
): void {
  const a = new Map(before.map((x) => [keyOf(x), x]));
  const b = new Map(after.map((x) => [keyOf(x), x]));
  for (const [k, x] of a) if (!b.has(k)) out.push({ op: 'removed', section, key: k, before: x });
  for (const [k, y] of b) {
    const x = a.get(k);
    if (!x) {
      out.push({ op: 'added', section, key: k, after: y });
      continue;
    }
    for (const f of fields)
      if (!same(x[f], y[f])) out.push({ op: 'changed', section, key: k, field: f, before: x[f], after: y[f] });
  }
}

/** Compares lists of strings as sets of items (duplicates counted). */
function items(section: ChangeSection, before: string[], after: string[], out: AnnexChange[]): void {
  const left = [...after];
  for (const p of before) {
    const i = left.indexOf(p);
    if (i >= 0) left.splice(i, 1);
    else out.push({ op: 'removed', section, key: p, before: p });
  }
  for (const p of left) out.push({ op: 'added', section, key: p, after: p });
}

type Activity = { subdomain: string; heading: string | null; text: string; children: string[] };

function activitiesOf(a: AnnexContent): Activity[] {
  return a.subdomains.flatMap((s) =>
    s.groups.flatMap((g) =>
      g.activities.map((x) => ({ subdomain: s.code, heading: g.heading, text: x.text, children: x.children })),
    ),
  );
}

/** Every difference between two annex contents, in a stable order (texts, sub-domains, …, matrix). */
export function compareAnnexes(before: AnnexContent, after: AnnexContent): AnnexChange[] {
  const out: AnnexChange[] = [];
  const texts: Array<[string, unknown, unknown]> = [
    ['title', before.title, after.title],
    ['preamble', before.preamble, after.preamble],
    ['scopeNote', before.scopeNote, after.scopeNote],
    ['means', before.means, after.means],
    ['implementation.commitments', before.implementation.commitments, after.implementation.commitments],
    ['implementation.progressive', before.implementation.progressive, after.implementation.progressive],
    ['implementation.operatingModes', before.implementation.operatingModes, after.implementation.operatingModes],
    [
      'implementation.referenceDocuments',
      before.implementation.referenceDocuments,
      after.implementation.referenceDocuments,
    ],
    ['governance.intro', before.governance.intro, after.governance.intro],
    ['governance.outro', before.governance.outro, after.governance.outro],
    ['prioritiesIntro', before.prioritiesIntro, after.prioritiesIntro],
    ['indicatorsIntro', before.indicatorsIntro, after.indicatorsIntro],
    ['sourcesNote', before.sourcesNote, after.sourcesNote],
  ];
  for (const [field, x, y] of texts)
    if (!same(x, y)) out.push({ op: 'changed', section: 'texts', key: field, field, before: x, after: y });

  keyed('subdomains', before.subdomains, after.subdomains, (s) => s.code, ['title', 'footnoteRefs', 'notes'], out);
  keyed(
    'activities',
    activitiesOf(before),
    activitiesOf(after),
    (x) => `${x.subdomain} › ${x.heading ? `${x.heading} › ` : ''}${x.text}`,
    ['children'],
    out,
  );
  keyed('footnotes', before.footnotes, after.footnotes, (f) => f.ref, ['text', 'items', 'outro'], out);
  items('priorities', before.priorities, after.priorities, out);

  const strip = (c: AnnexContent['commitments'][number]) => ({ code: c.code, text: c.text, subdomain: c.subdomain });
  keyed(
    'commitments',
    before.commitments.map(strip),
    after.commitments.map(strip),
    (c) => c.code,
    ['text', 'subdomain'],
    out,
  );
  const indicators = (a: AnnexContent) =>
    a.commitments.flatMap((c) => c.indicators.map((i) => ({ ...i, commitment: c.code })));
  keyed(
    'indicators',
    indicators(before),
    indicators(after),
    (i) => i.code,
    [
      'commitment',
      'title',
      'definition',
      'periodicity',
      'source',
      'baseline',
      'baselineVolume',
      'target',
      'conditions',
      'rule',
    ],
    out,
  );

  keyed(
    'governance',
    before.governance.bodies,
    after.governance.bodies,
    (g) => g.name,
    ['purpose', 'participantsCommune', 'participantsProvider', 'frequency'],
    out,
  );
  keyed('roles', before.roles, after.roles, (r) => `${r.side}/${r.title}`, ['description'], out);
  keyed(
    'escalationMatrix',
    before.escalationMatrix,
    after.escalationMatrix,
    (m) => `${m.level}/${m.subdomain}`,
    ['commune', 'provider'],
    out,
  );
  return out;
}
