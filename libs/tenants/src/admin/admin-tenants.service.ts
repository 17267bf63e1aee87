import { Injectable } from '@nestjs/common';
import { cursorTimestampSql, decodeTimeCursor, type Page, pageSize, ProblemException, Problems, toPage } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { containsPattern } from '../like-pattern';
import type { TenantStatus } from '../tenant.entity';
import type { AdminTenantDto } from './dto/admin-tenant.dto';
import type { AdminTenantQueryDto } from './dto/admin-tenant-query.dto';
import type { BulkTenantResultDto } from './dto/bulk-tenant-result.dto';
import type { BulkTenantsDto } from './dto/bulk-tenants.dto';
import type { ImpersonatedUserDto } from './dto/impersonated-user.dto';
import { TENANT_TRANSITIONS, type TenantTransition } from './tenant-transitions';

interface TenantRow {
  id: string;
  name: string;
  slug: string;
  status: TenantStatus;
  plan: string;
  created_at: Date;
  cursor_ts: string;
  member_count: string;
  owner_email: string | null;
  status_reason: string | null;
}

const SELECT_TENANTS = `
  select t.id, t.name, t.slug, t.status, t.plan, t.created_at, t.status_reason,
         ${cursorTimestampSql('t.created_at')} as cursor_ts,
         (select count(*) from memberships m where m.tenant_id = t.id and m.active) as member_count,
         (select u.email from memberships m
            join membership_roles mr on mr.membership_id = m.id and mr.tenant_id = m.tenant_id
            join roles r on r.id = mr.role_id and r.tenant_id = mr.tenant_id and r.key = 'owner'
            join users u on u.id = m.user_id
           where m.tenant_id = t.id and m.active
           order by m.created_at asc, m.id asc limit 1) as owner_email
    from tenants t`;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function toDto(row: TenantRow): AdminTenantDto {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    status: row.status,
    plan: row.plan,
    createdAt: new Date(row.created_at).toISOString(),
    memberCount: Number(row.member_count),
    ownerEmail: row.owner_email,
    statusReason: row.status_reason,
  };
}

function invalidTransition(action: TenantTransition, from: TenantStatus, to: TenantStatus, allowedFrom: TenantStatus): ProblemException {
  return new ProblemException(
    'invalid-transition',
    409,
    'Invalid status transition',
    `Cannot ${action} this tenant: the transition ${from} → ${to} is not allowed (${action} applies only to ${allowedFrom} tenants).`,
    undefined,
    { from, to, action },
  );
}

/**
 * Platform staff's view of every tenant. Every method opens the explicit cross-tenant path first
 * (RLS is open for the rest of the request's transaction) and audits what it changes in the tenant's log.
 */
@Injectable()
export class AdminTenantsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(query: AdminTenantQueryDto): Promise<Page<AdminTenantDto>> {
    await this.db.crossTenant();
    const limit = pageSize(query);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const q = query.q?.trim();
    if (q) {
      const p = param(containsPattern(q));
      where.push(`(t.name ilike ${p} escape '\\' or t.slug ilike ${p} escape '\\')`);
    }
    if (query.status) where.push(`t.status = ${param(query.status)}`);
    if (query.plan) where.push(`t.plan = ${param(query.plan)}`);
    const from = query.createdFrom ? new Date(query.createdFrom) : null;
    let to: Date | null = null;
    if (query.createdTo) {
      to = new Date(query.createdTo);
      if (DATE_ONLY.test(query.createdTo)) to = new Date(to.getTime() + 86_400_000 - 1);
    }
    if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) {
      throw Problems.validation([{ field: from && Number.isNaN(from.getTime()) ? 'createdFrom' : 'createdTo', message: 'must be a valid ISO 8601 date' }]);
    }
    if (from && to && from > to) throw Problems.validation([{ field: 'createdFrom', message: 'createdFrom must not be after createdTo' }]);
    if (from) where.push(`t.created_at >= ${param(from.toISOString())}::timestamptz`);
    if (to) where.push(`t.created_at < ${param(to.toISOString())}::timestamptz + interval '1 millisecond'`);
    const cursor = decodeTimeCursor(query.cursor);
    if (cursor) where.push(`(t.created_at, t.id) < (${param(cursor.at)}::timestamptz, ${param(cursor.id)}::uuid)`);
    const rows: TenantRow[] = await this.db.manager().query(
      `${SELECT_TENANTS} ${where.length ? `where ${where.join(' and ')}` : ''}
        order by t.created_at desc, t.id desc limit ${param(limit + 1)}`,
      params,
    );
    const page = toPage(rows, limit, (row) => ({ v: row.cursor_ts, id: row.id }));
    return { data: page.data.map(toDto), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<AdminTenantDto> {
    await this.db.crossTenant();
    const rows: TenantRow[] = await this.db.manager().query(`${SELECT_TENANTS} where t.id = $1`, [id]);
    if (!rows[0]) throw Problems.notFound('Tenant');
    return toDto(rows[0]);
  }

  /** Moves a tenant along one allowed edge (pending → active|rejected, active ⇄ suspended). */
  async transition(id: string, transition: TenantTransition, reason?: string): Promise<AdminTenantDto> {
    await this.db.crossTenant();
    await this.applyTransition(id, transition, reason);
    return this.get(id);
  }

  private async lock(id: string): Promise<{ id: string; status: TenantStatus; plan: string; status_reason: string | null }> {
    const rows = await this.db.manager().query(`select id, status, plan, status_reason from tenants where id = $1 for update`, [id]);
    if (!rows[0]) throw Problems.notFound('Tenant');
    return rows[0];
  }

  private async applyTransition(id: string, transition: TenantTransition, reason?: string): Promise<{ status: TenantStatus; plan: string }> {
    const edge = TENANT_TRANSITIONS[transition];
    const tenant = await this.lock(id);
    if (tenant.status !== edge.from) throw invalidTransition(transition, tenant.status, edge.to, edge.from);
    const statusReason = transition === 'reject' || transition === 'suspend' ? (reason?.trim() || null) : null;
    await this.db.manager().query(
      `update tenants set status = $2, status_reason = $3, updated_at = now(),
              approved_at = case when $4::boolean then now() else approved_at end
        where id = $1`,
      [id, edge.to, statusReason, transition === 'approve'],
    );
    await this.audit.record({
      action: edge.audit,
      entityType: 'tenant',
      entityId: id,
      tenantId: id,
      before: { status: tenant.status, statusReason: tenant.status_reason },
      after: { status: edge.to, statusReason },
    });
    return { status: edge.to, plan: tenant.plan };
  }

  private async changePlan(id: string, plan: string): Promise<{ status: TenantStatus; plan: string }> {
    const tenant = await this.lock(id);
    if (tenant.plan !== plan) {
      await this.db.manager().query(`update tenants set plan = $2, updated_at = now() where id = $1`, [id, plan]);
      await this.audit.record({ action: 'tenant.plan_changed', entityType: 'tenant', entityId: id, tenantId: id, before: { plan: tenant.plan }, after: { plan } });
    }
    return { status: tenant.status, plan };
  }

  /** Applies one action to many tenants; each id runs under its own savepoint so a failure stays local. */
  async bulk(input: BulkTenantsDto): Promise<BulkTenantResultDto[]> {
    if (input.action === 'change_plan' && !input.plan) throw Problems.validation([{ field: 'plan', message: 'plan is required for change_plan' }]);
    if (input.action !== 'change_plan' && input.plan !== undefined) throw Problems.validation([{ field: 'plan', message: 'plan is only accepted with change_plan' }]);
    await this.db.crossTenant();
    const manager = this.db.manager();
    const results: BulkTenantResultDto[] = [];
    for (const id of [...new Set(input.ids.map((i) => i.toLowerCase()))]) {
      await manager.query('savepoint admin_bulk_tenant');
      try {
        const outcome = input.action === 'change_plan' ? await this.changePlan(id, input.plan!) : await this.applyTransition(id, input.action);
        await manager.query('release savepoint admin_bulk_tenant');
        results.push({ id, ok: true, ...outcome });
      } catch (error) {
        await manager.query('rollback to savepoint admin_bulk_tenant');
        if (!(error instanceof ProblemException)) throw error;
        results.push({ id, ok: false, error: error.slug, detail: error.detail });
      }
    }
    return results;
  }

  /**
   * The user an impersonation opens as: `userId` or the tenant's first active owner. They must be an
   * active member of the tenant (404) and never platform staff (403).
   */
  async impersonationTarget(tenantId: string, userId?: string): Promise<ImpersonatedUserDto> {
    await this.db.crossTenant();
    const tenants = await this.db.manager().query(`select id from tenants where id = $1`, [tenantId]);
    if (!tenants[0]) throw Problems.notFound('Tenant');
    const rows: Array<{ user_id: string; email: string; platform_role: string | null }> = userId
      ? await this.db.manager().query(
          `select u.id as user_id, u.email, u.platform_role
             from memberships m join users u on u.id = m.user_id
            where m.tenant_id = $1 and m.user_id = $2 and m.active`,
          [tenantId, userId],
        )
      : await this.db.manager().query(
          `select u.id as user_id, u.email, u.platform_role
             from memberships m
             join membership_roles mr on mr.membership_id = m.id and mr.tenant_id = m.tenant_id
             join roles r on r.id = mr.role_id and r.tenant_id = mr.tenant_id and r.key = 'owner'
             join users u on u.id = m.user_id
            where m.tenant_id = $1 and m.active
            order by m.created_at asc, m.id asc limit 1`,
          [tenantId],
        );
    const target = rows[0];
    if (!target) throw Problems.notFound(userId ? 'An active member with this id' : 'An active owner of this tenant');
    if (target.platform_role) throw Problems.forbidden('Platform staff cannot be impersonated.');
    return { userId: target.user_id, email: target.email };
  }
}
