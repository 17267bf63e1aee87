import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the platform spine, with row-level security on every tenant-owned table. */
export class PlatformSpine1763860000000 implements MigrationInterface {
  name = 'PlatformSpine1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function app_current_tenant() returns uuid language sql stable as
        $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;
      create function app_current_user() returns uuid language sql stable as
        $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;
      create function app_cross_tenant() returns boolean language sql stable as
        $$ select coalesce(current_setting('app.cross_tenant', true), '') = 'on' $$;

      create table users (
        id uuid primary key,
        email text not null,
        name text not null,
        password_hash text not null,
        email_verified_at timestamptz,
        totp_secret_enc text,
        totp_pending_secret_enc text,
        totp_enabled_at timestamptz,
        platform_role text check (platform_role in ('super_admin', 'support')),
        password_changed_at timestamptz not null default now(),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index users_email_key on users (lower(email));

      create table tenants (
        id uuid primary key,
        name text not null,
        slug text not null,
        status text not null check (status in ('pending', 'active', 'rejected', 'suspended')),
        status_reason text,
        plan text not null default 'free',
        settings jsonb not null default '{}'::jsonb,
        approved_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index tenants_slug_key on tenants (slug);
      create index tenants_created_idx on tenants (created_at desc, id desc);
      create index tenants_status_idx on tenants (status, created_at desc);

      create table memberships (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        user_id uuid not null references users (id) on delete cascade,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint memberships_tenant_user_key unique (tenant_id, user_id)
      );
      create index memberships_user_idx on memberships (user_id);
      create index memberships_tenant_created_idx on memberships (tenant_id, created_at desc, id desc);

      create table roles (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        key text not null,
        name text not null,
        description text not null default '',
        permissions text[] not null default '{}',
        is_system boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint roles_tenant_key_key unique (tenant_id, key)
      );
      create unique index roles_tenant_name_key on roles (tenant_id, lower(name));

      create table membership_roles (
        tenant_id uuid not null references tenants (id) on delete cascade,
        membership_id uuid not null references memberships (id) on delete cascade,
        role_id uuid not null references roles (id) on delete cascade,
        primary key (tenant_id, membership_id, role_id)
      );
      create index membership_roles_role_idx on membership_roles (tenant_id, role_id);

      create table invitations (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        email text not null,
        role_ids uuid[] not null,
        token_hash text not null,
        invited_by uuid references users (id) on delete set null,
        expires_at timestamptz not null,
        accepted_at timestamptz,
        accepted_by uuid references users (id) on delete set null,
        revoked_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index invitations_token_key on invitations (token_hash);
      create index invitations_tenant_created_idx on invitations (tenant_id, created_at desc, id desc);

      create table auth_sessions (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        tenant_id uuid references tenants (id) on delete set null,
        impersonator_id uuid references users (id) on delete cascade,
        user_agent text,
        ip text,
        created_at timestamptz not null default now(),
        last_active_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz,
        revoked_reason text
      );
      create index auth_sessions_user_idx on auth_sessions (user_id, created_at desc);

      create table refresh_tokens (
        id uuid primary key,
        session_id uuid not null references auth_sessions (id) on delete cascade,
        token_hash text not null,
        created_at timestamptz not null default now(),
        rotated_at timestamptz
      );
      create unique index refresh_tokens_hash_key on refresh_tokens (token_hash);
      create index refresh_tokens_session_idx on refresh_tokens (session_id);

      create table user_tokens (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        purpose text not null check (purpose in ('password_reset', 'email_verification')),
        token_hash text not null,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      );
      create unique index user_tokens_hash_key on user_tokens (token_hash);
      create index user_tokens_user_idx on user_tokens (user_id, purpose);

      create table audit_logs (
        id uuid primary key,
        tenant_id uuid references tenants (id) on delete cascade,
        actor_type text not null check (actor_type in ('user', 'api_key', 'system', 'anonymous')),
        actor_id uuid,
        actor_email text,
        impersonator_id uuid,
        action text not null,
        entity_type text not null,
        entity_id text,
        before jsonb,
        after jsonb,
        ip text,
        user_agent text,
        request_id text,
        created_at timestamptz not null default now()
      );
      create index audit_logs_tenant_created_idx on audit_logs (tenant_id, created_at desc, id desc);
      create index audit_logs_tenant_action_idx on audit_logs (tenant_id, action, created_at desc);

      create table outbox (
        id uuid primary key,
        tenant_id uuid,
        queue text not null,
        job_name text not null,
        payload jsonb not null,
        created_at timestamptz not null default now(),
        available_at timestamptz not null default now(),
        dispatched_at timestamptz,
        attempts integer not null default 0,
        last_error text
      );
      create index outbox_pending_idx on outbox (available_at) where dispatched_at is null;
    `);

    // Row-level security: tenant-owned rows are visible only inside their tenant's transaction,
    // or on the explicit cross-tenant path used by platform staff.
    const tenantOwned = ['roles', 'membership_roles', 'invitations'];
    for (const table of tenantOwned) {
      await q.query(`
        alter table ${table} enable row level security;
        create policy ${table}_tenant on ${table}
          using (tenant_id = app_current_tenant() or app_cross_tenant())
          with check (tenant_id = app_current_tenant() or app_cross_tenant());
      `);
    }
    // Audit rows of user-level events (sign-in, password reset) carry no tenant; only platform staff read those.
    await q.query(`
      alter table audit_logs enable row level security;
      create policy audit_logs_tenant on audit_logs
        using (tenant_id = app_current_tenant() or app_cross_tenant())
        with check (tenant_id is null or tenant_id = app_current_tenant() or app_cross_tenant());
    `);
    // Accepting an invitation starts from its secret token, before the tenant is known.
    await q.query(`
      create policy invitations_by_token on invitations for select
        using (token_hash = current_setting('app.invitation_token', true));
    `);
    // A user sees the roles they hold in every tenant (tenant switcher, /auth/me).
    await q.query(`
      create policy membership_roles_own on membership_roles for select
        using (exists (select 1 from memberships m where m.id = membership_id and m.user_id = app_current_user()));
      create policy roles_own on roles for select
        using (exists (select 1 from membership_roles mr join memberships m on m.id = mr.membership_id
                        where mr.role_id = roles.id and m.user_id = app_current_user()));
    `);
    // A user sees their own memberships in every tenant (login, tenant switcher).
    await q.query(`
      alter table memberships enable row level security;
      create policy memberships_tenant on memberships
        using (tenant_id = app_current_tenant() or user_id = app_current_user() or app_cross_tenant())
        with check (tenant_id = app_current_tenant() or app_cross_tenant());

      alter table tenants enable row level security;
      create policy tenants_read on tenants for select
        using (id = app_current_tenant() or app_cross_tenant()
               or exists (select 1 from memberships m where m.tenant_id = tenants.id and m.user_id = app_current_user()));
      create policy tenants_signup on tenants for insert with check (true);
      create policy tenants_update on tenants for update
        using (id = app_current_tenant() or app_cross_tenant())
        with check (id = app_current_tenant() or app_cross_tenant());
      create policy tenants_delete on tenants for delete using (app_cross_tenant());
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table if exists outbox, audit_logs, user_tokens, refresh_tokens, auth_sessions, invitations,
        membership_roles, roles, memberships, tenants, users cascade;
      drop function if exists app_current_tenant(), app_current_user(), app_cross_tenant();
    `);
  }
}
