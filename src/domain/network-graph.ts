import type { Circle } from '../contract/common.js';
import type { Dueness } from '../contract/network.js';
import { addDays, type IsoDate } from './dates.js';

/*
 * Rules of the network map that are not queries: how due someone is, and
 * which people hang from "you" on the map (and how thick that line is).
 */

export const DUE_SOON_DAYS = 7;

export function dueness(nextDueOn: IsoDate | null, today: IsoDate): Dueness {
  if (nextDueOn === null) return 'none';
  if (nextDueOn < today) return 'overdue';
  if (nextDueOn <= addDays(today, DUE_SOON_DAYS)) return 'due';
  return 'later';
}

/** Below this strength, and outside the inner and close circles, a person is not drawn as "yours". */
export const YOU_EDGE_MIN_STRENGTH = 25;

/**
 * The "you → person" tie on the map, 1–5 like a connection, or null for no
 * line: everyone in the inner and close circles, and anyone whose relationship
 * strength says you are in touch. Drawing a line to all 5,000 people would pull
 * the whole map into one knot around you.
 */
export function youTie(strength: number, circle: Circle): number | null {
  if (strength < YOU_EDGE_MIN_STRENGTH && circle !== 'inner' && circle !== 'close') return null;
  return Math.min(5, Math.max(1, Math.ceil(strength / 20)));
}
