import type { FastifyInstance } from 'fastify';
import { Problems } from '../problem';
import { findInputViolation } from './find-input-violation';
import type { InputLimits } from './input-limits';

/** application/json and structured +json types; nothing else is parsed (form and text bodies get 415). */
const JSON_TYPES = ['application/json', /^application\/[a-z0-9.-]+\+json(;|$)/];

/** Route config flag (Fastify `config`, e.g. `@RouteConfig({ rawBody: true })`): the body stays the raw JSON text. */
export const RAW_BODY_ROUTE = 'rawBody';

const isRawBodyRoute = (request: { routeOptions?: { config?: unknown } }) =>
  (request.routeOptions?.config as Record<string, unknown> | undefined)?.[RAW_BODY_ROUTE] === true;

/**
 * Cheap checks every request passes before guards and validation: only JSON bodies are parsed, and the
 * parsed body, query string and path parameters are walked once against the limits (depth, keys, items,
 * string length, NUL characters). Register before any plugin, so that plugins inherit the parsers.
 */
export function installInputBounds(fastify: FastifyInstance, limits: InputLimits): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  // A route that verifies a signature over the exact bytes (Stripe webhooks) gets the text unparsed.
  const parser: typeof parseJson = (request, body, done) => (isRawBodyRoute(request) ? done(null, body) : parseJson(request, body, done));
  for (const type of JSON_TYPES) fastify.addContentTypeParser(type, { parseAs: 'string' }, parser);
  fastify.addHook('preValidation', async (request) => {
    const violation =
      findInputViolation(request.params, limits, 'path') ??
      findInputViolation(request.query, limits, 'query') ??
      (isRawBodyRoute(request) ? null : findInputViolation(request.body, limits));
    if (violation) throw Problems.validation([violation], 'The request is beyond the limits every request is held to.');
  });
}
