import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Problems } from '@app/core';
import { WebhookEventsService } from '@app/webhooks';
import { BillingOperation } from '../catalog/billing-operation';
import { publishSubscriptionChange } from '../events/billing-domain-events';
import type { TenantStripe } from '../gateway/stripe-gateway';
import { upsertCoupon } from '../mirror/coupons';
import { upsertSubscription } from '../mirror/subscriptions';
import type { SubscriptionCreateDto } from './subscription-create.dto';
import type { BillingSubscriptionDto } from './subscriptions.dto';
import { BillingSubscriptionsService } from './subscriptions.service';

type Row = Record<string, any>;

/** The marker of a complimentary subscription in Stripe (metadata) and in our answers. */
export const COMPLIMENTARY = 'complimentary';

/** Subscriptions staff create for a customer: paid (charged or invoiced), with an optional trial, or complimentary. */
@Injectable()
export class SubscriptionCreateService {
  constructor(
    private readonly operation: BillingOperation,
    private readonly subscriptions: BillingSubscriptionsService,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEventsService,
  ) {}

  async create(body: SubscriptionCreateDto, clientKey?: string): Promise<{ created: boolean; subscription: BillingSubscriptionDto }> {
    const tenantId = this.operation.principal().tenantId;
    const stripe = await this.operation.stripe();
    const { customer, price, coupon } = await this.operation.tx(async (manager) => {
      const [c] = await manager.query(`select stripe_id from billing_customers where tenant_id = $1 and id = $2 and stripe_account = $3 and deleted_at is null`, [tenantId, body.customerId, stripe.account ?? '']);
      if (!c) throw Problems.notFound('Customer');
      const [p] = await manager.query(`select stripe_id, active, type from billing_prices where tenant_id = $1 and id = $2 and stripe_account = $3 and deleted_at is null`, [tenantId, body.priceId, stripe.account ?? '']);
      if (!p) throw Problems.notFound('Price');
      if (!p.active || p.type !== 'recurring') throw Problems.unprocessable('price-not-compatible', 'A subscription needs an active recurring price.');
      return { customer: c as Row, price: p as Row, coupon: body.complimentary ? await this.heldComplimentaryCoupon(manager, tenantId, stripe) : null };
    });
    const op = this.operation.operationId('subscriptions.create', clientKey);
    const couponId = body.complimentary ? (coupon ?? (await this.createComplimentaryCoupon(stripe, tenantId))) : null;
    const answer = await stripe.createSubscription(op, {
      customer: customer.stripe_id,
      price: price.stripe_id,
      quantity: body.quantity ?? 1,
      collectionMethod: body.collectionMethod,
      daysUntilDue: body.collectionMethod === 'send_invoice' ? (body.daysUntilDue ?? 30) : null,
      trialDays: body.trialDays ?? null,
      coupon: couponId,
      metadata: body.complimentary ? { [COMPLIMENTARY]: 'true' } : {},
    });
    return this.operation.tx(async (manager) => {
      const change = await upsertSubscription(manager, tenantId, stripe.account, answer, this.operation.stateAt(answer, 'created'), 'created');
      await publishSubscriptionChange(this.webhooks, change, answer, false);
      const id = change.rowId!;
      if (!change.previous) {
        await this.audit.record({
          action: 'subscription.created',
          entityType: 'billing_subscription',
          entityId: id,
          after: { stripeId: answer.id, customerId: body.customerId, priceId: body.priceId, quantity: body.quantity ?? 1, collectionMethod: body.collectionMethod, trialDays: body.trialDays ?? null, complimentary: body.complimentary === true },
        });
      }
      return { created: !change.previous, subscription: await this.subscriptions.get(id) };
    });
  }

  /** The business's 100%-off forever coupon for every product, when it has one that can still be used. */
  private async heldComplimentaryCoupon(manager: EntityManager, tenantId: string, stripe: TenantStripe): Promise<string | null> {
    const [row] = await manager.query(
      `select stripe_id from billing_coupons
        where tenant_id = $1 and stripe_account = $2 and percent_off = 100 and duration = 'forever' and valid and deleted_at is null and deactivated_at is null
          and (applies_to_products is null or applies_to_products = '[]'::jsonb) and max_redemptions is null and redeem_by is null
        order by created_at, id limit 1`,
      [tenantId, stripe.account ?? ''],
    );
    return (row?.stripe_id as string | undefined) ?? null;
  }

  /** Made once per business and account (a fixed operation id: concurrent first grants meet in Stripe's idempotency), mirrored. */
  private async createComplimentaryCoupon(stripe: TenantStripe, tenantId: string): Promise<string> {
    const coupon = await stripe.createCoupon(`complimentary:${tenantId}:${stripe.account ?? 'platform'}`, { name: 'Complimentary', percent_off: 100, duration: 'forever' });
    await this.operation.tx((manager) => upsertCoupon(manager, { tenantId, account: stripe.account, livemode: coupon.livemode === true, at: this.operation.stateAt(coupon, 'created'), kind: 'created' }, coupon));
    return coupon.id;
  }
}
