import { bearer, signup, startTestApp, TestApp } from './harness';
import { connect, DAY, FakeStripe, runSync, seconds, stripeEnv, suffix } from './billing.fixtures';


describe('billing: subscriptions for staff (e2e)', () => {
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

  it('lists imported subscriptions with filters, pagination, stats and monthly-normalised MRR; other tenants see none', async () => {
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const base = seconds() - 10 * DAY;
    const put = (resource: string, fields: Record<string, unknown>) => fake.put(resource, fields, account);
    const ann = put('customers', { email: `ann-${suffix()}@example.test`, name: 'Ann', created: base });
    const bob = put('customers', { email: `bob-${suffix()}@example.test`, name: 'Bob', created: base + 1 });
    const product = put('products', { name: 'Coaching', created: base + 2 });
    const monthly = put('prices', { product: product.id, currency: 'eur', unit_amount: 1000, recurring: { interval: 'month', interval_count: 1 }, created: base + 3 });
    const yearly = put('prices', { product: product.id, currency: 'eur', unit_amount: 12000, recurring: { interval: 'year', interval_count: 1 }, created: base + 4 });
    const item = (price: Record<string, unknown>, quantity: number, end: number) => ({ object: 'list', data: [{ id: `si_${suffix()}`, price, quantity, current_period_start: base, current_period_end: end }] });
    const a = put('subscriptions', { customer: ann.id, status: 'active', currency: 'eur', items: item(monthly, 2, base + 30 * DAY), created: base + 10 });
    const b = put('subscriptions', { customer: bob.id, status: 'active', currency: 'eur', cancel_at_period_end: true, items: item(yearly, 1, base + 365 * DAY), created: base + 11 });
    const c = put('subscriptions', { customer: bob.id, status: 'trialing', currency: 'eur', items: item(monthly, 1, base + 14 * DAY), created: base + 12 });
    const run = await runSync(t, owner, 'import');
    expect(run).toMatchObject({ status: 'succeeded', errors: [] });

    const get = (query: Record<string, string>, who = owner) => t.http().get('/api/v1/billing/subscriptions').query(query).set(bearer(who.tokens)).expect(200).then((r) => r.body);
    // Newest first in the mirror (its row times): the import's order, so compared as sets here.
    const ids = (body: { data: Array<{ stripeId: string }> }) => body.data.map((s) => s.stripeId).sort();
    const all = await get({});
    expect(ids(all)).toEqual([a.id, b.id, c.id].sort());
    const byStripe = (id: unknown) => all.data.find((s: { stripeId: string }) => s.stripeId === id);
    // 2 × 10.00 monthly + 120.00 yearly / 12; the trial counts no revenue.
    expect(all.stats).toEqual({ total: 3, active: 2, trialing: 1, pastDue: 0, canceled: 0, mrr: [{ currency: 'EUR', amount: 3000 }] });
    expect(byStripe(a.id)).toMatchObject({ status: 'active', mrr: 2000, customerEmail: ann.email, items: [{ priceId: monthly.id, productId: product.id, productName: 'Coaching', quantity: 2, unitAmount: 1000, interval: 'month' }] });

    expect(ids(await get({ status: 'trialing' }))).toEqual([c.id]);
    expect(ids(await get({ status: 'trialing,active', interval: 'year' }))).toEqual([b.id]);
    expect((await get({ cancelAtPeriodEnd: 'true' })).stats).toMatchObject({ total: 1, active: 1, mrr: [{ currency: 'EUR', amount: 1000 }] });
    expect(ids(await get({ search: 'ann' }))).toEqual([a.id]);
    expect((await get({ priceId: String(monthly.id) })).stats.total).toBe(2);
    expect(ids(await get({ renewsTo: new Date((base + 20 * DAY) * 1000).toISOString() }))).toEqual([c.id]);

    const first = await get({ limit: '2' });
    expect(first.data).toHaveLength(2);
    const second = await get({ limit: '2', cursor: first.nextCursor });
    expect([...ids(first), ...ids(second)].sort()).toEqual(ids(all));
    expect(second.nextCursor).toBeNull();

    const detail = await t.http().get(`/api/v1/billing/subscriptions/${byStripe(c.id).id}`).set(bearer(owner.tokens)).expect(200);
    expect(detail.body).toMatchObject({ stripeId: c.id, status: 'trialing', mrr: 0 });
    await t.http().get(`/api/v1/billing/subscriptions/${byStripe(c.id).id}`).set(bearer(other.tokens)).expect(404);
    expect((await get({}, other)).data).toEqual([]);
  });

  it('rejects bad filters with a problem', async () => {
    const owner = await signup(t);
    await connect(t, owner.tenantId);
    for (const query of [{ status: 'sleeping' }, { interval: 'hour' }, { renewsFrom: 'tomorrow' }, { cancelAtPeriodEnd: 'maybe' }, { search: 'x'.repeat(201) }]) {
      const res = await t.http().get('/api/v1/billing/subscriptions').query(query).set(bearer(owner.tokens)).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
