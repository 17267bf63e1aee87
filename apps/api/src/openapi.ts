import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_KEY } from '@app/rbac';

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

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Back Office API')
    .setDescription(
      'Multi-tenant back office for memberships, payments and guided programs. Errors are application/problem+json ' +
        '(RFC 9457) with stable `type` URIs under https://problems.backoffice.dev/. Lists use cursor pagination ' +
        '(`limit`, `cursor` → `{ data, nextCursor }`).',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from /auth/login' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  // Every operation states its security: none for public routes, the bearer token for the rest.
  const open = publicOperationIds(app);
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as Array<{ operationId?: string; security?: unknown }>) {
      if (!operation || typeof operation !== 'object' || !operation.operationId) continue;
      operation.security = open.has(operation.operationId) ? [] : [{ bearer: [] }];
    }
  }
  return document;
}

export function mountApiDocs(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });
}
