import type { INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

export interface ControllerRoute {
  /** The controller class. */
  controller: new (...args: never[]) => unknown;
  /** The method's name on the controller. */
  name: string;
  /** The route handler (its decorators' metadata live on it). */
  handler: object;
}

/** Every route handler of every controller the application registered. */
export function controllerRoutes(app: INestApplicationContext): ControllerRoute[] {
  const routes: ControllerRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as ControllerRoute['controller'] | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        routes.push({ controller, name, handler });
      }
    }
  }
  return routes;
}
