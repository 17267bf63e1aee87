import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * Staff's bulk actions on subscriptions: one operation row (what was asked, by whom, progress counts) and one
 * item row per subscription id asked for, in request order, holding that id's result once the background job
 * has tried it. An item's subscription id is not a foreign key: an id that is not the tenant's is recorded
 * as such (its result says not found). `actor` is who asked (user, email, API key, impersonator, request),
 * so each item's own audit row names the same person as the request. `planned` is what an item's Stripe call
 * was computed to send (extend: the new date), kept before the call so a retry sends the same request.
 */
export class BillingBulkOperations1765200100000 implements MigrationInterface {
  name = 'BillingBulkOperations1765200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table billing_bulk_operations (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        action text not null check (action in ('cancel_at_period_end', 'apply_coupon', 'extend')),
        status text not null default 'queued' check (status in ('queued', 'running', 'done')),
        coupon_id uuid,
        days integer check (days between 1 and 730),
        reason text,
        total integer not null check (total between 1 and 200),
        processed integer not null default 0,
        succeeded integer not null default 0,
        failed integer not null default 0,
        actor jsonb not null default '{}',
        requested_by uuid references users (id) on delete set null,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz not null default now()
      );
      create index billing_bulk_operations_tenant_created_idx on billing_bulk_operations (tenant_id, created_at desc, id desc);

      create table billing_bulk_operation_items (
        tenant_id uuid not null references tenants (id) on delete cascade,
        operation_id uuid not null references billing_bulk_operations (id) on delete cascade,
        position integer not null,
        subscription_id uuid not null,
        status text not null default 'pending' check (status in ('pending', 'ok', 'error')),
        planned jsonb,
        error_type text,
        error_title text,
        error_detail text,
        finished_at timestamptz,
        primary key (tenant_id, operation_id, position),
        constraint billing_bulk_operation_items_subscription_key unique (tenant_id, operation_id, subscription_id)
      );
    `);
    await enableTenantRowSecurity(q, 'billing_bulk_operations');
    await enableTenantRowSecurity(q, 'billing_bulk_operation_items');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists billing_bulk_operation_items; drop table if exists billing_bulk_operations;`);
  }
}
