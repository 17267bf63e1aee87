import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { flushSessionActivity } from '@app/auth';
import { loadConfig } from '@app/core';
import { Db, afterCommit } from '@app/database';
import { apiUsageKeys, flushApiUsage } from '@app/limits';
import { REDIS } from '@app/queue';
import { createApp } from '../src/app.factory';
import { bearer, expectProblem, login, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { addMember, roleIds } from './team.fixtures';

/** Every message the app's pg clients send while `work` runs (this process only; requests are sent one at a time). */
async function sqlDuring(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const first = args[0] as string | { text: string };
    seen.push((typeof first === 'string' ? first : first.text).replace(/\s+/g, ' ').trim());
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  try {
    await work();
  } finally {
    Client.prototype.query = original;
  }
  return seen;
}

const opens = (sql: string[]) => sql.filter((s) => /^start transaction/i.test(s)).length;

describe('request path (e2e)', () => {
  let t: TestApp;
  /** A second API process on the same database and Redis: its own principal cache, as behind a load balancer. */
  let other: NestFastifyApplication;
  const viaOther = () => request(other.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp();
    other = await createApp({ silent: true, serveWeb: false });
    await other.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('reads with one transaction whose first message also binds RLS and reads the access stamp; a cached principal adds no statement', async () => {
    const owner = await signup(t);
    const first = await sqlDuring(() => t.http().get('/api/v1/members').set(bearer(owner.tokens)).expect(200));
    expect(opens(first)).toBe(1);
    expect(first[0]).toMatch(/^start transaction; select set_config\('app\.tenant_id', '[0-9a-f-]{36}', true\), set_config\('app\.user_id', '[0-9a-f-]{36}', true\), app_session_access_stamp\(/);
    // Not cached yet in this process: the principal is loaded in the same transaction.
    expect(first.some((s) => s.includes('from auth_sessions s join users u'))).toBe(true);

    const again = await sqlDuring(() => t.http().get('/api/v1/members').set(bearer(owner.tokens)).expect(200));
    expect(opens(again)).toBe(1);
    expect(again.some((s) => s.includes('from auth_sessions s join users u'))).toBe(false);
    expect(again.filter((s) => /set_config/.test(s))).toHaveLength(1);
    expect(again.some((s) => /^update /i.test(s))).toBe(false); // no last_active_at write on the way
    expect(again[again.length - 1]).toBe('COMMIT');
  });

  it('answers a malformed token or a request over its rate limit without touching the database', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_USER: '2' } });
    try {
      const owner = await signup(limited);
      const none = await sqlDuring(async () => {
        expectProblem(await limited.http().get('/api/v1/members').set('Authorization', 'Bearer not-a-jwt'), 401, 'unauthorized');
        expectProblem(await limited.http().get('/api/v1/members'), 401, 'unauthorized');
      });
      expect(none).toEqual([]);
      await limited.http().get('/api/v1/members').set(bearer(owner.tokens)).expect(200);
      await limited.http().get('/api/v1/members').set(bearer(owner.tokens)).expect(200);
      const refused = await sqlDuring(async () => expectProblem(await limited.http().get('/api/v1/members').set(bearer(owner.tokens)), 429, 'rate-limited'));
      expect(refused).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('applies role, permission, membership and tenant changes on the next request in another API process', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const custom = await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).send({ name: 'Desk', permissions: ['members:read', 'roles:read'] }).expect(201);
    const member = await addMember(t, owner, ['viewer']);
    await t.http().patch(`/api/v1/members/${member.membershipId}`).set(bearer(owner.tokens)).send({ roleIds: [custom.body.id] }).expect(200);
    // Warm both processes' caches.
    await t.http().get('/api/v1/members').set(bearer(member.tokens)).expect(200);
    await viaOther().get('/api/v1/members').set(bearer(member.tokens)).expect(200);

    // The role loses a permission (through this process): the other process refuses at once.
    await t.http().patch(`/api/v1/roles/${custom.body.id}`).set(bearer(owner.tokens)).send({ permissions: ['roles:read'] }).expect(200);
    expectProblem(await viaOther().get('/api/v1/members').set(bearer(member.tokens)), 403, 'forbidden');
    await viaOther().get('/api/v1/roles').set(bearer(member.tokens)).expect(200);

    // The member's roles change: granted at once.
    await t.http().patch(`/api/v1/members/${member.membershipId}`).set(bearer(owner.tokens)).send({ roleIds: [roles.viewer] }).expect(200);
    await viaOther().get('/api/v1/members').set(bearer(member.tokens)).expect(200);

    // Deactivated, then back.
    await t.http().patch(`/api/v1/members/${member.membershipId}`).set(bearer(owner.tokens)).send({ active: false }).expect(200);
    expectProblem(await viaOther().get('/api/v1/members').set(bearer(member.tokens)), 403, 'membership-inactive');
    await t.http().patch(`/api/v1/members/${member.membershipId}`).set(bearer(owner.tokens)).send({ active: true }).expect(200);
    await viaOther().get('/api/v1/members').set(bearer(member.tokens)).expect(200);

    // The tenant is suspended by platform staff.
    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
    await t.http().post(`/api/v1/admin/tenants/${owner.tenantId}/suspend`).set(bearer(staff.tokens)).send({ reason: 'Review' }).expect(200);
    expectProblem(await viaOther().get('/api/v1/members').set(bearer(member.tokens)), 403, 'tenant-suspended');
    await t.http().post(`/api/v1/admin/tenants/${owner.tenantId}/activate`).set(bearer(staff.tokens)).send({}).expect(200);
    await viaOther().get('/api/v1/members').set(bearer(member.tokens)).expect(200);

    // Signing out ends the session everywhere.
    await t.http().post('/api/v1/auth/logout').set(bearer(member.tokens)).send({}).expect(204);
    expectProblem(await viaOther().get('/api/v1/members').set(bearer(member.tokens)), 401, 'unauthorized');
  });

  it('applies API-key revocation and its creator losing a permission on the next request in another API process', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const admin = await addMember(t, owner, ['admin']);
    const created = await t.http().post('/api/v1/api-keys').set(bearer(admin.tokens)).send({ name: 'Sync', scopes: ['members:read', 'roles:read'] }).expect(201);
    const key = created.body.key as string;
    await viaOther().get('/api/v1/members').set(bearer(key)).expect(200);
    await t.http().get('/api/v1/members').set(bearer(key)).expect(200);

    // Its creator becomes a client (no members:read): the key's scopes are cut down with them.
    await t.http().patch(`/api/v1/members/${admin.membershipId}`).set(bearer(owner.tokens)).send({ roleIds: [roles.client] }).expect(200);
    expectProblem(await viaOther().get('/api/v1/members').set(bearer(key)), 403, 'forbidden');
    await t.http().patch(`/api/v1/members/${admin.membershipId}`).set(bearer(owner.tokens)).send({ roleIds: [roles.admin] }).expect(200);
    await viaOther().get('/api/v1/members').set(bearer(key)).expect(200);

    await t.http().delete(`/api/v1/api-keys/${created.body.id}`).set(bearer(owner.tokens)).expect(204);
    expectProblem(await viaOther().get('/api/v1/members').set(bearer(key)), 401, 'invalid-api-key');
    expectProblem(await t.http().get('/api/v1/members').set(bearer(key)), 401, 'invalid-api-key');
  });

  it('counts API-key calls in Redis and moves them into the database once, without counting twice', async () => {
    const owner = await signup(t);
    const created = await t.http().post('/api/v1/api-keys').set(bearer(owner.tokens)).send({ name: 'Counter', scopes: ['roles:read'] }).expect(201);
    const key = created.body.key as string;
    // No row lock on the way: no statement writes the key or the tenant's counter.
    const sql = await sqlDuring(() => t.http().get('/api/v1/roles').set(bearer(key)).expect(200));
    expect(sql.some((s) => /^(update|insert)/i.test(s))).toBe(false);
    await viaOther().get('/api/v1/roles').set(bearer(key)).expect(200);
    await t.http().get('/api/v1/roles').set(bearer(key)).expect(200);

    const shown = async () => (await t.http().get(`/api/v1/api-keys/${created.body.id}`).set(bearer(owner.tokens)).expect(200)).body;
    const usage = async () => (await t.http().get('/api/v1/usage').set(bearer(owner.tokens)).expect(200)).body.limits.find((l: { metric: string }) => l.metric === 'apiCallsPerMonth').used;
    expect((await shown()).usageCount).toBe(3);
    expect(await usage()).toBe(3);

    const redis = t.app.get<Redis>(REDIS);
    const db = t.app.get(Db);
    const prefix = t.redisPrefix;
    expect(await flushApiUsage(redis, db, prefix)).toBeGreaterThanOrEqual(3);
    const [row] = await ownerQuery(t, `select usage_count, last_used_at, last_used_ip from api_keys where id = $1`, [created.body.id]);
    expect(Number(row.usage_count)).toBe(3);
    expect(row.last_used_at).not.toBeNull();
    expect(row.last_used_ip).toBeTruthy();
    const [counter] = await ownerQuery(t, `select value from usage_counters where tenant_id = $1 and metric = 'api_calls'`, [owner.tenantId]);
    expect(Number(counter.value)).toBe(3);
    const keys = apiUsageKeys(prefix);
    expect(await redis.exists(keys.keyCalls, keys.keyLastUsed, keys.tenantCalls)).toBe(0);
    // Shown the same after the move, and a second flush moves nothing.
    expect((await shown()).usageCount).toBe(3);
    expect(await usage()).toBe(3);
    await flushApiUsage(redis, db, prefix);
    expect(Number((await ownerQuery(t, `select usage_count from api_keys where id = $1`, [created.body.id]))[0].usage_count)).toBe(3);
  });

  it('records session activity at most once a minute without a write on the request, and the flush writes it', async () => {
    const owner = await signup(t);
    const tokens = await login(t, owner.email);
    await ownerQuery(t, `update auth_sessions set last_active_at = '2020-01-01T00:00:00Z' where user_id = $1`, [owner.userId]);
    await t.http().get('/api/v1/auth/me').set(bearer(tokens)).expect(200);
    expect(await flushSessionActivity(t.app.get<Redis>(REDIS), t.app.get(Db), t.redisPrefix)).toBeGreaterThanOrEqual(1);
    const sessions = await ownerQuery(t, `select last_active_at from auth_sessions where user_id = $1 and last_active_at > '2020-01-02'`, [owner.userId]);
    expect(sessions).toHaveLength(1);
  });
});

describe('Db transactions opened in one round trip', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('keeps savepoints, rollbacks and after-commit callbacks working, and reads the opening probe', async () => {
    const db = t.app.get(Db);
    const committed: string[] = [];
    const probed = await db.transactionWith({}, { fn: 'app_session_access_stamp', args: ['00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000', null] }, async (stamp) => {
      const manager = db.manager();
      await manager.transaction(async (inner) => {
        await inner.query('select 1');
      });
      await manager
        .transaction(async (inner) => {
          await inner.query('select 1');
          throw new Error('inner fails');
        })
        .catch(() => undefined);
      const [row] = await manager.query(`select current_setting('app.tenant_id', true) as tenant`);
      expect(row.tenant).toBe('');
      afterCommit(manager, () => void committed.push('after'));
      return stamp;
    });
    expect(probed).toBeNull();
    expect(committed).toEqual(['after']);

    // A failing transaction rolls back and its connection is reused cleanly.
    await expect(db.transaction({}, (m) => m.query('select 1/0'))).rejects.toThrow();
    const [ok] = await db.transaction({}, (m) => m.query(`select 1 as one, current_setting('app.user_id', true) as uid`));
    expect(ok).toMatchObject({ one: 1, uid: '' });
    await expect(db.transactionWith({}, { fn: 'app_session_access_stamp', args: ["x'); drop table users; --"] }, async () => null)).rejects.toThrow(/ids and hex digests only/);
  });

  it('survives the server ending a connection it holds between statements, and destroys that connection', async () => {
    const db = t.app.get(Db);
    const admin = new Client({ connectionString: loadConfig().databaseAdminUrl });
    await admin.connect();
    try {
      await expect(
        db.transaction({}, async () => {
          const [{ pid }] = await db.query<{ pid: number }>('select pg_backend_pid() as pid');
          // Ended while idle in the transaction (as an idle-in-transaction timeout or an operator does): the
          // FATAL notice arrives with no query running. Unheard, its 'error' event would end this process.
          await admin.query('select pg_terminate_backend($1)', [pid]);
          await new Promise((r) => setTimeout(r, 200));
          await db.query('select 1');
        }),
      ).rejects.toThrow();
      const [{ one }] = await db.transaction({}, () => db.query<{ one: number }>('select 1 as one'));
      expect(one).toBe(1);
    } finally {
      await admin.end();
    }
  });

  it('runs a transaction of prepared statements without a TypeORM manager, and makes one on first use', async () => {
    const db = t.app.get(Db);
    const seen: string[] = [];
    // No manager asked for: the queries go over the transaction's connection, in the transaction (a
    // transaction-local setting survives from one statement to the next).
    const [inside] = await db.transaction({}, async () => {
      await db.query(`select set_config('app.probe_value', 'kept', true)`);
      return db.query<{ kept: string }>(`select current_setting('app.probe_value', true) as kept`);
    });
    expect(inside).toEqual({ kept: 'kept' });
    // The manager made mid-way shares the connection and transaction; afterCommit runs after COMMIT only.
    await db.transaction({}, async () => {
      await db.query(`select set_config('app.probe_value', 'shared', true)`);
      const [row] = await db.manager().query(`select current_setting('app.probe_value', true) as v`);
      seen.push(row.v);
      afterCommit(db.manager(), () => void seen.push('committed'));
    });
    await expect(
      db.transaction({}, async () => {
        afterCommit(db.manager(), () => void seen.push('must not run'));
        await db.query('select 1/0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(seen).toEqual(['shared', 'committed']);
    // Work left running after its transaction ended cannot reach the connection, now back in the pool.
    let late: Promise<unknown> = Promise.resolve();
    await db.transaction({}, async () => {
      late = new Promise((resolve) => setTimeout(resolve, 20)).then(() => db.query('select 1'));
    });
    await expect(late).rejects.toThrow(/No database transaction/);
  });
});
