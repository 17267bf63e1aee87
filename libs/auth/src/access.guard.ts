import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { type AuthenticatedPrincipal, type IdentifiedRequest, isUuid, ProblemException, Problems, type RequestIdentity, routeMetadata, sha256 } from '@app/core';
import { ALLOW_INACTIVE_TENANT_KEY, NOT_WHILE_IMPERSONATING_KEY, PERMISSIONS_KEY, PUBLIC_KEY } from '@app/rbac';
import { PrincipalService } from './principal/principal.service';
import type { AccessClaims } from './tokens.service';

const TENANT_STATUS_PROBLEMS: Record<string, [string, string]> = {
  pending: ['tenant-pending', 'This business is waiting for approval by the platform team.'],
  suspended: ['tenant-suspended', 'This business is suspended. Contact the platform team.'],
  rejected: ['tenant-rejected', 'This business was not approved.'],
};

const API_KEY = /^Bearer (sk_(?:live|test)_\S+)$/;
const BEARER = /^bearer (\S+)$/i;

/**
 * The global guard, the first step of every request, with no database work: public routes pass; every
 * other route needs a bearer token, either a JWT (verified here: signature, HS256, expiry, claims) or an
 * API key (`Bearer sk_live_…`; never on account routes, which need a person). It leaves the request's
 * identity for the rate limits; the principal is resolved and authorized (`authorizeRoute`) in the
 * request's transaction by the request interceptor.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly principals: PrincipalService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (routeMetadata<boolean>(context, PUBLIC_KEY)) return true;
    const required = routeMetadata<string[]>(context, PERMISSIONS_KEY);
    if (required === undefined) throw Problems.forbidden('This route declares no permission.');
    const request = context.switchToHttp().getRequest<FastifyRequest & IdentifiedRequest>();
    request.identity = this.identify(request.headers.authorization, required);
    return true;
  }

  private identify(authorization: string | undefined, required: string[]): RequestIdentity {
    const apiKey = API_KEY.exec(authorization ?? '')?.[1];
    if (apiKey) {
      if (required.length === 0) throw Problems.forbidden('API keys cannot use account routes; sign in as a member.');
      const keyHash = sha256(apiKey);
      return { kind: 'api-key', keyHash, knownRateLimit: this.principals.knownApiKeyRateLimit(keyHash) };
    }
    const token = BEARER.exec(authorization ?? '')?.[1];
    if (!token) throw Problems.unauthorized();
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims & object>(token, { algorithms: ['HS256'] });
    } catch {
      throw Problems.unauthorized();
    }
    if (!isUuid(claims.sub) || !isUuid(claims.sid) || (claims.tid !== null && claims.tid !== undefined && !isUuid(claims.tid))) {
      throw Problems.unauthorized('The access token is not valid.');
    }
    return { kind: 'session', userId: claims.sub, sessionId: claims.sid, tenantId: claims.tid ?? null };
  }
}

/**
 * What a route asks of a resolved principal: an active tenant (unless @AllowInactiveTenant), no
 * impersonation on @NotWhileImpersonating routes and the permissions the route declares.
 */
export function authorizeRoute(context: ExecutionContext, principal: AuthenticatedPrincipal): void {
  const required = routeMetadata<string[]>(context, PERMISSIONS_KEY) ?? [];
  if (!routeMetadata<boolean>(context, ALLOW_INACTIVE_TENANT_KEY) && principal.tenantId) {
    const problem = TENANT_STATUS_PROBLEMS[principal.tenantStatus ?? ''];
    if (problem) throw new ProblemException(problem[0], 403, 'Tenant not active', problem[1]);
    if (!principal.membershipActive) throw new ProblemException('membership-inactive', 403, 'Membership inactive', 'Your membership in this business is deactivated.');
  }
  if (principal.impersonatorId && routeMetadata<boolean>(context, NOT_WHILE_IMPERSONATING_KEY)) {
    throw new ProblemException(
      'impersonation-forbidden',
      403,
      'Not allowed while impersonating',
      'Platform staff acting as this user cannot create or change credentials, sessions, members or invitations.',
    );
  }
  const missing = required.filter((permission) => !principal.permissions.has(permission));
  if (missing.length) throw Problems.forbidden(`This needs the permission ${missing.join(', ')}.`);
}
