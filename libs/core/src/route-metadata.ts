import type { ExecutionContext } from '@nestjs/common';

type Target = object;
const byController = new WeakMap<Target, WeakMap<Target, Map<string, unknown>>>();

/**
 * A route's decorator metadata under `key`: the handler's, else its controller's (Nest's
 * getAllAndOverride), reflected once per route and then kept, so the guards and interceptors of every
 * request read a map entry instead of walking reflect-metadata.
 */
export function routeMetadata<T>(context: ExecutionContext, key: string): T | undefined {
  const controller = context.getClass();
  const handler = context.getHandler();
  let byHandler = byController.get(controller);
  if (!byHandler) byController.set(controller, (byHandler = new WeakMap()));
  let values = byHandler.get(handler);
  if (!values) byHandler.set(handler, (values = new Map()));
  if (values.has(key)) return values.get(key) as T | undefined;
  const value = (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
  values.set(key, value);
  return value;
}
