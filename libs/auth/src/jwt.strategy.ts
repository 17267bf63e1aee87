import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig, isUuid, jwtKey, type Principal, Problems } from '@app/core';
import { Db } from '@app/database';
import { AccessService } from '@app/tenants';
import type { AccessClaims } from './tokens.service';

export interface AuthenticatedPrincipal extends Principal {
  tenantStatus: string | null;
  membershipActive: boolean;
}

/** Verifies the bearer JWT, then reads the session, membership and permissions fresh from the database. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Db,
    private readonly access: AccessService,
  ) {
    // passport-jwt hands secretOrKey to jsonwebtoken 9 as is, which takes a KeyObject; its typings only say string | Buffer.
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: jwtKey(config) as unknown as Buffer, algorithms: ['HS256'], ignoreExpiration: false });
  }

  async validate(claims: AccessClaims): Promise<AuthenticatedPrincipal> {
    if (!isUuid(claims.sub) || !isUuid(claims.sid) || (claims.tid !== null && !isUuid(claims.tid))) throw Problems.unauthorized('The access token is not valid.');
    const loaded = await this.db.transaction({ tenantId: claims.tid, userId: claims.sub }, () => this.access.load(claims.sid, claims.sub, claims.tid));
    if (!loaded || loaded.sessionRevoked || loaded.sessionExpired) throw Problems.unauthorized('This session has ended; sign in again.');
    return {
      userId: loaded.userId,
      email: loaded.email,
      tenantId: loaded.tenantId,
      sessionId: claims.sid,
      permissions: loaded.permissions,
      platformRole: loaded.platformRole,
      impersonatorId: loaded.impersonatorId,
      tenantStatus: loaded.tenantStatus,
      membershipActive: loaded.membershipActive,
    };
  }
}
