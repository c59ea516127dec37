import {
  ActionIcon,
  Badge,
  Button,
  type CSSVariablesResolver,
  createTheme,
  type MantineColorsTuple,
  Menu,
  Modal,
  Paper,
  Skeleton,
  TextInput,
  Tooltip,
} from '@mantine/core';

/* One accent: a calm, slightly blue-leaning green. Shade 8 carries white text at 5.3:1. */
const sage: MantineColorsTuple = [
  '#eaf6f2',
  '#d5ece5',
  '#abd9cb',
  '#7dc4ae',
  '#56b295',
  '#3ba585',
  '#2a9b7b',
  '#1c8769',
  '#0f7a5f',
  '#006a52',
];

/* Dark surfaces with a hint of the accent, so dark mode feels designed rather than inverted. */
const dark: MantineColorsTuple = [
  '#e1e6e4',
  '#c1c9c6',
  '#97a29e',
  '#6e7a76',
  '#48524f',
  '#2f3735',
  '#252b2c',
  '#1b2022',
  '#14181a',
  '#0f1214',
];

const systemFont =
  'system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI Variable Text", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"';

export const theme = createTheme({
  primaryColor: 'sage',
  primaryShade: { light: 8, dark: 8 },
  colors: { sage, dark },
  fontFamily: systemFont,
  headings: { fontFamily: systemFont, fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  respectReducedMotion: true,
  components: {
    Button: Button.extend({ defaultProps: { radius: 'md' } }),
    ActionIcon: ActionIcon.extend({ defaultProps: { variant: 'subtle', color: 'gray' } }),
    Badge: Badge.extend({ defaultProps: { variant: 'light', radius: 'sm' } }),
    Paper: Paper.extend({ defaultProps: { radius: 'lg' } }),
    Modal: Modal.extend({ defaultProps: { radius: 'lg', overlayProps: { backgroundOpacity: 0.35, blur: 2 } } }),
    Menu: Menu.extend({ defaultProps: { radius: 'md', shadow: 'md' } }),
    Tooltip: Tooltip.extend({ defaultProps: { openDelay: 300, withArrow: true } }),
    Skeleton: Skeleton.extend({ defaultProps: { radius: 'sm' } }),
    TextInput: TextInput.extend({ defaultProps: { radius: 'md' } }),
  },
});

/* Mantine's default dimmed grey is 3.3:1 on white; ours passes AA in both schemes. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c6662',
    '--mantine-color-placeholder': '#7a8480',
    '--mantine-color-body': '#ffffff',
  },
  dark: {
    '--mantine-color-dimmed': '#97a29e',
    '--mantine-color-placeholder': '#7f8a86',
  },
});
