import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PUBLIC_KEY } from '@app/rbac';
import { LiveDto } from './health.dto';
import { HEALTH_OPENAPI_PATHS } from './health.openapi';

const operationId = (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;

/** Operation ids of every @Public() route, read from the controllers' metadata. */
function publicOperationIds(app: INestApplication): Set<string> {
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const classPublic = Reflect.getMetadata(PUBLIC_KEY, type) === true;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        if (name === 'constructor') continue;
        const handler = type.prototype[name];
        if (typeof handler === 'function' && (classPublic || Reflect.getMetadata(PUBLIC_KEY, handler) === true)) ids.add(operationId(type.name, name));
      }
    }
  }
  return ids;
}

const IDEMPOTENCY_KEY_PARAMETER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Any unique string (1-255 visible ASCII characters). Retrying with the same key and body within 24 hours returns the first response.',
  schema: { type: 'string', maxLength: 255 },
};

function problemResponse(description: string): ResponseObject {
  return { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } };
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Back Office API')
    .setDescription(
      'Multi-tenant back office for memberships, payments and guided programs. Errors are application/problem+json ' +
        '(RFC 9457) with stable `type` URIs under https://problems.backoffice.dev/. Lists use cursor pagination ' +
        '(`limit`, `cursor` → `{ data, nextCursor }`). Requests are rate-limited per IP, user or API key (429 with ' +
        '`Retry-After` and `RateLimit-Limit/Remaining/Reset`). POST and PATCH accept `Idempotency-Key`: the same key and ' +
        'body within 24 hours replays the first response (`Idempotent-Replayed: true`). Plan limits answer 402. ' +
        'Bodies are JSON only (415 otherwise), at most 16 KB on public routes and 1 MB elsewhere by default (413); any body, query ' +
        'or path nested deeper than 32, with more than 200 fields per object, 1,000 items per array, 2,000 values, ' +
        'strings over 100,000 characters or NUL characters is a 400, as is any field beyond its documented maxLength.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This server')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An access token from /auth/login, or an API key (sk_live_… / sk_test_…) limited to its scopes' },
      'bearer',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId, extraModels: [LiveDto] });
  // The plain Fastify routes (health) are public and documented by hand.
  document.paths = { ...HEALTH_OPENAPI_PATHS, ...document.paths };
  // Every operation states its security: none for public routes, the bearer token for the rest.
  const open = publicOperationIds(app);
  for (const item of Object.values(HEALTH_OPENAPI_PATHS)) if (item.get?.operationId) open.add(item.get.operationId);
  for (const [url, path] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(path) as Array<[string, OperationObject]>) {
      if (!operation || typeof operation !== 'object' || !operation.operationId) continue;
      operation.security = open.has(operation.operationId) ? [] : [{ bearer: [] }];
      if (!url.startsWith('/api/v1/health')) operation.responses['429'] ??= problemResponse('Too many requests (rate limit); see Retry-After');
      if (operation.requestBody) {
        operation.responses['413'] ??= problemResponse('The body is larger than this route accepts (payload-too-large)');
        operation.responses['415'] ??= problemResponse('The body is not JSON (unsupported-media-type)');
      }
      if (method === 'post' || method === 'patch') {
        // A handler reading the header (@Headers('idempotency-key')) would otherwise document it a second time, as required.
        const others = (operation.parameters ?? []).filter((p) => !('in' in p && p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'));
        operation.parameters = [...others, IDEMPOTENCY_KEY_PARAMETER];
        operation.responses['409'] ??= problemResponse('Conflict (also: a request with the same Idempotency-Key is in progress)');
        operation.responses['422'] ??= problemResponse('Unprocessable (also: the Idempotency-Key was used with another request)');
      }
    }
  }
  return document;
}

export function mountApiDocs(app: INestApplication, document: OpenAPIObject): void {
  // Tags start collapsed, with a filter box: Swagger UI (5.33) stops rendering an expanded list of this
  // many operations (about 130) and a reader looks for one section anyway.
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    useGlobalPrefix: false,
    swaggerOptions: { docExpansion: 'none', filter: true },
  });
}
