import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { addMember } from './team.fixtures';

describe('API keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const createKey = (tokens: Parameters<typeof bearer>[0], body: Record<string, unknown>) =>
    t.http().post('/api/v1/api-keys').set(bearer(tokens)).send(body);

  it('shows the key once, stores only its hash, and lists usage', async () => {
    const owner = await signup(t);
    const res = await createKey(owner.tokens, { name: 'Zapier', scopes: ['members:read'], mode: 'test' }).expect(201);
    expect(res.body.key).toMatch(/^sk_test_[A-Za-z0-9_-]{32}$/);
    expect(res.body.prefix).toBe(res.body.key.slice(0, 12));
    expect(res.body.last4).toBe(res.body.key.slice(-4));
    const [row] = await ownerQuery(t, `select key_hash from api_keys where id = $1`, [res.body.id]);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await ownerQuery(t, `select * from api_keys where id = $1`, [res.body.id]))).not.toContain(res.body.key);

    await t.http().get('/api/v1/members').set(bearer(res.body.key)).set('X-Forwarded-For', '1.2.3.4').expect(200);
    await t.http().get('/api/v1/members').set(bearer(res.body.key)).expect(200);
    const listed = await t.http().get('/api/v1/api-keys').set(bearer(owner.tokens)).expect(200);
    const key = listed.body.data.find((k: { id: string }) => k.id === res.body.id);
    expect(key).toMatchObject({ name: 'Zapier', mode: 'test', status: 'active', usageCount: 2, scopes: ['members:read'] });
    expect(key.lastUsedAt).not.toBeNull();
    expect(key.lastUsedIp).toBeTruthy();
    expect(key.key).toBeUndefined();
    const single = await t.http().get(`/api/v1/api-keys/${res.body.id}`).set(bearer(owner.tokens)).expect(200);
    expect(single.body.key).toBeUndefined();
  });

  it('enforces scopes: reads allowed by the scope pass, anything else is 403, account routes refuse keys', async () => {
    const owner = await signup(t);
    const { key } = (await createKey(owner.tokens, { name: 'Reader', scopes: ['members:read', 'roles:read'] }).expect(201)).body;
    await t.http().get('/api/v1/members').set(bearer(key)).expect(200);
    await t.http().get('/api/v1/roles').set(bearer(key)).expect(200);
    expectProblem(await t.http().get('/api/v1/invitations').set(bearer(key)), 403, 'forbidden');
    expectProblem(await t.http().post('/api/v1/roles').set(bearer(key)).send({ name: 'Nope', permissions: [] }), 403, 'forbidden');
    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(key)), 403, 'forbidden');
    expectProblem(await t.http().get('/api/v1/api-keys').set(bearer(key)), 403, 'forbidden');
    expectProblem(await t.http().get('/api/v1/admin/tenants').set(bearer(key)), 403, 'forbidden');
    expect(await ownerQuery(t, `select count(*)::int as n from roles where tenant_id = $1 and name = 'Nope'`, [owner.tenantId])).toEqual([{ n: 0 }]);
  });

  it('never exceeds the creator: wider scopes are refused at creation, and lost permissions stop working at once', async () => {
    const owner = await signup(t);
    const role = (await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).send({ name: 'Integrators', permissions: ['members:read', 'api_keys:read', 'api_keys:write'] }).expect(201)).body;
    const support = await addMember(t, owner, [role.key]);
    const ids = { support: role.id };
    const refused = await createKey(support.tokens, { name: 'Too wide', scopes: ['members:write'] });
    expectProblem(refused, 403, 'grant-exceeds-own-permissions');
    expect(refused.body.detail).toContain('members:write');
    const { key } = (await createKey(support.tokens, { name: 'Mine', scopes: ['members:read'] }).expect(201)).body;
    await t.http().get('/api/v1/members').set(bearer(key)).expect(200);
    // The creator loses members:read: the key loses it too, without being edited.
    await t.http().patch(`/api/v1/roles/${ids.support}`).set(bearer(owner.tokens)).send({ permissions: ['api_keys:read', 'api_keys:write'] }).expect(200);
    expectProblem(await t.http().get('/api/v1/members').set(bearer(key)), 403, 'forbidden');
    // A deactivated creator's keys stop working.
    await t.http().patch(`/api/v1/roles/${ids.support}`).set(bearer(owner.tokens)).send({ permissions: ['members:read', 'api_keys:read'] }).expect(200);
    await t.http().get('/api/v1/members').set(bearer(key)).expect(200);
    await t.http().patch(`/api/v1/members/${support.membershipId}`).set(bearer(owner.tokens)).send({ active: false }).expect(200);
    expectProblem(await t.http().get('/api/v1/members').set(bearer(key)), 403);
  });

  it('revocation and expiry take effect at once; unknown keys are 401', async () => {
    const owner = await signup(t);
    const created = (await createKey(owner.tokens, { name: 'Short', scopes: ['members:read'] }).expect(201)).body;
    await t.http().get('/api/v1/members').set(bearer(created.key)).expect(200);
    await t.http().delete(`/api/v1/api-keys/${created.id}`).set(bearer(owner.tokens)).expect(204);
    expectProblem(await t.http().get('/api/v1/members').set(bearer(created.key)), 401, 'invalid-api-key');
    expectProblem(await t.http().delete(`/api/v1/api-keys/${created.id}`).set(bearer(owner.tokens)), 409, 'api-key-revoked');
    const listed = await t.http().get('/api/v1/api-keys?status=revoked').set(bearer(owner.tokens)).expect(200);
    expect(listed.body.data.map((k: { id: string }) => k.id)).toEqual([created.id]);

    const expiring = (await createKey(owner.tokens, { name: 'Expiring', scopes: ['members:read'], expiresAt: new Date(Date.now() + 60_000).toISOString() }).expect(201)).body;
    await t.http().get('/api/v1/members').set(bearer(expiring.key)).expect(200);
    await ownerQuery(t, `update api_keys set expires_at = now() - interval '1 second' where id = $1`, [expiring.id]);
    expectProblem(await t.http().get('/api/v1/members').set(bearer(expiring.key)), 401, 'invalid-api-key');
    expectProblem(await t.http().get('/api/v1/members').set(bearer('sk_live_' + 'x'.repeat(32))), 401, 'invalid-api-key');

    const audit = await ownerQuery(t, `select action from audit_logs where tenant_id = $1 and entity_type = 'api_key' order by created_at`, [owner.tenantId]);
    expect(audit.map((r) => r.action)).toEqual(['api_key.created', 'api_key.revoked', 'api_key.created']);
  });

  it('checks the IP allowlist and records the key as the actor of its changes', async () => {
    const owner = await signup(t);
    const fenced = (await createKey(owner.tokens, { name: 'Fenced', scopes: ['members:read'], allowedIps: ['203.0.113.0/24'] }).expect(201)).body;
    expectProblem(await t.http().get('/api/v1/members').set(bearer(fenced.key)), 403, 'forbidden');
    const local = (await createKey(owner.tokens, { name: 'Local', scopes: ['roles:read', 'roles:write'], allowedIps: ['127.0.0.1', '::1'] }).expect(201)).body;
    const role = await t.http().post('/api/v1/roles').set(bearer(local.key)).send({ name: 'Made by key', permissions: ['roles:read'] }).expect(201);
    const [row] = await ownerQuery(t, `select actor_type, actor_id from audit_logs where entity_id = $1 and action = 'role.created'`, [role.body.id]);
    expect(row).toEqual({ actor_type: 'api_key', actor_id: local.id });
  });

  it('lists the new permissions in the catalog the scope picker reads', async () => {
    const owner = await signup(t);
    const catalog = (await t.http().get('/api/v1/permissions').set(bearer(owner.tokens)).expect(200)).body;
    const keys = JSON.stringify(catalog);
    for (const key of ['api_keys:read', 'api_keys:write', 'webhooks:write', 'email_templates:write', 'features:write', 'usage:read', 'integrations:read']) {
      expect(keys).toContain(key);
    }
  });

  it('validates input and changes nothing on bad input', async () => {
    const owner = await signup(t);
    const bad = [
      { name: '', scopes: ['members:read'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['nothing:read'] },
      { name: 'x', scopes: ['platform.tenants:read'] },
      { name: 'x', scopes: ['members:read'], mode: 'prod' },
      { name: 'x', scopes: ['members:read'], expiresAt: '2001-01-01T00:00:00Z' },
      { name: 'x', scopes: ['members:read'], allowedIps: ['10.0.0.0/99'] },
      { name: 'x', scopes: ['members:read'], allowedIps: ['not-an-ip'] },
      { name: 'x', scopes: ['members:read'], rateLimitPerMinute: 0 },
    ];
    for (const body of bad) expectProblem(await createKey(owner.tokens, body), 400);
    expect(await ownerQuery(t, `select count(*)::int as n from api_keys where tenant_id = $1`, [owner.tenantId])).toEqual([{ n: 0 }]);
  });
});
