import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { containsPattern, cursorTimestampSql, iso, isoOrNull, NewestFirstQuery, type Page, Problems } from '@app/core';
import { Db } from '@app/database';
import { customerColumns } from '../mirror/customers';
import type { TenantStripe } from '../gateway/stripe-gateway';
import { StripeGateway } from '../gateway/stripe-gateway';
import { BillingOperation } from './billing-operation';
import type { BillingCustomerDetailDto, BillingCustomerDto } from './dto/billing-customer.dto';
import type { CustomerCreateDto, CustomerQueryDto, CustomerUpdateDto } from './dto/catalog-input.dto';

type Row = Record<string, any> & { id: string };


function toCustomer(r: Row): BillingCustomerDto {
  return {
    id: r.id,
    stripeId: r.stripe_id,
    email: r.email,
    name: r.name,
    currency: r.currency,
    balance: Number(r.balance),
    delinquent: r.delinquent,
    deletedAt: isoOrNull(r.deleted_at),
    stripeUpdatedAt: iso(r.stripe_updated_at),
    createdAt: iso(r.created_at),
  };
}

/** The tenant's Stripe customers: one per (tenant, email), linked to a member when there is one. */
@Injectable()
export class BillingCustomersService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly operation: BillingOperation,
    private readonly audit: AuditService,
  ) {}

  async list(query: CustomerQueryDto): Promise<Page<BillingCustomerDto>> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('c');
    list.where(`c.tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.search) {
      const pattern = list.param(containsPattern(query.search));
      list.where(`(c.email ilike ${pattern} or c.name ilike ${pattern})`);
    }
    const page = await list.page<Row & { cursor_at: string }>(
      `select c.id, c.stripe_id, c.email, c.name, c.currency, c.balance, c.delinquent, c.deleted_at, c.stripe_updated_at, c.created_at,
              ${cursorTimestampSql('c.created_at')} as cursor_at from billing_customers c`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return { nextCursor: page.nextCursor, data: page.data.map(toCustomer) };
  }

  async get(id: string): Promise<BillingCustomerDetailDto> {
    this.gateway.assertConfigured();
    return this.detail(this.db.manager(), this.db.tenantId(), id);
  }

  async create(body: CustomerCreateDto, clientKey?: string): Promise<{ created: boolean; customer: BillingCustomerDetailDto }> {
    const tenantId = this.operation.principal().tenantId;
    const existing = await this.operation.tx(async (manager) => {
      if (body.memberId) {
        const [member] = await manager.query(`select id from memberships where tenant_id = $1 and id = $2`, [tenantId, body.memberId]);
        if (!member) throw Problems.notFound('Member');
      }
      const found = await this.byEmail(manager, tenantId, body.email);
      return found ? this.detail(manager, tenantId, found.id) : null;
    });
    if (existing) return { created: false, customer: existing };
    const stripe = await this.operation.stripe();
    const op = this.operation.operationId(`customers.create:${body.email}`, clientKey);
    const customer = await this.ensure(stripe, op, { email: body.email, name: body.name ?? null, memberId: body.memberId ?? null });
    return { created: customer.created, customer: await this.operation.tx((manager) => this.detail(manager, tenantId, customer.id)) };
  }

  /**
   * The customer with this email, or a new one created in Stripe and mirrored (linked to the member when
   * given). Concurrent creations for one email meet in Stripe's idempotency (same operation id) or in
   * the mirror (the first row wins the lookup).
   */
  async ensure(stripe: TenantStripe, operationId: string, input: { email: string; name: string | null; memberId: string | null }): Promise<{ id: string; stripeId: string; created: boolean }> {
    const tenantId = this.operation.principal().tenantId;
    const customer = await stripe.createCustomer(operationId, { email: input.email, name: input.name, metadata: input.memberId ? { member_id: input.memberId } : {} });
    return this.operation.tx(async (manager) => {
      const found = await this.byEmail(manager, tenantId, input.email);
      if (found && found.stripe_id !== customer.id) return { id: found.id, stripeId: found.stripe_id, created: false };
      const id = await this.operation.mirror(manager, 'billing_customers', stripe, customer, 'created', customerColumns(customer, false));
      if (input.memberId) await manager.query(`update billing_customers set membership_id = $3 where tenant_id = $1 and id = $2 and membership_id is null`, [tenantId, id, input.memberId]);
      if (!found) await this.audit.record({ action: 'customer.created', entityType: 'billing_customer', entityId: id, after: { stripeId: customer.id, memberId: input.memberId } });
      return { id, stripeId: customer.id, created: !found };
    });
  }

  async update(id: string, body: CustomerUpdateDto, clientKey?: string): Promise<BillingCustomerDetailDto> {
    const tenantId = this.operation.principal().tenantId;
    const row = await this.operation.tx(async (manager) => {
      const [found] = await manager.query(`select * from billing_customers where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id]);
      if (!found) throw Problems.notFound('Customer');
      if (body.email && body.email !== found.email && (await this.byEmail(manager, tenantId, body.email))) {
        throw Problems.conflict('customer-email-taken', 'Another customer has this email.');
      }
      return found as Row;
    });
    const stripe = await this.operation.stripe();
    const customer = await stripe.updateCustomer(this.operation.operationId(`customers.update:${id}`, clientKey), row.stripe_id, body);
    return this.operation.tx(async (manager) => {
      await this.operation.mirror(manager, 'billing_customers', stripe, customer, 'updated', customerColumns(customer, false));
      await this.audit.record({ action: 'customer.updated', entityType: 'billing_customer', entityId: id, before: { email: row.email, name: row.name }, after: { email: customer.email ?? null, name: customer.name ?? null } });
      return this.detail(manager, tenantId, id);
    });
  }

  private async byEmail(manager: EntityManager, tenantId: string, email: string): Promise<Row | null> {
    const [row] = await manager.query(
      `select id, stripe_id, membership_id from billing_customers where tenant_id = $1 and lower(email) = lower($2) and deleted_at is null order by created_at, id limit 1`,
      [tenantId, email],
    );
    return row ?? null;
  }

  async detail(manager: EntityManager, tenantId: string, id: string): Promise<BillingCustomerDetailDto> {
    const [row] = await manager.query(
      `select c.*, u.name as member_name, u.email as member_email from billing_customers c
         left join memberships m on m.id = c.membership_id and m.tenant_id = c.tenant_id
         left join users u on u.id = m.user_id
        where c.tenant_id = $1 and c.id = $2`,
      [tenantId, id],
    );
    if (!row) throw Problems.notFound('Customer');
    return {
      ...toCustomer(row),
      memberId: row.membership_id ?? null,
      member: row.membership_id && row.member_email ? { id: row.membership_id, name: row.member_name ?? null, email: row.member_email } : null,
      deleted: row.deleted_at !== null,
      stripeAccount: row.stripe_account || null,
    };
  }
}
