import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig, isUuid, Problems } from '@app/core';
import { Db } from '@app/database';
import { AccessService } from '@app/tenants';
import { QUEUE_DASHBOARD_AUDIENCE, QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH, QUEUE_DASHBOARD_SESSION_SECONDS } from './queue-dashboard.constants';

interface DashboardClaims {
  sub: string;
  sid: string;
}

export interface DashboardViewer {
  userId: string;
  canWrite: boolean;
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/**
 * The dashboard's cookie: a short JWT (audience queue-dashboard) naming the staff member and their
 * auth session. Every dashboard request re-reads both from the database, so revoking the session or
 * the platform role ends access at once.
 */
@Injectable()
export class QueueDashboardAccess {
  constructor(
    private readonly jwt: JwtService,
    private readonly db: Db,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issueCookie(userId: string, sessionId: string): { cookie: string; expiresAt: Date } {
    const token = this.jwt.sign({ sub: userId, sid: sessionId } satisfies DashboardClaims, {
      audience: QUEUE_DASHBOARD_AUDIENCE,
      expiresIn: QUEUE_DASHBOARD_SESSION_SECONDS,
      algorithm: 'HS256',
    });
    const secure = this.config.publicUrl.startsWith('https:') ? '; Secure' : '';
    return {
      cookie: `${QUEUE_DASHBOARD_COOKIE}=${token}; Max-Age=${QUEUE_DASHBOARD_SESSION_SECONDS}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`,
      expiresAt: new Date(Date.now() + QUEUE_DASHBOARD_SESSION_SECONDS * 1000),
    };
  }

  /** Who is looking at the dashboard; throws a 401/403 problem when nobody allowed is. */
  async viewer(cookieHeader: string | undefined, method: string): Promise<DashboardViewer> {
    const token = cookieValue(cookieHeader, QUEUE_DASHBOARD_COOKIE);
    if (!token) throw Problems.unauthorized('Open the queue dashboard from the admin area (POST /api/v1/admin/queues/session).');
    let claims: DashboardClaims;
    try {
      claims = await this.jwt.verifyAsync<DashboardClaims>(token, { audience: QUEUE_DASHBOARD_AUDIENCE, algorithms: ['HS256'] });
    } catch {
      throw Problems.unauthorized('The queue dashboard session is not valid or has expired.');
    }
    if (!isUuid(claims.sub) || !isUuid(claims.sid)) throw Problems.unauthorized('The queue dashboard session is not valid.');
    const loaded = await this.db.transaction({ userId: claims.sub }, () => this.access.load(claims.sid, claims.sub, null));
    if (!loaded || loaded.sessionRevoked || loaded.sessionExpired) throw Problems.unauthorized('This session has ended; sign in again.');
    if (!loaded.permissions.has('platform.jobs:read')) throw Problems.unauthorized('The queue dashboard is for platform staff.');
    const canWrite = loaded.permissions.has('platform.jobs:write');
    if (!canWrite && method !== 'GET' && method !== 'HEAD') throw Problems.forbidden('This needs the permission platform.jobs:write.');
    return { userId: loaded.userId, canWrite };
  }
}
