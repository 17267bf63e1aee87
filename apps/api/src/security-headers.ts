import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { inlineScriptHashes } from './inline-script-hashes';

/** Answers no cache may keep: the REST API and the queue dashboard's JSON (job data). */
const NO_STORE = /^\/(?:api\/v1|admin\/queues\/api)\//;
/** HTML pages we serve are few and fixed (SPA, API docs, queue dashboard): hash each body once. */
const MAX_REMEMBERED_PAGES = 64;

/**
 * Security headers on every answer: helmet's set with a CSP whose script-src is 'self' only, widened
 * per HTML page by the hashes of exactly the inline scripts it carries; and `Cache-Control: no-store`
 * on every /api/v1 (and queue dashboard API) answer (tokens, secrets, personal data) unless the route set its own Cache-Control.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  // Configured once: the Fastify plugin would rebuild helmet on every request.
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
      },
    },
  });
  const hashesByPage = new Map<string, string[]>();
  const hashesOf = (html: string): string[] => {
    let hashes = hashesByPage.get(html);
    if (!hashes) {
      hashes = inlineScriptHashes(html);
      if (hashesByPage.size >= MAX_REMEMBERED_PAGES) hashesByPage.clear();
      hashesByPage.set(html, hashes);
    }
    return hashes;
  };

  fastify.addHook('onRequest', (request, reply, done) => headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (NO_STORE.test(request.url) && !reply.hasHeader('cache-control') && !reply.raw.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html') || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const hashes = hashesOf(payload.toString());
    const policy = reply.raw.getHeader('content-security-policy');
    if (hashes.length && typeof policy === 'string') reply.header('content-security-policy', policy.replace(/(^|;)script-src ([^;]*)/, `$1script-src $2 ${hashes.join(' ')}`));
    return payload;
  });
}
