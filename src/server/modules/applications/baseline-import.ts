import { parse } from 'csv-parse/sync';
import { invalid } from '../../errors';

/**
 * The transferred inventory from a CSV file (as annexed to the convention, exported from a
 * spreadsheet): a header row naming the application column (`nom`, `application`, `name`,
 * `logiciel`) and optionally the domain (`domaine`, `domain`); `;` or `,` separated, UTF-8 (a BOM
 * is fine). Blank names are skipped; a name listed twice is an error naming its line.
 */
const nameHeaders = ['nom', 'application', 'name', 'logiciel', 'applications'];
const domainHeaders = ['domaine', 'domain', 'domaine métier', 'domaine metier'];

export function parseBaselineCsv(data: Buffer): Array<{ name: string; domain: string | null }> {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(data, {
      delimiter: [';', ','],
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (e) {
    throw invalid('file', `Not a readable CSV file: ${(e as Error).message}`);
  }
  if (rows.length === 0) throw invalid('file', 'The file lists no application.', 'required');
  const keys = Object.keys(rows[0]!);
  const nameKey = keys.find((k) => nameHeaders.includes(k));
  if (!nameKey) throw invalid('file', `No application column (one of: ${nameHeaders.join(', ')}).`);
  const domainKey = keys.find((k) => domainHeaders.includes(k));
  const seen = new Map<string, number>();
  const out: Array<{ name: string; domain: string | null }> = [];
  rows.forEach((r, i) => {
    const name = (r[nameKey] ?? '').trim();
    if (!name) return;
    if (name.length > 200) throw invalid('file', `Line ${i + 2}: the name is longer than 200 characters.`);
    const key = name.toLowerCase();
    if (seen.has(key)) throw invalid('file', `Line ${i + 2}: « ${name} » is already on line ${seen.get(key)! + 2}.`);
    seen.set(key, i);
    out.push({ name, domain: domainKey ? (r[domainKey] ?? '').trim().slice(0, 100) || null : null });
  });
  if (out.length === 0) throw invalid('file', 'The file lists no application.', 'required');
  if (out.length > 2000) throw invalid('file', 'At most 2,000 applications.', 'too_many');
  return out;
}
