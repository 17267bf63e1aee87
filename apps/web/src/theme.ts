import { createTheme, darken, DEFAULT_THEME, lighten, luminance, rem, type CSSVariablesResolver } from '@mantine/core';

/** WCAG 2.1 AA for normal text, with a little headroom for anti-aliasing. */
const TEXT_CONTRAST = 4.6;

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** `color` darkened (light scheme) or lightened (dark scheme) just enough to read on every background given. */
function readable(color: string, backgrounds: string[], towards: 'darker' | 'lighter'): string {
  for (let amount = 0; amount <= 1; amount += 0.02) {
    const candidate = amount === 0 ? color : towards === 'darker' ? darken(color, amount) : lighten(color, amount);
    if (backgrounds.every((background) => contrast(candidate, background) >= TEXT_CONTRAST)) return candidate;
  }
  return towards === 'darker' ? '#000000' : '#ffffff';
}

const { colors, white, black } = DEFAULT_THEME;
const PRIMARY = 'indigo';
const LIGHT_SHADE = 6;
const DARK_SHADE = 8;
const LIGHT_SURFACES = [white, colors.gray[0], colors.gray[1]];
const DARK_SURFACES = [colors.dark[8], colors.dark[7], colors.dark[6], colors.dark[5]];
const NAMED = Object.keys(colors).filter((name) => name !== 'dark');

/**
 * Mantine's default colours for text, links, badges, buttons and dimmed text fall below 4.5:1 in places
 * (dimmed #868e96 on white is 3.3:1; white on indigo.6 is 4.3:1). Every component reads its colours
 * from these CSS variables, so adjusting them here fixes every page, in light and in dark.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  for (const name of NAMED) {
    const shades = colors[name];
    const lightFilled = readable(shades[LIGHT_SHADE], [white], 'darker');
    const lightText = readable(shades[LIGHT_SHADE], LIGHT_SURFACES, 'darker');
    Object.assign(light, {
      [`--mantine-color-${name}-filled`]: lightFilled,
      [`--mantine-color-${name}-filled-hover`]: darken(lightFilled, 0.1),
      [`--mantine-color-${name}-text`]: lightText,
      [`--mantine-color-${name}-outline`]: lightText,
      [`--mantine-color-${name}-light-color`]: readable(shades[9], [...LIGHT_SURFACES, shades[1], shades[2]], 'darker'),
      // Some components (a coloured menu item) use shade 6 as text as it is.
      [`--mantine-color-${name}-6`]: lightText,
    });
    const darkFilled = readable(shades[DARK_SHADE], [white], 'darker');
    const darkLight = darken(shades[9], 0.5);
    const darkLightHover = darken(shades[9], 0.3);
    const darkText = readable(shades[4], DARK_SURFACES, 'lighter');
    Object.assign(dark, {
      [`--mantine-color-${name}-filled`]: darkFilled,
      [`--mantine-color-${name}-filled-hover`]: darken(darkFilled, 0.1),
      [`--mantine-color-${name}-text`]: darkText,
      [`--mantine-color-${name}-outline`]: darkText,
      [`--mantine-color-${name}-light`]: darkLight,
      [`--mantine-color-${name}-light-hover`]: darkLightHover,
      [`--mantine-color-${name}-light-color`]: readable(shades[0], [...DARK_SURFACES, darkLight, darkLightHover], 'lighter'),
      [`--mantine-color-${name}-6`]: readable(shades[6], DARK_SURFACES, 'lighter'),
    });
  }
  const lightDimmed = readable(colors.gray[6], [...LIGHT_SURFACES, ...NAMED.map((name) => colors[name][1])], 'darker');
  const darkDimmed = readable(colors.dark[2], [...DARK_SURFACES, ...NAMED.map((name) => darken(colors[name][9], 0.5))], 'lighter');
  return {
    variables: {},
    light: {
      ...light,
      '--mantine-color-dimmed': lightDimmed,
      '--mantine-color-placeholder': lightDimmed,
      '--mantine-color-anchor': `var(--mantine-color-${PRIMARY}-text)`,
      '--mantine-color-error': 'var(--mantine-color-red-text)',
      '--app-color-backdrop': colors.gray[0],
    },
    dark: {
      ...dark,
      '--mantine-color-dimmed': darkDimmed,
      '--mantine-color-placeholder': darkDimmed,
      '--mantine-color-anchor': `var(--mantine-color-${PRIMARY}-text)`,
      '--mantine-color-error': 'var(--mantine-color-red-text)',
      '--app-color-backdrop': colors.dark[8],
    },
  };
};

// Option lists scroll inside the listbox itself, which a screen reader and the keyboard reach through
// the combobox (a scrolling wrapper around the listbox would be a scroll region no key can reach).
const optionList = { withScrollArea: false };
const optionListStyles = { options: { maxHeight: rem(220), overflowY: 'auto' as const } };

export const theme = createTheme({
  primaryColor: PRIMARY,
  primaryShade: { light: LIGHT_SHADE, dark: DARK_SHADE },
  defaultRadius: 'md',
  black,
  respectReducedMotion: true,
  focusRing: 'auto',
  // Plain objects, not Component.extend(): importing the components here would put every one of them
  // (Modal, Drawer, ColorPicker, MultiSelect...) in the first download.
  components: {
    // A link inside text is told apart by more than its colour.
    Anchor: { defaultProps: { underline: 'always' } },
    // Without the placeholder, opening a menu focuses its first item (the placeholder is a focusable element with no role).
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } },
    ColorInput: { defaultProps: { eyeDropperButtonProps: { 'aria-label': 'Pick a colour from the screen' } } },
    ColorPicker: { defaultProps: { saturationLabel: 'Saturation and brightness', hueLabel: 'Hue', alphaLabel: 'Opacity' } },
    // "Copied" stays long enough to be read (and announced).
    CopyButton: { defaultProps: { timeout: 3000 } },
    Select: { defaultProps: optionList, styles: optionListStyles },
    MultiSelect: { defaultProps: optionList, styles: optionListStyles },
  },
});
