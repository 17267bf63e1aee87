import { DataSource } from 'typeorm';
import { FakeStripe, stripeEnv } from './billing.fixtures';
import { bearer, expectProblem, login, ownerQuery, signup, startTestApp, TestApp, uniqueEmail, PASSWORD } from './harness';
import { fillPath, isMutating, listRoutes, RouteInfo } from './routes';

/** Adds an existing user to a tenant with a system role, straight in the database. */
async function addMember(t: TestApp, tenantId: string, userId: string, roleKey: string): Promise<string> {
  const [membership] = await ownerQuery(t, `insert into memberships (id, tenant_id, user_id) values (gen_random_uuid(), $1, $2) returning id`, [tenantId, userId]);
  await ownerQuery(t, `insert into membership_roles (tenant_id, membership_id, role_id) select $1, $2, id from roles where tenant_id = $1 and key = $3`, [tenantId, membership.id, roleKey]);
  return membership.id;
}

describe('security sweeps over every route (e2e)', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  // Billing routes answer stripe-not-configured without a key: with the fake, they reach their lookups.
  const fakeStripe = new FakeStripe();
  beforeAll(async () => {
    t = await startTestApp({ env: stripeEnv(await fakeStripe.start()) });
    routes = listRoutes(t.app);
  });
  afterAll(async () => {
    await t.close();
    await fakeStripe.stop();
  });

  it('a viewer gets 403 on every mutating route that needs a permission', async () => {
    const owner = await signup(t);
    const viewer = await signup(t, { email: uniqueEmail('viewer') });
    await addMember(t, owner.tenantId, viewer.userId, 'viewer');
    const tokens = (await t.http().post('/api/v1/auth/switch-tenant').set(bearer(viewer.tokens)).send({ tenantId: owner.tenantId }).expect(200)).body;
    // A POST needing only read permissions is a read with a body (email template preview) or opens a
    // read-only view (queue dashboard session), not a change of data.
    const readsWithBody = routes.filter((r) => r.method === 'post' && r.permissions.length > 0 && r.permissions.every((p) => p.endsWith(':read')));
    expect(readsWithBody.map((r) => r.path).sort()).toEqual(['/api/v1/admin/queues/session', '/api/v1/email-templates/{key}/preview']);
    const guarded = routes.filter((r) => isMutating(r) && !r.isPublic && r.permissions.length > 0 && !readsWithBody.includes(r));
    expect(guarded.length).toBeGreaterThan(3);
    const allowed: string[] = [];
    for (const route of guarded) {
      const res = await (t.http() as any)[route.method](fillPath(route.path)).set(bearer(tokens)).send({});
      if (res.status !== 403) allowed.push(`${route.method.toUpperCase()} ${route.path} → ${res.status}`);
      else expectProblem(res, 403, route.permissions.some((p) => p.startsWith('platform.')) ? undefined : 'forbidden');
    }
    expect(allowed).toEqual([]);
    // and reading works for the viewer
    await t.http().get('/api/v1/roles').set(bearer(tokens)).expect(200);
  });

  it('bad input on every mutating route is a 4xx problem, never a 500, and writes nothing', async () => {
    const owner = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [owner.userId]);
    const token = (await login(t, owner.email)).accessToken;
    const countRows = async () => (await ownerQuery(t, `select (select count(*) from audit_logs) + (select count(*) from roles) + (select count(*) from memberships) + (select count(*) from invitations) + (select count(*) from tenants)
      + (select count(*) from webhook_endpoints) + (select count(*) from webhook_deliveries) + (select count(*) from api_keys)
      + (select count(*) from email_templates) + (select count(*) from email_messages) + (select count(*) from tenant_feature_flags)
      + (select count(*) from feature_flag_defaults) + (select count(*) from platform_settings)
      + (select count(*) from paylinks) + (select count(*) from paylink_reservations) as n`))[0].n;
    const before = await countRows();
    const failures: string[] = [];
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    const deep = '{"name":'.repeat(10_000) + '"x"' + '}'.repeat(10_000);
    const nul = '\u0000';
    for (const route of routes.filter(isMutating)) {
      const url = fillPath(route.path);
      const attempts: Array<[string, (req: any) => any]> = [
        ['malformed JSON', (req) => req.set('content-type', 'application/json').send('{"name": ')],
        ['unknown field', (req) => req.send({ unexpectedField: true, isAdmin: true })],
        ['wrong types', (req) => req.send({ email: 42, password: [], name: {}, tenantName: 7, roleIds: 'x', permissions: 'all', token: 5, refreshToken: null, tenantId: 'not-a-uuid', code: 1 })],
        ['huge body', (req) => req.set('content-type', 'application/json').send(huge)],
        ['deep JSON', (req) => req.set('content-type', 'application/json').send(deep)],
        ['NUL in body fields', (req) => req.send({ name: `Editors${nul}`, email: `a${nul}@example.test`, permissions: [`members:read${nul}`], description: nul, token: nul.repeat(30), url: `https://example.com/${nul}` })],
        ['NUL in a query parameter', (req) => req.query({ limit: `1${nul}`, q: nul }).send({})],
      ];
      if (route.path.includes('{')) {
        attempts.push(['bad uuid', () => (t.http() as any)[route.method](route.path.replace(/\{\w+\}/g, 'not-a-uuid')).set(bearer(token)).send({})]);
        attempts.push(['NUL in the path', () => (t.http() as any)[route.method](route.path.replace(/\{\w+\}/g, '%00')).set(bearer(token)).send({})]);
      }
      for (const [label, build] of attempts) {
        const res = await build((t.http() as any)[route.method](url).set(bearer(token)));
        const ok = res.status >= 400 && res.status < 500 && /application\/problem\+json/.test(res.headers['content-type'] ?? '');
        if (!ok) failures.push(`${route.method.toUpperCase()} ${route.path} [${label}] → ${res.status} ${res.headers['content-type']}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await countRows()).toBe(before);
  });

  it('every answer carries the security headers, errors included: the REST set on API answers, the document set on HTML pages', async () => {
    for (const res of [await t.http().get('/api/v1/health/live'), await t.http().get('/api/v1/health/live?through=fastify'), await t.http().get('/api/v1/roles'), await t.http().post('/api/v1/auth/login').send('{bad'), await t.http().get('/api/openapi.json')]) {
      expect(res.headers).toMatchObject({
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'cross-origin-resource-policy': 'same-origin',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
      // Document-only headers stay off JSON answers (they protect nothing there and cost every answer bytes).
      expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
      expect(res.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
    }
    const page = await t.http().get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'cross-origin-opener-policy': 'same-origin', 'referrer-policy': 'no-referrer' });
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'");
  });

  it('answers a plain liveness probe before Fastify exactly as the Fastify route does, with its own request id', async () => {
    const direct = await t.http().get('/api/v1/health/live').set('x-request-id', 'probe-12345678');
    const routed = await t.http().get('/api/v1/health/live?through=fastify');
    const comparable = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !['x-request-id', 'date', 'connection', 'keep-alive'].includes(name)));
    expect(direct.status).toBe(200);
    expect(routed.status).toBe(200);
    expect(direct.text).toBe(routed.text);
    expect(comparable(direct.headers)).toEqual(comparable(routed.headers));
    expect(direct.headers['x-request-id']).toBe('probe-12345678');
    expect(routed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // With an Origin it goes through Fastify, whose CORS echoes an allowed origin.
    const cors = await t.http().get('/api/v1/health/live').set('origin', 'http://localhost:3999');
    expect(cors.headers['access-control-allow-origin']).toBe('http://localhost:3999');
  });

  it('row-level security: the runtime role sees no rows without a tenant, only its own with one, and cannot write into another tenant', async () => {
    const a = await signup(t);
    const b = await signup(t);
    const ds = new DataSource({ type: 'postgres', url: t.databaseUrl });
    await ds.initialize();
    try {
      expect(await ds.query(`select * from roles`)).toHaveLength(0);
      expect(await ds.query(`select * from memberships`)).toHaveLength(0);
      const rows = await ds.transaction(async (m) => {
        await m.query(`select set_config('app.tenant_id', $1, true)`, [a.tenantId]);
        return m.query(`select distinct tenant_id from roles`);
      });
      expect(rows).toEqual([{ tenant_id: a.tenantId }]);
      await expect(
        ds.transaction(async (m) => {
          await m.query(`select set_config('app.tenant_id', $1, true)`, [a.tenantId]);
          await m.query(`insert into roles (id, tenant_id, key, name) values (gen_random_uuid(), $1, 'sneaky', 'Sneaky')`, [b.tenantId]);
        }),
      ).rejects.toThrow(/row-level security/);
      const owner = await ds.query(`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`);
      expect(owner).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    } finally {
      await ds.destroy();
    }
  });

  it('tenant A cannot reach tenant B\'s rows by id on any route with an id (404, B unchanged)', async () => {
    const a = await signup(t);
    const b = await signup(t);
    const bViewer = await signup(t, { email: uniqueEmail('bmember') });
    const bMembershipId = await addMember(t, b.tenantId, bViewer.userId, 'viewer');
    const bRole = (await t.http().post('/api/v1/roles').set(bearer(b.tokens)).send({ name: 'B editors', permissions: ['members:read'] }).expect(201)).body;
    const [bInvitation] = await ownerQuery(
      t,
      `insert into invitations (id, tenant_id, email, role_ids, token_hash, expires_at) values (gen_random_uuid(), $1, $2, '{}', md5(random()::text), now() + interval '2 days') returning id`,
      [b.tenantId, uniqueEmail('invitee')],
    );
    const [bSession] = await ownerQuery(t, `select id from auth_sessions where user_id = $1 limit 1`, [b.userId]);
    const bApiKey = (await t.http().post('/api/v1/api-keys').set(bearer(b.tokens)).send({ name: 'B key', scopes: ['members:read'] }).expect(201)).body;
    const [bEndpoint] = await ownerQuery(
      t,
      `insert into webhook_endpoints (id, tenant_id, url, event_types, secret_enc) values (gen_random_uuid(), $1, 'https://93.184.216.34/hook', '{*}', 'sealed') returning id`,
      [b.tenantId],
    );
    const [bEvent] = await ownerQuery(t, `insert into webhook_events (id, tenant_id, type, payload) values (gen_random_uuid(), $1, 'webhook.test', '{}') returning id`, [b.tenantId]);
    const [bDelivery] = await ownerQuery(
      t,
      `insert into webhook_deliveries (id, tenant_id, endpoint_id, event_id, status, request_body) values (gen_random_uuid(), $1, $2, $3, 'dead', '{}') returning id`,
      [b.tenantId, bEndpoint.id, bEvent.id],
    );
    const [bBulkOperation] = await ownerQuery(t, `insert into billing_bulk_operations (id, tenant_id, action, total) values (gen_random_uuid(), $1, 'cancel_at_period_end', 1) returning id`, [b.tenantId]);
    const [bSyncRun] = await ownerQuery(t, `insert into billing_sync_runs (id, tenant_id, kind, trigger) values (gen_random_uuid(), $1, 'reconcile', 'manual') returning id`, [b.tenantId]);
    const [bCustomer] = await ownerQuery(t, `insert into billing_customers (id, tenant_id, stripe_id, stripe_updated_at, email) values (gen_random_uuid(), $1, 'cus_of_b', now(), 'buyer-b@example.test') returning id`, [b.tenantId]);
    const [bProduct] = await ownerQuery(t, `insert into billing_products (id, tenant_id, stripe_id, stripe_updated_at, name) values (gen_random_uuid(), $1, 'prod_of_b', now(), 'B plan') returning id`, [b.tenantId]);
    const [bPrice] = await ownerQuery(
      t,
      `insert into billing_prices (id, tenant_id, stripe_id, stripe_updated_at, product, currency, unit_amount, type) values (gen_random_uuid(), $1, 'price_of_b', now(), 'prod_of_b', 'EUR', 1000, 'one_time') returning id`,
      [b.tenantId],
    );
    const [bSubscription] = await ownerQuery(t, `insert into billing_subscriptions (id, tenant_id, stripe_id, stripe_updated_at, status, customer) values (gen_random_uuid(), $1, 'sub_of_b', now(), 'active', 'cus_of_b') returning id`, [b.tenantId]);
    const [bInvoice] = await ownerQuery(t, `insert into billing_invoices (id, tenant_id, stripe_id, stripe_updated_at, status, customer, collection_method) values (gen_random_uuid(), $1, 'in_of_b', now(), 'open', 'cus_of_b', 'send_invoice') returning id`, [b.tenantId]);
    const [bDispute] = await ownerQuery(t, `insert into billing_disputes (id, tenant_id, stripe_id, stripe_updated_at, status, amount, currency) values (gen_random_uuid(), $1, 'dp_of_b', now(), 'needs_response', 100, 'EUR') returning id`, [b.tenantId]);
    const [bPayment] = await ownerQuery(
      t,
      `insert into billing_payments (id, tenant_id, stripe_id, stripe_updated_at, amount, amount_received, currency, status, customer) values (gen_random_uuid(), $1, 'pi_of_b', now(), 5000, 5000, 'EUR', 'succeeded', 'cus_of_b') returning id`,
      [b.tenantId],
    );
    const [bRefundRequest] = await ownerQuery(
      t,
      `insert into billing_refund_requests (id, tenant_id, payment_id, operation_id, amount, currency, reason, status, requested_by) values (gen_random_uuid(), $1, $2, 'op_of_b', 2000, 'EUR', 'duplicate', 'pending_approval', $3) returning id`,
      [b.tenantId, bPayment.id, b.userId],
    );
    const [bCoupon] = await ownerQuery(t, `insert into billing_coupons (id, tenant_id, stripe_id, stripe_updated_at, name, percent_off, duration) values (gen_random_uuid(), $1, 'co_of_b', now(), 'B coupon', 10, 'once') returning id`, [b.tenantId]);
    const [bPromotionCode] = await ownerQuery(t, `insert into billing_promotion_codes (id, tenant_id, stripe_id, stripe_updated_at, coupon, code, active) values (gen_random_uuid(), $1, 'promo_of_b', now(), 'co_of_b', 'BCODE', false) returning id`, [b.tenantId]);
    const [bPaylink] = await ownerQuery(t, `insert into paylinks (id, tenant_id, slug, title, amount_mode, amount, currency) values (gen_random_uuid(), $1, 'b-link', 'B link', 'fixed', 1000, 'EUR') returning id`, [b.tenantId]);
    // B's plan customer and subscription on the platform account: no route of A's may show or change them.
    await ownerQuery(t, `insert into platform_customers (tenant_id, stripe_customer_id) values ($1, 'cus_platform_of_b')`, [b.tenantId]);
    await ownerQuery(
      t,
      `insert into platform_subscriptions (id, tenant_id, stripe_subscription_id, stripe_customer_id, plan_key, status, stripe_updated_at) values (gen_random_uuid(), $1, 'sub_platform_of_b', 'cus_platform_of_b', 'pro', 'active', now())`,
      [b.tenantId],
    );
    // Which of B's ids to try, by the resource a path names. A new route with an id must be added here.
    const idsByResource: Array<[RegExp, string, Record<string, unknown>, Record<string, string>?]> = [
      [/^\/api\/v1\/roles\//, bRole.id, { name: 'Hijacked', permissions: [] }],
      [/^\/api\/v1\/members\//, bMembershipId, { active: false }],
      [/^\/api\/v1\/invitations\//, bInvitation.id, {}],
      [/^\/api\/v1\/auth\/sessions\//, bSession.id, {}],
      [/^\/api\/v1\/api-keys\//, bApiKey.id, {}],
      [/^\/api\/v1\/webhook-endpoints\/\{id\}\/(rotate-secret|test|deliveries)$/, bEndpoint.id, {}],
      [/^\/api\/v1\/webhook-endpoints\//, bEndpoint.id, { enabled: false, eventTypes: ['member.joined'] }],
      [/^\/api\/v1\/webhook-deliveries\//, bDelivery.id, {}],
      [/^\/api\/v1\/billing\/sync-runs\//, bSyncRun.id, {}],
      [/^\/api\/v1\/billing\/bulk-operations\//, bBulkOperation.id, {}],
      [/^\/api\/v1\/billing\/customers\/\{id\}\/balance-transactions$/, bCustomer.id, { kind: 'credit', amount: 100, currency: 'EUR', reason: 'Hijacked' }],
      [/^\/api\/v1\/billing\/customers\//, bCustomer.id, { name: 'Hijacked' }],
      [/^\/api\/v1\/billing\/products\/\{id\}\/prices$/, bProduct.id, { currency: 'EUR', unitAmount: 100, type: 'one_time' }],
      [/^\/api\/v1\/billing\/products\//, bProduct.id, { name: 'Hijacked' }],
      [/^\/api\/v1\/billing\/prices\//, bPrice.id, { nickname: 'Hijacked' }],
      [/^\/api\/v1\/billing\/subscriptions\/\{id\}\/coupon$/, bSubscription.id, { couponId: bCoupon.id }],
      [/^\/api\/v1\/billing\/coupons\/\{id\}\/promotion-codes$/, bCoupon.id, { code: 'HIJACKED' }],
      [/^\/api\/v1\/billing\/coupons\//, bCoupon.id, {}],
      [/^\/api\/v1\/billing\/promotion-codes\//, bPromotionCode.id, {}],
      [/^\/api\/v1\/billing\/me\/subscriptions\//, bSubscription.id, {}],
      [/^\/api\/v1\/billing\/me\/invoices\//, bInvoice.id, {}],
      [/^\/api\/v1\/billing\/subscriptions\/\{id\}\/cancel$/, bSubscription.id, { atPeriodEnd: true }],
      [/^\/api\/v1\/billing\/subscriptions\/\{id\}\/extend$/, bSubscription.id, { until: new Date(Date.now() + 30 * 86_400_000).toISOString() }],
      [/^\/api\/v1\/billing\/subscriptions\/\{id\}\/change-plan$/, bSubscription.id, { priceId: bPrice.id }],
      [/^\/api\/v1\/billing\/subscriptions\/\{id\}\/change-preview$/, bSubscription.id, {}, { priceId: bPrice.id }],
      [/^\/api\/v1\/billing\/subscriptions\//, bSubscription.id, {}],
      [/^\/api\/v1\/billing\/invoices\//, bInvoice.id, {}],
      [/^\/api\/v1\/billing\/failed-payments\//, bInvoice.id, { template: 'payment-failed' }],
      [/^\/api\/v1\/billing\/disputes\//, bDispute.id, {}],
      [/^\/api\/v1\/billing\/payments\//, bPayment.id, { reason: 'duplicate' }],
      [/^\/api\/v1\/billing\/refund-requests\//, bRefundRequest.id, { reason: 'Hijacked' }],
      [/^\/api\/v1\/paylinks\/\{id\}\/(activate|deactivate)$/, bPaylink.id, {}],
      [/^\/api\/v1\/paylinks\//, bPaylink.id, { title: 'Hijacked' }],
    ];
    // Routes addressed by a catalog key instead of an id: A works on its own version of the key and
    // must never see or change B's. A new `{key}` route must be added here.
    const bMarker = 'tenant-b-private-marker';
    await t.http().put('/api/v1/email-templates/invitation').set(bearer(b.tokens)).send({ subject: `${bMarker} {{tenantName}}`, text: `${bMarker} {{link}}` }).expect(200);
    const keysByResource: Array<[RegExp, string, Record<string, unknown>]> = [
      [/^\/api\/v1\/email-templates\/\{key\}\/(preview|send-test)$/, 'invitation', {}],
      [/^\/api\/v1\/email-templates\/\{key\}$/, 'invitation', { subject: 'A subject', text: 'A text {{link}}' }],
      [/^\/api\/v1\/feature-flags\/\{key\}$/, 'analytics.reports', { enabled: false }],
    ];
    await t.http().put('/api/v1/feature-flags/analytics.reports').set(bearer(b.tokens)).send({ enabled: true }).expect(200);
    const snapshot = async () =>
      ownerQuery(
        t,
        `select (select json_agg(r order by r.id) from roles r where tenant_id = $1) as roles,
                (select json_agg(e order by e.id) from email_templates e where tenant_id = $1) as email_templates,
                (select json_agg(e order by e.id) from email_messages e where tenant_id = $1) as email_messages,
                (select json_agg(f order by f.key) from tenant_feature_flags f where tenant_id = $1) as tenant_feature_flags,
                (select json_agg(m order by m.id) from memberships m where tenant_id = $1) as memberships,
                (select json_agg(mr order by mr.membership_id, mr.role_id) from membership_roles mr where tenant_id = $1) as membership_roles,
                (select json_agg(i order by i.id) from invitations i where tenant_id = $1) as invitations,
                (select json_agg(s order by s.id) from auth_sessions s where user_id = $2) as sessions,
                (select json_agg(k order by k.id) from api_keys k where tenant_id = $1) as api_keys,
                (select json_agg(w order by w.id) from webhook_endpoints w where tenant_id = $1) as webhook_endpoints,
                (select json_agg(d order by d.id) from webhook_deliveries d where tenant_id = $1) as webhook_deliveries,
                (select json_agg(c order by c.tenant_id) from platform_customers c where tenant_id = $1) as platform_customers,
                (select json_agg(ps order by ps.id) from platform_subscriptions ps where tenant_id = $1) as platform_subscriptions,
                (select json_agg(bi order by bi.id) from billing_invoices bi where tenant_id = $1) as billing_invoices,
                (select json_agg(bc order by bc.id) from billing_customers bc where tenant_id = $1) as billing_customers,
                (select json_agg(rr order by rr.id) from billing_refund_requests rr where tenant_id = $1) as billing_refund_requests,
                (select json_agg(bp order by bp.id) from billing_payments bp where tenant_id = $1) as billing_payments,
                (select json_agg(co order by co.id) from billing_coupons co where tenant_id = $1) as billing_coupons,
                (select json_agg(pc order by pc.id) from billing_promotion_codes pc where tenant_id = $1) as billing_promotion_codes,
                (select json_agg(pl order by pl.id) from paylinks pl where tenant_id = $1) as paylinks,
                (select count(*) from webhook_deliveries) as all_webhook_deliveries`,
        [b.tenantId, b.userId],
      );
    const before = await snapshot();
    const leaks: string[] = [];
    for (const route of routes.filter((r) => r.path.includes('{key}') && !r.isPublic && !r.path.startsWith('/api/v1/admin/'))) {
      const match = keysByResource.find(([pattern]) => pattern.test(route.path));
      if (!match) {
        leaks.push(`${route.method.toUpperCase()} ${route.path}: no key mapped for this resource in the test`);
        continue;
      }
      const res = await (t.http() as any)[route.method](fillPath(route.path, { key: match[1] })).set(bearer(a.tokens)).send(match[2]);
      if (res.status >= 500 || JSON.stringify(res.body ?? '').includes(bMarker)) leaks.push(`${route.method.toUpperCase()} ${route.path} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const route of routes.filter((r) => r.path.includes('{') && !r.path.includes('{key}') && !r.isPublic && !r.path.startsWith('/api/v1/admin/'))) {
      const match = idsByResource.find(([pattern]) => pattern.test(route.path));
      if (!match) {
        leaks.push(`${route.method.toUpperCase()} ${route.path}: no id of tenant B mapped for this resource in the test`);
        continue;
      }
      const res = await (t.http() as any)[route.method](fillPath(route.path, {}, match[1])).query(match[3] ?? {}).set(bearer(a.tokens)).send(match[2]);
      if (res.status !== 404) leaks.push(`${route.method.toUpperCase()} ${route.path} → ${res.status}`);
    }
    expect(leaks).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('signup with the same tenant name twice gives distinct slugs', async () => {
    const one = await signup(t, { tenantName: 'Same Name Co' });
    const two = await signup(t, { tenantName: 'Same Name Co' });
    const rows = await ownerQuery(t, `select slug from tenants where id = any($1::uuid[])`, [[one.tenantId, two.tenantId]]);
    expect(new Set(rows.map((r) => r.slug)).size).toBe(2);
    expect(PASSWORD).toBeTruthy();
  });
});

describe('CORS (e2e)', () => {
  const ALLOWED = 'http://allowed.test';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: `${ALLOWED},http://other-allowed.test` } });
  });
  afterAll(async () => t.close());

  it('echoes only an allowlisted Origin, with credentials and the exposed headers, on every answer (probes and 404s too); Vary: Origin always', async () => {
    const grant = (res: { headers: Record<string, string> }) => ({
      vary: res.headers.vary,
      origin: res.headers['access-control-allow-origin'],
      credentials: res.headers['access-control-allow-credentials'],
      exposed: res.headers['access-control-expose-headers'],
    });
    for (const url of ['/api/v1/health/live', '/api/v1/roles', '/api/v1/no-such-route', '/metrics']) {
      expect({ url, ...grant(await t.http().get(url)) }).toEqual({ url, vary: 'Origin', origin: undefined, credentials: undefined, exposed: undefined });
      expect({ url, ...grant(await t.http().get(url).set('origin', ALLOWED)) }).toEqual({
        url,
        vary: 'Origin',
        origin: ALLOWED,
        credentials: 'true',
        exposed: 'x-request-id, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset, idempotent-replayed',
      });
      expect({ url, ...grant(await t.http().get(url).set('origin', 'http://evil.test')) }).toEqual({ url, vary: 'Origin', origin: undefined, credentials: undefined, exposed: undefined });
    }
  });

  it('answers a preflight before any route: 204 with the methods and the requested headers, 400 when it is not one', async () => {
    const preflight = await t
      .http()
      .options('/api/v1/roles')
      .set('origin', ALLOWED)
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization,content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': ALLOWED,
      'access-control-allow-methods': 'GET,HEAD,POST,PUT,PATCH,DELETE',
      'access-control-allow-headers': 'authorization,content-type',
      vary: 'Origin, Access-Control-Request-Headers',
      'content-length': '0',
      'x-content-type-options': 'nosniff',
    });
    const notPreflight = await t.http().options('/api/v1/roles').set('origin', ALLOWED);
    expect(notPreflight.status).toBe(400);
    expect(notPreflight.text).toBe('Invalid Preflight Request');
    expect((await t.http().options('/nowhere').set('access-control-request-method', 'GET')).status).toBe(400);
  });
});
