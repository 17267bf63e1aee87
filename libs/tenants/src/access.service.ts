import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';
import { expandTenantPermissions, platformPermissions } from '@app/rbac';
import type { TenantStatus } from './tenant.entity';

export interface SessionAccess {
  userId: string;
  email: string;
  platformRole: string | null;
  sessionRevoked: boolean;
  sessionExpired: boolean;
  /** When the session ends by itself. */
  sessionExpiresAt: Date;
  impersonatorId: string | null;
  tenantId: string | null;
  tenantStatus: TenantStatus | null;
  membershipActive: boolean;
  permissions: Set<string>;
}

export interface MembershipSummary {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  tenantStatus: TenantStatus;
  tenantStatusReason: string | null;
  active: boolean;
  roles: string[];
}

/** Every permission pattern the roles of membership `m` grant. */
const MEMBERSHIP_PERMISSIONS_SQL = `coalesce((select array_agg(p) from membership_roles mr join roles r on r.id = mr.role_id and r.tenant_id = mr.tenant_id,
                        unnest(r.permissions) p where mr.membership_id = m.id and mr.tenant_id = m.tenant_id), '{}')`;

export interface MemberAccess {
  email: string;
  tenantStatus: TenantStatus;
  plan: string;
  membershipActive: boolean;
  permissions: Set<string>;
}

/**
 * Answers "who is this and what may they do here". The request path caches the answer per session or
 * key and re-reads it whenever the access stamp in the database changes (PrincipalService).
 */
@Injectable()
export class AccessService {
  constructor(private readonly db: Db) {}

  /**
   * Must run in a transaction bound to (tenantId, userId). An impersonation session counts as revoked
   * once the staff session that opened it is revoked or expired, or its staff member may no longer impersonate.
   */
  async load(sessionId: string, userId: string, tenantId: string | null): Promise<SessionAccess | null> {
    const rows = await this.db.query<any>(
      `select u.id, u.email, u.platform_role,
              s.revoked_at is not null as revoked, s.expires_at <= now() as expired, s.expires_at, s.impersonator_id,
              case when s.impersonator_id is not null then app_open_session_platform_role(s.impersonator_session_id) end as staff_platform_role,
              t.status as tenant_status, m.active as membership_active,
              ${MEMBERSHIP_PERMISSIONS_SQL} as permissions
         from auth_sessions s
         join users u on u.id = s.user_id
         left join tenants t on t.id = $3
         left join memberships m on m.tenant_id = t.id and m.user_id = u.id
        where s.id = $1 and s.user_id = $2`,
      [sessionId, userId, tenantId],
    );
    const row = rows[0];
    if (!row) return null;
    const isMember = row.membership_active !== null;
    const impersonated = row.impersonator_id !== null;
    // An impersonation lives only as long as the staff session that opened it, and its right to impersonate.
    const impersonationEnded = impersonated && !platformPermissions(row.staff_platform_role).includes('platform.tenants:impersonate');
    const permissions = isMember && row.membership_active ? expandTenantPermissions(row.permissions) : new Set<string>();
    for (const p of impersonated ? [] : platformPermissions(row.platform_role)) permissions.add(p);
    return {
      userId: row.id,
      email: row.email,
      platformRole: impersonated ? null : row.platform_role,
      sessionRevoked: row.revoked || impersonationEnded,
      sessionExpired: row.expired,
      sessionExpiresAt: row.expires_at,
      impersonatorId: row.impersonator_id,
      tenantId: isMember ? tenantId : null,
      tenantStatus: isMember ? row.tenant_status : null,
      membershipActive: Boolean(row.membership_active),
      permissions,
    };
  }

  /** A member's current standing and tenant permissions; must run in a transaction bound to the tenant. */
  async memberAccess(userId: string, tenantId: string): Promise<MemberAccess | null> {
    const rows = await this.db.query<any>(
      `select u.email, t.status as tenant_status, t.plan, m.active, ${MEMBERSHIP_PERMISSIONS_SQL} as permissions
         from memberships m join tenants t on t.id = m.tenant_id join users u on u.id = m.user_id
        where m.tenant_id = $1 and m.user_id = $2`,
      [tenantId, userId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      email: row.email,
      tenantStatus: row.tenant_status,
      plan: row.plan,
      membershipActive: row.active,
      permissions: row.active ? expandTenantPermissions(row.permissions) : new Set<string>(),
    };
  }

  /** Every membership of the user, across tenants (RLS lets a user read their own memberships). */
  async membershipsOf(userId: string): Promise<MembershipSummary[]> {
    await this.db.bindUser(userId);
    const rows = await this.db.manager().query(
      `select m.tenant_id, t.name, t.slug, t.status, t.status_reason, m.active,
              coalesce((select array_agg(r.key order by r.key) from membership_roles mr join roles r on r.id = mr.role_id
                         where mr.membership_id = m.id), '{}') as roles
         from memberships m join tenants t on t.id = m.tenant_id
        where m.user_id = $1 order by m.created_at asc`,
      [userId],
    );
    return rows.map((r: any) => ({ tenantId: r.tenant_id, tenantName: r.name, tenantSlug: r.slug, tenantStatus: r.status, tenantStatusReason: r.status_reason, active: r.active, roles: r.roles }));
  }

  /** The tenant a fresh sign-in lands in: the first active membership, preferring active tenants. */
  async defaultTenant(userId: string): Promise<string | null> {
    const memberships = (await this.membershipsOf(userId)).filter((m) => m.active);
    return (memberships.find((m) => m.tenantStatus === 'active') ?? memberships[0])?.tenantId ?? null;
  }
}
