import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * Billing reconciliation and initial import: one row per sync run of a tenant's Stripe account.
 *
 * `progress` holds, per mirrored kind, the list cursor (last Stripe id done), whether the kind is done
 * and its counts, so a run killed mid-way resumes where it was. At most one run per tenant is running
 * (partial unique index): a second "sync now" meanwhile is refused.
 *
 * The import links customers to members through billing_customers.membership_id (added with the catalog).
 */
export class BillingSyncRuns1764900200000 implements MigrationInterface {
  name = 'BillingSyncRuns1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table billing_sync_runs (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        kind text not null check (kind in ('reconcile', 'import')),
        trigger text not null check (trigger in ('schedule', 'manual')),
        status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
        requested_by uuid references users (id) on delete set null,
        started_at timestamptz not null default now(),
        finished_at timestamptz,
        since timestamptz,
        objects_checked integer not null default 0,
        drift_found integer not null default 0,
        drift_fixed integer not null default 0,
        events_backfilled integer not null default 0,
        errors jsonb not null default '[]',
        progress jsonb not null default '{}',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index billing_sync_runs_one_running on billing_sync_runs (tenant_id) where status = 'running';
      create index billing_sync_runs_tenant_started_idx on billing_sync_runs (tenant_id, started_at desc, id desc);
      create index billing_sync_runs_started_idx on billing_sync_runs (started_at desc, id desc);
      create index billing_sync_runs_status_idx on billing_sync_runs (status, started_at desc, id desc);

    `);
    await enableTenantRowSecurity(q, 'billing_sync_runs');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table if exists billing_sync_runs;
    `);
  }
}
