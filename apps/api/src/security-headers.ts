import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { inlineScriptHashes } from './inline-script-hashes';

/** Answers no cache may keep: the REST API and the queue dashboard's JSON (job data). */
const NO_STORE = /^\/(?:api\/v1|admin\/queues\/api)\//;
/** HTML pages we serve are few and fixed (SPA, API docs, queue dashboard): hash each body once. */
const MAX_REMEMBERED_PAGES = 64;

/**
 * Every answer that is not an HTML page (JSON, problems, scripts, styles, images): nothing in it may run,
 * load or be framed (OWASP's REST set). `default-src 'none'` leaves no script source at all, and the
 * answer stays small: these are the headers of nearly every API answer.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/**
 * Security headers on every answer: the API set above on all of them; an HTML page (SPA, API docs, queue
 * dashboard) gets helmet's document set instead, with a CSP whose script-src is 'self' only, widened per
 * page by the hashes of exactly the inline scripts it carries. `Cache-Control: no-store` on every
 * /api/v1 (and queue dashboard API) answer (tokens, secrets, personal data) unless the route set its own
 * Cache-Control.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const documentHeaders = helmetHeaders({
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
    void reply.headers(API_SECURITY_HEADERS);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (NO_STORE.test(request.url) && !reply.hasHeader('cache-control') && !reply.raw.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      void reply.headers(documentHeaders);
      const hashes = typeof payload === 'string' || Buffer.isBuffer(payload) ? hashesOf(payload.toString()) : [];
      if (hashes.length) void reply.header('content-security-policy', documentHeaders['content-security-policy'].replace(/(^|;)script-src ([^;]*)/, `$1script-src $2 ${hashes.join(' ')}`));
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
