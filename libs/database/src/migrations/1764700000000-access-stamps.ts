import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What lets the API cache a signed-in principal (session or API key) and still apply every change to it
 * on the very next request: a short fingerprint ("stamp") of everything the principal is derived from,
 * read in the same round trip that opens the request's transaction. A cached principal is used only
 * while its stamp is unchanged.
 *
 * The stamp covers the rows directly (session revoked or renewed, user's email and platform role,
 * tenant status and plan, membership present and active, an impersonation's staff session and its
 * platform role, an API key's scopes, IPs, limit, expiry and revocation) and, for what is aggregated
 * (the permissions of a member's roles), `tenants.access_version`, which statement-level triggers bump
 * whenever a role or a role assignment of the tenant changes.
 *
 * The functions are security definer because they run before the request knows which rows RLS should
 * show (an API key's tenant); they return only an md5 digest, never the rows.
 */
/** What a member's permissions are aggregated from: any change of them bumps the tenant's access version. */
const BUMPING_TABLES = ['roles', 'membership_roles'];
/** Transition tables take one event per trigger. */
const TRIGGER_EVENTS: Array<[string, 'new' | 'old']> = [
  ['insert', 'new'],
  ['update', 'new'],
  ['delete', 'old'],
];

export class AccessStamps1764700000000 implements MigrationInterface {
  name = 'AccessStamps1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table tenants add column access_version bigint not null default 0;

      create function app_bump_tenant_access_version() returns trigger
        language plpgsql security definer set search_path = public as $$
        begin
          update tenants set access_version = access_version + 1
           where id in (select distinct tenant_id from changed_rows);
          return null;
        end $$;

      ${BUMPING_TABLES.flatMap((table) => TRIGGER_EVENTS.map(([event, rows]) => `
        create trigger ${table}_access_version_${event} after ${event} on ${table}
          referencing ${rows} table as changed_rows for each statement execute function app_bump_tenant_access_version();`)).join('')}

      create function app_session_access_stamp(p_session uuid, p_user uuid, p_tenant uuid) returns text
        language plpgsql stable security definer set search_path = public as $$
        declare stamp text;
        begin
          select md5(concat_ws('|', s.revoked_at, s.expires_at, s.impersonator_id, s.impersonator_session_id,
                               u.email, u.platform_role, t.id, t.status, t.access_version, m.id, m.active,
                               st.revoked_at, st.expires_at, su.platform_role))
            into stamp
            from auth_sessions s
            join users u on u.id = s.user_id
            left join tenants t on t.id = p_tenant
            left join memberships m on m.tenant_id = t.id and m.user_id = s.user_id
            left join auth_sessions st on st.id = s.impersonator_session_id
            left join users su on su.id = st.user_id
           where s.id = p_session and s.user_id = p_user;
          return stamp;
        end $$;

      -- '<stamp>/<API calls counted this month>': the count lets the plan's monthly allowance be
      -- checked without a statement of its own (calls not yet flushed from Redis are added to it).
      create function app_api_key_access_stamp(p_key_hash text) returns text
        language plpgsql stable security definer set search_path = public as $$
        declare stamp text;
        begin
          select md5(concat_ws('|', k.id, k.revoked_at, k.expires_at, k.scopes::text, k.allowed_ips::text, k.rate_limit_per_minute,
                               u.email, t.status, t.plan, t.access_version, m.id, m.active))
                 || '/' || coalesce((select c.value from usage_counters c
                                      where c.tenant_id = k.tenant_id and c.metric = 'api_calls'
                                        and c.period = date_trunc('month', now() at time zone 'utc')::date), 0)
            into stamp
            from api_keys k
            join users u on u.id = k.created_by
            join tenants t on t.id = k.tenant_id
            left join memberships m on m.tenant_id = k.tenant_id and m.user_id = k.created_by
           where k.key_hash = p_key_hash;
          return stamp;
        end $$;

      -- The worker writes sessions' last activity in batches, for every user at once.
      create function app_touch_sessions(p_ids uuid[], p_at timestamptz[]) returns void
        language sql security definer set search_path = public as $$
          update auth_sessions s set last_active_at = t.at
            from unnest(p_ids, p_at) as t(id, at)
           where s.id = t.id and s.last_active_at < t.at
        $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop function if exists app_touch_sessions(uuid[], timestamptz[]);
      drop function if exists app_api_key_access_stamp(text);
      drop function if exists app_session_access_stamp(uuid, uuid, uuid);
      ${BUMPING_TABLES.flatMap((table) => TRIGGER_EVENTS.map(([event]) => `drop trigger if exists ${table}_access_version_${event} on ${table};`)).join('\n      ')}
      drop function if exists app_bump_tenant_access_version();
      alter table tenants drop column if exists access_version;
    `);
  }
}
