import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Binds an impersonation to the staff session that opened it: it ends when that session ends.
 * The staff session belongs to another user (and tenant) than the impersonation, so the check reads it
 * through a narrow security-definer function that answers only "still open, and with which platform role".
 */
export class ImpersonationStaffSession1764100000000 implements MigrationInterface {
  name = 'ImpersonationStaffSession1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table auth_sessions add column impersonator_session_id uuid references auth_sessions (id) on delete cascade;
      create index auth_sessions_impersonator_session_idx on auth_sessions (impersonator_session_id) where impersonator_session_id is not null;
      update auth_sessions set revoked_at = now(), revoked_reason = 'impersonation_unbound'
       where impersonator_id is not null and revoked_at is null;

      create function app_open_session_platform_role(session_id uuid) returns text
        language sql stable security definer set search_path = public as $$
          select coalesce(u.platform_role, '') from auth_sessions s join users u on u.id = s.user_id
           where s.id = session_id and s.revoked_at is null and s.expires_at > now()
        $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop function if exists app_open_session_platform_role(uuid);
      alter table auth_sessions drop column if exists impersonator_session_id;
    `);
  }
}
