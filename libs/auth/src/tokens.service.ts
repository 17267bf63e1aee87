import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig, currentContext, newId, newOpaqueToken, Problems, sha256 } from '@app/core';
import { Db } from '@app/database';
import type { TokensDto } from './dto/auth.dto';

export interface AccessClaims {
  sub: string;
  tid: string | null;
  sid: string;
  imp?: string;
}

const IMPERSONATION_SECONDS = 3600;

/** Access JWTs (short, bound to one tenant) and opaque refresh tokens (hashed, rotated, families revoked on reuse). */
@Injectable()
export class TokensService {
  constructor(
    private readonly db: Db,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  signAccess(claims: AccessClaims, ttlSeconds = this.config.accessTokenTtlSeconds): string {
    return this.jwt.sign({ ...claims }, { expiresIn: ttlSeconds, algorithm: 'HS256' });
  }

  private async newRefreshToken(sessionId: string): Promise<string> {
    const token = newOpaqueToken();
    await this.db.manager().query(`insert into refresh_tokens (id, session_id, token_hash) values ($1, $2, $3)`, [newId(), sessionId, sha256(token)]);
    return token;
  }

  /** Opens an auth session (one device sign-in) and returns its first token pair. */
  async openSession(userId: string, tenantId: string | null): Promise<TokensDto & { sessionId: string }> {
    const context = currentContext();
    const sessionId = newId();
    await this.db.manager().query(
      `insert into auth_sessions (id, user_id, tenant_id, user_agent, ip, expires_at)
       values ($1, $2, $3, $4, $5, now() + make_interval(days => $6))`,
      [sessionId, userId, tenantId, context?.userAgent?.slice(0, 500) ?? null, context?.ip ?? null, this.config.refreshTokenTtlDays],
    );
    const refreshToken = await this.newRefreshToken(sessionId);
    return { sessionId, accessToken: this.signAccess({ sub: userId, tid: tenantId, sid: sessionId }), refreshToken, expiresIn: this.config.accessTokenTtlSeconds, tenantId };
  }

  /**
   * A non-refreshable session of `userId` opened by platform staff from their session `staffSessionId`:
   * it lasts one hour at most, never longer than the staff session, and ends with it (AccessService).
   */
  async openImpersonation(
    impersonatorId: string,
    staffSessionId: string,
    userId: string,
    tenantId: string,
  ): Promise<{ accessToken: string; expiresIn: number; sessionId: string }> {
    const context = currentContext();
    const sessionId = newId();
    const rows: Array<{ seconds: number }> = await this.db.manager().query(
      `insert into auth_sessions (id, user_id, tenant_id, impersonator_id, impersonator_session_id, user_agent, ip, expires_at)
       select $1, $2, $3, $4, s.id, $6, $7, least(now() + make_interval(secs => $8), s.expires_at)
         from auth_sessions s where s.id = $5 and s.user_id = $4 and s.revoked_at is null and s.expires_at > now()
       returning floor(extract(epoch from expires_at - now()))::int as seconds`,
      [sessionId, userId, tenantId, impersonatorId, staffSessionId, context?.userAgent?.slice(0, 500) ?? null, context?.ip ?? null, IMPERSONATION_SECONDS],
    );
    if (!rows[0] || rows[0].seconds < 1) throw Problems.unauthorized('This session has ended; sign in again.');
    const expiresIn = rows[0].seconds;
    return { sessionId, accessToken: this.signAccess({ sub: userId, tid: tenantId, sid: sessionId, imp: impersonatorId }, expiresIn), expiresIn };
  }

  /**
   * Rotates a refresh token. Presenting one that was already rotated means it leaked: the whole
   * session (token family) is revoked and the caller gets 401.
   */
  async rotate(refreshToken: string): Promise<TokensDto & { userId: string; sessionId: string; reused: boolean }> {
    // The session is found through the token's secret, then handled as its user's (row-level security).
    await this.db.bindRefreshToken(sha256(refreshToken));
    const owners: Array<{ user_id: string }> = await this.db.manager().query(
      `select s.user_id from refresh_tokens rt join auth_sessions s on s.id = rt.session_id where rt.token_hash = $1`,
      [sha256(refreshToken)],
    );
    await this.db.bindRefreshToken('');
    if (!owners[0]) throw Problems.unauthorized('The refresh token is not valid.');
    await this.db.bindUser(owners[0].user_id);
    const rows = await this.db.manager().query(
      `select rt.id, rt.rotated_at, s.id as session_id, s.user_id, s.tenant_id, s.revoked_at, s.expires_at <= now() as expired
         from refresh_tokens rt join auth_sessions s on s.id = rt.session_id
        where rt.token_hash = $1 for update of rt, s`,
      [sha256(refreshToken)],
    );
    const row = rows[0];
    if (!row || row.revoked_at || row.expired) throw Problems.unauthorized('The refresh token is not valid.');
    if (row.rotated_at) {
      await this.revokeSession(row.session_id, 'refresh_token_reuse');
      return { reused: true, userId: row.user_id, sessionId: row.session_id, accessToken: '', refreshToken: '', expiresIn: 0, tenantId: null };
    }
    await this.db.manager().query(`update refresh_tokens set rotated_at = now() where id = $1`, [row.id]);
    await this.db.manager().query(`update auth_sessions set last_active_at = now() where id = $1`, [row.session_id]);
    const next = await this.newRefreshToken(row.session_id);
    return {
      reused: false,
      userId: row.user_id,
      sessionId: row.session_id,
      accessToken: this.signAccess({ sub: row.user_id, tid: row.tenant_id, sid: row.session_id }),
      refreshToken: next,
      expiresIn: this.config.accessTokenTtlSeconds,
      tenantId: row.tenant_id,
    };
  }

  /** Moves a session to another tenant and returns a fresh pair (the old refresh token stops working). */
  async switchTenant(sessionId: string, userId: string, tenantId: string): Promise<TokensDto> {
    await this.db.manager().query(`update auth_sessions set tenant_id = $2 where id = $1`, [sessionId, tenantId]);
    await this.db.manager().query(`update refresh_tokens set rotated_at = now() where session_id = $1 and rotated_at is null`, [sessionId]);
    const refreshToken = await this.newRefreshToken(sessionId);
    return { accessToken: this.signAccess({ sub: userId, tid: tenantId, sid: sessionId }), refreshToken, expiresIn: this.config.accessTokenTtlSeconds, tenantId };
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.db.manager().query(`update auth_sessions set revoked_at = now(), revoked_reason = $2 where id = $1 and revoked_at is null`, [sessionId, reason]);
  }

  async revokeAllSessions(userId: string, reason: string): Promise<void> {
    await this.db.manager().query(`update auth_sessions set revoked_at = now(), revoked_reason = $2 where user_id = $1 and revoked_at is null`, [userId, reason]);
  }
}
