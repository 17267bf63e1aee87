import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Problems } from '@app/core';
import { WebhookEventsService } from '@app/webhooks';
import { BillingOperation } from '../catalog/billing-operation';
import { publishSubscriptionChange } from '../events/billing-domain-events';
import type { StripeObject } from '../gateway/stripe-event';
import { StripeGateway, type TenantStripe } from '../gateway/stripe-gateway';
import { upsertSubscription } from '../mirror/subscriptions';
import { BillingSubscriptionsService } from '../subscriptions/subscriptions.service';
import type { BillingSubscriptionDto } from '../subscriptions/subscriptions.dto';
import { assertUsable, couponRow, type Row } from './coupon-rows';

const ENDED = new Set(['canceled', 'incomplete_expired']);

/**
 * A coupon applied to or removed from a subscription: one Stripe call between two short transactions,
 * the answer mirrored at once (and the tenant's webhook published) and audited.
 */
@Injectable()
export class SubscriptionCouponService {
  constructor(
    private readonly operation: BillingOperation,
    private readonly gateway: StripeGateway,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEventsService,
    private readonly subscriptions: BillingSubscriptionsService,
  ) {}

  async apply(id: string, couponId: string, clientKey?: string): Promise<BillingSubscriptionDto> {
    const tenantId = this.operation.principal().tenantId;
    const { stripe, held, coupon } = await this.operation.tx(async (manager) => {
      const { stripe: tenantStripe, held: found } = await this.held(manager, tenantId, id);
      const row = await couponRow(manager, tenantId, couponId);
      if (row.stripe_account !== found.stripe_account) throw Problems.notFound('Coupon');
      assertUsable(row);
      return { stripe: tenantStripe, held: found, coupon: row };
    });
    const answer = await stripe.updateSubscription(this.operation.operationId(`subscriptions.coupon:${id}`, clientKey), held.stripe_id, { discounts: [{ coupon: coupon.stripe_id }], expand: ['discounts'] });
    return this.written(stripe, id, answer, { action: 'subscription.coupon_applied', after: { couponId, couponStripeId: coupon.stripe_id, name: coupon.name } });
  }

  async remove(id: string, clientKey?: string): Promise<BillingSubscriptionDto> {
    const tenantId = this.operation.principal().tenantId;
    const { stripe, held } = await this.operation.tx((manager) => this.held(manager, tenantId, id));
    const answer = await stripe.removeSubscriptionDiscount(this.operation.operationId(`subscriptions.coupon-remove:${id}`, clientKey), held.stripe_id);
    return this.written(stripe, id, answer, { action: 'subscription.coupon_removed', after: { discounts: [] } });
  }

  private written(stripe: TenantStripe, id: string, answer: StripeObject, audit: { action: string; after: object }): Promise<BillingSubscriptionDto> {
    const tenantId = this.operation.principal().tenantId;
    return this.operation.tx(async (manager) => {
      const change = await upsertSubscription(manager, tenantId, stripe.account, answer, this.operation.stateAt(answer, 'updated'), 'updated');
      await publishSubscriptionChange(this.webhooks, change, answer, false);
      await this.audit.record({ entityType: 'billing_subscription', entityId: id, ...audit });
      return this.subscriptions.get(id);
    });
  }

  /** The live subscription and the tenant's Stripe, when it lives in the account the tenant sells through. */
  private async held(manager: EntityManager, tenantId: string, id: string): Promise<{ stripe: TenantStripe; held: Row }> {
    const [row] = await manager.query(`select id, stripe_id, stripe_account, status from billing_subscriptions where tenant_id = $1 and id = $2`, [tenantId, id]);
    if (!row) throw Problems.notFound('Subscription');
    if (ENDED.has(row.status)) throw Problems.conflict('subscription-not-active', `This subscription is ${row.status}: it can no longer be changed.`);
    const stripe = await this.gateway.forTenant(tenantId);
    if ((stripe.account ?? '') !== row.stripe_account) throw Problems.conflict('subscription-in-other-account', 'This subscription lives in a Stripe account the business no longer sells through.');
    return { stripe, held: row as Row };
  }
}
