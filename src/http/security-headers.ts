import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/*
 * Headers on every response. The CSP allows only this origin; styles may be
 * inline because Mantine injects <style> elements at run time (checked in
 * Chromium: scripts stay strictly 'self'). Photos of people may come from
 * any https host.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[] = []) {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes.map((h) => `'${h}'`)].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Hashes of the inline scripts of the built index.html (the colour-scheme
 * snippet that runs before first paint), so the CSP allows exactly those and
 * no other inline script.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const body = m[1] ?? '';
    if (body.trim()) hashes.push(`sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`);
  }
  return hashes;
}

export function securityHeaders(app: FastifyInstance, scriptHashes: readonly string[] = []) {
  const csp = contentSecurityPolicy(scriptHashes);
  app.addHook('onSend', async (req, reply) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    // Invitation links carry a secret in the path: never send it to another site.
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
