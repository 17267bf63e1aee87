import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from '@app/audit';
import { APP_CONFIG, type AppConfig, Problems } from '@app/core';
import { limitsOf } from '@app/limits';
import { BillingOperation } from '../catalog/billing-operation';
import type { CheckoutSessionDto, PortalSessionDto } from '../catalog/dto/catalog-input.dto';
import { assertReturnUrl } from '../catalog/return-url';
import { StripeGateway } from '../gateway/stripe-gateway';
import type { TenantPlansDto } from './dto/platform-plan.dto';
import type { PlanCheckoutCreateDto, PlanPortalCreateDto } from './dto/platform-plan-input.dto';
import { GRANTING_STATUSES } from './platform-subscription-statuses';
import { withPrices } from './platform-plan-rows';

/**
 * A business buying the platform's plans: the plans on sale, a Checkout on the platform account with the
 * business as the customer (one platform customer per tenant, kept in platform_customers), the portal.
 */
@Injectable()
export class TenantPlansService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly operation: BillingOperation,
    private readonly gateway: StripeGateway,
    private readonly audit: AuditService,
  ) {}

  async plans(): Promise<TenantPlansDto> {
    return this.operation.tx(async (manager) => {
      const tenantId = this.operation.principal().tenantId;
      const [tenant] = await manager.query(`select plan from tenants where id = $1`, [tenantId]);
      const [subscription] = await manager.query(
        `select stripe_subscription_id, status, plan_key, cancel_at_period_end, current_period_end from platform_subscriptions
          where tenant_id = $1 order by stripe_updated_at desc, id desc limit 1`,
        [tenantId],
      );
      const plans = await manager.query(`select * from platform_plans where active order by created_at, id`);
      const currentPlan = (tenant?.plan as string | undefined) ?? 'free';
      return {
        currentPlan,
        currentLimits: { ...limitsOf(currentPlan) },
        subscription: subscription
          ? {
              stripeId: subscription.stripe_subscription_id,
              status: subscription.status,
              planKey: subscription.plan_key ?? null,
              cancelAtPeriodEnd: subscription.cancel_at_period_end,
              currentPeriodEnd: subscription.current_period_end ? new Date(subscription.current_period_end).toISOString() : null,
            }
          : null,
        plans: await withPrices(manager, plans, true),
      };
    });
  }

  async checkout(body: PlanCheckoutCreateDto, clientKey?: string): Promise<CheckoutSessionDto> {
    const principal = this.operation.principal();
    const tenantId = principal.tenantId;
    assertReturnUrl(this.config, 'successUrl', body.successUrl);
    assertReturnUrl(this.config, 'cancelUrl', body.cancelUrl);
    const { price, customer, tenantName } = await this.operation.tx(async (manager) => {
      const [row] = await manager.query(
        `select pr.id, pr.stripe_price_id, pr.active, p.active as plan_active, p.plan_key, p.id as plan_id
           from platform_plan_prices pr join platform_plans p on p.id = pr.plan_id where pr.id = $1`,
        [body.priceId],
      );
      if (!row) throw Problems.notFound('Plan price');
      if (!row.active || !row.plan_active) throw Problems.conflict('price-archived', 'The plan or its price is archived and cannot be bought.');
      const [live] = await manager.query(`select 1 from platform_subscriptions where tenant_id = $1 and status = any($2) limit 1`, [tenantId, GRANTING_STATUSES]);
      if (live) throw Problems.conflict('plan-subscription-active', 'The business already has a plan subscription; change or cancel it in the billing portal.');
      const [stored] = await manager.query(`select stripe_customer_id from platform_customers where tenant_id = $1`, [tenantId]);
      const [tenant] = await manager.query(`select name from tenants where id = $1`, [tenantId]);
      return { price: row, customer: (stored?.stripe_customer_id as string | undefined) ?? null, tenantName: (tenant?.name as string | undefined) ?? tenantId };
    });
    const stripe = this.gateway.forPlatform();
    // One customer per tenant: its creation's key is the tenant's, so concurrent first checkouts get the same customer.
    const customerId = customer ?? (await this.ensureCustomer(tenantId, principal.email, tenantName));
    const session = await stripe.createPlanCheckout(this.operationId('plan-checkout', tenantId, clientKey), {
      tenantId, customer: customerId, price: price.stripe_price_id, successUrl: body.successUrl, cancelUrl: body.cancelUrl,
    });
    await this.operation.tx(() =>
      this.audit.record({ action: 'platform_plan.checkout_started', entityType: 'platform_plan', entityId: price.plan_id, after: { sessionId: session.id, priceId: price.id, planKey: price.plan_key } }),
    );
    return { id: session.id, url: session.url, expiresAt: session.expiresAt.toISOString() };
  }

  async portal(body: PlanPortalCreateDto, clientKey?: string): Promise<PortalSessionDto> {
    const tenantId = this.operation.principal().tenantId;
    assertReturnUrl(this.config, 'returnUrl', body.returnUrl);
    const customer = await this.operation.tx(async (manager) => {
      const [stored] = await manager.query(`select stripe_customer_id from platform_customers where tenant_id = $1`, [tenantId]);
      if (!stored) throw Problems.notFound('Plan customer');
      return stored.stripe_customer_id as string;
    });
    const session = await this.gateway.forPlatform().createPortalSession(this.operationId('plan-portal', tenantId, clientKey), customer, body.returnUrl);
    await this.operation.tx(() => this.audit.record({ action: 'platform_plan.portal_opened', entityType: 'tenant', entityId: tenantId, after: { sessionId: session.id } }));
    return { url: session.url };
  }

  private async ensureCustomer(tenantId: string, email: string, name: string): Promise<string> {
    const created = await this.gateway.forPlatform().createCustomer(`tenant:${tenantId}`, { tenantId, email, name });
    return this.operation.tx(async (manager) => {
      await manager.query(`insert into platform_customers (tenant_id, stripe_customer_id) values ($1, $2) on conflict (tenant_id) do nothing`, [tenantId, created.id]);
      const [stored] = await manager.query(`select stripe_customer_id from platform_customers where tenant_id = $1`, [tenantId]);
      if (stored.stripe_customer_id === created.id) {
        await this.audit.record({ action: 'platform_customer.created', entityType: 'tenant', entityId: tenantId, after: { stripeId: created.id } });
      }
      return stored.stripe_customer_id as string;
    });
  }

  private operationId(route: string, tenantId: string, clientKey: string | undefined): string {
    if (clientKey) return createHash('sha256').update(`${tenantId}\n${route}\n${clientKey}`).digest('hex').slice(0, 40);
    return this.operation.operationId(route, undefined);
  }
}
