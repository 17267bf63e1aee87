// Baseline for the list scenario: what an authenticated list costs with nothing but the essentials.
// Bare Fastify 5 + pg.Pool as the runtime role (row-level security applies) + HS256 verification of the
// API's own access token (jsonwebtoken with a createSecretKey KeyObject, the bench API's JWT_SECRET) +
// one transaction per request in three round trips: `begin; select set_config(tenant), set_config(user)`
// as one simple-protocol message (both ids checked as UUIDs first), the API's keyset query as a named
// prepared statement, `commit`. Same route, same query string and cursor decoding as the API.
import { createSecretKey } from 'node:crypto';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { decodeTimeCursor, isUuid, LIST_SQL } from '../lib/audit-list.mjs';

const key = createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const app = Fastify({ logger: false });

const problem = (reply, status, title) => reply.code(status).type('application/problem+json').send({ type: 'about:blank', title, status });

function toDto(row) {
  return {
    id: row.id,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    impersonatorId: row.impersonator_id,
    impersonatorEmail: row.impersonator_email,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

app.get('/api/v1/health/live', async () => ({ status: 'ok' }));

app.get('/api/v1/audit-logs', async (request, reply) => {
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  let claims;
  try {
    claims = jwt.verify(token ?? '', key, { algorithms: ['HS256'] });
  } catch {
    return problem(reply, 401, 'Unauthorized');
  }
  if (!isUuid(claims.sub) || !isUuid(claims.tid)) return problem(reply, 401, 'Unauthorized');
  const limit = request.query.limit === undefined ? 25 : Number(request.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return problem(reply, 400, 'Bad Request');
  const cursor = decodeTimeCursor(request.query.cursor);
  if (cursor === undefined) return problem(reply, 400, 'Bad Request');
  const client = await pool.connect();
  let rows;
  try {
    await client.query(`begin; select set_config('app.tenant_id', '${claims.tid}', true), set_config('app.user_id', '${claims.sub}', true)`);
    ({ rows } = await client.query(cursor
      ? { name: 'bench-audit-after', text: LIST_SQL.after, values: [claims.tid, cursor.at, cursor.id, limit + 1] }
      : { name: 'bench-audit-first', text: LIST_SQL.first, values: [claims.tid, limit + 1] }));
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data: data.map(toDto), nextCursor: hasMore ? Buffer.from(JSON.stringify({ v: last.cursor_at, id: last.id })).toString('base64url') : null };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => process.exit(0)));
