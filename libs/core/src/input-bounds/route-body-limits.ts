import type { INestApplication } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyInstance } from 'fastify';
import { controllerRoutes } from '../controller-routes';
import { BODY_LIMIT_KEY } from './body-limit.decorator';

export interface RouteBodyLimitOptions {
  /** Routes anyone may call (no authentication) get the small limit. */
  isPublic: (handler: object, controller: object) => boolean;
  publicBytes: number;
  authenticatedBytes: number;
}

/**
 * Gives every controller route its own Fastify `bodyLimit`: the handler's @BodyLimit(), else the public or
 * authenticated default. Nest passes only a route's `config` to Fastify, so the limit travels there and an
 * onRoute hook moves it to the route option. Must run before app.init() registers the routes.
 */
export function applyRouteBodyLimits(app: INestApplication, fastify: FastifyInstance, options: RouteBodyLimitOptions): void {
  for (const { controller, handler } of controllerRoutes(app)) {
    const explicit = Reflect.getMetadata(BODY_LIMIT_KEY, handler) as number | undefined;
    const bodyLimit = explicit ?? (options.isPublic(handler, controller) ? options.publicBytes : options.authenticatedBytes);
    const config = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, bodyLimit }, handler);
  }
  fastify.addHook('onRoute', (route) => {
    const bodyLimit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof bodyLimit === 'number') route.bodyLimit = bodyLimit;
  });
}
