import type { Db } from '../storage/db.js';

/** Who is acting, and in which workspace. Every service call takes one; every query filters by it. */
export interface Actor {
  workspaceId: string;
  userId: string | null;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface ServiceDeps {
  db: Db;
  clock: Clock;
}

export function nowIso(clock: Clock): string {
  return clock.now().toISOString();
}

export function todayIso(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}
