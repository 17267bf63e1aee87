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
  const headers = helmetHeaders({
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

  // Reply headers (not the Node response's): Fastify writes them with the status line in one pass, and a
  // route's own reply.header() of the same name still wins.
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (NO_STORE.test(request.url) && !reply.hasHeader('cache-control') && !reply.raw.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html') && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      const hashes = hashesOf(payload.toString());
      const policy = reply.getHeader('content-security-policy');
      if (hashes.length && typeof policy === 'string') void reply.header('content-security-policy', policy.replace(/(^|;)script-src ([^;]*)/, `$1script-src $2 ${hashes.join(' ')}`));
    }
    done(null, payload);
  });
}

/** The headers helmet sets with these options, computed once (helmet's own middleware would redo it per request). */
function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let error: unknown;
  helmet(options)({} as never, response as never, (failure?: unknown) => void (error = failure));
  if (error) throw error;
  return headers;
}
