import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing webhooks: endpoints (secrets sealed with ENCRYPTION_KEY), events, one delivery per
 * (event, endpoint) and one row per delivery attempt. Children reference their parent through
 * (tenant_id, id), so a row can never point into another tenant and cascades use the tenant-first indexes.
 */
export class Webhooks1763882000000 implements MigrationInterface {
  name = 'Webhooks1763882000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table webhook_endpoints (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        url text not null,
        description text not null default '',
        event_types text[] not null check (cardinality(event_types) > 0),
        enabled boolean not null default true,
        disabled_reason text,
        disabled_at timestamptz,
        secret_enc text not null,
        previous_secret_enc text,
        previous_secret_expires_at timestamptz,
        consecutive_failures integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint webhook_endpoints_tenant_id_key unique (tenant_id, id)
      );
      create index webhook_endpoints_tenant_created_idx on webhook_endpoints (tenant_id, created_at desc, id desc);

      create table webhook_events (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        type text not null,
        payload jsonb not null,
        created_at timestamptz not null default now(),
        constraint webhook_events_tenant_id_key unique (tenant_id, id)
      );
      create index webhook_events_tenant_created_idx on webhook_events (tenant_id, created_at desc, id desc);

      create table webhook_deliveries (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        endpoint_id uuid not null,
        event_id uuid not null,
        status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed', 'dead')),
        attempts integer not null default 0,
        request_body text not null,
        request_headers jsonb,
        response_status integer,
        response_body text,
        duration_ms integer,
        error text,
        next_attempt_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint webhook_deliveries_tenant_id_key unique (tenant_id, id),
        constraint webhook_deliveries_endpoint_fkey foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade,
        constraint webhook_deliveries_event_fkey foreign key (tenant_id, event_id) references webhook_events (tenant_id, id) on delete cascade
      );
      create index webhook_deliveries_endpoint_created_idx on webhook_deliveries (tenant_id, endpoint_id, created_at desc, id desc);
      create index webhook_deliveries_endpoint_status_idx on webhook_deliveries (tenant_id, endpoint_id, status, created_at desc, id desc);
      create index webhook_deliveries_event_idx on webhook_deliveries (tenant_id, event_id);

      create table webhook_delivery_attempts (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        delivery_id uuid not null,
        attempt integer not null,
        request_headers jsonb not null,
        response_status integer,
        response_body text,
        duration_ms integer not null,
        error text,
        created_at timestamptz not null default now(),
        constraint webhook_delivery_attempts_delivery_attempt_key unique (tenant_id, delivery_id, attempt),
        constraint webhook_delivery_attempts_delivery_fkey foreign key (tenant_id, delivery_id) references webhook_deliveries (tenant_id, id) on delete cascade
      );
    `);
    for (const table of ['webhook_endpoints', 'webhook_events', 'webhook_deliveries', 'webhook_delivery_attempts']) {
      await q.query(`
        alter table ${table} enable row level security;
        create policy ${table}_tenant on ${table}
          using (tenant_id = app_current_tenant() or app_cross_tenant())
          with check (tenant_id = app_current_tenant() or app_cross_tenant());
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists webhook_delivery_attempts, webhook_deliveries, webhook_events, webhook_endpoints cascade`);
  }
}
