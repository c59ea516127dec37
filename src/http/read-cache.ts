import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../services/context.js';
import { type ChangeStamp, changeStampReader } from '../storage/change-stamp.js';
import type { Db } from '../storage/db.js';
import { Lru } from '../lib/lru.js';

/*
 * A validated cache of hot reads (the person page, Today) and of token lookups.
 * Every entry keeps the database's change stamp read BEFORE its value was
 * computed (src/storage/change-stamp.ts), and is used only while the stamp
 * still reads the same: any committed write, by this process or another one,
 * makes every entry stale at once. Nothing has to know which write touches
 * which response, so a new write path cannot forget to invalidate.
 */

export interface CachedResponse {
  stamp: ChangeStamp;
  /** The JSON body, in its own memory (not a slice of Node's shared pool, which would keep 8 KiB alive). */
  body: Buffer;
  etag: string | undefined;
}

export interface ReadCacheOptions {
  db: Db;
  clock: Clock;
  enabled: boolean;
  /** Byte budget of cached bodies; 8 MiB holds a few thousand person pages. */
  maxBytes?: number;
  maxEntries?: number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  uncacheable: number;
  entries: number;
  bytes: number;
}

/**
 * The calendar part of a cache key. Cached responses depend on the clock only
 * through calendar dates — in the workspace's time zone, in UTC, or in a
 * person's own zone (Today's "already their birthday there") — and every zone in
 * use is offset from UTC by whole quarter hours, so no date anywhere changes
 * within one UTC quarter hour. A response that depends on the time more finely
 * must not be cached.
 */
export const CLOCK_BUCKET_MS = 15 * 60_000;

export class ReadCache {
  readonly enabled: boolean;
  private readonly clock: Clock;
  private readonly readStamp: () => Promise<ChangeStamp | null>;
  private readonly responses: Lru<CachedResponse>;
  readonly stats = { hits: 0, misses: 0, uncacheable: 0 };

  constructor(opts: ReadCacheOptions) {
    this.enabled = opts.enabled;
    this.clock = opts.clock;
    this.readStamp = changeStampReader(opts.db);
    this.responses = new Lru(opts.maxEntries ?? 20_000, opts.maxBytes ?? 8 * 1024 * 1024);
  }

  /** The request's change stamp, read once, on first use (before anything of the response is computed). */
  stamp(req: FastifyRequest): Promise<ChangeStamp | null> {
    if (!this.enabled) return Promise.resolve(null);
    req.changeStamp ??= this.readStamp();
    return req.changeStamp;
  }

  /**
   * The key of a cached GET: who is asking (workspace and user: services see
   * nothing else of the caller), the path with its query, and the clock bucket.
   */
  keyOf(req: FastifyRequest): string | null {
    const actor = req.actor;
    if (!this.enabled || !actor) return null;
    const bucket = Math.floor(this.clock.now().getTime() / CLOCK_BUCKET_MS);
    return `${actor.workspaceId}\u0000${actor.userId ?? ''}\u0000${bucket}\u0000${req.url}`;
  }

  /** A cached response still valid under `stamp`, if any. */
  lookup(key: string, stamp: ChangeStamp | null): CachedResponse | undefined {
    if (stamp === null) {
      this.stats.uncacheable++;
      return undefined;
    }
    const e = this.responses.get(key);
    if (e && e.stamp === stamp) {
      this.stats.hits++;
      return e;
    }
    this.stats.misses++;
    if (e) this.responses.delete(key);
    return undefined;
  }

  store(key: string, stamp: ChangeStamp | null, json: string, etag: string | undefined): Buffer {
    const body = Buffer.allocUnsafeSlow(Buffer.byteLength(json));
    body.write(json);
    if (stamp !== null) this.responses.set(key, { stamp, body, etag }, body.length + key.length * 2 + 64);
    return body;
  }

  snapshot(): ReadCacheStats {
    return { ...this.stats, entries: this.responses.size, bytes: this.responses.bytes };
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The change stamp of this request, once read (ReadCache.stamp). */
    changeStamp: Promise<ChangeStamp | null> | undefined;
  }
  interface FastifyInstance {
    readCache: ReadCache;
  }
}

export function registerReadCache(app: FastifyInstance, cache: ReadCache): void {
  app.decorate('readCache', cache);
  app.decorateRequest('changeStamp', undefined);
}
