import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Transport } from '../contract/client.js';

/**
 * A transport that hands requests to a Fastify app in the same process, with
 * no socket in between. The local CLI goes through the very routes, validation
 * and error mapping a remote client does.
 */
export function injectTransport(app: FastifyInstance): Transport {
  return async (req) => {
    const res = await app.inject({
      method: req.method as InjectOptions['method'],
      url: req.url,
      // Named in the security log as the CLI, not as an unknown client.
      headers: { 'user-agent': 'tend-cli', ...req.headers },
      ...(req.body !== undefined ? { payload: req.body } : {}),
    });
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return { status: res.statusCode, headers, text: res.body };
  };
}
