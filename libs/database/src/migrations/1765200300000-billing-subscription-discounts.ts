import { MigrationInterface, QueryRunner } from 'typeorm';
import { MIRROR_COLUMNS } from './1764800000000-billing-foundation';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * Subscription discounts in the Stripe mirror. Stripe's subscription (and its events) name its discounts
 * by id only (`discounts`); billing_subscriptions.discount_ids keeps that list as the subscription holds
 * it, and billing_subscription_discounts the discount objects themselves (from an answer with
 * `expand[]=discounts` or a `customer.discount.*` event): which coupon, since when and, for a repeating
 * coupon, until when. The MRR reads both to apply the discounts in effect.
 */
export class BillingSubscriptionDiscounts1765200300000 implements MigrationInterface {
  name = 'BillingSubscriptionDiscounts1765200300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table billing_subscriptions add column discount_ids jsonb;
      create table billing_subscription_discounts (${MIRROR_COLUMNS},
        subscription text,
        customer text,
        coupon text,
        promotion_code text,
        start_at timestamptz,
        end_at timestamptz,
        constraint billing_subscription_discounts_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_subscription_discounts_tenant_coupon_idx on billing_subscription_discounts (tenant_id, stripe_account, coupon);
    `);
    await enableTenantRowSecurity(q, 'billing_subscription_discounts');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists billing_subscription_discounts; alter table billing_subscriptions drop column if exists discount_ids`);
  }
}
