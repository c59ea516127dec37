import {
  IconAdjustments,
  IconBulb,
  IconCalendarEvent,
  IconChartDots3,
  IconChartLine,
  IconFileImport,
  IconLibrary,
  IconSun,
  IconUsers,
  type IconProps,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

export interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<IconProps>;
  /** The second key of a `g` shortcut, when there is one. */
  key?: string;
}

export const mainNav: NavItem[] = [
  { to: '/', label: 'Today', icon: IconSun, key: 't' },
  { to: '/people', label: 'People', icon: IconUsers, key: 'p' },
  { to: '/events', label: 'Events', icon: IconCalendarEvent, key: 'e' },
  { to: '/resources', label: 'Resources', icon: IconLibrary, key: 'r' },
  { to: '/opportunities', label: 'Opportunities', icon: IconBulb, key: 'o' },
  { to: '/map', label: 'Map', icon: IconChartDots3, key: 'm' },
  { to: '/insights', label: 'Insights', icon: IconChartLine, key: 'i' },
];

export const accountNav: NavItem[] = [
  { to: '/import', label: 'Import / Export', icon: IconFileImport },
  { to: '/settings', label: 'Settings', icon: IconAdjustments, key: 's' },
];
