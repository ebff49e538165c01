import { createTheme, defaultCssVariablesResolver, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// "Bleu France" (#000091) as shade 8, the shade used for filled buttons: white text on it is
// far above the WCAG 2.1 AA ratio of 4.5:1 (RGAA criterion 3.2).
const marianne: MantineColorsTuple = ['#eeeeff', '#dcdcfc', '#b8b8f8', '#8f8ff2', '#6a6aec', '#4b4be6', '#2f2fd1', '#1515b0', '#000091', '#00006e'];

/** Mantine theme: public-sector blue, AA contrast for every filled colour, visible focus ring. */
export const theme = createTheme({
  primaryColor: 'marianne',
  colors: { marianne },
  // Shade 6 of Mantine's palette fails AA with white text for most colours; 8 passes.
  primaryShade: { light: 8, dark: 6 },
  autoContrast: true,
  focusRing: 'auto',
  fontFamily: 'Marianne, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    Modal: { defaultProps: { centered: true } },
  },
});

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
