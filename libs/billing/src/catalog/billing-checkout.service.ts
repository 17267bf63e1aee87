import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { APP_CONFIG, type AppConfig, Problems } from '@app/core';
import type { CheckoutSessionParams } from '../gateway/stripe-gateway';
import { BillingCustomersService } from './billing-customers.service';
import { BillingOperation } from './billing-operation';
import { assertReturnUrl } from './return-url';
import type { CheckoutSessionCreateDto, CheckoutSessionDto, PortalSessionCreateDto, PortalSessionDto } from './dto/catalog-input.dto';

interface PriceRow {
  id: string;
  stripe_id: string;
  active: boolean;
  type: 'one_time' | 'recurring';
  unit_amount: string | null;
  trial_period_days: number | null;
  product_active: boolean | null;
}

/** Stripe Checkout and Customer Portal sessions: for yourself (any member), or for anybody (billing:write). */
@Injectable()
export class BillingCheckoutService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly operation: BillingOperation,
    private readonly customers: BillingCustomersService,
    private readonly audit: AuditService,
  ) {}

  async checkoutSession(body: CheckoutSessionCreateDto, clientKey?: string): Promise<CheckoutSessionDto> {
    const principal = this.operation.principal();
    const tenantId = principal.tenantId;
    this.assertUrl('successUrl', body.successUrl);
    this.assertUrl('cancelUrl', body.cancelUrl);
    const forSelf = !body.customerEmail || body.customerEmail.toLowerCase() === principal.email.toLowerCase();
    if (!forSelf) this.assertCanWrite('A checkout for someone else needs billing:write.');
    const { price, self } = await this.operation.tx(async (manager) => {
      const [row]: PriceRow[] = await manager.query(
        `select pr.id, pr.stripe_id, pr.active, pr.type, pr.unit_amount, pr.trial_period_days, p.active as product_active
           from billing_prices pr
           left join billing_products p on p.tenant_id = pr.tenant_id and p.stripe_account = pr.stripe_account and p.stripe_id = pr.product
          where pr.tenant_id = $1 and pr.id = $2 and pr.deleted_at is null`,
        [tenantId, body.priceId],
      );
      if (!row) throw Problems.notFound('Price');
      if (!row.active || row.product_active === false) throw Problems.conflict('price-archived', 'The price is archived and cannot be bought.');
      return { price: row, self: forSelf ? await this.selfOf(manager, tenantId, principal.userId) : null };
    });
    const stripe = await this.operation.stripe();
    const op = this.operation.operationId('checkout-sessions.create', clientKey);
    let promotionCode: string | null = null;
    if (body.promotionCode) {
      promotionCode = await stripe.findPromotionCode(body.promotionCode);
      if (!promotionCode) throw Problems.unprocessable('unknown-promotion-code', 'No active promotion code has this code.');
    }
    let customer: string | null = null;
    if (self) {
      // One operation per member and details, not per request: two first checkouts at once (two tabs) send
      // the same Stripe Idempotency-Key, so Stripe creates one customer for both.
      const details = createHash('sha256').update(`${principal.email}\n${self.name ?? ''}`).digest('hex').slice(0, 16);
      customer = self.customerStripeId ?? (await this.customers.ensure(stripe, `self-customer:${self.membershipId}:${details}`, { email: principal.email, name: self.name, memberId: self.membershipId })).stripeId;
    }
    const subscription = price.type === 'recurring';
    const quantity = body.quantity ?? 1;
    const params: CheckoutSessionParams = {
      mode: subscription ? 'subscription' : 'payment',
      line_items: [{ price: price.stripe_id, quantity }],
      success_url: body.successUrl,
      cancel_url: body.cancelUrl,
      ...(customer ? { customer } : body.customerEmail ? { customer_email: body.customerEmail } : {}),
      ...(promotionCode ? { discounts: [{ promotion_code: promotionCode }] } : {}),
    };
    if (subscription) {
      const percent = stripe.applicationFeePercent();
      const subscriptionData = { metadata: stripe.metadata(), ...(price.trial_period_days ? { trial_period_days: price.trial_period_days } : {}), ...(percent ? { application_fee_percent: percent } : {}) };
      params.subscription_data = subscriptionData;
    } else {
      const fee = stripe.applicationFeeAmount(Number(price.unit_amount ?? 0) * quantity);
      params.payment_intent_data = { metadata: stripe.metadata(), ...(fee ? { application_fee_amount: fee } : {}) };
    }
    const session = await stripe.createCheckoutSession(op, params);
    await this.operation.tx(() =>
      this.audit.record({ action: 'checkout_session.created', entityType: 'billing_price', entityId: price.id, after: { sessionId: session.id, mode: params.mode, quantity, forSelf } }),
    );
    return { id: session.id, url: session.url, expiresAt: session.expiresAt.toISOString() };
  }

  async portalSession(body: PortalSessionCreateDto, clientKey?: string): Promise<PortalSessionDto> {
    const principal = this.operation.principal();
    const tenantId = principal.tenantId;
    this.assertUrl('returnUrl', body.returnUrl);
    if (body.customerId) this.assertCanWrite('The portal of another customer needs billing:write.');
    const customer = await this.operation.tx(async (manager) => {
      if (body.customerId) {
        const [row] = await manager.query(`select id, stripe_id from billing_customers where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, body.customerId]);
        if (!row) throw Problems.notFound('Customer');
        return { id: row.id as string, stripeId: row.stripe_id as string };
      }
      const self = await this.selfOf(manager, tenantId, principal.userId);
      if (!self.customerId) throw Problems.notFound('Your customer');
      return { id: self.customerId, stripeId: self.customerStripeId! };
    });
    const stripe = await this.operation.stripe();
    const session = await stripe.createPortalSession(this.operation.operationId('portal-sessions.create', clientKey), customer.stripeId, body.returnUrl);
    await this.operation.tx(() => this.audit.record({ action: 'portal_session.created', entityType: 'billing_customer', entityId: customer.id, after: { sessionId: session.id } }));
    return { url: session.url };
  }

  /** The caller's membership and the customer linked to it (or the one with their email, which gets linked). */
  private async selfOf(manager: EntityManager, tenantId: string, userId: string) {
    // An API key acts for its creator, but buying or opening a portal "for yourself" is a member's own act.
    if (this.operation.principal().apiKeyId) throw Problems.forbidden('API keys cannot buy or open the portal for themselves; give customerEmail or customerId (billing:write).');
    const [row] = await manager.query(
      `select m.id as membership_id, u.name, u.email,
              (select c.id from billing_customers c where c.tenant_id = m.tenant_id and c.membership_id = m.id and c.deleted_at is null limit 1) as linked_id
         from memberships m join users u on u.id = m.user_id
        where m.tenant_id = $1 and m.user_id = $2 and m.active`,
      [tenantId, userId],
    );
    if (!row) throw Problems.forbidden('Only members of the business can buy for themselves.');
    let customer: { id: string; stripe_id: string } | undefined;
    if (row.linked_id) [customer] = await manager.query(`select id, stripe_id from billing_customers where tenant_id = $1 and id = $2`, [tenantId, row.linked_id]);
    else {
      [customer] = await manager.query(
        `update billing_customers set membership_id = $3 where id = (select id from billing_customers where tenant_id = $1 and lower(email) = lower($2) and deleted_at is null and membership_id is null order by created_at, id limit 1)
         returning id, stripe_id`,
        [tenantId, row.email, row.membership_id],
      );
    }
    return { membershipId: row.membership_id as string, name: (row.name as string | null) ?? null, customerId: customer?.id ?? null, customerStripeId: customer?.stripe_id ?? null };
  }

  private assertCanWrite(detail: string): void {
    if (!this.operation.principal().permissions.has('billing:write')) throw Problems.forbidden(detail);
  }

  private assertUrl(field: string, value: string): void {
    assertReturnUrl(this.config, field, value);
  }
}
