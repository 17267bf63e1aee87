import type { FastifyInstance, FastifyReply } from 'fastify';

export interface CorsOptions {
  /** Allowed origins; '*' allows any. */
  origins: string[];
  /** Response headers a browser script may read. */
  exposedHeaders: string[];
}

// Every method the API uses: an allowlisted origin's client changes things with PATCH and DELETE too (the
// @fastify/cors default, GET,HEAD,POST, left those to fail their preflight).
const ALLOWED_METHODS = 'GET,HEAD,POST,PUT,PATCH,DELETE';

/**
 * CORS for the allowlisted origins, with credentials: Vary: Origin on every answer; an allowed Origin gets
 * itself echoed with the credentials and exposed-headers grant (an answer to no Origin or a foreign one
 * carries no grant: those headers mean nothing without Access-Control-Allow-Origin); preflights are
 * answered 204 before any route, a preflight without Origin or Access-Control-Request-Method refused 400.
 */
export function registerCors(fastify: FastifyInstance, options: CorsOptions): void {
  const anyOrigin = options.origins.includes('*');
  const allowed = new Set(options.origins);
  // Vary on every answer (a cache must not serve one origin's answer to another); the grant only to an allowed Origin.
  const always: Record<string, string> = anyOrigin ? {} : { vary: 'Origin' };
  const granted: Record<string, string> = {
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': options.exposedHeaders.join(', '),
  };

  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(always);
    const origin = request.headers.origin;
    if (origin !== undefined && (anyOrigin || allowed.has(origin))) void reply.headers(granted).header('access-control-allow-origin', anyOrigin ? '*' : origin);
    if (request.method !== 'OPTIONS') return done();
    if (!origin || !request.headers['access-control-request-method']) {
      void reply.status(400).type('text/plain').send('Invalid Preflight Request');
      return;
    }
    void reply.header('access-control-allow-methods', ALLOWED_METHODS);
    addVary(reply, 'Access-Control-Request-Headers');
    const requested = request.headers['access-control-request-headers'];
    if (requested !== undefined) void reply.header('access-control-allow-headers', requested);
    void reply.code(204).header('content-length', '0').send();
  });
  // Every OPTIONS request is answered by the hook above; the route gives them a route (and a metrics label).
  fastify.options('*', (_request, reply) => reply.callNotFound());
}

function addVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  void reply.header('vary', typeof current === 'string' && current ? `${current}, ${field}` : field);
}
