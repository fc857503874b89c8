import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Mantine's default blue fails contrast on light backgrounds in a few places; a darker primary shade keeps WCAG AA.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 7,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});

/** Mantine's dimmed grey (#868e96) and error red (red.6) fall below AA's 4.5:1 on white; darker shades keep it. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7], '--mantine-color-error': t.colors.red[9] },
  dark: {},
});
