import { Injectable } from '@nestjs/common';
import { newId, ProblemException, Problems } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { RolesService } from '@app/rbac';
import { WebhookEventsService } from '@app/webhooks';
import type { TenantDto, UpdateTenantDto } from './dto/tenant.dto';
import { Membership } from './membership.entity';
import { readPlatformSettings } from './platform-settings/platform-settings';
import { DEFAULT_TENANT_SETTINGS, Tenant, TenantSettings, TenantStatus } from './tenant.entity';

export function slugify(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'tenant';
}

export function toTenantDto(tenant: Tenant): TenantDto {
  return {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    status: tenant.status,
    plan: tenant.plan,
    settings: {
      ...DEFAULT_TENANT_SETTINGS,
      ...tenant.settings,
      branding: { ...DEFAULT_TENANT_SETTINGS.branding, ...tenant.settings.branding },
      refundPolicy: { ...DEFAULT_TENANT_SETTINGS.refundPolicy, ...tenant.settings.refundPolicy },
      billingEmails: { ...DEFAULT_TENANT_SETTINGS.billingEmails, ...tenant.settings.billingEmails },
    },
  };
}

@Injectable()
export class TenantsService {
  constructor(
    private readonly db: Db,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEventsService,
  ) {}

  /** Creates a tenant with its system roles and the given user as owner; binds the transaction to it. */
  async create(name: string, ownerUserId: string, status: TenantStatus): Promise<Tenant> {
    const id = newId();
    const base = slugify(name);
    let slug = base;
    await this.db.bindTenant(id);
    // A new tenant starts with the platform's current default fee and currency; staff may change its fee later.
    const platform = await readPlatformSettings(this.db.manager());
    const settings: TenantSettings = { platformFeeBps: platform.defaultPlatformFeeBps, defaultCurrency: platform.defaultCurrency };
    for (let attempt = 0; ; attempt++) {
      const inserted = await this.db.manager().query(
        `insert into tenants (id, name, slug, status, settings, approved_at)
         values ($1, $2, $3, $4, $5::jsonb, case when $4 = 'active' then now() end)
         on conflict (slug) do nothing returning id`,
        [id, name.trim(), slug, status, JSON.stringify(settings)],
      );
      if (inserted.length) break;
      if (attempt > 8) throw Problems.conflict('slug-taken', 'Could not find a free slug for this name.');
      slug = `${base}-${newId().slice(-5)}`;
    }
    const roleIds = await this.roles.seedSystemRoles(id);
    await this.addMember(id, ownerUserId, [roleIds.get('owner')!]);
    const tenant = await this.db.repo(Tenant).findOneByOrFail({ id });
    await this.audit.record({ action: 'tenant.created', entityType: 'tenant', entityId: id, tenantId: id, actorId: ownerUserId, after: toTenantDto(tenant) });
    return tenant;
  }

  /** Adds (or re-activates) a membership with the given roles, in the transaction's tenant. */
  async addMember(tenantId: string, userId: string, roleIds: string[]): Promise<string> {
    const existing = await this.db.repo(Membership).findOneBy({ tenantId, userId });
    const membershipId = existing?.id ?? newId();
    if (existing) {
      await this.db.repo(Membership).update({ id: membershipId, tenantId }, { active: true });
    } else {
      await this.db.repo(Membership).insert({ id: membershipId, tenantId, userId, active: true });
    }
    for (const roleId of roleIds) {
      await this.db.manager().query(
        `insert into membership_roles (tenant_id, membership_id, role_id) values ($1, $2, $3) on conflict do nothing`,
        [tenantId, membershipId, roleId],
      );
    }
    return membershipId;
  }

  async current(): Promise<Tenant> {
    const tenant = await this.db.repo(Tenant).findOneBy({ id: this.db.tenantId() });
    if (!tenant) throw Problems.notFound('Tenant');
    return tenant;
  }

  async updateCurrent(input: UpdateTenantDto): Promise<TenantDto> {
    // Locked for the read-modify-write of settings: two concurrent changes of different fields both stay.
    const tenant = await this.db.repo(Tenant).findOne({ where: { id: this.db.tenantId() }, lock: { mode: 'pessimistic_write' } });
    if (!tenant) throw Problems.notFound('Tenant');
    const before = toTenantDto(tenant);
    const { platformFeeBps, branding, refundPolicy, billingEmails, ...fields } = input.settings ?? {};
    if (platformFeeBps !== undefined && platformFeeBps !== before.settings.platformFeeBps) {
      throw new ProblemException('platform-fee-read-only', 403, 'Forbidden', 'The platform fee is set by platform staff.');
    }
    const settings: TenantSettings = { ...tenant.settings };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) (settings as Record<string, unknown>)[key] = value;
    }
    // Nested settings change field by field: what the request leaves out keeps its value.
    const merged = <T extends object>(held: T, given: object | undefined): T | undefined =>
      given ? { ...held, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } : undefined;
    settings.branding = merged(before.settings.branding, branding) ?? settings.branding;
    settings.refundPolicy = merged(before.settings.refundPolicy, refundPolicy) ?? settings.refundPolicy;
    settings.billingEmails = merged(before.settings.billingEmails, billingEmails) ?? settings.billingEmails;
    const name = input.name?.trim() ?? tenant.name;
    await this.db.query(`update tenants set name = $2, settings = $3, updated_at = now() where id = $1`, [tenant.id, name, settings]);
    const after = toTenantDto({ ...tenant, name, settings });
    await this.audit.record({ action: 'tenant.updated', entityType: 'tenant', entityId: tenant.id, before, after });
    await this.webhooks.publish('tenant.updated', { ...after, previous: before });
    return after;
  }

  /** Platform staff set a tenant's platform fee (the tenant reads it, never writes it). */
  async setPlatformFee(tenantId: string, platformFeeBps: number): Promise<TenantDto> {
    await this.db.crossTenant();
    const tenant = await this.db.repo(Tenant).findOne({ where: { id: tenantId }, lock: { mode: 'pessimistic_write' } });
    if (!tenant) throw Problems.notFound('Tenant');
    const before = toTenantDto(tenant).settings.platformFeeBps;
    if (before !== platformFeeBps) {
      await this.db.repo(Tenant).update({ id: tenantId }, { settings: { ...tenant.settings, platformFeeBps } });
      await this.audit.record({
        action: 'tenant.platform_fee_changed',
        entityType: 'tenant',
        entityId: tenantId,
        tenantId,
        before: { platformFeeBps: before },
        after: { platformFeeBps },
      });
    }
    return toTenantDto(await this.db.repo(Tenant).findOneByOrFail({ id: tenantId }));
  }
}
