import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ProblemException, Problems } from '@app/core';
import { ALLOW_INACTIVE_TENANT_KEY, NOT_WHILE_IMPERSONATING_KEY, PERMISSIONS_KEY, PUBLIC_KEY } from '@app/rbac';
import { ApiKeysService } from './api-keys/api-keys.service';
import type { AuthenticatedPrincipal } from './jwt.strategy';

const TENANT_STATUS_PROBLEMS: Record<string, [string, string]> = {
  pending: ['tenant-pending', 'This business is waiting for approval by the platform team.'],
  suspended: ['tenant-suspended', 'This business is suspended. Contact the platform team.'],
  rejected: ['tenant-rejected', 'This business was not approved.'],
};

/**
 * The global guard: public routes pass; every other route needs a valid session or API key
 * (`Bearer sk_live_…`; never on account routes, which need a person), an active tenant
 * (unless marked @AllowInactiveTenant), no impersonation on @NotWhileImpersonating routes and the
 * permissions the route declares.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const required = this.reflector.getAllAndOverride<string[] | undefined>(PERMISSIONS_KEY, targets);
    if (required === undefined) throw Problems.forbidden('This route declares no permission.');
    const request = context.switchToHttp().getRequest();
    const apiKey = /^Bearer (sk_(?:live|test)_\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (apiKey) {
      if (required.length === 0) throw Problems.forbidden('API keys cannot use account routes; sign in as a member.');
      request.user = await this.apiKeys.authenticate(apiKey, request.ip);
    } else {
      await super.canActivate(context);
    }
    const principal = request.user as AuthenticatedPrincipal;
    const allowInactive = this.reflector.getAllAndOverride<boolean>(ALLOW_INACTIVE_TENANT_KEY, targets);
    if (!allowInactive && principal.tenantId) {
      const problem = TENANT_STATUS_PROBLEMS[principal.tenantStatus ?? ''];
      if (problem) throw new ProblemException(problem[0], 403, 'Tenant not active', problem[1]);
      if (!principal.membershipActive) throw new ProblemException('membership-inactive', 403, 'Membership inactive', 'Your membership in this business is deactivated.');
    }
    if (principal.impersonatorId && this.reflector.getAllAndOverride<boolean>(NOT_WHILE_IMPERSONATING_KEY, targets)) {
      throw new ProblemException(
        'impersonation-forbidden',
        403,
        'Not allowed while impersonating',
        'Platform staff acting as this user cannot create or change credentials, sessions, members or invitations.',
      );
    }
    const missing = required.filter((permission) => !principal.permissions.has(permission));
    if (missing.length) throw Problems.forbidden(`This needs the permission ${missing.join(', ')}.`);
    return true;
  }

  handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw Problems.unauthorized();
    return user;
  }
}
