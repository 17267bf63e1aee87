import { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys (hashed, scoped), stored idempotent responses, and per-tenant usage counters for plan limits. */
export class ApiKeysIdempotencyUsage1763880000000 implements MigrationInterface {
  name = 'ApiKeysIdempotencyUsage1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table api_keys (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        name text not null,
        mode text not null check (mode in ('live', 'test')),
        prefix text not null,
        last4 text not null,
        key_hash text not null,
        scopes text[] not null,
        allowed_ips text[] not null default '{}',
        rate_limit_per_minute integer check (rate_limit_per_minute is null or rate_limit_per_minute > 0),
        expires_at timestamptz,
        created_by uuid not null references users (id) on delete cascade,
        usage_count bigint not null default 0,
        last_used_at timestamptz,
        last_used_ip text,
        revoked_at timestamptz,
        revoked_by uuid references users (id) on delete set null,
        created_at timestamptz not null default now()
      );
      create unique index api_keys_hash_key on api_keys (key_hash);
      create index api_keys_tenant_created_idx on api_keys (tenant_id, created_at desc, id desc);

      alter table api_keys enable row level security;
      create policy api_keys_tenant on api_keys
        using (tenant_id = app_current_tenant() or app_cross_tenant())
        with check (tenant_id = app_current_tenant() or app_cross_tenant());
      -- Authenticating a request starts from the presented key's hash, before the tenant is known.
      create policy api_keys_by_hash on api_keys for select
        using (key_hash = current_setting('app.api_key_hash', true));

      create table usage_counters (
        tenant_id uuid not null references tenants (id) on delete cascade,
        metric text not null,
        period date not null,
        value bigint not null default 0,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, metric, period)
      );
      alter table usage_counters enable row level security;
      create policy usage_counters_tenant on usage_counters
        using (tenant_id = app_current_tenant() or app_cross_tenant())
        with check (tenant_id = app_current_tenant() or app_cross_tenant());

      -- Not tenant-scoped by RLS: rows are keyed by the caller (API key, user in a tenant, or IP) and read
      -- before the request's transaction opens. Response bodies are sealed with the encryption key.
      create table idempotency_keys (
        id uuid primary key,
        scope text not null,
        key text not null,
        tenant_id uuid references tenants (id) on delete cascade,
        method text not null,
        path text not null,
        request_hash text not null,
        status text not null check (status in ('in_progress', 'completed')),
        locked_until timestamptz not null,
        response_status integer,
        response_body_enc text,
        created_at timestamptz not null default now(),
        completed_at timestamptz,
        constraint idempotency_keys_scope_key unique (scope, key)
      );
      create index idempotency_keys_created_idx on idempotency_keys (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists idempotency_keys, usage_counters, api_keys cascade`);
  }
}
