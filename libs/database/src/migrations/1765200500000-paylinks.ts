import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * Pay links: a shareable page that sells a fixed or customer-chosen amount through Stripe Checkout.
 * `paylink_versions` keeps every amount a link ever asked for (a payment keeps the version it paid);
 * `paylink_reservations` holds one use per checkout session: `reserved` while the session can still be
 * paid (until `expires_at`), `confirmed` once Stripe says it was paid (these are the link's payments),
 * `released` when the session expired. Uses in flight = reserved and not expired + confirmed, and a
 * checkout is only opened under the link's row lock while that stays below `max_uses`.
 */
export class Paylinks1765200500000 implements MigrationInterface {
  name = 'Paylinks1765200500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table paylinks (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        slug text not null,
        title text not null,
        description text not null default '',
        amount_mode text not null check (amount_mode in ('fixed', 'customer_chooses')),
        amount bigint check (amount > 0),
        min_amount bigint check (min_amount > 0),
        max_amount bigint check (max_amount > 0),
        currency text not null check (currency ~ '^[A-Z]{3}$'),
        price_id uuid,
        expires_at timestamptz,
        max_uses integer check (max_uses > 0),
        require_shipping boolean not null default false,
        custom_fields jsonb not null default '[]',
        success_url text,
        cancel_url text,
        metadata jsonb not null default '{}',
        status text not null default 'active' check (status in ('active', 'inactive', 'archived')),
        version integer not null default 1,
        uses_count integer not null default 0,
        revenue bigint not null default 0,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint paylinks_slug_key unique (tenant_id, slug),
        constraint paylinks_amount_mode check (
          (amount_mode = 'fixed' and amount is not null) or
          (amount_mode = 'customer_chooses' and amount is null and (min_amount is null or max_amount is null or min_amount <= max_amount)))
      );
      create index paylinks_tenant_created_idx on paylinks (tenant_id, created_at desc, id desc);
      create index paylinks_tenant_status_idx on paylinks (tenant_id, status, created_at desc, id desc);

      create table paylink_versions (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        paylink_id uuid not null references paylinks (id) on delete cascade,
        version integer not null,
        amount_mode text not null,
        amount bigint,
        min_amount bigint,
        max_amount bigint,
        currency text not null,
        changed_by uuid,
        created_at timestamptz not null default now(),
        constraint paylink_versions_key unique (tenant_id, paylink_id, version)
      );

      create table paylink_reservations (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        paylink_id uuid not null references paylinks (id) on delete cascade,
        version_id uuid not null references paylink_versions (id) on delete cascade,
        status text not null default 'reserved' check (status in ('reserved', 'confirmed', 'released')),
        checkout_session_id text,
        amount bigint not null,
        currency text not null,
        amount_paid bigint,
        customer_email text,
        custom_fields jsonb not null default '{}',
        expires_at timestamptz not null,
        created_at timestamptz not null default now(),
        confirmed_at timestamptz,
        released_at timestamptz
      );
      create unique index paylink_reservations_session_key on paylink_reservations (tenant_id, checkout_session_id) where checkout_session_id is not null;
      create index paylink_reservations_counting_idx on paylink_reservations (tenant_id, paylink_id, status, expires_at);
    `);
    for (const table of ['paylinks', 'paylink_versions', 'paylink_reservations']) await enableTenantRowSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists paylink_reservations, paylink_versions, paylinks`);
  }
}
