import { MigrationInterface, QueryRunner } from 'typeorm';
import { MIRROR_COLUMNS } from './1764800000000-billing-foundation';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * Coupons and promotion codes in the Stripe mirror. A coupon is percent_off or amount_off + currency;
 * `applies_to_products` holds Stripe product ids it is restricted to (null: every product).
 * `deactivated_at` is ours, never Stripe's: a redeemed coupon cannot be deleted (its redemptions stay
 * on invoices), so deactivating it keeps it in Stripe, turns its codes off and marks it here so our API
 * refuses to use it again.
 */
export class BillingCoupons1765100200000 implements MigrationInterface {
  name = 'BillingCoupons1765100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table billing_coupons (${MIRROR_COLUMNS},
        name text,
        percent_off numeric,
        amount_off bigint,
        currency text,
        duration text check (duration in ('once', 'repeating', 'forever')),
        duration_in_months integer,
        max_redemptions integer,
        redeem_by timestamptz,
        times_redeemed integer not null default 0,
        valid boolean not null default true,
        applies_to_products jsonb,
        deactivated_at timestamptz,
        constraint billing_coupons_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_coupons_tenant_created_idx on billing_coupons (tenant_id, created_at desc, id desc);
      create index billing_coupons_tenant_valid_idx on billing_coupons (tenant_id, valid, created_at desc, id desc);

      create table billing_promotion_codes (${MIRROR_COLUMNS},
        coupon text,
        code text not null default '',
        active boolean not null default true,
        max_redemptions integer,
        times_redeemed integer not null default 0,
        expires_at timestamptz,
        first_time_transaction boolean not null default false,
        minimum_amount bigint,
        minimum_amount_currency text,
        constraint billing_promotion_codes_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_promotion_codes_tenant_created_idx on billing_promotion_codes (tenant_id, created_at desc, id desc);
      create index billing_promotion_codes_tenant_coupon_idx on billing_promotion_codes (tenant_id, stripe_account, coupon, created_at desc, id desc);
      create index billing_promotion_codes_tenant_code_idx on billing_promotion_codes (tenant_id, upper(code));
    `);
    for (const table of ['billing_coupons', 'billing_promotion_codes']) await enableTenantRowSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists billing_promotion_codes, billing_coupons`);
  }
}
