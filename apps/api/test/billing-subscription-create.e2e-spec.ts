import { randomUUID } from 'node:crypto';
import { bearer, expectProblem, signup } from './harness';
import { billingTestApp, connect, suffix } from './billing.fixtures';
import { addMember, auditActions } from './team.fixtures';

describe('billing: subscriptions created by staff, paid or complimentary (e2e)', () => {
  const app = billingTestApp();

  it('creates an invoiced subscription with a trial and a complimentary one, each one keyed Stripe call on the tenant\'s account, mirrored and audited', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const customer = async (label: string) => (await t.http().post('/api/v1/billing/customers').set(bearer(owner.tokens)).send({ email: `${label}-${suffix()}@example.test` }).expect(201)).body;
    const kim = await customer('kim');
    const lee = await customer('lee');
    const product = (await t.http().post('/api/v1/billing/products').set(bearer(owner.tokens)).send({ name: 'Coaching', prices: [{ currency: 'EUR', unitAmount: 9900, type: 'recurring', interval: 'month' }, { currency: 'EUR', unitAmount: 19900, type: 'one_time' }] }).expect(201)).body;
    const monthly = product.prices.find((p: { type: string }) => p.type === 'recurring');
    const once = product.prices.find((p: { type: string }) => p.type === 'one_time');
    const create = (body: Record<string, unknown>, who: { tokens: Parameters<typeof bearer>[0] } = owner, key?: string) => {
      const request = t.http().post('/api/v1/billing/subscriptions').set(bearer(who.tokens));
      if (key) void request.set('idempotency-key', key);
      return request.send(body);
    };

    const key = randomUUID();
    const invoiced = { customerId: kim.id, priceId: monthly.id, quantity: 2, collectionMethod: 'send_invoice', daysUntilDue: 14, trialDays: 7 };
    const made = await create(invoiced, owner, key).expect(201);
    expect(made.body).toMatchObject({ status: 'trialing', customerId: kim.id, complimentary: false, items: [{ priceId: monthly.stripeId, quantity: 2, unitAmount: 9900 }] });
    const [call] = fake.seen('POST', '/v1/subscriptions');
    expect(call).toMatchObject({
      stripeAccount: account, idempotencyKey: expect.stringMatching(/^bo:subscription\.create:/),
      body: expect.objectContaining({ customer: kim.stripeId, collection_method: 'send_invoice', days_until_due: 14, trial_period_days: 7, payment_behavior: 'allow_incomplete', application_fee_percent: expect.any(Number), items: [{ price: monthly.stripeId, quantity: 2 }] }),
    });
    const replay = await create(invoiced, owner, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(fake.seen('POST', '/v1/subscriptions')).toHaveLength(1);
    expect(await auditActions(t, owner.tenantId, made.body.id)).toEqual(['subscription.created']);

    const free = (await create({ customerId: lee.id, priceId: monthly.id, collectionMethod: 'charge_automatically', complimentary: true }).expect(201)).body;
    expect(free).toMatchObject({ status: 'active', complimentary: true });
    const coupons = fake.seen('POST', '/v1/coupons');
    expect(coupons).toEqual([expect.objectContaining({ stripeAccount: account, body: expect.objectContaining({ percent_off: 100, duration: 'forever', name: 'Complimentary' }) })]);
    const freeCall = fake.seen('POST', '/v1/subscriptions')[1];
    expect(freeCall.body).toMatchObject({ discounts: [{ coupon: coupons[0].body.id ?? expect.any(String) }], metadata: { complimentary: 'true' } });
    expect(freeCall.body.application_fee_percent).toBeUndefined();
    // A second grant reuses the business's complimentary coupon.
    await create({ customerId: kim.id, priceId: monthly.id, collectionMethod: 'charge_automatically', complimentary: true }).expect(201);
    expect(fake.seen('POST', '/v1/coupons')).toHaveLength(1);
    const listed = (await t.http().get('/api/v1/billing/subscriptions').set(bearer(owner.tokens)).expect(200)).body;
    expect(listed.data.filter((s: { complimentary: boolean }) => s.complimentary)).toHaveLength(2);

    // Refused before Stripe: a one-time price, another business's customer, a viewer, bad input.
    const count = fake.requests.length;
    expectProblem(await create({ customerId: kim.id, priceId: once.id, collectionMethod: 'charge_automatically' }), 422, 'price-not-compatible');
    expectProblem(await create({ customerId: kim.id, priceId: monthly.id, collectionMethod: 'charge_automatically' }, other), 404);
    const viewer = await addMember(t, owner, ['viewer']);
    expectProblem(await create({ customerId: kim.id, priceId: monthly.id, collectionMethod: 'charge_automatically' }, viewer), 403);
    for (const body of [{ ...invoiced, quantity: 0 }, { ...invoiced, collectionMethod: 'by_post' }, { ...invoiced, trialDays: 0 }, { ...invoiced, customerId: 'kim' }, { ...invoiced, complimentary: 'yes' }]) {
      expectProblem(await create(body), 400, 'validation-failed');
    }
    expect(fake.requests.length).toBe(count);
  });
});
