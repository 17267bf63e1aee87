import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp, uniqueEmail } from './harness';

describe('Idempotency-Key (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('replays the stored response for the same key and body, and does the work once', async () => {
    const owner = await signup(t);
    const body = { name: 'Editors', permissions: ['members:read'] };
    const first = await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'create-editors-1').send(body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'create-editors-1').send({ permissions: ['members:read'], name: 'Editors' }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await ownerQuery(t, `select count(*)::int as n from roles where tenant_id = $1 and name = 'Editors'`, [owner.tenantId])).toEqual([{ n: 1 }]);
    expect(await ownerQuery(t, `select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'role.created'`, [owner.tenantId])).toEqual([{ n: 1 }]);
    // The stored response is sealed, not readable in the table.
    const [row] = await ownerQuery(t, `select response_body_enc from idempotency_keys where key = 'create-editors-1'`);
    expect(row.response_body_enc).not.toContain('Editors');
  });

  it('stores and replays the answer of an anonymous request whose transaction moves into a tenant (sign-in)', async () => {
    const owner = await signup(t);
    const key = `login-${uniqueEmail('k')}`;
    const body = { email: owner.email, password: 'Passw0rd!test' };
    const first = await t.http().post('/api/v1/auth/login').set('Idempotency-Key', key).send(body).expect(200);
    const again = await t.http().post('/api/v1/auth/login').set('Idempotency-Key', key).send(body).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await ownerQuery(t, `select status from idempotency_keys where key = $1`, [key])).toEqual([{ status: 'completed' }]);
  });

  it('answers 422 when the key is reused with another body, and changes nothing', async () => {
    const owner = await signup(t);
    await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'k-1').send({ name: 'One', permissions: [] }).expect(201);
    const reused = await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'k-1').send({ name: 'Two', permissions: [] });
    expectProblem(reused, 422, 'idempotency-key-reused');
    expect(await ownerQuery(t, `select count(*)::int as n from roles where tenant_id = $1 and name = 'Two'`, [owner.tenantId])).toEqual([{ n: 0 }]);
  });

  it('runs one of two concurrent requests with one key; the other gets 409', async () => {
    const owner = await signup(t);
    const body = { email: uniqueEmail('race'), roleIds: [] as string[] };
    const roles = await t.http().get('/api/v1/roles').set(bearer(owner.tokens)).expect(200);
    body.roleIds = [roles.body.data.find((r: { key: string }) => r.key === 'viewer').id];
    const send = () => t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).set('Idempotency-Key', 'race-1').send(body);
    const results = await Promise.all([send(), send(), send()]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    const conflicts = results.filter((r) => r.status === 409);
    for (const conflict of conflicts) {
      expectProblem(conflict, 409, 'idempotency-in-progress');
      expect(conflict.headers['retry-after']).toBe('1');
    }
    // Whatever the interleaving, the invitation exists once and any 201 after the first is a replay.
    expect(conflicts.length + results.filter((r) => r.headers['idempotent-replayed'] === 'true').length).toBe(2);
    expect(await ownerQuery(t, `select count(*)::int as n from invitations where tenant_id = $1 and email = $2`, [owner.tenantId, body.email])).toEqual([{ n: 1 }]);
  });

  it('holds a request back with 409 while the first is still running', async () => {
    const owner = await signup(t);
    const [user] = await ownerQuery(t, `select id from users where email = $1`, [owner.email]);
    await ownerQuery(
      t,
      `insert into idempotency_keys (id, scope, key, tenant_id, method, path, request_hash, status, locked_until)
       values (gen_random_uuid(), $1, 'busy', $2, 'POST', '/api/v1/roles', 'x', 'in_progress', now() + interval '1 minute')`,
      [`user:${user.id}:${owner.tenantId}`, owner.tenantId],
    );
    const res = await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'busy').send({ name: 'Busy', permissions: [] });
    // A different fingerprint on an in-flight key is still a mismatch; same fingerprint would be 409.
    expectProblem(res, 422, 'idempotency-key-reused');
  });

  it('releases the key when the request fails, so a corrected retry with the same key runs', async () => {
    const owner = await signup(t);
    expectProblem(await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'fix-me').send({ name: '', permissions: [] }), 400);
    expectProblem(await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'fix-me').send({ name: 'Fixed', permissions: ['nope:read'] }), 400);
    await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'fix-me').send({ name: 'Fixed', permissions: [] }).expect(201);
  });

  it('scopes keys per caller, and ignores keys on GET', async () => {
    const a = await signup(t);
    const b = await signup(t);
    await t.http().post('/api/v1/roles').set(bearer(a.tokens)).set('Idempotency-Key', 'shared').send({ name: 'Mine', permissions: [] }).expect(201);
    const other = await t.http().post('/api/v1/roles').set(bearer(b.tokens)).set('Idempotency-Key', 'shared').send({ name: 'Mine', permissions: [] }).expect(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    await t.http().get('/api/v1/roles').set(bearer(a.tokens)).set('Idempotency-Key', 'shared').expect(200);
  });

  it('rejects malformed keys with 400', async () => {
    const owner = await signup(t);
    expectProblem(await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'x'.repeat(256)).send({ name: 'Long', permissions: [] }), 400);
    expect(await ownerQuery(t, `select count(*)::int as n from roles where tenant_id = $1 and name = 'Long'`, [owner.tenantId])).toEqual([{ n: 0 }]);
  });

  it('forgets keys after 24 hours (prune) and lets them be used again', async () => {
    const owner = await signup(t);
    await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'old').send({ name: 'Old 1', permissions: [] }).expect(201);
    await ownerQuery(t, `update idempotency_keys set created_at = now() - interval '25 hours' where key = 'old'`);
    const fresh = await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).set('Idempotency-Key', 'old').send({ name: 'Old 2', permissions: [] }).expect(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    await ownerQuery(t, `update idempotency_keys set created_at = now() - interval '25 hours' where key = 'old'`);
    const { IdempotencyService } = await import('@app/idempotency');
    expect(await t.app.get(IdempotencyService).prune()).toBeGreaterThanOrEqual(1);
    expect(await ownerQuery(t, `select count(*)::int as n from idempotency_keys where key = 'old'`)).toEqual([{ n: 0 }]);
  });
});
