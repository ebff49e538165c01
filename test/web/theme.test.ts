import { describe, expect, test } from 'vitest';
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { luminance, makeTheme, variantColorResolver } from '../../web/src/theme';

// Every colour a page may ask a badge or button for keeps WCAG AA contrast (RGAA 3.2) in the
// theme's variants: axe in the browser tests only sees the colours the demo happens to show.
const theme = mergeMantineTheme(DEFAULT_THEME, makeTheme('Fermer'));
const ratio = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
/** A colour as the browser gets it: CSS variables of the palette resolved (outline = primary shade 8). */
const resolve = (c: string): string => {
  const m = /^var\(--mantine-color-([a-z]+)-(\d|outline|filled)\)$/.exec(c);
  if (!m) return c === 'var(--mantine-color-white)' || c === '#fff' ? '#ffffff' : c;
  return theme.colors[m[1]!]![/\d/.test(m[2]!) ? Number(m[2]) : 8]!;
};
const colours = [
  'red',
  'orange',
  'yellow',
  'green',
  'teal',
  'cyan',
  'blue',
  'indigo',
  'violet',
  'grape',
  'pink',
  'gray',
  'lime',
];
const shades = ['', '.6', '.8', '.9'];

describe('theme contrast', () => {
  test.each(colours.flatMap((c) => shades.map((s) => `${c}${s}`)))(
    'outline %s reads on a hovered table row (#ececf1)',
    (color) => {
      const v = variantColorResolver({ color, theme, variant: 'outline' });
      expect(ratio(resolve(v.color), '#ececf1')).toBeGreaterThanOrEqual(4.5);
    },
  );
  test.each(colours.flatMap((c) => shades.map((s) => `${c}${s}`)))('filled %s carries white text', (color) => {
    const v = variantColorResolver({ color, theme, variant: 'filled' });
    expect(ratio(resolve(v.color), resolve(v.background))).toBeGreaterThanOrEqual(4.5);
  });
});
