import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedPrincipal } from './jwt.strategy';

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedPrincipal => {
  return context.switchToHttp().getRequest().user;
});
