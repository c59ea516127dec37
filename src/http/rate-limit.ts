import { RateLimitedError } from '../lib/errors.js';
import type { Clock } from '../services/context.js';

/*
 * A fixed-window counter per key, in this process's memory. Behind a load
 * balancer each instance counts on its own, so the effective limit is the
 * configured one times the number of instances; brute force against one
 * account is also stopped by the lock-out, which lives in the database and
 * holds across instances.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts one hit; throws 429 with Retry-After when the key is over its limit. */
  hit(key: string, what: string): void {
    const now = this.clock.now().getTime();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 50_000) this.sweep(now);
    }
    w.count++;
    if (w.count > this.limit) {
      const retry = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
      throw RateLimitedError(
        'rate_limited',
        'Too many requests',
        `Too many ${what}. Wait ${retry} second(s) and try again.`,
        retry,
      );
    }
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
