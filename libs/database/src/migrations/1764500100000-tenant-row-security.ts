import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * Row-level security on the tenant tables that lacked it. Each also has rows reached before a tenant
 * is known, each through a narrow clause or the explicit cross-tenant path:
 * - auth_sessions: a user's own sessions in every tenant (and without one); a refresh starts from its
 *   secret token (`app.refresh_token`, the hash), like invitations do.
 * - idempotency_keys: claimed and released on the cross-tenant path (anonymous callers have no tenant);
 *   the request's own transaction stores the response of the one key it claimed (`app.idempotency_key`).
 * - outbox: written in the request's transaction (platform emails carry no tenant); the relay, sweeper
 *   and job bookkeeping read every tenant's rows on the cross-tenant path.
 */
export class TenantRowSecurity1764500100000 implements MigrationInterface {
  name = 'TenantRowSecurity1764500100000';

  async up(q: QueryRunner): Promise<void> {
    await enableTenantRowSecurity(q, 'auth_sessions', { using: 'user_id = app_current_user()', check: 'user_id = app_current_user()' });
    await q.query(`
      create policy auth_sessions_by_refresh_token on auth_sessions for select
        using (exists (select 1 from refresh_tokens rt where rt.session_id = auth_sessions.id
                        and rt.token_hash = current_setting('app.refresh_token', true)));
    `);
    const claimed = `id::text = current_setting('app.idempotency_key', true)`;
    await enableTenantRowSecurity(q, 'idempotency_keys', { using: claimed, check: claimed });
    await enableTenantRowSecurity(q, 'outbox', { check: 'tenant_id is null' });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop policy if exists auth_sessions_tenant on auth_sessions;
      drop policy if exists auth_sessions_by_refresh_token on auth_sessions;
      alter table auth_sessions disable row level security;
      drop policy if exists idempotency_keys_tenant on idempotency_keys;
      alter table idempotency_keys disable row level security;
      drop policy if exists outbox_tenant on outbox;
      alter table outbox disable row level security;
    `);
  }
}
