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
  // A callback hook that walks only what is there: a request without parameters, query or body (probes)
  // costs a few property reads.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const { params, query, body } = request;
    const violation =
      (hasKeys(params) ? findInputViolation(params, limits, 'path') : null) ??
      (hasKeys(query) ? findInputViolation(query, limits, 'query') : null) ??
      (body === undefined || isRawBodyRoute(request) ? null : findInputViolation(body, limits));
    done(violation ? Problems.validation([violation], 'The request is beyond the limits every request is held to.') : undefined);
  });
}

function hasKeys(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return value !== undefined;
  for (const _key in value) return true;
  return false;
}
