import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * Plans the platform sells to tenants: Stripe products and prices on the platform account (no
 * Stripe-Account), mirrored in platform tables that every request may read and only the explicit
 * cross-tenant path of platform staff writes (like platform_settings). A plan grants one plan key; its
 * limits are that key's limits in libs/limits (no second source).
 *
 * Per tenant (tenant-owned, RLS): its one customer on the platform account, and its plan subscriptions,
 * each with the Stripe time and rank of the last state applied, so a late older event never regresses it.
 */
export class PlatformPlans1765000200000 implements MigrationInterface {
  name = 'PlatformPlans1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table platform_plans (
        id uuid primary key,
        stripe_product_id text not null,
        plan_key text not null check (plan_key in ('free', 'starter', 'pro', 'enterprise')),
        name text not null,
        description text,
        features jsonb not null default '[]',
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint platform_plans_product_key unique (stripe_product_id)
      );
      create index platform_plans_created_idx on platform_plans (created_at desc, id desc);

      create table platform_plan_prices (
        id uuid primary key,
        plan_id uuid not null references platform_plans (id) on delete cascade,
        stripe_price_id text not null,
        interval text not null check (interval in ('month', 'year')),
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        unit_amount bigint not null check (unit_amount >= 0),
        active boolean not null default true,
        replaces_price_id uuid references platform_plan_prices (id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint platform_plan_prices_price_key unique (stripe_price_id)
      );
      create index platform_plan_prices_plan_idx on platform_plan_prices (plan_id, created_at, id);

      create table platform_customers (
        tenant_id uuid primary key references tenants (id) on delete cascade,
        stripe_customer_id text not null,
        created_at timestamptz not null default now(),
        constraint platform_customers_customer_key unique (stripe_customer_id)
      );

      create table platform_subscriptions (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        stripe_subscription_id text not null,
        stripe_customer_id text not null,
        stripe_price_id text,
        plan_key text,
        status text not null,
        cancel_at_period_end boolean not null default false,
        current_period_end timestamptz,
        stripe_updated_at timestamptz not null,
        stripe_rank smallint not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint platform_subscriptions_stripe_key unique (tenant_id, stripe_subscription_id)
      );
      create index platform_subscriptions_tenant_idx on platform_subscriptions (tenant_id, stripe_updated_at desc, id desc);
    `);
    for (const table of ['platform_plans', 'platform_plan_prices']) {
      await q.query(`
        alter table ${table} enable row level security;
        create policy ${table}_read on ${table} for select using (true);
        create policy ${table}_write on ${table} for all
          using (app_cross_tenant()) with check (app_cross_tenant());
      `);
    }
    for (const table of ['platform_customers', 'platform_subscriptions']) await enableTenantRowSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists platform_subscriptions, platform_customers, platform_plan_prices, platform_plans;`);
  }
}
