import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { deliver, FakeStripe, stripeEnv, stripeEvent } from './billing.fixtures';
import { PlatformPlanReconciler } from '@app/billing';
import { waitFor } from './net-helpers';
import { addMember } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

const URLS = { successUrl: 'https://app.example.test/usage?checkout=done', cancelUrl: 'https://app.example.test/usage' };
const seconds = () => Math.floor(Date.now() / 1000);

describe('billing: platform plans sold to tenants (e2e)', () => {
  let t: TestApp;
  let fake: FakeStripe;
  let staff: Signup;

  beforeAll(async () => {
    fake = new FakeStripe();
    t = await startTestApp({ worker: true, env: stripeEnv(await fake.start()) });
    staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  const admin = () => ({
    get: (path = '') => t.http().get(`/api/v1/admin/billing/plans${path}`).set(bearer(staff.tokens)),
    post: (path: string, body: object) => t.http().post(`/api/v1/admin/billing/plans${path}`).set(bearer(staff.tokens)).send(body),
    patch: (path: string, body: object) => t.http().patch(`/api/v1/admin/billing/plans${path}`).set(bearer(staff.tokens)).send(body),
  });

  async function createPlan(planKey = 'pro', name = 'Pro') {
    const res = await admin().post('', {
      planKey, name, description: 'For growing businesses', features: ['100 members', 'Priority support'],
      prices: [{ interval: 'month', currency: 'usd', unitAmount: 4900 }, { interval: 'year', currency: 'USD', unitAmount: 49000 }],
    }).expect(201);
    return res.body;
  }

  async function settled(stripeEventIds: string[]): Promise<void> {
    await waitFor(async () => {
      const rows = await ownerQuery(t, `select status from stripe_events where stripe_event_id = any($1)`, [stripeEventIds]);
      return rows.length === stripeEventIds.length && rows.every((r) => r.status === 'processed' || r.status === 'ignored');
    }, `${stripeEventIds.length} events settled`, 15_000);
  }

  async function deliverInTurn(events: Array<ReturnType<typeof stripeEvent>>): Promise<void> {
    for (const event of events) {
      await deliver(t, event).expect(200);
      await settled([event.id]);
    }
  }

  const planOf = async (tenantId: string) => (await ownerQuery(t, `select plan from tenants where id = $1`, [tenantId]))[0].plan;

  const subscription = (tenantId: string, id: string, customer: string, price: string, fields: Record<string, unknown> = {}) => ({
    id, object: 'subscription', customer, status: 'active', currency: 'usd', cancel_at_period_end: false, current_period_end: seconds() + 30 * 86400,
    created: seconds() - 60, livemode: false, metadata: { tenant_id: tenantId, platform_plan: 'true' },
    items: { object: 'list', data: [{ id: `si_${id}`, object: 'subscription_item', quantity: 1, price: { id: price, object: 'price', currency: 'usd', unit_amount: 4900, recurring: { interval: 'month' } } }] },
    ...fields,
  });

  it('staff create a plan with monthly and annual prices on the platform account, edit it and change a price', async () => {
    const before = fake.requests.length;
    const plan = await createPlan();
    expect(plan).toMatchObject({
      planKey: 'pro', name: 'Pro', features: ['100 members', 'Priority support'], active: true, stripeId: expect.stringMatching(/^prod_/),
      limits: { members: 100, apiCallsPerMonth: 1_000_000, journeys: 200, storageMb: 50_000 },
    });
    expect(plan.prices.map((p: any) => [p.interval, p.currency, p.unitAmount, p.active])).toEqual([['month', 'USD', 4900, true], ['year', 'USD', 49000, true]]);
    const sent = fake.requests.slice(before).filter((r) => r.method === 'POST');
    expect(sent.map((r) => r.path)).toEqual(['/v1/products', '/v1/prices', '/v1/prices']);
    for (const request of sent) {
      expect(request.stripeAccount).toBeNull();
      expect(request.idempotencyKey).toMatch(/^bo:platform\.(product|price)\.create:/);
      expect(request.body.metadata).toMatchObject({ platform_plan: 'true' });
      expect((request.body.metadata as Record<string, unknown>).tenant_id).toBeUndefined();
    }
    expect(sent[0].body).toMatchObject({ name: 'Pro', metadata: { plan_key: 'pro' }, marketing_features: [{ name: '100 members' }, { name: 'Priority support' }] });
    expect(sent[1].body).toMatchObject({ currency: 'usd', unit_amount: 4900, recurring: { interval: 'month' } });

    expect((await admin().get(`/${plan.id}`).expect(200)).body).toMatchObject({ id: plan.id, planKey: 'pro' });
    expect((await admin().get().expect(200)).body.data.map((p: any) => p.id)).toContain(plan.id);

    const edited = await admin().patch(`/${plan.id}`, { name: 'Pro+', features: ['Unlimited journeys'] }).expect(200);
    expect(edited.body).toMatchObject({ name: 'Pro+', features: ['Unlimited journeys'], active: true });
    expect(fake.seen('POST', `/v1/products/${plan.stripeId}`).at(-1)!.stripeAccount).toBeNull();

    const monthly = plan.prices[0];
    const changed = await admin().post(`/${plan.id}/prices`, { interval: 'month', currency: 'usd', unitAmount: 5900 }).expect(201);
    const prices = changed.body.prices.map((p: any) => ({ id: p.id, interval: p.interval, unitAmount: p.unitAmount, active: p.active, replacesPriceId: p.replacesPriceId }));
    expect(prices).toEqual(expect.arrayContaining([
      { id: monthly.id, interval: 'month', unitAmount: 4900, active: false, replacesPriceId: null },
      { id: expect.any(String), interval: 'month', unitAmount: 5900, active: true, replacesPriceId: monthly.id },
    ]));
    expect(fake.get('prices', monthly.stripeId)).toMatchObject({ active: false });
    const audit = await ownerQuery(t, `select action, actor_id from audit_logs where entity_id = $1 order by created_at, id`, [plan.id]);
    expect(audit.map((a) => a.action)).toEqual(['platform_plan.created', 'platform_plan.updated', 'platform_plan.price_replaced']);
    expect(audit.every((a) => a.actor_id === staff.userId)).toBe(true);

    await admin().post('', { planKey: 'platinum', name: 'X' }).expect(400);
    const twice = await admin().post('', { planKey: 'pro', name: 'X', prices: [{ interval: 'month', currency: 'usd', unitAmount: 1 }, { interval: 'month', currency: 'USD', unitAmount: 2 }] });
    expectProblem(twice, 400, 'validation-failed');
  });

  it('a tenant owner sees active plans and checks out on the platform account; the customer is reused', async () => {
    const plan = await createPlan('starter', 'Starter');
    const owner = await signup(t);
    const listed = await t.http().get('/api/v1/billing/plans').set(bearer(owner.tokens)).expect(200);
    expect(listed.body).toMatchObject({ currentPlan: 'free', currentLimits: { members: 10 }, subscription: null });
    const shown = listed.body.plans.find((p: any) => p.id === plan.id);
    expect(shown).toMatchObject({ planKey: 'starter', limits: { members: 25 } });

    const before = fake.requests.length;
    const first = await t.http().post('/api/v1/billing/plan-checkout').set(bearer(owner.tokens)).send({ priceId: plan.prices[0].id, ...URLS }).expect(201);
    // The fake serves its own Checkout page, at a session URL on its address.
    expect(first.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/c\/pay\/cs_/);
    const second = await t.http().post('/api/v1/billing/plan-checkout').set(bearer(owner.tokens)).send({ priceId: plan.prices[1].id, ...URLS }).expect(201);
    expect(second.body.id).not.toBe(first.body.id);

    const sent = fake.requests.slice(before).filter((r) => r.method === 'POST');
    expect(sent.map((r) => r.path)).toEqual(['/v1/customers', '/v1/checkout/sessions', '/v1/checkout/sessions']);
    expect(sent.every((r) => r.stripeAccount === null)).toBe(true);
    expect(sent[0].body.metadata).toEqual({ platform_tenant_id: owner.tenantId });
    const [customer] = await ownerQuery(t, `select stripe_customer_id from platform_customers where tenant_id = $1`, [owner.tenantId]);
    for (const session of sent.slice(1)) {
      expect(session.body).toMatchObject({
        mode: 'subscription', customer: customer.stripe_customer_id, client_reference_id: owner.tenantId,
        subscription_data: { metadata: { tenant_id: owner.tenantId, platform_plan: 'true' } },
        metadata: { platform_plan: 'true', platform_tenant_id: owner.tenantId },
      });
      expect((session.body.metadata as Record<string, unknown>).tenant_id).toBeUndefined();
    }
    expect(sent[1].body).toMatchObject({ line_items: [{ price: plan.prices[0].stripeId, quantity: 1 }] });

    const portal = await t.http().post('/api/v1/billing/plan-portal').set(bearer(owner.tokens)).send({ returnUrl: URLS.cancelUrl }).expect(201);
    expect(portal.body.url).toMatch(/^https:\/\/billing\.stripe\.test\//);
    expect(fake.seen('POST', '/v1/billing_portal/sessions').at(-1)!.body).toMatchObject({ customer: customer.stripe_customer_id });
    // Nothing of this reached the tenant's own billing mirror.
    expect(await ownerQuery(t, `select id from billing_customers where tenant_id = $1`, [owner.tenantId])).toEqual([]);
  });

  it('signed subscription webhooks move tenants.plan up and back to free, order-safe, audited as system, never mirrored', async () => {
    const plan = await createPlan('pro', 'Pro webhooks');
    const owner = await signup(t);
    await t.http().post('/api/v1/billing/plan-checkout').set(bearer(owner.tokens)).send({ priceId: plan.prices[0].id, ...URLS }).expect(201);
    const [{ stripe_customer_id: customer }] = await ownerQuery(t, `select stripe_customer_id from platform_customers where tenant_id = $1`, [owner.tenantId]);
    const sub = subscription(owner.tenantId, `sub_plan_${owner.tenantId.slice(0, 8)}`, customer, plan.prices[0].stripeId, { status: 'incomplete' });
    const t0 = seconds() - 100;

    await deliverInTurn([stripeEvent('customer.subscription.created', sub, { created: t0 })]);
    expect(await planOf(owner.tenantId)).toBe('free');
    await deliverInTurn([stripeEvent('customer.subscription.updated', { ...sub, status: 'active' }, { created: t0 + 10 })]);
    expect(await planOf(owner.tenantId)).toBe('pro');
    const plans = await t.http().get('/api/v1/billing/plans').set(bearer(owner.tokens)).expect(200);
    expect(plans.body).toMatchObject({ currentPlan: 'pro', currentLimits: { members: 100 }, subscription: { stripeId: sub.id, status: 'active', planKey: 'pro' } });
    const again = await t.http().post('/api/v1/billing/plan-checkout').set(bearer(owner.tokens)).send({ priceId: plan.prices[0].id, ...URLS });
    expectProblem(again, 409, 'plan-subscription-active');

    // An older event delivered after the newer one changes nothing.
    await deliverInTurn([stripeEvent('customer.subscription.updated', { ...sub, status: 'canceled' }, { created: t0 + 5 })]);
    expect(await planOf(owner.tenantId)).toBe('pro');
    expect((await ownerQuery(t, `select status from platform_subscriptions where tenant_id = $1`, [owner.tenantId]))[0].status).toBe('active');

    await deliverInTurn([stripeEvent('customer.subscription.updated', { ...sub, status: 'past_due' }, { created: t0 + 20 })]);
    expect(await planOf(owner.tenantId)).toBe('pro');
    await deliverInTurn([stripeEvent('customer.subscription.deleted', { ...sub, status: 'canceled' }, { created: t0 + 30 })]);
    expect(await planOf(owner.tenantId)).toBe('free');

    const audit = await ownerQuery(t, `select actor_type, before, after from audit_logs where tenant_id = $1 and action = 'tenant.plan_changed' order by created_at, id`, [owner.tenantId]);
    expect(audit.map((a) => [a.actor_type, a.before.plan, a.after.plan])).toEqual([['system', 'free', 'pro'], ['system', 'pro', 'free']]);
    for (const table of ['billing_subscriptions', 'billing_subscription_items', 'billing_customers', 'billing_checkout_sessions']) {
      expect(await ownerQuery(t, `select 1 from ${table} where tenant_id = $1`, [owner.tenantId])).toEqual([]);
    }
  });

  it('the daily reconciliation recovers a plan subscription whose webhooks never came, and its cancellation', async () => {
    const plan = await createPlan('pro', 'Pro reconciled');
    const owner = await signup(t);
    await t.http().post('/api/v1/billing/plan-checkout').set(bearer(owner.tokens)).send({ priceId: plan.prices[0].id, ...URLS }).expect(201);
    const [{ stripe_customer_id: customer }] = await ownerQuery(t, `select stripe_customer_id from platform_customers where tenant_id = $1`, [owner.tenantId]);
    const id = `sub_lost_${owner.tenantId.slice(0, 8)}`;
    // Stripe holds an active plan subscription (and one not of a plan, which is left alone); no webhook arrived.
    fake.put('subscriptions', subscription(owner.tenantId, id, customer, plan.prices[0].stripeId));
    fake.put('subscriptions', { ...subscription(owner.tenantId, `${id}_other`, customer, plan.prices[0].stripeId), metadata: { tenant_id: owner.tenantId } });
    const reconciler = t.worker!.get(PlatformPlanReconciler);
    const before = fake.requests.length;
    const first = await reconciler.reconcile();
    expect(first.failed).toBe(0);
    expect(await planOf(owner.tenantId)).toBe('pro');
    const listed = fake.requests.slice(before).filter((r) => r.method === 'GET' && r.path === '/v1/subscriptions' && r.query.customer === customer);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ stripeAccount: null, query: { status: 'all' } });
    expect(await ownerQuery(t, `select stripe_subscription_id, status from platform_subscriptions where tenant_id = $1`, [owner.tenantId])).toEqual([{ stripe_subscription_id: id, status: 'active' }]);

    // Run again with nothing changed: nothing is audited twice. Then Stripe cancels it, unseen again.
    await reconciler.reconcile();
    fake.put('subscriptions', subscription(owner.tenantId, id, customer, plan.prices[0].stripeId, { status: 'canceled' }));
    await reconciler.reconcile();
    expect(await planOf(owner.tenantId)).toBe('free');
    const audit = await ownerQuery(t, `select actor_type, after from audit_logs where tenant_id = $1 and action = 'tenant.plan_changed' order by created_at, id`, [owner.tenantId]);
    expect(audit.map((a) => [a.actor_type, a.after.plan, a.after.source])).toEqual([
      ['system', 'pro', 'platform_subscription_reconciliation'],
      ['system', 'free', 'platform_subscription_reconciliation'],
    ]);
    // A late webhook of the old active state changes nothing now.
    await deliverInTurn([stripeEvent('customer.subscription.updated', subscription(owner.tenantId, id, customer, plan.prices[0].stripeId), { created: seconds() - 3600 })]);
    expect(await planOf(owner.tenantId)).toBe('free');
  });

  it('grants nothing for a subscription of another customer or an unknown price', async () => {
    const plan = await createPlan('enterprise', 'Enterprise');
    const owner = await signup(t);
    await t.http().post('/api/v1/billing/plan-checkout').set(bearer(owner.tokens)).send({ priceId: plan.prices[0].id, ...URLS }).expect(201);
    const [{ stripe_customer_id: customer }] = await ownerQuery(t, `select stripe_customer_id from platform_customers where tenant_id = $1`, [owner.tenantId]);
    await deliverInTurn([
      stripeEvent('customer.subscription.created', subscription(owner.tenantId, 'sub_foreign_customer', 'cus_someone_else', plan.prices[0].stripeId)),
      stripeEvent('customer.subscription.created', subscription(owner.tenantId, 'sub_unknown_price', customer, 'price_not_a_plan')),
    ]);
    expect(await planOf(owner.tenantId)).toBe('free');
  });

  it('archiving a plan archives its prices; it is no longer on sale', async () => {
    const plan = await createPlan('starter', 'Archived soon');
    const archived = await admin().patch(`/${plan.id}`, { active: false }).expect(200);
    expect(archived.body.active).toBe(false);
    expect(archived.body.prices.every((p: any) => !p.active)).toBe(true);
    for (const price of plan.prices) expect(fake.get('prices', price.stripeId)).toMatchObject({ active: false });
    expect((await ownerQuery(t, `select action from audit_logs where entity_id = $1 order by created_at, id`, [plan.id])).map((a) => a.action)).toContain('platform_plan.archived');
    const owner = await signup(t);
    const listed = await t.http().get('/api/v1/billing/plans').set(bearer(owner.tokens)).expect(200);
    expect(listed.body.plans.map((p: any) => p.id)).not.toContain(plan.id);
    expectProblem(await t.http().post('/api/v1/billing/plan-checkout').set(bearer(owner.tokens)).send({ priceId: plan.prices[0].id, ...URLS }), 409, 'price-archived');
    expectProblem(await admin().post(`/${plan.id}/prices`, { interval: 'month', currency: 'usd', unitAmount: 1 }), 409, 'plan-archived');
  });

  it('a tenant owner cannot reach the staff routes; a viewer cannot start a checkout', async () => {
    const owner = await signup(t);
    const plan = await createPlan('starter', 'Guarded');
    expectProblem(await t.http().get('/api/v1/admin/billing/plans').set(bearer(owner.tokens)), 403, 'forbidden');
    expectProblem(await t.http().post('/api/v1/admin/billing/plans').set(bearer(owner.tokens)).send({ planKey: 'pro', name: 'Mine' }), 403, 'forbidden');
    expectProblem(await t.http().patch(`/api/v1/admin/billing/plans/${plan.id}`).set(bearer(owner.tokens)).send({ active: false }), 403, 'forbidden');
    expectProblem(await t.http().post(`/api/v1/admin/billing/plans/${plan.id}/prices`).set(bearer(owner.tokens)).send({ interval: 'month', currency: 'usd', unitAmount: 0 }), 403, 'forbidden');
    const viewer = await addMember(t, owner, ['viewer']);
    await t.http().get('/api/v1/billing/plans').set(bearer(viewer.tokens)).expect(200);
    expectProblem(await t.http().post('/api/v1/billing/plan-checkout').set(bearer(viewer.tokens)).send({ priceId: plan.prices[0].id, ...URLS }), 403, 'forbidden');
    expectProblem(await t.http().post('/api/v1/billing/plan-portal').set(bearer(viewer.tokens)).send({ returnUrl: URLS.cancelUrl }), 403, 'forbidden');
  });
});
