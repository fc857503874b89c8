import {
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Mantine's stock shades miss WCAG AA (4.5:1) in places: white on red.7 or green.7, red.9 text on a light red tint,
 * green or yellow text anywhere. Filled colours go two shades darker than primaryShade, light/subtle/outline text is
 * shade 9 darkened by 35% (≥ 5.8:1 on its tint for every theme colour; computed, not guessed: see theme.spec.ts).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.color === 'dark' || parsed.color === 'gray') {
    return colors;
  }
  const shades = input.theme.colors[parsed.color];
  if (!shades) {
    return colors;
  }
  const text = darken(shades[9], 0.35);
  switch (input.variant) {
    case 'filled':
      return { ...colors, background: darken(shades[9], 0.2), hover: darken(shades[9], 0.35), color: '#fff' };
    case 'light':
    case 'subtle':
    case 'outline':
    case 'dot':
      return { ...colors, color: text, hoverColor: text };
    default:
      return colors;
  }
};

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 7,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  variantColorResolver,
  components: {
    // A link inside text must not be told apart by colour alone (axe: link-in-text-block).
    Anchor: { defaultProps: { underline: 'always' } },
  },
});

/** Mantine's dimmed grey (#868e96) and error red (red.6) fall below AA's 4.5:1 on white; darker shades keep it. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-error': t.colors.red[9],
    // Text in the warning and success colours on white: orange.9 and green.9 alone are 4.3:1.
    '--gantry-warning-text': darken(t.colors.orange[9], 0.25),
    '--gantry-success-text': darken(t.colors.green[9], 0.25),
  },
  dark: {},
});
