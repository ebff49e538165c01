import { describe, expect, it } from 'vitest';
import { parseBaselineCsv } from './baseline-import';

describe('transferred inventory from CSV', () => {
  it.each([
    ['semicolons, BOM, French headers', '\uFEFFNom;Domaine\nÉtat civil;etat_civil\nÉlections;elections\n'],
    ['commas, English headers, blank line', 'name,domain\nÉtat civil,etat_civil\n\nÉlections,elections\n'],
  ])('%s', (_what, text) => {
    expect(parseBaselineCsv(Buffer.from(text))).toEqual([
      { name: 'État civil', domain: 'etat_civil' },
      { name: 'Élections', domain: 'elections' },
    ]);
  });
  it('reads a file without a domain column', () => {
    expect(parseBaselineCsv(Buffer.from('Application\nMessagerie\n'))).toEqual([{ name: 'Messagerie', domain: null }]);
  });
  it.each([
    ['no application column', 'produit;version\nx;1\n', /No application column/],
    ['a name twice', 'nom\nPaie\npaie\n', /Line 3: « paie » is already on line 2/],
    ['nothing listed', 'nom\n\n', /lists no application/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseBaselineCsv(Buffer.from(text))).toThrow(message);
  });
});
