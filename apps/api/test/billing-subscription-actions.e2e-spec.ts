import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { connect, deliver, FakeStripe, seedPrice, seedSubscription, stripeEnv, stripeEvent } from './billing.fixtures';
import { waitFor } from './net-helpers';
import { addMember } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;
type Who = { tokens: Signup['tokens'] };

const DAY = 86_400;
const seconds = () => Math.floor(Date.now() / 1000);
const isoAt = (unix: number) => new Date(unix * 1000).toISOString();

describe('billing: staff actions on subscriptions (e2e)', () => {
  let t: TestApp;
  let fake: FakeStripe;

  beforeAll(async () => {
    fake = new FakeStripe();
    // The worker applies Stripe's confirming events; the tenant's webhook endpoint is a closed local port.
    t = await startTestApp({ worker: true, env: { ...stripeEnv(await fake.start()), WEBHOOKS_ALLOW_PRIVATE: 'true' } });
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  /** A business selling through its own connected account, with one subscription. */
  async function business(options: Parameters<typeof seedSubscription>[4] = {}) {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const subscription = await seedSubscription(t, fake, owner.tenantId, account, options);
    return { owner, account, subscription };
  }

  const url = (id: string, action: string) => `/api/v1/billing/subscriptions/${id}/${action}`;
  const post = (who: Who, id: string, action: string, body: object = {}, key?: string) => {
    const req = t.http().post(url(id, action)).set(bearer(who.tokens));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const preview = (who: Who, id: string, query: Record<string, string | number>) => t.http().get(url(id, 'change-preview')).query(query).set(bearer(who.tokens));
  const mirror = async (id: string) => (await ownerQuery(t, `select * from billing_subscriptions where id = $1`, [id]))[0];
  const audits = (id: string) => ownerQuery(t, `select action, before, after, request_id from audit_logs where entity_id = $1 order by created_at, id`, [id]);
  /** The Stripe calls made since `from` (an index into the fake's log). */
  const callsSince = (from: number) => fake.requests.slice(from);

  /**
   * One call to Stripe for `path`, with the tenant's connected account and a key of our operation: from the
   * client's Idempotency-Key (40 hex) or, without one, the request id (a UUID).
   */
  function expectOneCall(from: number, method: string, path: string, account: string, operation: string) {
    const calls = callsSince(from);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`${method} ${path}`]);
    expect(calls[0].stripeAccount).toBe(account);
    expect(calls[0].idempotencyKey).toMatch(new RegExp(`^bo:${operation.replace('.', '\\.')}:([0-9a-f]{40}|[0-9a-f-]{36})$`));
    return calls[0];
  }

  it('cancels at period end with the reason and feedback, undoes it; a retry with the same Idempotency-Key calls Stripe once', async () => {
    const { owner, account, subscription } = await business();
    const from = fake.requests.length;
    const body = { atPeriodEnd: true, reason: 'too_expensive', feedback: 'Cheaper elsewhere' };
    const first = await post(owner, subscription.id, 'cancel', body, 'cancel-1').expect(200);
    expect(first.body).toMatchObject({ id: subscription.id, stripeId: subscription.stripeId, status: 'active', cancelAtPeriodEnd: true, items: [{ priceId: subscription.price.stripeId }] });
    const call = expectOneCall(from, 'POST', `/v1/subscriptions/${subscription.stripeId}`, account, 'subscription.update');
    expect(call.body).toEqual({ cancel_at_period_end: true, cancellation_details: { feedback: 'too_expensive', comment: 'Cheaper elsewhere' } });
    expect(await mirror(subscription.id)).toMatchObject({ cancel_at_period_end: true, status: 'active' });

    const again = await post(owner, subscription.id, 'cancel', body, 'cancel-1').expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(callsSince(from)).toHaveLength(1);
    const detail = await t.http().get(`/api/v1/billing/subscriptions/${subscription.id}`).set(bearer(owner.tokens)).expect(200);
    expect(detail.body).toEqual(first.body);

    const undoFrom = fake.requests.length;
    const undone = await post(owner, subscription.id, 'undo-cancel', {}, 'undo-1').expect(200);
    expect(undone.body).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });
    expect(expectOneCall(undoFrom, 'POST', `/v1/subscriptions/${subscription.stripeId}`, account, 'subscription.update').body).toEqual({ cancel_at_period_end: false });
    expect(await mirror(subscription.id)).toMatchObject({ cancel_at_period_end: false });
    await post(owner, subscription.id, 'undo-cancel', {}, 'undo-1').expect(200);
    expect(callsSince(undoFrom)).toHaveLength(1);

    // Nothing scheduled any more: refused before Stripe.
    expectProblem(await post(owner, subscription.id, 'undo-cancel'), 409, 'subscription-not-scheduled-to-cancel');
    expect(callsSince(undoFrom)).toHaveLength(1);

    const rows = await audits(subscription.id);
    expect(rows.map((r) => r.action)).toEqual(['subscription.cancel_scheduled', 'subscription.cancel_undone']);
    expect(rows[0]).toMatchObject({
      before: { status: 'active', cancelAtPeriodEnd: false },
      after: { cancelAtPeriodEnd: true, reason: 'too_expensive', feedback: 'Cheaper elsewhere' },
      request_id: expect.any(String),
    });
    expect(rows[1]).toMatchObject({ before: { cancelAtPeriodEnd: true }, after: { cancelAtPeriodEnd: false } });
  });

  it('cancels now (DELETE in Stripe, with the cancellation details); a canceled subscription refuses every further action', async () => {
    const { owner, account, subscription } = await business();
    const from = fake.requests.length;
    const res = await post(owner, subscription.id, 'cancel', { atPeriodEnd: false, reason: 'unused' }, 'now-1').expect(200);
    expect(res.body).toMatchObject({ status: 'canceled', cancelAtPeriodEnd: false, canceledAt: expect.any(String), mrr: 0 });
    const call = expectOneCall(from, 'DELETE', `/v1/subscriptions/${subscription.stripeId}`, account, 'subscription.cancel');
    expect(call.query).toEqual({ cancellation_details: { feedback: 'unused' } });
    const row = await mirror(subscription.id);
    expect(row).toMatchObject({ status: 'canceled', cancellation_reason: 'cancellation_requested' });
    expect(row.canceled_at).not.toBeNull();
    await post(owner, subscription.id, 'cancel', { atPeriodEnd: false, reason: 'unused' }, 'now-1').expect(200);
    expect(callsSince(from)).toHaveLength(1);
    expect(await audits(subscription.id)).toMatchObject([{ action: 'subscription.canceled', before: { status: 'active' }, after: { status: 'canceled', reason: 'unused', feedback: null } }]);

    const refusals: Array<[string, object]> = [
      ['cancel', { atPeriodEnd: true }],
      ['cancel', { atPeriodEnd: false }],
      ['undo-cancel', {}],
      ['pause', {}],
      ['resume', {}],
      ['extend', { until: isoAt(seconds() + 40 * DAY) }],
    ];
    for (const [action, body] of refusals) expectProblem(await post(owner, subscription.id, action, body), 409, 'subscription-not-active');
    expect(callsSince(from)).toHaveLength(1);
  });

  it('publishes the business\'s subscription.canceled once, at our write; Stripe\'s confirming event changes nothing more', async () => {
    const { owner, account, subscription } = await business();
    await t.http().post('/api/v1/webhook-endpoints').set(bearer(owner.tokens)).send({ url: 'http://127.0.0.1:9/never', eventTypes: ['subscription.canceled'] }).expect(201);
    const published = async () => (await ownerQuery(t, `select payload from webhook_events where tenant_id = $1 and type = 'subscription.canceled'`, [owner.tenantId])).map((r) => r.payload);
    await post(owner, subscription.id, 'cancel', { atPeriodEnd: false, reason: 'switched_service' }).expect(200);
    expect(await published()).toMatchObject([{ id: subscription.stripeId, status: 'canceled' }]);

    const event = stripeEvent('customer.subscription.deleted', fake.get('subscriptions', subscription.stripeId, account)!, { account });
    await deliver(t, event).expect(200);
    const status = async () => (await ownerQuery(t, `select status from stripe_events where stripe_event_id = $1`, [event.id]))[0]?.status;
    await waitFor(async () => (await status()) === 'processed', 'the confirming event processed', 15_000);
    expect(await published()).toHaveLength(1);
    expect(await mirror(subscription.id)).toMatchObject({ status: 'canceled' });
    expect((await mirror(subscription.id)).deleted_at).not.toBeNull();
  });

  it('pauses collection (behavior, resume date) and resumes it; the mirror\'s paused follows', async () => {
    const { owner, account, subscription } = await business();
    const resumesAt = seconds() + 7 * DAY;
    const from = fake.requests.length;
    const paused = await post(owner, subscription.id, 'pause', { behavior: 'keep_as_draft', resumesAt: isoAt(resumesAt) }, 'pause-1').expect(200);
    expect(paused.body).toMatchObject({ paused: true, status: 'active' });
    expect(expectOneCall(from, 'POST', `/v1/subscriptions/${subscription.stripeId}`, account, 'subscription.update').body).toEqual({ pause_collection: { behavior: 'keep_as_draft', resumes_at: resumesAt } });
    expect(await mirror(subscription.id)).toMatchObject({ paused: true });
    await post(owner, subscription.id, 'pause', { behavior: 'keep_as_draft', resumesAt: isoAt(resumesAt) }, 'pause-1').expect(200);
    expect(callsSince(from)).toHaveLength(1);

    const resumeFrom = fake.requests.length;
    const resumed = await post(owner, subscription.id, 'resume', {}, 'resume-1').expect(200);
    expect(resumed.body).toMatchObject({ paused: false });
    // Stripe clears pause_collection given empty.
    expect(expectOneCall(resumeFrom, 'POST', `/v1/subscriptions/${subscription.stripeId}`, account, 'subscription.update').body).toEqual({ pause_collection: '' });
    expect(await mirror(subscription.id)).toMatchObject({ paused: false });
    await post(owner, subscription.id, 'resume', {}, 'resume-1').expect(200);
    expectProblem(await post(owner, subscription.id, 'resume'), 409, 'subscription-not-paused');
    expect(callsSince(resumeFrom)).toHaveLength(1);

    // The default behavior is void.
    const voidFrom = fake.requests.length;
    await post(owner, subscription.id, 'pause', {}).expect(200);
    expect(callsSince(voidFrom)[0].body).toEqual({ pause_collection: { behavior: 'void' } });
    expect(await audits(subscription.id)).toMatchObject([
      { action: 'subscription.paused', before: { paused: false }, after: { paused: true, behavior: 'keep_as_draft', resumesAt: isoAt(resumesAt) } },
      { action: 'subscription.resumed', before: { paused: true }, after: { paused: false } },
      { action: 'subscription.paused', after: { behavior: 'void', resumesAt: null } },
    ]);
  });

  it('extends a trial and pushes an active subscription\'s next billing date, never earlier and at most 2 years ahead', async () => {
    const trialEnd = seconds() + 5 * DAY;
    const { owner, account, subscription } = await business({ status: 'trialing', trialEnd });
    const from = fake.requests.length;
    expectProblem(await post(owner, subscription.id, 'extend', { until: isoAt(trialEnd - DAY) }), 422, 'extension-not-later');
    expectProblem(await post(owner, subscription.id, 'extend', { until: isoAt(trialEnd) }), 422, 'extension-not-later');
    expectProblem(await post(owner, subscription.id, 'extend', { until: isoAt(seconds() + 3 * 365 * DAY) }), 400, 'validation-failed');
    expect(callsSince(from)).toHaveLength(0);

    const until = trialEnd + 10 * DAY;
    const res = await post(owner, subscription.id, 'extend', { until: isoAt(until) }, 'extend-1').expect(200);
    expect(res.body).toMatchObject({ status: 'trialing', trialEnd: isoAt(until) });
    expect(expectOneCall(from, 'POST', `/v1/subscriptions/${subscription.stripeId}`, account, 'subscription.update').body).toEqual({ trial_end: until, proration_behavior: 'none' });
    expect((await mirror(subscription.id)).trial_end.toISOString()).toBe(isoAt(until));
    await post(owner, subscription.id, 'extend', { until: isoAt(until) }, 'extend-1').expect(200);
    expect(callsSince(from)).toHaveLength(1);
    expect(await audits(subscription.id)).toMatchObject([
      { action: 'subscription.extended', before: { status: 'trialing', trialEnd: isoAt(trialEnd) }, after: { status: 'trialing', trialEnd: isoAt(until) } },
    ]);

    // Active: from the period's end; the customer is not charged until the new date.
    const active = await seedSubscription(t, fake, owner.tenantId, account);
    expectProblem(await post(owner, active.id, 'extend', { until: isoAt(active.periodEnd - DAY) }), 422, 'extension-not-later');
    const pushed = await post(owner, active.id, 'extend', { until: isoAt(active.periodEnd + 15 * DAY) }).expect(200);
    expect(pushed.body).toMatchObject({ currentPeriodEnd: isoAt(active.periodEnd + 15 * DAY), trialEnd: isoAt(active.periodEnd + 15 * DAY) });
    expect(await audits(active.id)).toMatchObject([
      { action: 'subscription.extended', before: { status: 'active', currentPeriodEnd: isoAt(active.periodEnd) }, after: { currentPeriodEnd: isoAt(active.periodEnd + 15 * DAY) } },
    ]);
  });

  it('previews a plan change with Stripe\'s proration, then changes the plan at the preview\'s proration date', async () => {
    const { owner, account, subscription } = await business({ unitAmounts: [1000] });
    const bigger = await seedPrice(t, fake, owner.tenantId, account, { product: subscription.product, unitAmount: 3000 });
    const from = fake.requests.length;
    const res = await preview(owner, subscription.id, { priceId: bigger.id, quantity: 2 }).expect(200);
    const call = expectOneCall(from, 'POST', '/v1/invoices/create_preview', account, 'invoice.preview');
    const prorationDate = (call.body.subscription_details as { proration_date: number }).proration_date;
    expect(Math.abs(prorationDate - seconds())).toBeLessThan(60);
    expect(call.body).toEqual({
      customer: subscription.customer,
      subscription: subscription.stripeId,
      subscription_details: { items: [{ id: subscription.items[0], price: bigger.stripeId, quantity: 2 }], proration_behavior: 'create_prorations', proration_date: prorationDate },
    });
    // The share of the period left, credited on the old price (1 × 10.00) and charged on the new one (2 × 30.00).
    const share = (subscription.periodEnd - prorationDate) / (subscription.periodEnd - subscription.periodStart);
    const credit = -Math.round(1000 * share);
    const charge = Math.round(6000 * share);
    expect(res.body).toEqual({
      prorationDate: isoAt(prorationDate),
      currency: 'EUR',
      amountDue: credit + charge,
      subtotal: credit + charge + 6000,
      total: credit + charge + 6000,
      lines: [
        { description: expect.stringContaining('Unused time'), amount: credit, proration: true, periodStart: isoAt(prorationDate), periodEnd: isoAt(subscription.periodEnd) },
        { description: expect.stringContaining('Remaining time'), amount: charge, proration: true, periodStart: isoAt(prorationDate), periodEnd: isoAt(subscription.periodEnd) },
        { description: expect.any(String), amount: 6000, proration: false, periodStart: isoAt(subscription.periodEnd), periodEnd: expect.any(String) },
      ],
    });
    // A preview changes nothing.
    expect(await audits(subscription.id)).toEqual([]);

    const changeFrom = fake.requests.length;
    const changed = await post(owner, subscription.id, 'change-plan', { priceId: bigger.id, quantity: 2, prorationDate: res.body.prorationDate }, 'plan-1').expect(200);
    expect(changed.body).toMatchObject({ items: [{ stripeId: subscription.items[0], priceId: bigger.stripeId, quantity: 2, unitAmount: 3000 }], mrr: 6000 });
    expect(expectOneCall(changeFrom, 'POST', `/v1/subscriptions/${subscription.stripeId}`, account, 'subscription.update').body).toEqual({
      items: [{ id: subscription.items[0], price: bigger.stripeId, quantity: 2 }],
      proration_behavior: 'create_prorations',
      proration_date: prorationDate,
    });
    expect(await ownerQuery(t, `select price, quantity, unit_amount from billing_subscription_items where subscription_id = $1`, [subscription.id])).toEqual([{ price: bigger.stripeId, quantity: 2, unit_amount: '3000' }]);
    await post(owner, subscription.id, 'change-plan', { priceId: bigger.id, quantity: 2, prorationDate: res.body.prorationDate }, 'plan-1').expect(200);
    expect(callsSince(changeFrom)).toHaveLength(1);
    expect(await audits(subscription.id)).toMatchObject([{
      action: 'subscription.plan_changed',
      before: { price: subscription.price.stripeId, priceId: subscription.price.id, quantity: 1 },
      after: { price: bigger.stripeId, priceId: bigger.id, quantity: 2, prorationDate: isoAt(prorationDate) },
    }]);

    // Without a quantity the current one stays; without a proration date it is now.
    const back = fake.requests.length;
    await post(owner, subscription.id, 'change-plan', { priceId: subscription.price.id }).expect(200);
    const body = callsSince(back)[0].body as { items: Array<{ quantity: number }>; proration_date: number };
    expect(body.items[0].quantity).toBe(2);
    expect(Math.abs(body.proration_date - seconds())).toBeLessThan(60);
  });

  it('refuses prices that do not fit (archived, one-time, another currency, another business) and subscriptions with several items, before Stripe', async () => {
    const { owner, account, subscription } = await business();
    const other = await business();
    const archived = await seedPrice(t, fake, owner.tenantId, account, { product: subscription.product, unitAmount: 2000, active: false });
    const oneTime = await seedPrice(t, fake, owner.tenantId, account, { product: subscription.product, unitAmount: 2000, type: 'one_time' });
    const dollars = await seedPrice(t, fake, owner.tenantId, account, { product: subscription.product, unitAmount: 2000, currency: 'usd' });
    const several = await seedSubscription(t, fake, owner.tenantId, account, { unitAmounts: [1000, 500] });
    const fine = await seedPrice(t, fake, owner.tenantId, account, { product: subscription.product, unitAmount: 2000 });
    const from = fake.requests.length;
    for (const price of [archived, oneTime, dollars]) {
      expectProblem(await preview(owner, subscription.id, { priceId: price.id }), 422, 'price-not-compatible');
      expectProblem(await post(owner, subscription.id, 'change-plan', { priceId: price.id }), 422, 'price-not-compatible');
    }
    expectProblem(await preview(owner, subscription.id, { priceId: other.subscription.price.id }), 404, 'not-found');
    expectProblem(await post(owner, subscription.id, 'change-plan', { priceId: other.subscription.price.id }), 404, 'not-found');
    expectProblem(await preview(owner, several.id, { priceId: fine.id }), 422, 'subscription-has-several-items');
    expectProblem(await post(owner, several.id, 'change-plan', { priceId: fine.id }), 422, 'subscription-has-several-items');
    // A proration date outside the current period.
    expectProblem(await post(owner, subscription.id, 'change-plan', { priceId: fine.id, prorationDate: isoAt(subscription.periodStart - DAY) }), 422, 'proration-date-out-of-period');
    expectProblem(await post(owner, subscription.id, 'change-plan', { priceId: fine.id, prorationDate: isoAt(seconds() + DAY) }), 422, 'proration-date-out-of-period');
    expect(callsSince(from)).toEqual([]);
    expect(await audits(subscription.id)).toEqual([]);
  });

  it('refuses, before Stripe, a subscription of an account the business no longer sells through and a plan change of one whose items are not mirrored', async () => {
    const owner = await signup(t);
    const onPlatform = await seedSubscription(t, fake, owner.tenantId, null);
    const account = await connect(t, owner.tenantId);
    const itemless = await seedSubscription(t, fake, owner.tenantId, account);
    await ownerQuery(t, `delete from billing_subscription_items where subscription_id = $1`, [itemless.id]);
    const price = await seedPrice(t, fake, owner.tenantId, account, { product: itemless.product, unitAmount: 2000 });
    const from = fake.requests.length;
    expectProblem(await post(owner, onPlatform.id, 'cancel', { atPeriodEnd: true }), 409, 'subscription-in-other-account');
    expectProblem(await post(owner, itemless.id, 'change-plan', { priceId: price.id }), 409, 'subscription-has-no-items');
    expectProblem(await preview(owner, itemless.id, { priceId: price.id }), 409, 'subscription-has-no-items');
    expect(callsSince(from)).toEqual([]);
  });

  it('bad input is a 400 and nothing reaches Stripe', async () => {
    const { owner, subscription } = await business();
    const price = await seedPrice(t, fake, owner.tenantId, (await mirror(subscription.id)).stripe_account, { product: subscription.product, unitAmount: 2000 });
    const from = fake.requests.length;
    const bad: Array<[string, object]> = [
      ['cancel', {}],
      ['cancel', { atPeriodEnd: 'yes' }],
      ['cancel', { atPeriodEnd: true, reason: 'bored' }],
      ['cancel', { atPeriodEnd: true, feedback: 'x'.repeat(1001) }],
      ['cancel', { atPeriodEnd: true, refund: true }],
      ['undo-cancel', { now: true }],
      ['pause', { behavior: 'stop' }],
      ['pause', { resumesAt: 'next week' }],
      ['pause', { resumesAt: isoAt(seconds() - DAY) }],
      ['resume', { at: 'now' }],
      ['extend', {}],
      ['extend', { until: 'soon' }],
      ['change-plan', {}],
      ['change-plan', { priceId: 'price_123' }],
      ['change-plan', { priceId: price.id, quantity: 0 }],
      ['change-plan', { priceId: price.id, quantity: 1.5 }],
      ['change-plan', { priceId: price.id, prorationDate: 'yesterday' }],
    ];
    for (const [action, body] of bad) {
      const res = await post(owner, subscription.id, action, body);
      expect({ action, body, status: res.status }).toEqual({ action, body, status: 400 });
      expectProblem(res, 400, 'validation-failed');
    }
    for (const query of [{}, { priceId: 'nope' }, { priceId: price.id, quantity: 0 }, { priceId: price.id, quantity: 'many' }]) {
      expectProblem(await preview(owner, subscription.id, query as Record<string, string>), 400, 'validation-failed');
    }
    expectProblem(await post(owner, 'not-a-uuid', 'cancel', { atPeriodEnd: true }), 400);
    expect(callsSince(from)).toEqual([]);
    expect(await audits(subscription.id)).toEqual([]);
  });

  it('a viewer gets 403 on every action (and may preview); another business gets 404 on all of them; nothing reaches Stripe', async () => {
    const { owner, subscription } = await business();
    const price = await seedPrice(t, fake, owner.tenantId, (await mirror(subscription.id)).stripe_account, { product: subscription.product, unitAmount: 2000 });
    const viewer = await addMember(t, owner, ['viewer']);
    const other = await signup(t);
    await connect(t, other.tenantId);
    const actions: Array<[string, object]> = [
      ['cancel', { atPeriodEnd: true }],
      ['undo-cancel', {}],
      ['pause', {}],
      ['resume', {}],
      ['extend', { until: isoAt(seconds() + 60 * DAY) }],
      ['change-plan', { priceId: price.id }],
    ];
    const from = fake.requests.length;
    for (const [action, body] of actions) {
      expectProblem(await post(viewer, subscription.id, action, body), 403, 'forbidden');
      expectProblem(await post(other, subscription.id, action, body), 404, 'not-found');
    }
    expectProblem(await preview(other, subscription.id, { priceId: price.id }), 404, 'not-found');
    expect(callsSince(from)).toEqual([]);
    await preview(viewer, subscription.id, { priceId: price.id }).expect(200);
    expect(await audits(subscription.id)).toEqual([]);
    expect(await mirror(subscription.id)).toMatchObject({ cancel_at_period_end: false, paused: false, status: 'active' });
  });
});
