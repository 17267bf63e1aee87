import type { INestApplication } from '@nestjs/common';
import { controllerRoutes } from '@app/core';
import { NOT_WHILE_IMPERSONATING_KEY, PERMISSIONS_KEY, PUBLIC_KEY } from '@app/rbac';
import { HEALTH_OPENAPI_PATHS } from '../src/health.openapi';
import { buildOpenApiDocument } from '../src/openapi';

export interface RouteInfo {
  method: string;
  /** OpenAPI path, e.g. /api/v1/roles/{id} */
  path: string;
  operationId: string;
  isPublic: boolean;
  permissions: string[];
  /** Marked @NotWhileImpersonating(). */
  notWhileImpersonating: boolean;
}

/** Every documented route with its guard metadata, so tests can sweep all of them. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const meta = new Map<string, { isPublic: boolean; permissions: string[]; notWhileImpersonating: boolean }>();
  for (const { controller: type, name, handler } of controllerRoutes(app)) {
    meta.set(`${type.name.replace(/Controller$/, '')}_${name}`, {
      isPublic: Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, type)),
      permissions: Reflect.getMetadata(PERMISSIONS_KEY, handler) ?? Reflect.getMetadata(PERMISSIONS_KEY, type) ?? [],
      notWhileImpersonating: Boolean(Reflect.getMetadata(NOT_WHILE_IMPERSONATING_KEY, handler) ?? Reflect.getMetadata(NOT_WHILE_IMPERSONATING_KEY, type)),
    });
  }
  // Plain Fastify routes (no controller): public by construction.
  for (const item of Object.values(HEALTH_OPENAPI_PATHS)) meta.set(item.get!.operationId!, { isPublic: true, permissions: [], notWhileImpersonating: false });
  const routes: RouteInfo[] = [];
  for (const [path, item] of Object.entries(buildOpenApiDocument(app).paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = (item as Record<string, { operationId: string }>)[method];
      if (!operation) continue;
      const info = meta.get(operation.operationId);
      if (!info) throw new Error(`No handler metadata for ${operation.operationId}`);
      routes.push({ method, path, operationId: operation.operationId, ...info });
    }
  }
  return routes;
}

export const isMutating = (route: RouteInfo) => route.method !== 'get';

export function fillPath(path: string, ids: Record<string, string> = {}, fallback = '01a20000-0000-7000-8000-000000000000'): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? fallback);
}
