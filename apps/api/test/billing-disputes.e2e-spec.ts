import { bearer, expectProblem, signup } from './harness';
import { billingTestApp, connect, DAY, runSync, seconds, suffix } from './billing.fixtures';

describe('billing: disputes for staff (e2e)', () => {
  const app = billingTestApp();

  it('lists disputes with their payment, customer, evidence due date and Dashboard page; filters; others see none', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const base = seconds() - 30 * DAY;
    const put = (resource: string, fields: Record<string, unknown>) => fake.put(resource, fields, account);
    const eve = put('customers', { email: `eve-${suffix()}@example.test`, name: 'Eve', created: base });
    const charge = put('charges', { payment_intent: `pi_${suffix()}`, amount: 9900, currency: 'eur', customer: eve.id, created: base + 2 });
    const intent = put('payment_intents', { id: charge.payment_intent, amount: 9900, amount_received: 9900, currency: 'eur', status: 'succeeded', customer: eve.id, latest_charge: charge.id, created: base + 1 });
    const legacy = put('charges', { amount: 2500, currency: 'usd', customer: eve.id, created: base + 3 });
    const open = put('disputes', { charge: charge.id, payment_intent: intent.id, amount: 9900, currency: 'eur', status: 'needs_response', reason: 'fraudulent', evidence_details: { due_by: base + 40 * DAY }, created: base + 10 * DAY });
    const lost = put('disputes', { charge: legacy.id, amount: 2500, currency: 'usd', status: 'lost', reason: 'product_not_received', evidence_details: { due_by: base + 20 * DAY }, created: base + 5 * DAY });
    expect(await runSync(t, owner, 'import')).toMatchObject({ status: 'succeeded', errors: [] });

    const get = (query: Record<string, string>, who: { tokens: Parameters<typeof bearer>[0] } = owner) =>
      t.http().get('/api/v1/billing/disputes').query(query).set(bearer(who.tokens)).expect(200).then((r) => r.body);
    const ids = (body: { data: Array<{ stripeId: string }> }) => body.data.map((d) => d.stripeId).sort();
    const all = await get({});
    expect(ids(all)).toEqual([open.id, lost.id].sort());
    expect(all.needsResponse).toBe(1);
    const first = all.data.find((d: { stripeId: string }) => d.stripeId === open.id);
    expect(first).toMatchObject({
      amount: 9900, currency: 'EUR', status: 'needs_response', reason: 'fraudulent', needsResponse: true, customerEmail: eve.email, customerName: 'Eve',
      evidenceDueBy: new Date((base + 40 * DAY) * 1000).toISOString(),
      dashboardUrl: `https://dashboard.stripe.com/${account}/test/disputes/${open.id}`,
    });
    expect(first.paymentId).toEqual(expect.any(String));
    // A charge made without a payment intent is still found as the disputed payment.
    expect(all.data.find((d: { stripeId: string }) => d.stripeId === lost.id)).toMatchObject({ needsResponse: false, customerEmail: eve.email, paymentId: expect.any(String) });

    expect(ids(await get({ needsResponse: 'true' }))).toEqual([open.id]);
    expect(ids(await get({ needsResponse: 'false' }))).toEqual([lost.id]);
    expect(ids(await get({ status: 'lost,won' }))).toEqual([lost.id]);
    expect(ids(await get({ dueBefore: new Date((base + 30 * DAY) * 1000).toISOString() }))).toEqual([lost.id]);
    const page = await get({ limit: '1' });
    expect(page.data).toHaveLength(1);
    expect(ids(await get({ limit: '1', cursor: page.nextCursor }))).toHaveLength(1);

    const detail = (await t.http().get(`/api/v1/billing/disputes/${first.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(detail).toEqual(first);
    expectProblem(await t.http().get(`/api/v1/billing/disputes/${first.id}`).set(bearer(other.tokens)), 404);
    expect((await get({}, other)).data).toEqual([]);
    for (const query of [{ status: 'pending' }, { needsResponse: 'maybe' }, { dueBefore: 'soon' }]) {
      expectProblem(await t.http().get('/api/v1/billing/disputes').query(query).set(bearer(owner.tokens)), 400, 'validation-failed');
    }
  });
});
