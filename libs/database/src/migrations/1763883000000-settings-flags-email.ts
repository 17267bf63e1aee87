import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email template overrides and the email log, tenant settings' platform side (platform settings,
 * feature flag defaults and tenant overrides) and the last-seen state of external integrations.
 */
export class SettingsFlagsEmail1763883000000 implements MigrationInterface {
  name = 'SettingsFlagsEmail1763883000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table email_templates (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        key text not null,
        subject text not null,
        body_text text not null,
        body_html text,
        updated_by uuid references users (id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint email_templates_tenant_key_key unique (tenant_id, key)
      );

      create table email_messages (
        id uuid primary key,
        tenant_id uuid references tenants (id) on delete cascade,
        to_address text not null,
        template_key text not null,
        subject text not null,
        status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
        attempts integer not null default 0,
        last_error text,
        provider_message_id text,
        sent_at timestamptz,
        failed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index email_messages_tenant_created_idx on email_messages (tenant_id, created_at desc, id desc);
      create index email_messages_tenant_status_idx on email_messages (tenant_id, status, created_at desc, id desc);
      create index email_messages_tenant_template_idx on email_messages (tenant_id, template_key, created_at desc, id desc);
      create index email_messages_tenant_sent_idx on email_messages (tenant_id, sent_at desc) where sent_at is not null;
      create index email_messages_tenant_failed_idx on email_messages (tenant_id, failed_at desc) where failed_at is not null;
      create index email_messages_sent_idx on email_messages (sent_at desc) where sent_at is not null;
      create index email_messages_failed_idx on email_messages (failed_at desc) where failed_at is not null;

      create table tenant_feature_flags (
        tenant_id uuid not null references tenants (id) on delete cascade,
        key text not null,
        enabled boolean not null,
        updated_by uuid references users (id) on delete set null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, key)
      );

      create table feature_flag_defaults (
        key text primary key,
        enabled boolean not null,
        updated_by uuid references users (id) on delete set null,
        updated_at timestamptz not null default now()
      );

      create table platform_settings (
        key text primary key,
        value jsonb not null,
        updated_by uuid references users (id) on delete set null,
        updated_at timestamptz not null default now()
      );

      create table integration_state (
        integration text primary key,
        last_webhook_at timestamptz,
        last_sync_at timestamptz,
        last_sync_error text,
        updated_at timestamptz not null default now()
      );
    `);

    for (const table of ['email_templates', 'tenant_feature_flags']) {
      await q.query(`
        alter table ${table} enable row level security;
        create policy ${table}_tenant on ${table}
          using (tenant_id = app_current_tenant() or app_cross_tenant())
          with check (tenant_id = app_current_tenant() or app_cross_tenant());
      `);
    }
    // Emails without a tenant (password reset, email verification) are platform rows: only the
    // cross-tenant path reads or updates them, like audit rows without a tenant.
    await q.query(`
      alter table email_messages enable row level security;
      create policy email_messages_tenant on email_messages
        using (tenant_id = app_current_tenant() or app_cross_tenant())
        with check (tenant_id is null or tenant_id = app_current_tenant() or app_cross_tenant());
    `);
    // Platform tables: every request may read them (effective flags, defaults for new tenants);
    // only the explicit cross-tenant path of platform staff (or platform jobs) writes them.
    for (const table of ['feature_flag_defaults', 'platform_settings', 'integration_state']) {
      await q.query(`
        alter table ${table} enable row level security;
        create policy ${table}_read on ${table} for select using (true);
        create policy ${table}_write on ${table} for all
          using (app_cross_tenant()) with check (app_cross_tenant());
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table if exists integration_state, platform_settings, feature_flag_defaults, tenant_feature_flags,
        email_messages, email_templates cascade;
    `);
  }
}
