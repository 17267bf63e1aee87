import { bearer, login, ownerQuery, signup, signupTokenSentTo, startTestApp, TestApp } from './harness';
import { fillPath, listRoutes } from './routes';

const noStore = (res: { headers: Record<string, string> }) => /(^|,)\s*no-store\s*(,|$)/.test(res.headers['cache-control'] ?? '');
const expectNoStore = (res: { headers: Record<string, string> }, what: string) => expect({ what, cacheControl: res.headers['cache-control'], noStore: noStore(res) }).toEqual({ what, cacheControl: expect.anything(), noStore: true });

describe('Cache-Control: no-store on API answers (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE: 'true' } });
  });
  afterAll(async () => t.close());

  it('answers carrying tokens or secrets are not stored by any cache', async () => {
    const email = `cache-${Date.now()}@example.test`;
    expectNoStore(await t.http().post('/api/v1/auth/signup').send({ email, password: 'Passw0rd!test', name: 'Owner', tenantName: 'Cache Co' }).expect(202), 'signup');
    const signupRes = await t.http().post('/api/v1/auth/signup/confirm').send({ token: await signupTokenSentTo(t, email) }).expect(201);
    expectNoStore(signupRes, 'signup confirmation');
    const loginRes = await t.http().post('/api/v1/auth/login').send({ email: signupRes.body.user.email, password: 'Passw0rd!test' }).expect(200);
    expectNoStore(loginRes, 'login');
    const tokens = loginRes.body;
    expectNoStore(await t.http().post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(200), 'refresh');
    const fresh = await login(t, signupRes.body.user.email);
    expectNoStore(await t.http().post('/api/v1/api-keys').set(bearer(fresh)).send({ name: 'k', scopes: ['members:read'] }).expect(201), 'api key creation');
    expectNoStore(await t.http().post('/api/v1/auth/totp/setup').set(bearer(fresh)).send({}).expect(201), 'totp setup');
    const endpoint = await t.http().post('/api/v1/webhook-endpoints').set(bearer(fresh)).send({ url: 'http://127.0.0.1:9/hook', eventTypes: ['*'] }).expect(201);
    expectNoStore(endpoint, 'webhook endpoint creation');
    expectNoStore(await t.http().post(`/api/v1/webhook-endpoints/${endpoint.body.id}/rotate-secret`).set(bearer(fresh)).send({}).expect(200), 'webhook secret rotation');

    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
    const staffTokens = await login(t, staff.email);
    expectNoStore(await t.http().post(`/api/v1/admin/tenants/${signupRes.body.tenant.id}/impersonate`).set(bearer(staffTokens)).send({}).expect(200), 'impersonation');
    expectNoStore(await t.http().post('/api/v1/admin/queues/session').set(bearer(staffTokens)).send({}).expect(201), 'queue dashboard session');
  });

  it('every route in the OpenAPI document answers with no-store, errors and anonymous calls included', async () => {
    const owner = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [owner.userId]);
    const token = (await login(t, owner.email)).accessToken;
    const routes = listRoutes(t.app);
    expect(routes.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const route of routes) {
      for (const auth of [true, false]) {
        let req = (t.http() as any)[route.method](fillPath(route.path));
        if (auth) req = req.set(bearer(token));
        const res = await (route.method === 'get' || route.method === 'delete' ? req : req.send({}));
        if (!noStore(res)) missing.push(`${route.method.toUpperCase()} ${route.path} (${auth ? 'signed in' : 'anonymous'}) → ${res.status} ${res.headers['cache-control']}`);
      }
    }
    expect(missing).toEqual([]);
    // Unknown routes under /api/v1 too.
    expectNoStore(await t.http().get('/api/v1/no-such-route'), 'unknown route');
  });
});
