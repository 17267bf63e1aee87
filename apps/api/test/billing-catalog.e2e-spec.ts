import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { deliver, FakeStripe, stripeEnv, stripeEvent } from './billing.fixtures';
import { waitFor } from './net-helpers';
import { addMember, auditActions } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

const URLS = { successUrl: 'https://shop.example.test/thanks', cancelUrl: 'https://shop.example.test/shop' };

describe('billing catalog, customers, checkout and portal (e2e)', () => {
  let t: TestApp;
  let fake: FakeStripe;

  beforeAll(async () => {
    fake = new FakeStripe();
    t = await startTestApp({ worker: true, env: stripeEnv(await fake.start()) });
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  const post = (owner: { tokens: Signup['tokens'] }, path: string, body: unknown) => t.http().post(`/api/v1/billing${path}`).set(bearer(owner.tokens)).send(body as object);
  const patch = (owner: { tokens: Signup['tokens'] }, path: string, body: unknown) => t.http().patch(`/api/v1/billing${path}`).set(bearer(owner.tokens)).send(body as object);

  async function connected(owner: Signup): Promise<string> {
    const res = await t.http().post('/api/v1/billing/connect/onboarding-link').set(bearer(owner.tokens)).send({}).expect(200);
    return res.body.accountId;
  }

  async function productWithPrices(owner: Signup) {
    const res = await post(owner, '/products', {
      name: 'Mentoring',
      description: 'Weekly sessions',
      features: ['One call a week'],
      prices: [
        { currency: 'usd', unitAmount: 5000, type: 'one_time' },
        { currency: 'EUR', unitAmount: 2900, type: 'recurring', interval: 'month', trialPeriodDays: 14, taxBehavior: 'exclusive', nickname: 'Monthly' },
      ],
    }).expect(201);
    return res.body;
  }

  it('creates a product with prices in Stripe (tenant_id, idempotency keys) and mirrors them; detail, list filters', async () => {
    const owner = await signup(t);
    const before = fake.requests.length;
    const product = await productWithPrices(owner);
    expect(product).toMatchObject({ name: 'Mentoring', description: 'Weekly sessions', features: ['One call a week'], active: true, stripeId: expect.stringMatching(/^prod_/) });
    expect(product.prices).toHaveLength(2);
    expect(product.prices[0]).toMatchObject({ currency: 'USD', unitAmount: 5000, type: 'one_time', interval: null, productId: product.id, active: true });
    expect(product.prices[1]).toMatchObject({ currency: 'EUR', unitAmount: 2900, type: 'recurring', interval: 'month', trialPeriodDays: 14, taxBehavior: 'exclusive', nickname: 'Monthly' });

    const sent = fake.requests.slice(before).filter((r) => r.method === 'POST');
    expect(sent.map((r) => r.path)).toEqual(['/v1/products', '/v1/prices', '/v1/prices']);
    for (const request of sent) {
      expect(request.body.metadata).toMatchObject({ tenant_id: owner.tenantId });
      expect(request.idempotencyKey).toMatch(/^bo:(product|price)\.create:/);
      expect(request.stripeAccount).toBeNull();
    }
    expect(sent[0].body).toMatchObject({ name: 'Mentoring', marketing_features: [{ name: 'One call a week' }] });
    expect(sent[2].body).toMatchObject({ currency: 'eur', unit_amount: 2900, recurring: { interval: 'month', trial_period_days: 14 }, tax_behavior: 'exclusive' });
    expect(new Set(sent.map((r) => r.idempotencyKey)).size).toBe(3);

    const rows = await ownerQuery(t, `select stripe_id, tenant_id from billing_prices where tenant_id = $1`, [owner.tenantId]);
    expect(rows).toHaveLength(2);
    const detail = await t.http().get(`/api/v1/billing/products/${product.id}`).set(bearer(owner.tokens)).expect(200);
    expect(detail.body).toEqual(product);
    const found = await t.http().get('/api/v1/billing/products?search=mentor&active=true').set(bearer(owner.tokens)).expect(200);
    expect(found.body.data.map((p: { id: string }) => p.id)).toEqual([product.id]);
    const none = await t.http().get('/api/v1/billing/products?active=false').set(bearer(owner.tokens)).expect(200);
    expect(none.body.data).toEqual([]);
    const prices = await t.http().get(`/api/v1/billing/prices?productId=${product.id}`).set(bearer(owner.tokens)).expect(200);
    expect(prices.body.data).toHaveLength(2);
    expect(await auditActions(t, owner.tenantId, product.id)).toEqual(['product.created']);
  });

  it('an amount change creates a new price and archives the old (201); a nickname change updates in place (200); archiving a product archives its prices', async () => {
    const owner = await signup(t);
    const product = await productWithPrices(owner);
    const monthly = product.prices[1];
    const renamed = await patch(owner, `/prices/${monthly.id}`, { nickname: 'Monthly plan' }).expect(200);
    expect(renamed.body).toMatchObject({ id: monthly.id, nickname: 'Monthly plan', replacesPriceId: null });

    const replaced = await patch(owner, `/prices/${monthly.id}`, { unitAmount: 3900 }).expect(201);
    expect(replaced.body).toMatchObject({ unitAmount: 3900, currency: 'EUR', interval: 'month', trialPeriodDays: 14, replacesPriceId: monthly.id, active: true });
    expect(replaced.body.id).not.toBe(monthly.id);
    expect(fake.get('prices', monthly.stripeId)).toMatchObject({ active: false });
    expect(fake.get('prices', replaced.body.stripeId)).toMatchObject({ product: product.stripeId, unit_amount: 3900 });
    const old = await ownerQuery(t, `select active from billing_prices where id = $1`, [monthly.id]);
    expect(old).toEqual([{ active: false }]);
    expectProblem(await post(owner, '/checkout-sessions', { priceId: monthly.id, ...URLS }), 409, 'price-archived');
    expect(await auditActions(t, owner.tenantId, monthly.id)).toEqual(['price.updated', 'price.archived']);

    const archived = await patch(owner, `/products/${product.id}`, { active: false }).expect(200);
    expect(archived.body.active).toBe(false);
    expect(archived.body.prices.every((p: { active: boolean }) => !p.active)).toBe(true);
    expect(fake.get('products', product.stripeId)).toMatchObject({ active: false });
    const restored = await patch(owner, `/products/${product.id}`, { active: true, name: 'Mentoring+' }).expect(200);
    expect(restored.body).toMatchObject({ active: true, name: 'Mentoring+' });
    expect(await auditActions(t, owner.tenantId, product.id)).toEqual(['product.created', 'product.archived', 'product.updated']);
  });

  it('validation 400s change nothing in Stripe or the mirror', async () => {
    const owner = await signup(t);
    const before = fake.requests.length;
    const bad = [
      { name: '' },
      { name: 'x'.repeat(201) },
      { name: 'A', features: Array.from({ length: 16 }, () => 'f') },
      { name: 'A', prices: [{ currency: 'dollars', unitAmount: 1, type: 'one_time' }] },
      { name: 'A', prices: [{ currency: 'USD', unitAmount: 1.5, type: 'one_time' }] },
      { name: 'A', prices: [{ currency: 'USD', unitAmount: 100_000_000, type: 'one_time' }] },
      { name: 'A', prices: [{ currency: 'USD', unitAmount: 100, type: 'recurring' }] },
      { name: 'A', prices: [{ currency: 'USD', unitAmount: 100, type: 'one_time', interval: 'month' }] },
      { name: 'A', prices: [{ currency: 'USD', unitAmount: 100, type: 'one_time', trialPeriodDays: 3 }] },
      { name: 'A', prices: [{ currency: 'USD', unitAmount: 100, type: 'recurring', interval: 'week' }] },
    ];
    for (const body of bad) expectProblem(await post(owner, '/products', body), 400);
    const product = await productWithPrices(owner);
    const after = fake.requests.length;
    expectProblem(await post(owner, '/checkout-sessions', { priceId: product.prices[0].id, successUrl: 'javascript:alert(1)', cancelUrl: URLS.cancelUrl }), 400);
    expectProblem(await post(owner, '/checkout-sessions', { priceId: product.prices[0].id, successUrl: `https://a.test/${'x'.repeat(2000)}`, cancelUrl: URLS.cancelUrl }), 400);
    expectProblem(await post(owner, '/checkout-sessions', { priceId: product.prices[0].id, quantity: 101, ...URLS }), 400);
    expectProblem(await patch(owner, `/prices/${product.prices[0].id}`, { trialPeriodDays: 3 }), 400);
    expect(fake.requests.length).toBe(after);
    expect(before + 3).toBe(after);
    expect(await ownerQuery(t, `select 1 from billing_products where tenant_id = $1`, [owner.tenantId])).toHaveLength(1);
  });

  it('checkout: payment mode for one-time, subscription with trial for recurring, on the platform account (no fee); unknown promotion code 422', async () => {
    const owner = await signup(t);
    const product = await productWithPrices(owner);
    const before = fake.seen('POST', '/v1/checkout/sessions').length;
    const once = await post(owner, '/checkout-sessions', { priceId: product.prices[0].id, quantity: 2, customerEmail: 'buyer@example.test', ...URLS }).expect(201);
    expect(once.body).toEqual({ id: expect.stringMatching(/^cs_test_/), url: expect.stringMatching(/^https?:\/\/.+\/c\/pay\/cs_test_/), expiresAt: expect.any(String) });
    await post(owner, '/checkout-sessions', { priceId: product.prices[1].id, customerEmail: 'buyer@example.test', ...URLS }).expect(201);
    const [payment, subscription] = fake.seen('POST', '/v1/checkout/sessions').slice(before);
    expect(payment).toMatchObject({ stripeAccount: null, body: { mode: 'payment', customer_email: 'buyer@example.test', line_items: [{ price: product.prices[0].stripeId, quantity: 2 }], metadata: { tenant_id: owner.tenantId } } });
    expect(payment.body.payment_intent_data).not.toHaveProperty('application_fee_amount');
    expect(subscription.body).toMatchObject({ mode: 'subscription', subscription_data: { trial_period_days: 14 } });
    expect(subscription.body.subscription_data).not.toHaveProperty('application_fee_percent');
    expect(payment.idempotencyKey).toMatch(/^bo:checkout_session\.create:/);

    const code = fake.put('promotion_codes', { code: 'SPRING', active: true });
    await post(owner, '/checkout-sessions', { priceId: product.prices[0].id, promotionCode: 'SPRING', ...URLS }).expect(201);
    expect(fake.seen('POST', '/v1/checkout/sessions').at(-1)!.body).toMatchObject({ discounts: [{ promotion_code: code.id }] });
    const sessions = fake.seen('POST', '/v1/checkout/sessions').length;
    expectProblem(await post(owner, '/checkout-sessions', { priceId: product.prices[0].id, promotionCode: 'NOPE', ...URLS }), 422, 'unknown-promotion-code');
    expectProblem(await post(owner, '/checkout-sessions', { priceId: '00000000-0000-4000-8000-000000000000', ...URLS }), 404, 'not-found');
    expect(fake.seen('POST', '/v1/checkout/sessions').length).toBe(sessions);
    expect(await auditActions(t, owner.tenantId, product.prices[0].id)).toContain('checkout_session.created');
  });

  it('checkout for a connected tenant carries its Stripe-Account and the application fee', async () => {
    const owner = await signup(t);
    const accountId = await connected(owner);
    const product = await productWithPrices(owner);
    expect(fake.seen('POST', '/v1/products').at(-1)!.stripeAccount).toBe(accountId);
    await post(owner, '/checkout-sessions', { priceId: product.prices[0].id, quantity: 2, customerEmail: 'buyer@example.test', ...URLS }).expect(201);
    await post(owner, '/checkout-sessions', { priceId: product.prices[1].id, customerEmail: 'buyer@example.test', ...URLS }).expect(201);
    const buyer = await post(owner, '/customers', { email: 'connected-buyer@example.test' }).expect(201);
    expect(buyer.body).toMatchObject({ email: 'connected-buyer@example.test', stripeAccount: accountId });
    expect(fake.seen('POST', '/v1/customers').at(-1)!.stripeAccount).toBe(accountId);
    const [payment, subscription] = fake.seen('POST', '/v1/checkout/sessions').slice(-2);
    expect(payment).toMatchObject({ stripeAccount: accountId, body: { mode: 'payment', payment_intent_data: { application_fee_amount: 1500 } } });
    expect(subscription).toMatchObject({ stripeAccount: accountId, body: { mode: 'subscription', subscription_data: { application_fee_percent: 15, trial_period_days: 14 } } });
  });

  it('a member buys for themselves: their customer is created once, linked, and reused; the portal opens on it', async () => {
    const owner = await signup(t);
    const product = await productWithPrices(owner);
    const member = await addMember(t, owner, ['viewer'], 'Buyer Member');
    expectProblem(await post(member, '/portal-sessions', { returnUrl: URLS.cancelUrl }), 404, 'not-found');
    // Two first checkouts at once (two tabs): one Stripe customer, created under one Idempotency-Key.
    const customersBefore = fake.seen('POST', '/v1/customers').length;
    await Promise.all([
      post(member, '/checkout-sessions', { priceId: product.prices[0].id, ...URLS }).expect(201),
      post(member, '/checkout-sessions', { priceId: product.prices[1].id, ...URLS }).expect(201),
    ]);
    expect(new Set(fake.seen('POST', '/v1/customers').slice(customersBefore).map((r) => r.idempotencyKey)).size).toBe(1);
    const customers = await ownerQuery(t, `select id, stripe_id, email, membership_id from billing_customers where tenant_id = $1`, [owner.tenantId]);
    expect(customers).toEqual([{ id: expect.any(String), stripe_id: expect.stringMatching(/^cus_/), email: member.email, membership_id: member.membershipId }]);
    const [a, b] = fake.seen('POST', '/v1/checkout/sessions').slice(-2);
    expect(a.body.customer).toBe(customers[0].stripe_id);
    expect(b.body.customer).toBe(customers[0].stripe_id);
    expectProblem(await post(member, '/checkout-sessions', { priceId: product.prices[0].id, customerEmail: 'other@example.test', ...URLS }), 403, 'forbidden');

    const portal = await post(member, '/portal-sessions', { returnUrl: URLS.cancelUrl }).expect(201);
    expect(portal.body.url).toMatch(/^https:\/\//);
    expect(fake.seen('POST', '/v1/billing_portal/sessions').at(-1)!.body).toMatchObject({ customer: customers[0].stripe_id, return_url: URLS.cancelUrl });
    expectProblem(await post(member, '/portal-sessions', { customerId: customers[0].id, returnUrl: URLS.cancelUrl }), 403, 'forbidden');
    await post(owner, '/portal-sessions', { customerId: customers[0].id, returnUrl: URLS.cancelUrl }).expect(201);

    const detail = await t.http().get(`/api/v1/billing/customers/${customers[0].id}`).set(bearer(owner.tokens)).expect(200);
    expect(detail.body).toMatchObject({ memberId: member.membershipId, member: { id: member.membershipId, name: 'Buyer Member', email: member.email }, deleted: false, delinquent: false, balance: 0, stripeAccount: null });
  });

  it('customers: create is idempotent per email (201 then 200), edit pushes to Stripe, search finds them', async () => {
    const owner = await signup(t);
    const first = await post(owner, '/customers', { email: 'Client@Example.test', name: 'Client One' }).expect(201);
    const again = await post(owner, '/customers', { email: 'client@example.test' }).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(fake.seen('POST', '/v1/customers').filter((r) => r.body.metadata && (r.body.metadata as Record<string, string>).tenant_id === owner.tenantId)).toHaveLength(1);
    const edited = await patch(owner, `/customers/${first.body.id}`, { name: 'Client Uno' }).expect(200);
    expect(edited.body.name).toBe('Client Uno');
    expect(fake.get('customers', first.body.stripeId)).toMatchObject({ name: 'Client Uno' });
    const found = await t.http().get('/api/v1/billing/customers?search=uno').set(bearer(owner.tokens)).expect(200);
    expect(found.body.data.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
    expect(await auditActions(t, owner.tenantId, first.body.id)).toEqual(['customer.created', 'customer.updated']);
  });

  it('a retry with the same Idempotency-Key replays the answer: one Stripe call, one audit row', async () => {
    const owner = await signup(t);
    const before = fake.seen('POST', '/v1/products').length;
    const body = { name: 'Retried' };
    const a = await post(owner, '/products', body).set('Idempotency-Key', 'retry-1').expect(201);
    expect(a.headers['idempotent-replayed']).toBeUndefined();
    const b = await post(owner, '/products', body).set('Idempotency-Key', 'retry-1').expect(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body).toEqual(a.body);
    expect(fake.seen('POST', '/v1/products').slice(before)).toHaveLength(1);
    // The same key with another body is refused, and nothing is called.
    expectProblem(await post(owner, '/products', { name: 'Other' }).set('Idempotency-Key', 'retry-1'), 422, 'idempotency-key-reused');
    expect(fake.seen('POST', '/v1/products').slice(before)).toHaveLength(1);
    // A customer found again (200) replays as 200.
    const c1 = await post(owner, '/customers', { email: 'replayed@example.test' }).set('Idempotency-Key', 'retry-2').expect(201);
    const c2 = await post(owner, '/customers', { email: 'replayed@example.test' }).set('Idempotency-Key', 'retry-2').expect(201);
    expect(c2.body.id).toBe(c1.body.id);
    await post(owner, '/customers', { email: 'replayed@example.test' }).set('Idempotency-Key', 'retry-3').expect(200);
    await post(owner, '/customers', { email: 'replayed@example.test' }).set('Idempotency-Key', 'retry-3').expect(200);
    expect(await ownerQuery(t, `select 1 from billing_products where tenant_id = $1`, [owner.tenantId])).toHaveLength(1);
    expect(await auditActions(t, owner.tenantId, a.body.id)).toEqual(['product.created']);
  });

  it('a viewer gets 403 on changes; another tenant\'s ids are 404', async () => {
    const owner = await signup(t);
    const product = await productWithPrices(owner);
    const viewer = await addMember(t, owner, ['viewer']);
    const other = await signup(t);
    const before = fake.requests.length;
    expectProblem(await post(viewer, '/products', { name: 'X' }), 403, 'forbidden');
    expectProblem(await patch(viewer, `/products/${product.id}`, { name: 'X' }), 403, 'forbidden');
    expectProblem(await post(viewer, `/products/${product.id}/prices`, { currency: 'USD', unitAmount: 1, type: 'one_time' }), 403, 'forbidden');
    expectProblem(await patch(viewer, `/prices/${product.prices[0].id}`, { nickname: 'x' }), 403, 'forbidden');
    expectProblem(await post(viewer, '/customers', { email: 'a@example.test' }), 403, 'forbidden');
    expect(fake.requests.length).toBe(before);
    expectProblem(await t.http().get(`/api/v1/billing/products/${product.id}`).set(bearer(other.tokens)), 404, 'not-found');
    expectProblem(await patch(other, `/products/${product.id}`, { name: 'X' }), 404, 'not-found');
    expectProblem(await post(other, `/products/${product.id}/prices`, { currency: 'USD', unitAmount: 1, type: 'one_time' }), 404, 'not-found');
    expectProblem(await patch(other, `/prices/${product.prices[0].id}`, { nickname: 'x' }), 404, 'not-found');
    expectProblem(await post(other, '/checkout-sessions', { priceId: product.prices[0].id, ...URLS }), 404, 'not-found');
    const listed = await t.http().get('/api/v1/billing/prices').set(bearer(other.tokens)).expect(200);
    expect(listed.body.data).toEqual([]);
  });

  it('a customer edited here then by Stripe: an older webhook does not regress our write, a newer one updates the mirror', async () => {
    const owner = await signup(t);
    const created = await post(owner, '/customers', { email: 'sync@example.test', name: 'Before' }).expect(201);
    const edited = await patch(owner, `/customers/${created.body.id}`, { name: 'Ours' }).expect(200);
    const object = (name: string) => ({ ...fake.get('customers', created.body.stripeId)!, name });
    const at = Math.floor(new Date(edited.body.stripeUpdatedAt).getTime() / 1000);
    const older = stripeEvent('customer.updated', object('Stale'), { created: at - 60 });
    const newer = stripeEvent('customer.updated', object('Changed in Stripe'), { created: at + 5 });
    await deliver(t, older).expect(200);
    await waitFor(async () => (await ownerQuery(t, `select 1 from stripe_events where stripe_event_id = $1 and status = 'processed'`, [older.id])).length === 1, 'older event processed');
    const kept = await t.http().get(`/api/v1/billing/customers/${created.body.id}`).set(bearer(owner.tokens)).expect(200);
    expect(kept.body.name).toBe('Ours');
    await deliver(t, newer).expect(200);
    await waitFor(async () => (await ownerQuery(t, `select 1 from stripe_events where stripe_event_id = $1 and status = 'processed'`, [newer.id])).length === 1, 'newer event processed');
    const synced = await t.http().get(`/api/v1/billing/customers/${created.body.id}`).set(bearer(owner.tokens)).expect(200);
    expect(synced.body).toMatchObject({ name: 'Changed in Stripe', email: 'sync@example.test' });
  });
});
