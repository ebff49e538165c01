import {
  createTheme,
  darken,
  defaultCssVariablesResolver,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type MantineThemeOverride,
  type VariantColorsResolver,
} from '@mantine/core';

// "Bleu France" (#000091) as shade 8, the shade used for filled buttons: white text on it is
// far above the WCAG 2.1 AA ratio of 4.5:1 (RGAA criterion 3.2).
const marianne: MantineColorsTuple = [
  '#eeeeff',
  '#dcdcfc',
  '#b8b8f8',
  '#8f8ff2',
  '#6a6aec',
  '#4b4be6',
  '#2f2fd1',
  '#1515b0',
  '#000091',
  '#00006e',
];

/** WCAG relative luminance of a #rrggbb or rgba() colour. */
export function luminance(color: string): number {
  const m = color.startsWith('#')
    ? [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
    : (color.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
  const [r, g, b] = m.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Darkens `color` until white text on it reaches the AA ratio (4.5:1, with a margin). */
function darkEnoughForWhite(color: string): string {
  let c = color;
  for (let i = 0; i < 10 && 1.05 / (luminance(c) + 0.05) < 4.6; i++) c = darken(c, 0.08);
  return c;
}

/**
 * The darkest background text sits on in the app: the page (#f6f6f9) under a hovered or striped
 * table row. Outline text reaching AA on it reaches it everywhere lighter.
 */
const darkestLightBackground = luminance('#ececf1');

/** Darkens `color` until it reads as text on the app's light backgrounds (AA, with a margin). */
function darkEnoughAsText(color: string): string {
  let c = color;
  for (let i = 0; i < 10 && (darkestLightBackground + 0.05) / (luminance(c) + 0.05) < 4.6; i++) c = darken(c, 0.08);
  return c;
}

/**
 * Contrast, whatever colour a page asks for (RGAA 3.2): filled badges and buttons get a
 * background dark enough for their white text (Mantine's green 8 gives 3.4:1); "outline" text is
 * darkened to read on the page and its table rows; "light" and "subtle" variants write shade 9
 * darkened further on their pale tint (3.8:1 for green otherwise).
 */
export const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.color === 'dark') return colors;
  if (input.variant === 'filled') {
    const background = darkEnoughForWhite(parsed.value);
    return background === parsed.value
      ? colors
      : { ...colors, background, hover: darken(background, 0.15), color: '#fff' };
  }
  if (input.variant === 'outline') {
    // Text and border in the colour (Mantine's orange 9 gives 4.0:1 on a hovered row).
    const text = darkEnoughAsText(parsed.value);
    return text === parsed.value ? colors : { ...colors, color: text, border: `1px solid ${text}` };
  }
  if ((input.variant === 'light' || input.variant === 'subtle') && parsed.color !== 'marianne') {
    return { ...colors, color: darken(input.theme.colors[parsed.color]![9], 0.35) };
  }
  return colors;
};

/**
 * Mantine theme: public-sector blue, AA contrast for every colour, visible focus ring, and names
 * for the icon-only close buttons of dialogs and notifications (`closeLabel`, translated).
 */
export function makeTheme(closeLabel: string): MantineThemeOverride {
  return createTheme({
    primaryColor: 'marianne',
    colors: { marianne },
    // Shade 6 of Mantine's palette fails AA with white text for most colours; 8 passes.
    primaryShade: { light: 8, dark: 6 },
    autoContrast: true,
    // Transitions are skipped for people who ask their system for reduced motion (WCAG 2.3.3).
    respectReducedMotion: true,
    variantColorResolver,
    focusRing: 'auto',
    fontFamily: 'Marianne, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
    headings: { fontWeight: '700' },
    defaultRadius: 'sm',
    cursorType: 'pointer',
    components: {
      Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
      // A region that scrolls (wide tables) must be reachable by keyboard to scroll it (WCAG 2.1.1).
      ScrollArea: { defaultProps: { viewportProps: { tabIndex: 0 } } },
      Modal: { defaultProps: { centered: true, closeButtonProps: { 'aria-label': closeLabel } } },
      Drawer: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
    },
  });
}

/**
 * Mantine's default dimmed (gray 6), placeholder (gray 5) and error (red 6) colours are below
 * 4.5:1 on white; these replacements pass AA.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const base = defaultCssVariablesResolver(t);
  return {
    ...base,
    light: {
      ...base.light,
      '--mantine-color-dimmed': '#555b66',
      '--mantine-color-placeholder': '#6b7280',
      '--mantine-color-error': '#c92a2a',
      '--mantine-color-anchor': '#000091',
    },
  };
};
