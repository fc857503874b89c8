import { createTheme } from '@mantine/core';

// Mantine's default blue fails contrast on light backgrounds in a few places; a darker primary shade keeps WCAG AA.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 7,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});
