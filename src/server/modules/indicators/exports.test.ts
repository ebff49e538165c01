import { describe, expect, it } from 'vitest';
import { safeText } from './xlsx';
import { generatedAt } from './export-service';
import { trendSvg } from './pdf';

describe('XLSX cells are formula-safe (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.test")', '\'=HYPERLINK("http://evil.test")'],
    ['+33 5 56 00 00 00', "'+33 5 56 00 00 00"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['Imprimante en panne', 'Imprimante en panne'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(safeText(input)).toBe(expected);
  });
});

describe('trend chart (SVG drawn into the PDF)', () => {
  it('keeps period labels and values as text, draws the target line for shares', () => {
    const svg = trendSvg(
      [
        { period: '2026-Q1', value: 0.9 },
        { period: '2026-Q2', value: null },
        { period: '2026-Q3', value: 0.95 },
      ],
      true,
      0.95,
    );
    expect(svg).toContain('>2026-Q1</text>');
    expect(svg).toContain('>95.0%</text>');
    expect(svg).toContain('stroke-dasharray');
    // The missing period leaves no point.
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });

  it('escapes labels', () => {
    expect(trendSvg([{ period: '<b>&', value: 3 }], false, null)).toContain('&lt;b&gt;&amp;');
  });
});

describe('generatedAt: the edition time in Paris, in the reader’s language', () => {
  it.each([
    ['2026-12-02T02:28:00.000Z', 'fr', '2 décembre 2026 à 03:28'],
    ['2026-07-14T22:05:00.000Z', 'fr', '15 juillet 2026 à 00:05'],
    ['2026-12-02T02:28:00.000Z', 'en', '2 December 2026, 03:28'],
  ] as const)('%s (%s) → %s', (iso, locale, text) => {
    expect(generatedAt(new Date(iso), locale)).toBe(text);
  });
});
