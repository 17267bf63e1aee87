import Redis from 'ioredis';
import { FEATURE_FLAG_CATALOG, FeatureFlagsService } from '@app/tenants';
import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { addMember } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

describe('feature flags (e2e)', () => {
  let t: TestApp;
  let redis: Redis;
  let staff: Signup;
  beforeAll(async () => {
    t = await startTestApp();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    staff = await signup(t, { name: 'Staff' });
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
  });

  const features = async (who: Signup) => (await t.http().get('/api/v1/features').set(bearer(who.tokens)).expect(200)).body.flags;
  const flagList = async (who: Signup) => (await t.http().get('/api/v1/feature-flags').set(bearer(who.tokens)).expect(200)).body.data;
  const setFlag = (who: Signup, key: string, enabled: unknown) => t.http().put(`/api/v1/feature-flags/${key}`).set(bearer(who.tokens)).send({ enabled });
  const setDefault = (key: string, enabled: unknown) => t.http().put(`/api/v1/admin/feature-flags/${key}`).set(bearer(staff.tokens)).send({ enabled });

  it('lists the catalog with default, override and effective value', async () => {
    const owner = await signup(t);
    const flags = await flagList(owner);
    expect(flags.map((f: any) => f.key)).toEqual(FEATURE_FLAG_CATALOG.map((f) => f.key));
    expect(flags.find((f: any) => f.key === 'sessions.concierge')).toEqual({
      key: 'sessions.concierge',
      description: expect.any(String),
      default: false,
      override: null,
      enabled: false,
    });
    expect(await features(owner)).toEqual(Object.fromEntries(FEATURE_FLAG_CATALOG.map((f) => [f.key, f.defaultEnabled])));
  });

  it('resolves catalog default → platform default → tenant override, each change visible at once (audited)', async () => {
    const owner = await signup(t);
    const other = await signup(t);
    expect((await features(owner))['sessions.concierge']).toBe(false); // cached now

    const platform = await setDefault('sessions.concierge', true).expect(200);
    expect(platform.body).toEqual({ key: 'sessions.concierge', description: expect.any(String), catalogDefault: false, platformDefault: true, enabled: true });
    expect((await features(owner))['sessions.concierge']).toBe(true);
    expect((await features(other))['sessions.concierge']).toBe(true);

    const overridden = await setFlag(owner, 'sessions.concierge', false).expect(200);
    expect(overridden.body).toEqual({ key: 'sessions.concierge', description: expect.any(String), default: true, override: false, enabled: false });
    expect((await features(owner))['sessions.concierge']).toBe(false);
    expect((await features(other))['sessions.concierge']).toBe(true);
    const service = t.app.get(FeatureFlagsService);
    expect(await service.isEnabled(owner.tenantId, 'sessions.concierge')).toBe(false);
    expect(await service.isEnabled(other.tenantId, 'sessions.concierge')).toBe(true);

    // a platform default does not beat a tenant override
    await setDefault('sessions.concierge', false).expect(200);
    await setFlag(owner, 'sessions.concierge', true).expect(200);
    expect((await features(owner))['sessions.concierge']).toBe(true);
    expect((await features(other))['sessions.concierge']).toBe(false);

    const cleared = await t.http().delete('/api/v1/feature-flags/sessions.concierge').set(bearer(owner.tokens)).expect(200);
    expect(cleared.body).toMatchObject({ default: false, override: null, enabled: false });
    expect((await features(owner))['sessions.concierge']).toBe(false);
    await t.http().delete('/api/v1/admin/feature-flags/sessions.concierge').set(bearer(staff.tokens)).expect(200);
    expect((await t.http().get('/api/v1/admin/feature-flags').set(bearer(staff.tokens)).expect(200)).body.data).toContainEqual(
      expect.objectContaining({ key: 'sessions.concierge', platformDefault: null, enabled: false }),
    );

    const tenantAudit = await ownerQuery(t, `select action, entity_id, before, after from audit_logs where tenant_id = $1 and entity_type = 'feature_flag' order by created_at, id`, [owner.tenantId]);
    expect(tenantAudit).toEqual([
      { action: 'feature_flag.overridden', entity_id: 'sessions.concierge', before: { override: null, enabled: true }, after: { override: false, enabled: false } },
      { action: 'feature_flag.overridden', entity_id: 'sessions.concierge', before: { override: false, enabled: false }, after: { override: true, enabled: true } },
      { action: 'feature_flag.override_removed', entity_id: 'sessions.concierge', before: { override: true, enabled: true }, after: { override: null, enabled: false } },
    ]);
    const platformAudit = await ownerQuery(t, `select action, actor_id from audit_logs where tenant_id is null and entity_type = 'feature_flag' and entity_id = 'sessions.concierge' order by created_at, id`);
    expect(platformAudit.map((r) => r.action)).toEqual(['feature_flag_default.set', 'feature_flag_default.set', 'feature_flag_default.removed']);
    expect(platformAudit.every((r) => r.actor_id === staff.userId)).toBe(true);
  });

  it('serves flags from a shared Redis cache (TTL ≤ 30 s) and evicts it when a flag is written', async () => {
    const owner = await signup(t);
    await features(owner);
    const key = `${t.redisPrefix}:feature-flags:tenant:${owner.tenantId}`;
    expect(JSON.parse((await redis.get(key))!)).toEqual({});
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);

    // A write that bypasses the service is not seen until the cache entry goes: proof the cache serves reads.
    await ownerQuery(t, `insert into tenant_feature_flags (tenant_id, key, enabled) values ($1, 'paylinks.qr', false)`, [owner.tenantId]);
    expect((await features(owner))['paylinks.qr']).toBe(true);
    // A write through the API evicts the entry at commit, so every API instance reads the new value next.
    await setFlag(owner, 'analytics.reports', true).expect(200);
    expect(await redis.get(key)).toBeNull();
    const fresh = await features(owner);
    expect(fresh['paylinks.qr']).toBe(false);
    expect(fresh['analytics.reports']).toBe(true);
  });

  it('does not evict or change anything on a refused write', async () => {
    const owner = await signup(t);
    expectProblem(await setFlag(owner, 'paylinks.qr', 'yes'), 400, 'validation-failed');
    expectProblem(await setFlag(owner, 'paylinks.qr', null), 400, 'validation-failed');
    expectProblem(await setFlag(owner, 'no.such-flag', true), 404, 'not-found');
    expectProblem(await setDefault('no.such-flag', true), 404, 'not-found');
    expectProblem(await setDefault('paylinks.qr', 1), 400, 'validation-failed');
    expect(await ownerQuery(t, `select * from tenant_feature_flags where tenant_id = $1`, [owner.tenantId])).toEqual([]);
    expect(await ownerQuery(t, `select * from feature_flag_defaults`)).toEqual([]);
    // setting the value it already has records nothing
    await setFlag(owner, 'paylinks.qr', true).expect(200);
    await setFlag(owner, 'paylinks.qr', true).expect(200);
    expect((await ownerQuery(t, `select action from audit_logs where tenant_id = $1 and entity_type = 'feature_flag'`, [owner.tenantId])).length).toBe(1);
  });

  it('lets a viewer read flags but not change them, and keeps platform defaults to staff', async () => {
    const owner = await signup(t);
    const viewer = await addMember(t, owner, ['viewer']);
    await t.http().get('/api/v1/feature-flags').set(bearer(viewer.tokens)).expect(200);
    await t.http().get('/api/v1/features').set(bearer(viewer.tokens)).expect(200);
    expectProblem(await t.http().put('/api/v1/feature-flags/paylinks.qr').set(bearer(viewer.tokens)).send({ enabled: false }), 403, 'forbidden');
    expectProblem(await t.http().delete('/api/v1/feature-flags/paylinks.qr').set(bearer(viewer.tokens)), 403, 'forbidden');
    expectProblem(await t.http().get('/api/v1/admin/feature-flags').set(bearer(owner.tokens)), 403);
    expectProblem(await t.http().put('/api/v1/admin/feature-flags/paylinks.qr').set(bearer(owner.tokens)).send({ enabled: false }), 403);
    expectProblem(await t.http().get('/api/v1/features'), 401);
    const support = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'support' where id = $1`, [support.userId]);
    await t.http().get('/api/v1/admin/feature-flags').set(bearer(support.tokens)).expect(200);
    expectProblem(await t.http().put('/api/v1/admin/feature-flags/paylinks.qr').set(bearer(support.tokens)).send({ enabled: false }), 403);
    expect(await ownerQuery(t, `select * from tenant_feature_flags where tenant_id = $1`, [owner.tenantId])).toEqual([]);
  });
});
