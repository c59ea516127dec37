import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './errors.js';

/*
 * A database that could not take a write in time (SQLite locked past its busy
 * timeout, a PostgreSQL deadlock victim or serialisation failure) is a 503 the
 * client may retry, never a 500 or "database is locked".
 */
describe('busy database errors', () => {
  it.each(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '40P01', '40001'])(
    'answers %s with 503 busy and Retry-After',
    async (code) => {
      const app = Fastify({ logger: false });
      app.setErrorHandler(errorHandler);
      app.get('/x', async () => {
        throw Object.assign(new Error('database is locked'), { code });
      });
      const res = await app.inject({ method: 'GET', url: '/x' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'busy', status: 503 });
      expect(res.body).not.toContain('locked');
      await app.close();
    },
  );
});
