import { bearer, expectProblem, ownerQuery, signup, type TestApp } from './harness';
import { billingTestApp, connect, DAY, deliver, runSync, seconds, seedSubscription, stripeEvent, suffix } from './billing.fixtures';
import { waitFor } from './net-helpers';
import { addMember } from './team.fixtures';

async function processed(t: TestApp, event: ReturnType<typeof stripeEvent>): Promise<void> {
  await deliver(t, event).expect(200);
  await waitFor(async () => (await ownerQuery(t, `select status from stripe_events where stripe_event_id = $1`, [event.id]))[0]?.status === 'processed', `event ${event.type} processed`, 15_000);
}

describe('billing: entitlements (e2e)', () => {
  const app = billingTestApp({ webhooks: true });
  const { fake, receiver } = app;
  let t: TestApp;
  let hookUrl: string;
  beforeAll(() => ({ t, hookUrl } = app));

  it('derives a member\'s plan, status, access and features from their subscriptions and purchases, and pushes entitlements.changed only on a real change', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const member = await addMember(t, owner, ['viewer'], 'Gail');
    await t.http().post('/api/v1/webhook-endpoints').set(bearer(owner.tokens)).send({ url: hookUrl, eventTypes: ['entitlements.changed'] }).expect(201);
    const customer = (await t.http().post('/api/v1/billing/customers').set(bearer(owner.tokens)).send({ email: member.email, memberId: member.membershipId }).expect(201)).body;
    const product = (await t.http().post('/api/v1/billing/products').set(bearer(owner.tokens)).send({ name: 'Inner circle', features: ['Weekly call', 'Community'], prices: [{ currency: 'EUR', unitAmount: 4900, type: 'recurring', interval: 'month' }] }).expect(201)).body;
    const course = (await t.http().post('/api/v1/billing/products').set(bearer(owner.tokens)).send({ name: 'Course', features: ['Course videos'], prices: [{ currency: 'EUR', unitAmount: 19900, type: 'one_time' }] }).expect(201)).body;
    const get = (query: Record<string, string>, token: Parameters<typeof bearer>[0] = owner.tokens) => t.http().get('/api/v1/entitlements').query(query).set(bearer(token));

    const none = (await get({ memberId: member.membershipId }).expect(200)).body;
    expect(none).toMatchObject({ memberId: member.membershipId, email: member.email, customerIds: [customer.id], active: false, status: 'none', plan: null, accessUntil: null, lifetime: false, features: [], products: [] });

    const periodEnd = seconds() + 30 * DAY;
    const subscription = {
      id: `sub_${suffix()}`, object: 'subscription', customer: customer.stripeId, status: 'trialing', currency: 'eur', cancel_at_period_end: false, cancel_at: null,
      current_period_start: seconds() - 60, current_period_end: periodEnd, trial_end: periodEnd, created: seconds() - 60, livemode: false, metadata: {},
      items: { object: 'list', data: [{ id: `si_${suffix()}`, object: 'subscription_item', quantity: 1, current_period_end: periodEnd, price: { id: product.prices[0].stripeId, object: 'price', product: product.stripeId, currency: 'eur', unit_amount: 4900, recurring: { interval: 'month', interval_count: 1 } } }] },
    };
    const at = seconds();
    await processed(t, stripeEvent('customer.subscription.created', subscription, { account, created: at }));
    const trialing = (await get({ email: member.email.toUpperCase() }).expect(200)).body;
    expect(trialing).toMatchObject({
      memberId: member.membershipId, active: true, status: 'trialing', plan: { productId: product.id, name: 'Inner circle' }, lifetime: false,
      accessUntil: new Date(periodEnd * 1000).toISOString(), features: ['Community', 'Weekly call'],
      products: [{ productId: product.id, stripeProductId: product.stripeId, source: 'subscription', status: 'trialing', renews: true }],
    });

    await processed(t, stripeEvent('customer.subscription.updated', { ...subscription, status: 'active', cancel_at_period_end: true }, { account, created: at + 1 }));
    // The same state told again (another event id) changes nothing.
    await processed(t, stripeEvent('customer.subscription.updated', { ...subscription, status: 'active', cancel_at_period_end: true }, { account, created: at + 2 }));
    const ending = (await get({ memberId: member.membershipId }).expect(200)).body;
    expect(ending).toMatchObject({ status: 'active', products: [{ renews: false, accessUntil: new Date(periodEnd * 1000).toISOString() }] });

    // A one-off purchase of the course by the same email: lifetime access, on top.
    const session = { id: `cs_test_${suffix()}`, object: 'checkout.session', mode: 'payment', status: 'complete', payment_status: 'paid', customer: null, customer_email: member.email, customer_details: { email: member.email }, amount_total: 19900, currency: 'eur', payment_intent: `pi_${suffix()}`, created: seconds(), livemode: false, metadata: {} };
    fake.store({ ...session, line_items: { object: 'list', data: [{ id: `li_${suffix()}`, object: 'item', quantity: 1, price: { id: course.prices[0].stripeId, object: 'price', product: course.stripeId } }] } });
    await processed(t, stripeEvent('checkout.session.completed', session, { account, created: at + 3 }));
    const both = (await get({ memberId: member.membershipId }).expect(200)).body;
    expect(both).toMatchObject({ active: true, status: 'active', lifetime: true, plan: { name: 'Inner circle' }, features: ['Community', 'Course videos', 'Weekly call'] });
    expect(both.products.map((p: { source: string; name: string }) => `${p.source}:${p.name}`).sort()).toEqual(['purchase:Course', 'subscription:Inner circle']);

    await processed(t, stripeEvent('customer.subscription.deleted', { ...subscription, status: 'canceled', ended_at: seconds() }, { account, created: at + 4 }));
    expect((await get({ memberId: member.membershipId }).expect(200)).body).toMatchObject({ status: 'active', lifetime: true, plan: null, features: ['Course videos'] });

    const sent = await ownerQuery(t, `select payload from webhook_events where tenant_id = $1 and type = 'entitlements.changed' order by created_at, id`, [owner.tenantId]);
    expect(sent.map((e) => [e.payload.status, e.payload.products.length, e.payload.lifetime])).toEqual([['trialing', 1, false], ['active', 1, false], ['active', 2, true], ['active', 1, true]]);
    expect(sent[0].payload).toMatchObject({ memberId: member.membershipId, email: member.email });
    // Delivered to the business's endpoint.
    await waitFor(() => receiver.received.filter((r) => r.body.type === 'entitlements.changed').length === 4, 'four entitlements.changed deliveries', 15_000);
  });

  it('a sync run that repairs a subscription recomputes its customer\'s entitlements: one entitlements.changed, and none from an identical run', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    await t.http().post('/api/v1/webhook-endpoints').set(bearer(owner.tokens)).send({ url: hookUrl, eventTypes: ['entitlements.changed'] }).expect(201);
    const seeded = await seedSubscription(t, fake, owner.tenantId, account, { status: 'active' });
    const [{ email }] = await ownerQuery(t, `select email from billing_customers where tenant_id = $1 and stripe_id = $2`, [owner.tenantId, seeded.customer]);
    const sent = () => ownerQuery(t, `select payload from webhook_events where tenant_id = $1 and type = 'entitlements.changed' order by created_at, id`, [owner.tenantId]);

    // Stripe moved the subscription to past due and no event reached us: the mirror still says active.
    fake.put('subscriptions', { id: seeded.stripeId, status: 'past_due' }, account);
    const repair = await runSync(t, owner, 'sync');
    expect(repair).toMatchObject({ status: 'succeeded', errors: [] });
    expect(repair.progress.subscriptions).toMatchObject({ driftFound: 1, driftFixed: 1 });
    expect(await ownerQuery(t, `select status from billing_subscriptions where id = $1`, [seeded.id])).toEqual([{ status: 'past_due' }]);
    const afterRepair = await sent();
    expect(afterRepair.map((e) => e.payload)).toEqual([expect.objectContaining({ email, memberId: null, active: true, status: 'past_due', products: [expect.objectContaining({ stripeProductId: seeded.product, status: 'past_due' })] })]);
    await waitFor(() => receiver.received.some((r) => r.body.type === 'entitlements.changed' && r.body.data?.email === email), 'the entitlements.changed delivery', 15_000);

    // Nothing changed since: the same run again repairs nothing and pushes nothing.
    const again = await runSync(t, owner, 'sync');
    expect(again).toMatchObject({ status: 'succeeded', driftFound: 0, driftFixed: 0 });
    expect(await sent()).toHaveLength(1);
  });

  it('answers API keys holding entitlements:read, an unknown email as nothing held, and refuses bad queries and other businesses\' members', async () => {
    const owner = await signup(t);
    const other = await signup(t);
    await connect(t, owner.tenantId);
    const member = await addMember(t, owner, ['viewer']);
    const key = (await t.http().post('/api/v1/api-keys').set(bearer(owner.tokens)).send({ name: 'Paywall', scopes: ['entitlements:read'] }).expect(201)).body.key;
    const narrow = (await t.http().post('/api/v1/api-keys').set(bearer(owner.tokens)).send({ name: 'Members only', scopes: ['members:read'] }).expect(201)).body.key;
    const get = (query: Record<string, string>, token: string | Parameters<typeof bearer>[0]) => t.http().get('/api/v1/entitlements').query(query).set(bearer(token));
    expect((await get({ email: member.email }, key).expect(200)).body).toMatchObject({ memberId: member.membershipId, active: false });
    expect((await get({ email: `nobody-${suffix()}@example.test` }, key).expect(200)).body).toMatchObject({ memberId: null, customerIds: [], active: false, status: 'none' });
    expectProblem(await get({ email: member.email }, narrow), 403);
    expectProblem(await get({ memberId: member.membershipId }, other.tokens), 404);
    const bad: Array<Record<string, string>> = [{}, { email: member.email, memberId: member.membershipId }, { email: 'not-an-email' }, { memberId: 'gail' }];
    for (const query of bad) {
      expectProblem(await get(query, key), 400, 'validation-failed');
    }
  });
});
