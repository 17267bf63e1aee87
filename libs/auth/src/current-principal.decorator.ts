import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedPrincipal } from '@app/core';

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedPrincipal => {
  return context.switchToHttp().getRequest().user;
});
