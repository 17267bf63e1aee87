import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowSecurity } from './tenant-row-security';

/** Columns every mirror table of a Stripe object has: who owns it, where it lives in Stripe, how new it is. */
export const MIRROR_COLUMNS = `
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  stripe_account text not null default '',
  stripe_id text not null,
  livemode boolean not null default false,
  metadata jsonb not null default '{}',
  deleted_at timestamptz,
  stripe_created_at timestamptz,
  stripe_updated_at timestamptz not null,
  stripe_rank smallint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()`;

/**
 * Billing foundation: the tenant's connected Stripe account, the durable inbox of received Stripe events
 * and the first mirror tables (customers, products, prices).
 *
 * Mirror rows are keyed by (tenant, Stripe account, Stripe id): `stripe_account` is '' for the platform
 * account. `stripe_updated_at` (the event's `created`, or the object's state time for reconciliation)
 * with `stripe_rank` (created < updated < deleted, for events of the same second) decides whether an
 * incoming state is newer than the one held; an older one is dropped.
 *
 * `app_record_stripe_event` is the inbox's one statement: it stores an event once (by Stripe event id)
 * and resolves its tenant (a connected account's owner; on the platform account, `metadata.tenant_id` of
 * an existing tenant). It is security definer because the webhook request has no tenant until the event
 * names one; it returns only the new row's id and tenant.
 */
export class BillingFoundation1764800000000 implements MigrationInterface {
  name = 'BillingFoundation1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table stripe_accounts (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        account_id text not null,
        charges_enabled boolean not null default false,
        payouts_enabled boolean not null default false,
        details_submitted boolean not null default false,
        requirements jsonb not null default '{}',
        livemode boolean not null default false,
        stripe_updated_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint stripe_accounts_tenant_key unique (tenant_id),
        constraint stripe_accounts_account_key unique (account_id)
      );

      create table stripe_events (
        id uuid primary key,
        stripe_event_id text not null,
        tenant_id uuid references tenants (id) on delete set null,
        account text,
        type text not null,
        created timestamptz not null,
        livemode boolean not null,
        payload jsonb not null,
        status text not null default 'received' check (status in ('received', 'processed', 'failed', 'ignored')),
        attempts integer not null default 0,
        last_error text,
        received_at timestamptz not null default now(),
        processed_at timestamptz,
        constraint stripe_events_event_key unique (stripe_event_id)
      );
      create index stripe_events_received_idx on stripe_events (received_at desc, id desc);
      create index stripe_events_type_idx on stripe_events (type, received_at desc, id desc);
      create index stripe_events_status_idx on stripe_events (status, received_at desc, id desc);
      create index stripe_events_account_idx on stripe_events (account, received_at desc, id desc) where account is not null;
      create index stripe_events_tenant_idx on stripe_events (tenant_id, received_at desc, id desc);

      create table billing_customers (${MIRROR_COLUMNS},
        email text,
        name text,
        phone text,
        currency text,
        balance bigint not null default 0,
        delinquent boolean not null default false,
        constraint billing_customers_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_customers_tenant_created_idx on billing_customers (tenant_id, created_at desc, id desc);
      create index billing_customers_tenant_email_idx on billing_customers (tenant_id, lower(email));

      create table billing_products (${MIRROR_COLUMNS},
        name text not null default '',
        description text,
        active boolean not null default true,
        default_price text,
        features jsonb not null default '[]',
        constraint billing_products_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_products_tenant_created_idx on billing_products (tenant_id, created_at desc, id desc);

      create table billing_prices (${MIRROR_COLUMNS},
        product text not null,
        active boolean not null default true,
        currency text not null,
        unit_amount bigint,
        type text not null check (type in ('one_time', 'recurring')),
        recurring_interval text check (recurring_interval in ('day', 'week', 'month', 'year')),
        recurring_interval_count integer,
        trial_period_days integer,
        tax_behavior text,
        nickname text,
        lookup_key text,
        constraint billing_prices_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_prices_tenant_created_idx on billing_prices (tenant_id, created_at desc, id desc);
      create index billing_prices_tenant_product_idx on billing_prices (tenant_id, stripe_account, product);

      create function app_record_stripe_event(p_id uuid, p_event_id text, p_account text, p_type text, p_created timestamptz,
                                              p_livemode boolean, p_payload jsonb)
        returns table (id uuid, tenant_id uuid)
        language sql security definer set search_path = public as $$
          insert into stripe_events as e (id, stripe_event_id, tenant_id, account, type, created, livemode, payload)
          select p_id, p_event_id,
                 case when p_account is not null then (select a.tenant_id from stripe_accounts a where a.account_id = p_account)
                      else (select t.id from tenants t
                             where t.id = case when p_payload #>> '{data,object,metadata,tenant_id}' ~ '^[0-9a-fA-F-]{36}$'
                                               then (p_payload #>> '{data,object,metadata,tenant_id}')::uuid end)
                 end,
                 p_account, p_type, p_created, p_livemode, p_payload
          on conflict (stripe_event_id) do nothing
          returning e.id, e.tenant_id
        $$;
    `);
    for (const table of ['stripe_accounts', 'stripe_events', 'billing_customers', 'billing_products', 'billing_prices']) {
      await enableTenantRowSecurity(q, table);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop function if exists app_record_stripe_event(uuid, text, text, text, timestamptz, boolean, jsonb);
      drop table if exists billing_prices, billing_products, billing_customers, stripe_events, stripe_accounts;
    `);
  }
}
