/**
 * French grammar of commune names in generated text (web pages and contract documents):
 * "de" + "Le Bouscat" is "du Bouscat", "à" + "Les Lilas" is "aux Lilas", "de" + "Eysines" is
 * "d'Eysines"; "La" and "L'" do not contract ("de La Teste-de-Buch", "de L'Isle-Adam").
 * A name starting with "H" is not elided (an aspirated h cannot be told from its spelling:
 * "de Hautefort"); the article of "Le Haillan" still contracts ("du Haillan").
 */

const elidable = /^[AEIOUYÂÀÉÈÊËÎÏÔÖÛÜŒ]/i;

/** "Le Bouscat" → { article: 'le', rest: 'Bouscat' }; no leading article → null. */
function leadingArticle(name: string): { article: 'le' | 'les'; rest: string } | null {
  const m = /^(Le|Les)\s+(.+)$/.exec(name.trim());
  if (!m) return null;
  return { article: m[1]!.toLowerCase() as 'le' | 'les', rest: m[2]! };
}

/** "de" before a commune name: "du Bouscat", "des Lilas", "d'Eysines", "de Villedemo", "de La Rochelle". */
export function deCommune(name: string): string {
  const n = name.trim();
  const a = leadingArticle(n);
  if (a) return `${a.article === 'le' ? 'du' : 'des'} ${a.rest}`;
  if (/^L['’]/.test(n)) return `de ${n}`;
  return elidable.test(n) ? `d’${n}` : `de ${n}`;
}

/** "à" before a commune name: "au Bouscat", "aux Lilas", "à Eysines", "à La Rochelle". */
export function aCommune(name: string): string {
  const n = name.trim();
  const a = leadingArticle(n);
  if (a) return `${a.article === 'le' ? 'au' : 'aux'} ${a.rest}`;
  return `à ${n}`;
}

/** "la commune du Bouscat", "la commune d’Eysines" (capitalised at the start of a sentence). */
export function laCommuneDe(name: string, capitalised = false): string {
  return `${capitalised ? 'La' : 'la'} commune ${deCommune(name)}`;
}

/** The mayor's title: "Maire du Bouscat", "Maire d’Eysines". */
export function maireDe(name: string): string {
  return `Maire ${deCommune(name)}`;
}

/**
 * A commune's name out of its legal designation: "Commune du Bouscat" → "Le Bouscat",
 * "Commune des Lilas" → "Les Lilas", "Commune d’Eysines" → "Eysines", "Commune de Le Bouscat"
 * → "Le Bouscat"; a bare name is returned as it is.
 */
export function communeName(designation: string): string {
  const s = designation.trim();
  const m = /^(?:la\s+)?commune\s+(du|des|de|d['’])\s*(.+)$/i.exec(s);
  if (!m) return s;
  const [, prep, rest] = m as unknown as [string, string, string];
  switch (prep.toLowerCase()) {
    case 'du':
      return `Le ${rest}`;
    case 'des':
      return `Les ${rest}`;
    default:
      return rest;
  }
}

/**
 * Fixes the contractions a template left in a text built by pasting a commune name after "de" or
 * "à": "la commune de Le Bouscat" → "la commune du Bouscat", "à Les Lilas" → "aux Lilas". Only a
 * capitalised "Le"/"Les" directly after the preposition is touched (names, not running text).
 */
export function fixCommuneContractions(text: string): string {
  return text
    .replace(/\b([Dd])e Le (?=\p{Lu})/gu, (_, d: string) => `${d === 'D' ? 'D' : 'd'}u `)
    .replace(/\b([Dd])e Les (?=\p{Lu})/gu, (_, d: string) => `${d === 'D' ? 'D' : 'd'}es `)
    .replace(/(^|[\s(])([àÀ]) Le (?=\p{Lu})/gu, (_, pre: string, a: string) => `${pre}${a === 'À' ? 'A' : 'a'}u `)
    .replace(/(^|[\s(])([àÀ]) Les (?=\p{Lu})/gu, (_, pre: string, a: string) => `${pre}${a === 'À' ? 'A' : 'a'}ux `);
}
