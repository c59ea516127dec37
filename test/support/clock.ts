import type { Clock } from '../../src/services/context.js';

/** A clock tests move by hand, to reach expiry times without waiting. */
export class TestClock implements Clock {
  constructor(private t = Date.parse('2026-11-26T09:00:00.000Z')) {}
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
