// The audit log list as the API runs it (libs/audit/src/audit-logs.service.ts `page()` with
// audit-log-where.ts and core's keyset-cursor.ts), for the bench's bare arm and its data set-up: the
// same SQL text, the same cursor decoding, the same rows. Keep in step with those files.

export const LIMIT = 25;
/** Pages start at these fractions of the tenant's rows: from the first page down to 90% deep. */
export const DEPTHS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const YEAR_SECONDS = 365 * 86_400;

const SELECT = `select a.id, a.tenant_id, a.actor_type, a.actor_id, a.actor_email, a.impersonator_id, a.action, a.entity_type, a.entity_id,
              a.before, a.after, a.ip, a.user_agent, a.request_id, a.created_at, to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at,
              iu.email as impersonator_email
         from audit_logs a left join users iu on iu.id = a.impersonator_id`;

/** The API's list query for a tenant: the first page ($1 tenant, $2 limit + 1) and a page after a cursor ($1 tenant, $2 at, $3 id, $4 limit + 1). */
export const LIST_SQL = {
  first: `${SELECT}
        where a.tenant_id = $1::uuid
        order by a.created_at desc, a.id desc
        limit $2`,
  after: `${SELECT}
        where a.tenant_id = $1::uuid and (a.created_at, a.id) < ($2::timestamptz, $3::uuid)
        order by a.created_at desc, a.id desc
        limit $4`,
};

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value) => typeof value === 'string' && UUID.test(value);

/** decodeCursor + decodeTimeCursor of libs/core: base64url JSON { v, id }, both parts checked; null when absent, undefined when invalid. */
export function decodeTimeCursor(cursor) {
  if (!cursor) return null;
  let position;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof position?.v !== 'string' || typeof position?.id !== 'string') return undefined;
  const valid = TIMESTAMP.test(position.v) && !Number.isNaN(Date.parse(position.v))
    && new Date(position.v).toISOString().slice(0, 19) === position.v.slice(0, 19) && isUuid(position.id);
  return valid ? { at: position.v, id: position.id } : undefined;
}

export const encodeCursor = (position) => Buffer.from(JSON.stringify(position)).toString('base64url');

/**
 * Inserts `rows` audit events for one tenant in a single INSERT ... SELECT generate_series, spread over a
 * year, with time-ordered (v7-layout) ids and a mix of actions, entities and small before/after diffs.
 */
export async function fillAuditLog(client, tenant, rows) {
  await client.query(
    `insert into audit_logs (id, tenant_id, actor_type, actor_id, actor_email, action, entity_type, entity_id, before, after, ip, user_agent, request_id, created_at)
     select (lpad(to_hex((extract(epoch from ts) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid,
            $1::uuid, 'user', $2::uuid, $3,
            (array['member.invite', 'member.update', 'role.update', 'settings.update', 'api_key.create', 'webhook.update'])[1 + i % 6],
            (array['membership', 'role', 'tenant', 'api_key', 'webhook_endpoint'])[1 + i % 5],
            substr(h, 17, 16),
            jsonb_build_object('name', 'Item ' || (i % 1000), 'status', 'active'),
            jsonb_build_object('name', 'Item ' || (i % 1000), 'status', case when i % 3 = 0 then 'archived' else 'active' end),
            '203.0.113.' || (i % 250), 'Mozilla/5.0 (bench)', h,
            ts
       from (select i, now() - make_interval(secs => i * $4::float8) as ts, md5(i::text || $1) as h from generate_series(1, $5::int) i) s`,
    [tenant.tenantId, tenant.userId, `owner@${tenant.label}.bench`, YEAR_SECONDS / rows, rows],
  );
}

/** The keyset (cursor_at, id) of the row just above each depth, as the API's opaque cursor encodes it. */
export async function pagePositions(client, tenantId, total) {
  const result = [];
  for (const depth of DEPTHS) {
    const offset = Math.floor(depth * total);
    if (offset === 0) {
      result.push({ depth, offset, cursor: null, at: null, id: null });
      continue;
    }
    const { rows } = await client.query(
      `select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from audit_logs
        where tenant_id = $1 order by created_at desc, id desc offset $2 limit 1`,
      [tenantId, offset - 1],
    );
    const { id, at } = rows[0];
    result.push({ depth, offset, at, id, cursor: encodeCursor({ v: at, id }) });
  }
  return result;
}

/** The list route's path for one page position. */
export const listPath = (position) => `/api/v1/audit-logs?limit=${LIMIT}${position.cursor ? `&cursor=${position.cursor}` : ''}`;
