import { bearer, expectProblem, markEmailVerified, ownerQuery, PASSWORD, signup, startTestApp, TestApp, uniqueEmail } from './harness';
import { roleIds } from './team.fixtures';

describe('rate limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PUBLIC: '1000', RATE_LIMIT_LOGIN: '3', RATE_LIMIT_USER: '5', RATE_LIMIT_API_KEY: '1000', RATE_LIMIT_SIGNUP: '1000', RATE_LIMIT_TEST_EMAILS: '2' } });
  });
  afterAll(() => t.close());

  it('limits sign-in attempts per IP with 429, Retry-After and RateLimit headers', async () => {
    const first = await t.http().post('/api/v1/auth/login').send({ email: uniqueEmail('nobody'), password: 'wrong-password' });
    expect(first.status).toBe(401);
    expect(first.headers['ratelimit-limit']).toBe('3');
    expect(first.headers['ratelimit-remaining']).toBe('2');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    await t.http().post('/api/v1/auth/login').send({ email: uniqueEmail('nobody'), password: 'wrong-password' }).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: uniqueEmail('nobody'), password: 'wrong-password' }).expect(401);
    const limited = await t.http().post('/api/v1/auth/login').send({ email: uniqueEmail('nobody'), password: PASSWORD });
    expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    // Health probes are never limited.
    for (let i = 0; i < 5; i++) await t.http().get('/api/v1/health/live').expect(200);
  });

  it('limits each signed-in user separately, and a key by its own limit', async () => {
    const a = await signup(t);
    const b = await signup(t);
    for (let i = 0; i < 5; i++) await t.http().get('/api/v1/roles').set(bearer(a.tokens)).expect(200);
    expectProblem(await t.http().get('/api/v1/roles').set(bearer(a.tokens)), 429, 'rate-limited');
    const other = await t.http().get('/api/v1/roles').set(bearer(b.tokens)).expect(200);
    expect(other.headers['ratelimit-remaining']).toBe('4');

    const key = (await t.http().post('/api/v1/api-keys').set(bearer(b.tokens)).send({ name: 'Slow', scopes: ['roles:read'], rateLimitPerMinute: 2 }).expect(201)).body.key;
    await t.http().get('/api/v1/roles').set(bearer(key)).expect(200);
    await t.http().get('/api/v1/roles').set(bearer(key)).expect(200);
    const limited = await t.http().get('/api/v1/roles').set(bearer(key));
    expectProblem(limited, 429, 'rate-limited');
    expect(limited.headers['ratelimit-limit']).toBe('2');
  });

  it('a key\'s own limit only lowers the platform per-key cap: above it is refused at creation and capped at use', async () => {
    const owner = await signup(t);
    const refused = await t.http().post('/api/v1/api-keys').set(bearer(owner.tokens)).send({ name: 'Greedy', scopes: ['roles:read'], rateLimitPerMinute: 1001 });
    expectProblem(refused, 400, 'validation-failed');
    expect(refused.body.errors).toEqual([{ field: 'rateLimitPerMinute', message: expect.stringContaining('1000') }]);
    const atCap = await t.http().post('/api/v1/api-keys').set(bearer(owner.tokens)).send({ name: 'At cap', scopes: ['roles:read'], rateLimitPerMinute: 1000 }).expect(201);
    // A key stored with a higher limit (before this rule) still gets the platform cap.
    await ownerQuery(t, `update api_keys set rate_limit_per_minute = 100000 where id = $1`, [atCap.body.id]);
    const used = await t.http().get('/api/v1/roles').set(bearer(atCap.body.key)).expect(200);
    expect(used.headers['ratelimit-limit']).toBe('1000');
  });

  it('allows a user only RATE_LIMIT_TEST_EMAILS test sends a minute', async () => {
    const owner = await signup(t);
    await markEmailVerified(t, owner.userId);
    const send = () => t.http().post('/api/v1/email-templates/invitation/send-test').set(bearer(owner.tokens)).send({});
    await send().expect(202);
    await send().expect(202);
    const limited = await send();
    expectProblem(limited, 429, 'rate-limited');
    expect(limited.headers['ratelimit-limit']).toBe('2');
    expect(await ownerQuery(t, `select 1 from email_messages where tenant_id = $1`, [owner.tenantId])).toHaveLength(2);
  });
});

describe('plan limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses the member over the plan\'s limit with 402 naming the limit, and counts open invitations', async () => {
    const owner = await signup(t);
    const viewer = (await roleIds(t, owner.tokens)).viewer;
    // The free plan allows 10 members: the owner plus 9 open invitations fill it.
    for (let i = 0; i < 9; i++) {
      await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email: uniqueEmail(`m${i}`), roleIds: [viewer] }).expect(201);
    }
    const email = uniqueEmail('tenth');
    const refused = await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email, roleIds: [viewer] });
    expectProblem(refused, 402, 'plan-limit-reached');
    expect(refused.body).toMatchObject({ limit: 'members', max: 10, used: 10, plan: 'free' });
    expect(await ownerQuery(t, `select count(*)::int as n from invitations where tenant_id = $1 and email = $2`, [owner.tenantId, email])).toEqual([{ n: 0 }]);

    const usage = await t.http().get('/api/v1/usage').set(bearer(owner.tokens)).expect(200);
    expect(usage.body.plan).toBe('free');
    expect(usage.body.limits.find((l: { metric: string }) => l.metric === 'members')).toMatchObject({ used: 10, limit: 10 });

    // A bigger plan lifts the limit at once.
    await ownerQuery(t, `update tenants set plan = 'starter' where id = $1`, [owner.tenantId]);
    await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email, roleIds: [viewer] }).expect(201);
  });

  it('ends 20 parallel invitations at exactly the limit (check and insert under one lock)', async () => {
    const owner = await signup(t);
    const viewer = (await roleIds(t, owner.tokens)).viewer;
    // The owner plus 5 open invitations: 6 of 10.
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email: uniqueEmail(`s${i}`), roleIds: [viewer] }).expect(201);
    }
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email: uniqueEmail(`p${i}`), roleIds: [viewer] })),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(4);
    for (const refused of answers.filter((r) => r.status !== 201)) expectProblem(refused, 402, 'plan-limit-reached');
    const usage = await t.http().get('/api/v1/usage').set(bearer(owner.tokens)).expect(200);
    expect(usage.body.limits.find((l: { metric: string }) => l.metric === 'members')).toMatchObject({ used: 10, limit: 10 });
  });

  it('counts API calls per month and answers 402 once the allowance is spent', async () => {
    const owner = await signup(t);
    const key = (await t.http().post('/api/v1/api-keys').set(bearer(owner.tokens)).send({ name: 'Busy', scopes: ['roles:read'] }).expect(201)).body.key;
    await t.http().get('/api/v1/roles').set(bearer(key)).expect(200);
    await t.http().get('/api/v1/roles').set(bearer(key)).expect(200);
    let usage = await t.http().get('/api/v1/usage').set(bearer(owner.tokens)).expect(200);
    expect(usage.body.limits.find((l: { metric: string }) => l.metric === 'apiCallsPerMonth')).toMatchObject({ used: 2, limit: 10000 });
    expect(usage.body.periodStart).toMatch(/^\d{4}-\d{2}-01$/);

    // The month's calls in the database (the worker moves them there from Redis, where calls are counted
    // first): the allowance is spent.
    await ownerQuery(
      t,
      `insert into usage_counters (tenant_id, metric, period, value) values ($1, 'api_calls', date_trunc('month', now() at time zone 'utc')::date, 10000)
       on conflict (tenant_id, metric, period) do update set value = 10000`,
      [owner.tenantId],
    );
    const refused = await t.http().get('/api/v1/roles').set(bearer(key));
    expectProblem(refused, 402, 'plan-limit-reached');
    expect(refused.body.limit).toBe('apiCallsPerMonth');
    // Members signed in to the SPA are not API calls and keep working.
    await t.http().get('/api/v1/roles').set(bearer(owner.tokens)).expect(200);
    usage = await t.http().get('/api/v1/usage').set(bearer(owner.tokens)).expect(200);
    expect(usage.body.limits.find((l: { metric: string }) => l.metric === 'apiCallsPerMonth').used).toBe(10000);
  });

  it('needs a signed-in member for usage and reports unmeasured limits as null', async () => {
    const owner = await signup(t);
    await t.http().get('/api/v1/usage').expect(401);
    const usage = await t.http().get('/api/v1/usage').set(bearer(owner.tokens)).expect(200);
    expect(usage.body.limits.map((l: { metric: string }) => l.metric)).toEqual(['members', 'apiCallsPerMonth', 'journeys', 'storageMb']);
    expect(usage.body.limits.find((l: { metric: string }) => l.metric === 'journeys').used).toBeNull();
  });
});
