import { StripeEventProcessor } from '@app/billing';
import { bearer, expectProblem, ownerQuery, signup, type TestApp } from './harness';
import { billingTestApp, connect, DAY, deliverProcessed, seconds, seedSubscription, type SeededSubscription, stripeEvent, suffix } from './billing.fixtures';
import { waitFor } from './net-helpers';

type Owner = Awaited<ReturnType<typeof signup>>;

/** An invoice of the subscription whose automatic payment failed; `final`: Stripe plans no further attempt. */
function failedInvoice(sub: SeededSubscription, final: boolean, id = `in_${suffix()}`) {
  return {
    id, object: 'invoice', customer: sub.customer, subscription: sub.stripeId, status: 'open', collection_method: 'charge_automatically', number: `DP-${suffix()}`,
    currency: 'eur', amount_due: 1000, amount_paid: 0, amount_remaining: 1000, attempt_count: final ? 4 : 1,
    next_payment_attempt: final ? null : seconds() + 3 * DAY, created: seconds() - DAY, livemode: false, metadata: {}, lines: { object: 'list', data: [] },
  };
}

const paid = (invoice: ReturnType<typeof failedInvoice>) => ({ ...invoice, status: 'paid', amount_paid: 1000, amount_remaining: 0, next_payment_attempt: null, status_transitions: { paid_at: seconds() } });

describe('billing: dunning policy after the last payment attempt (e2e)', () => {
  const app = billingTestApp({ webhooks: true });
  const { fake, receiver } = app;
  let t: TestApp;
  let hookUrl: string;
  beforeAll(() => ({ t, hookUrl } = app));

  async function business(policy: 'none' | 'suspend' | 'cancel'): Promise<{ owner: Owner; account: string; sub: SeededSubscription; email: string }> {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const patched = await t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ settings: { dunningPolicy: policy } }).expect(200);
    expect(patched.body.settings.dunningPolicy).toBe(policy);
    await t.http().post('/api/v1/webhook-endpoints').set(bearer(owner.tokens)).send({ url: hookUrl, eventTypes: ['entitlements.changed'] }).expect(201);
    const sub = await seedSubscription(t, fake, owner.tenantId, account);
    const [customer] = await ownerQuery(t, `select email from billing_customers where tenant_id = $1 and stripe_id = $2`, [owner.tenantId, sub.customer]);
    return { owner, account, sub, email: customer.email };
  }

  const detail = (owner: Owner, sub: SeededSubscription) => t.http().get(`/api/v1/billing/subscriptions/${sub.id}`).set(bearer(owner.tokens)).expect(200).then((r) => r.body);
  const entitlements = (owner: Owner, email: string) => t.http().get('/api/v1/entitlements').query({ email }).set(bearer(owner.tokens)).expect(200).then((r) => r.body);
  const sentEntitlements = (owner: Owner) => ownerQuery(t, `select payload from webhook_events where tenant_id = $1 and type = 'entitlements.changed' order by created_at, id`, [owner.tenantId]);
  const audits = (owner: Owner, action: string) => ownerQuery(t, `select actor_type, entity_id, after from audit_logs where tenant_id = $1 and action = $2 order by created_at`, [owner.tenantId, action]);
  const cancelCalls = (sub: SeededSubscription) => fake.requests.filter((r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${sub.stripeId}`);

  it('refuses an unknown policy and starts at none', async () => {
    const owner = await signup(t);
    expect((await t.http().get('/api/v1/tenant').set(bearer(owner.tokens)).expect(200)).body.settings.dunningPolicy).toBe('none');
    expectProblem(await t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ settings: { dunningPolicy: 'pause' } }), 400, 'validation-failed');
  });

  it('suspend: the last failed attempt suspends access (entitlements, webhook, audit, detail, failed payments) and a payment restores it; an earlier attempt does nothing', async () => {
    const { owner, account, sub, email } = await business('suspend');
    const at = seconds();
    // The member's entitlements as they stand, so the changes below are real changes.
    await deliverProcessed(t, [stripeEvent('customer.subscription.updated', { ...fake.get('subscriptions', sub.stripeId, account)!, status: 'active' }, { account, created: at })]);
    expect(await entitlements(owner, email)).toMatchObject({ active: true, status: 'active', accessSuspendedAt: null });

    const invoice = failedInvoice(sub, false);
    await deliverProcessed(t, [stripeEvent('invoice.payment_failed', invoice, { account, created: at + 1 })]);
    expect(await detail(owner, sub)).toMatchObject({ accessSuspendedAt: null, accessSuspendedReason: null });

    const last = stripeEvent('invoice.payment_failed', { ...invoice, attempt_count: 4, next_payment_attempt: null }, { account, created: at + 2 });
    await deliverProcessed(t, [last]);
    const suspended = await detail(owner, sub);
    expect(suspended).toMatchObject({ status: 'active', accessSuspendedReason: 'final_payment_failed' });
    expect(suspended.accessSuspendedAt).toEqual(expect.any(String));
    expect(await entitlements(owner, email)).toMatchObject({ active: false, status: 'suspended', products: [], accessSuspendedReason: 'final_payment_failed', accessSuspendedAt: suspended.accessSuspendedAt });
    const failing = (await t.http().get('/api/v1/billing/failed-payments').set(bearer(owner.tokens)).expect(200)).body.data;
    expect(failing).toEqual([expect.objectContaining({ invoiceStripeId: invoice.id, subscriptionId: sub.id, accessSuspendedAt: suspended.accessSuspendedAt, accessSuspendedReason: 'final_payment_failed' })]);
    expect(await audits(owner, 'subscription.access_suspended')).toEqual([
      { actor_type: 'system', entity_id: sub.id, after: { policy: 'suspend', reason: 'final_payment_failed', invoice: invoice.id, stripeEventId: last.id } },
    ]);
    // Stripe was not asked to change the subscription.
    expect(cancelCalls(sub)).toEqual([]);

    const payment = stripeEvent('invoice.paid', paid(invoice), { account, created: at + 3 });
    await deliverProcessed(t, [payment]);
    expect(await detail(owner, sub)).toMatchObject({ accessSuspendedAt: null, accessSuspendedReason: null });
    expect(await entitlements(owner, email)).toMatchObject({ active: true, status: 'active', accessSuspendedAt: null });
    expect((await audits(owner, 'subscription.access_restored')).map((a) => [a.actor_type, a.entity_id, a.after.stripeEventId, a.after.paidInvoice])).toEqual([['system', sub.id, payment.id, invoice.id]]);

    const sent = await sentEntitlements(owner);
    expect(sent.map((e) => [e.payload.active, e.payload.status, e.payload.accessSuspendedReason])).toEqual([[true, 'active', null], [false, 'suspended', 'final_payment_failed'], [true, 'active', null]]);
    await waitFor(() => receiver.received.filter((r) => r.body.type === 'entitlements.changed' && JSON.stringify(r.body).includes(email)).length === 3, 'three entitlements.changed deliveries', 15_000);
  });

  it('suspend: a payment told before an older failed attempt keeps the access', async () => {
    const { owner, account, sub, email } = await business('suspend');
    const at = seconds();
    const invoice = failedInvoice(sub, true);
    await deliverProcessed(t, [stripeEvent('invoice.paid', paid(invoice), { account, created: at + 5 })]);
    await deliverProcessed(t, [stripeEvent('invoice.payment_failed', invoice, { account, created: at })]);
    expect(await detail(owner, sub)).toMatchObject({ accessSuspendedAt: null });
    expect(await entitlements(owner, email)).toMatchObject({ active: true, accessSuspendedAt: null });
    expect(await audits(owner, 'subscription.access_suspended')).toEqual([]);
  });

  it('cancel: cancels the subscription once in Stripe (Idempotency-Key from the event, connected account) even when the event comes twice or is processed again', async () => {
    const { owner, account, sub } = await business('cancel');
    const last = stripeEvent('invoice.payment_failed', failedInvoice(sub, true), { account, created: seconds() });
    // Stripe delivers the event twice: the inbox stores and applies it once.
    await deliverProcessed(t, [last]);
    await deliverProcessed(t, [last]);
    // Processed once more (a replay after a failure): the decision is recorded, nothing is called again.
    await ownerQuery(t, `update stripe_events set status = 'failed' where stripe_event_id = $1`, [last.id]);
    await t.worker!.get(StripeEventProcessor).process((await ownerQuery(t, `select id from stripe_events where stripe_event_id = $1`, [last.id]))[0].id);
    // A later last failure of another invoice finds the subscription canceled.
    await deliverProcessed(t, [stripeEvent('invoice.payment_failed', failedInvoice(sub, true), { account, created: seconds() + 1 })]);
    const calls = cancelCalls(sub);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ idempotencyKey: `bo:subscription.cancel:dunning:${last.id}`, stripeAccount: account });
    expect(await detail(owner, sub)).toMatchObject({ status: 'canceled', accessSuspendedAt: null });
    expect((await audits(owner, 'subscription.canceled')).map((a) => [a.actor_type, a.after.policy, a.after.stripeEventId])).toEqual([['system', 'cancel', last.id]]);
  });

  it('none: the last failed attempt changes nothing', async () => {
    const { owner, account, sub, email } = await business('none');
    await deliverProcessed(t, [stripeEvent('invoice.payment_failed', failedInvoice(sub, true), { account, created: seconds() })]);
    expect(await detail(owner, sub)).toMatchObject({ status: 'active', accessSuspendedAt: null });
    expect(await entitlements(owner, email)).toMatchObject({ active: true, accessSuspendedAt: null });
    expect(cancelCalls(sub)).toEqual([]);
    expect(await audits(owner, 'subscription.access_suspended')).toEqual([]);
  });

  it('cancel: an attempt that is not the last cancels nothing', async () => {
    const { owner, account, sub } = await business('cancel');
    await deliverProcessed(t, [stripeEvent('invoice.payment_failed', failedInvoice(sub, false), { account, created: seconds() })]);
    expect(await detail(owner, sub)).toMatchObject({ status: 'active' });
    expect(cancelCalls(sub)).toEqual([]);
  });
});
