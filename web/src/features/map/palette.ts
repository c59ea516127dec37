import type { MantineTheme } from '@mantine/core';
import type { MapPalette } from './graph-view';

/* The map's colours, read from the Mantine theme so both schemes look designed. */
const CLUSTER_HUES = ['blue', 'grape', 'orange', 'teal', 'pink', 'indigo', 'lime', 'cyan', 'violet', 'yellow'] as const;

export function mapPalette(theme: MantineTheme, scheme: 'light' | 'dark'): MapPalette {
  const c = theme.colors;
  const dark = scheme === 'dark';
  const shade = dark ? 4 : 6;
  return {
    clusters: CLUSTER_HUES.map((h) => c[h]?.[shade] ?? '#888'),
    other: dark ? (c.dark?.[3] ?? '#6e7a76') : (c.gray?.[4] ?? '#ced4da'),
    you: c.sage?.[dark ? 5 : 8] ?? '#0f7a5f',
    organisation: dark ? (c.dark?.[2] ?? '#97a29e') : (c.dark?.[3] ?? '#6e7a76'),
    // Opaque tints of the page colour: WebGL blends translucent lines into a glare on dark backgrounds.
    edge: dark ? '#323b3d' : '#d3d9d6',
    edgeYou: dark ? '#22423a' : '#cfe6de',
    dim: dark ? '#283032' : '#e4e8e6',
    dimEdge: dark ? '#1e2426' : '#eef1ef',
    path: c.orange?.[dark ? 4 : 7] ?? '#f76707',
    label: dark ? (c.dark?.[0] ?? '#e1e6e4') : '#1f2624',
    selected: c.sage?.[dark ? 4 : 6] ?? '#2a9b7b',
  };
}

/** The same palette as CSS colours for the legend. */
export function clusterColour(p: MapPalette, index: number): string {
  return index < 0 ? p.other : (p.clusters[index % p.clusters.length] ?? p.other);
}
