import { Client } from 'pg';
import { loadConfig } from '@app/core';
import { withDatabase } from '@app/database';
import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { deliver, FakeStripe, stripeEnv, stripeEvent } from './billing.fixtures';
import { waitFor, WebhookReceiver as Receiver } from './net-helpers';

type Signup = Awaited<ReturnType<typeof signup>>;

const seconds = () => Math.floor(Date.now() / 1000);

async function settled(t: TestApp, stripeEventIds: string[], status = 'processed', timeoutMs = 15_000): Promise<void> {
  const rows = () => ownerQuery(t, `select stripe_event_id, type, status, last_error from stripe_events where stripe_event_id = any($1)`, [stripeEventIds]);
  try {
    await waitFor(async () => (await rows()).filter((r) => r.status === status).length === stripeEventIds.length, `${stripeEventIds.length} events ${status}`, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${JSON.stringify(await rows())}`);
  }
}

/** Delivers events one after the other, each processed before the next is sent. */
async function deliverInTurn(t: TestApp, events: Array<ReturnType<typeof stripeEvent>>): Promise<void> {
  for (const event of events) {
    await deliver(t, event).expect(200);
    await settled(t, [event.id]);
  }
}

async function adminQuery(t: TestApp, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(loadConfig().databaseAdminUrl, new URL(t.databaseUrl).pathname.slice(1)) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The outgoing domain events stored for a Stripe object (by its id in the payload), oldest first. */
const domainEvents = (t: TestApp, tenantId: string, stripeId: string) =>
  ownerQuery(t, `select type, payload from webhook_events where tenant_id = $1 and payload->>'id' = $2 order by created_at, id`, [tenantId, stripeId]);


const meta = (tenantId: string) => ({ tenant_id: tenantId });
const price = (id: string, amount = 2500) => ({ id, object: 'price', product: 'prod_plan', currency: 'eur', unit_amount: amount, recurring: { interval: 'month', interval_count: 1 } });
const subscription = (tenantId: string, id: string, fields: Record<string, unknown> = {}, items: Array<[string, number]> = [['price_basic', 1]]) => ({
  id, object: 'subscription', customer: 'cus_subscriber', status: 'active', currency: 'eur', cancel_at_period_end: false, cancel_at: null, canceled_at: null,
  ended_at: null, trial_start: null, trial_end: null, pause_collection: null, latest_invoice: 'in_latest', default_payment_method: null,
  current_period_start: seconds() - 3600, current_period_end: seconds() + 30 * 86400, created: seconds() - 3600, livemode: false, metadata: meta(tenantId),
  items: { object: 'list', data: items.map(([p, quantity], i) => ({ id: `si_${id}_${i}`, object: 'subscription_item', price: price(p), quantity })) },
  ...fields,
});
const invoice = (tenantId: string, id: string, fields: Record<string, unknown> = {}) => ({
  id, object: 'invoice', customer: 'cus_subscriber', subscription: 'sub_invoiced', status: 'draft', number: null, currency: 'eur', subtotal: 5000, tax: 0,
  total: 5000, amount_due: 5000, amount_paid: 0, amount_remaining: 5000, attempt_count: 0, billing_reason: 'subscription_cycle', collection_method: 'charge_automatically',
  payment_intent: null, period_start: seconds() - 86400, period_end: seconds(), due_date: null, next_payment_attempt: null, created: seconds() - 600, livemode: false,
  status_transitions: { finalized_at: null, paid_at: null, voided_at: null, marked_uncollectible_at: null }, metadata: meta(tenantId),
  lines: { object: 'list', data: [{ id: `il_${id}`, object: 'line_item', description: '2 × Basic', amount: 5000, currency: 'eur', quantity: 2, price: price('price_basic'), period: { start: seconds() - 86400, end: seconds() }, proration: false }] },
  ...fields,
});
const charge = (tenantId: string, id: string, fields: Record<string, unknown> = {}) => ({
  id, object: 'charge', amount: 4900, amount_refunded: 0, currency: 'eur', status: 'succeeded', paid: true, captured: true, refunded: false, customer: 'cus_payer',
  invoice: null, payment_intent: null, description: null, failure_code: null, failure_message: null, created: seconds() - 60, livemode: false, metadata: meta(tenantId),
  payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2031, country: 'US' } },
  billing_details: { address: { country: 'FR' } },
  ...fields,
});
const paymentIntent = (tenantId: string, id: string, fields: Record<string, unknown> = {}) => ({
  id, object: 'payment_intent', amount: 4900, amount_received: 4900, currency: 'eur', status: 'succeeded', customer: 'cus_payer', invoice: null, description: 'Coaching',
  payment_method: 'pm_card', latest_charge: null, last_payment_error: null, created: seconds() - 60, livemode: false, metadata: meta(tenantId), ...fields,
});
const refund = (tenantId: string, id: string, fields: Record<string, unknown> = {}) => ({
  id, object: 'refund', amount: 1000, currency: 'eur', charge: 'ch_refunded', payment_intent: 'pi_refunded', status: 'pending', reason: 'requested_by_customer',
  failure_reason: null, created: seconds() - 30, livemode: false, metadata: meta(tenantId), ...fields,
});

describe('billing: Stripe money events into the mirror and out as domain events (e2e)', () => {
  let t: TestApp;
  let fake: FakeStripe;
  let owner: Signup;
  let staff: Signup;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    fake = new FakeStripe();
    t = await startTestApp({ worker: true, env: { ...stripeEnv(await fake.start()), WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOK_BACKOFF_BASE_MS: '200', WEBHOOK_TIMEOUT_MS: '3000' } });
    owner = await signup(t);
    staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t.close();
    await fake.stop();
  });

  it('every handled money event type reaches its mirror row', async () => {
    const tid = owner.tenantId;
    const t0 = seconds() - 300;
    fake.store({ id: 'cs_completed', object: 'checkout.session', line_items: { object: 'list', data: [{ id: 'li_1', object: 'item', price: price('price_basic', 4900), quantity: 2, amount_total: 9800, currency: 'eur', description: 'Basic' }] } });
    fake.store(charge(tid, 'ch_paid', { payment_intent: 'pi_paid' }));
    const session = (id: string, fields: Record<string, unknown>) => ({
      id, object: 'checkout.session', mode: 'payment', customer: 'cus_payer', customer_details: { email: 'payer@example.test' }, amount_subtotal: 9800, amount_total: 9800,
      currency: 'eur', subscription: null, payment_intent: 'pi_paid', invoice: null, expires_at: t0 + 86400, created: t0, livemode: false, metadata: { ...meta(tid), pay_link: 'pl_1' },
      url: 'https://checkout.stripe.test/secret-looking-url', ...fields,
    });
    const sub = subscription(tid, 'sub_all', { status: 'trialing', trial_end: t0 + 14 * 86400 });
    const events = [
      stripeEvent('checkout.session.completed', session('cs_completed', { status: 'complete', payment_status: 'paid' }), { created: t0 }),
      stripeEvent('checkout.session.expired', session('cs_expired', { status: 'expired', payment_status: 'unpaid', payment_intent: null }), { created: t0 }),
      stripeEvent('customer.subscription.created', sub, { created: t0 }),
      stripeEvent('customer.subscription.trial_will_end', sub, { created: t0 + 1 }),
      stripeEvent('customer.subscription.paused', { ...sub, status: 'paused' }, { created: t0 + 2 }),
      stripeEvent('customer.subscription.resumed', { ...sub, status: 'active' }, { created: t0 + 3 }),
      stripeEvent('customer.subscription.updated', { ...sub, status: 'active', cancel_at_period_end: true }, { created: t0 + 4 }),
      stripeEvent('invoice.upcoming', { object: 'invoice', subscription: 'sub_all', amount_due: 2500, currency: 'eur', next_payment_attempt: t0 + 30 * 86400, metadata: meta(tid) }, { created: t0 + 5 }),
      stripeEvent('invoice.created', invoice(tid, 'in_paid'), { created: t0 }),
      stripeEvent('invoice.finalized', invoice(tid, 'in_paid', { status: 'open', number: 'INV-0001', status_transitions: { finalized_at: t0 + 1 } }), { created: t0 + 1 }),
      stripeEvent('invoice.payment_action_required', invoice(tid, 'in_paid', { status: 'open', attempt_count: 1 }), { created: t0 + 2 }),
      stripeEvent('invoice.payment_failed', invoice(tid, 'in_paid', { status: 'open', attempt_count: 2, next_payment_attempt: t0 + 86400 }), { created: t0 + 3 }),
      stripeEvent('invoice.paid', invoice(tid, 'in_paid', { status: 'paid', number: 'INV-0001', attempt_count: 3, amount_paid: 5000, amount_remaining: 0, status_transitions: { finalized_at: t0 + 1, paid_at: t0 + 4 } }), { created: t0 + 4 }),
      stripeEvent('invoice.voided', invoice(tid, 'in_voided', { status: 'void', status_transitions: { voided_at: t0 + 5 } }), { created: t0 + 5 }),
      stripeEvent('invoice.marked_uncollectible', invoice(tid, 'in_bad', { status: 'uncollectible', status_transitions: { marked_uncollectible_at: t0 + 5 } }), { created: t0 + 5 }),
      stripeEvent('payment_intent.succeeded', paymentIntent(tid, 'pi_paid', { latest_charge: 'ch_paid' }), { created: t0 + 6 }),
      stripeEvent('payment_intent.payment_failed', paymentIntent(tid, 'pi_failed', {
        status: 'requires_payment_method', amount_received: 0,
        last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', payment_method: { id: 'pm_x', card: { brand: 'mastercard', last4: '0341', exp_month: 1, exp_year: 2030, country: 'DE' } } },
      }), { created: t0 + 6 }),
      stripeEvent('charge.refunded', charge(tid, 'ch_refunded', { payment_intent: 'pi_refunded', amount_refunded: 1000, refunds: { object: 'list', data: [refund(tid, 're_listed', { status: 'succeeded' })] } }), { created: t0 + 7 }),
      stripeEvent('refund.created', refund(tid, 're_own'), { created: t0 + 7 }),
      stripeEvent('refund.updated', refund(tid, 're_own', { status: 'succeeded' }), { created: t0 + 8 }),
      stripeEvent('charge.dispute.created', { id: 'dp_1', object: 'dispute', amount: 4900, currency: 'eur', charge: 'ch_paid', payment_intent: 'pi_paid', reason: 'fraudulent', status: 'needs_response', evidence_details: { due_by: t0 + 7 * 86400 }, created: t0 + 8, livemode: false, metadata: meta(tid) }, { created: t0 + 8 }),
      stripeEvent('charge.dispute.closed', { id: 'dp_1', object: 'dispute', amount: 4900, currency: 'eur', charge: 'ch_paid', payment_intent: 'pi_paid', reason: 'fraudulent', status: 'won', evidence_details: { due_by: t0 + 7 * 86400 }, created: t0 + 8, livemode: false, metadata: meta(tid) }, { created: t0 + 9 }),
    ];
    await deliverInTurn(t, events);
    const one = async (sql: string, params: unknown[] = []) => (await ownerQuery(t, sql, params))[0];

    expect(await one(`select tenant_id, mode, status, payment_status, customer, customer_email, amount_total, currency, price, quantity, line_items, payment_intent, metadata, completed_at from billing_checkout_sessions where stripe_id = 'cs_completed'`)).toEqual({
      tenant_id: tid, mode: 'payment', status: 'complete', payment_status: 'paid', customer: 'cus_payer', customer_email: 'payer@example.test', amount_total: '9800', currency: 'EUR',
      price: 'price_basic', quantity: 2, line_items: [{ price: 'price_basic', product: 'prod_plan', quantity: 2, amountTotal: 9800, currency: 'EUR', description: 'Basic' }],
      payment_intent: 'pi_paid', metadata: { tenant_id: tid, pay_link: 'pl_1' }, completed_at: new Date(t0 * 1000),
    });
    expect(fake.seen('GET', '/v1/checkout/sessions/cs_completed/line_items')).toHaveLength(1);
    expect(await one(`select status, completed_at, line_items from billing_checkout_sessions where stripe_id = 'cs_expired'`)).toEqual({ status: 'expired', completed_at: null, line_items: null });

    expect(await one(`select status, cancel_at_period_end, paused, trial_end, trial_will_end_notified_at, upcoming_invoice_amount, upcoming_invoice_currency, upcoming_invoice_at, stripe_updated_at from billing_subscriptions where stripe_id = 'sub_all'`)).toEqual({
      status: 'active', cancel_at_period_end: true, paused: false, trial_end: new Date((t0 + 14 * 86400) * 1000), trial_will_end_notified_at: new Date((t0 + 1) * 1000),
      upcoming_invoice_amount: '2500', upcoming_invoice_currency: 'EUR', upcoming_invoice_at: new Date((t0 + 30 * 86400) * 1000), stripe_updated_at: new Date((t0 + 4) * 1000),
    });
    expect(await ownerQuery(t, `select i.stripe_id, i.price, i.product, i.quantity, i.unit_amount, i.currency, i.recurring_interval from billing_subscription_items i join billing_subscriptions s on s.id = i.subscription_id where s.stripe_id = 'sub_all'`)).toEqual([
      { stripe_id: 'si_sub_all_0', price: 'price_basic', product: 'prod_plan', quantity: 1, unit_amount: '2500', currency: 'EUR', recurring_interval: 'month' },
    ]);

    expect(await one(`select status, number, amount_paid, amount_remaining, attempt_count, payment_action_required, finalized_at, paid_at, subscription from billing_invoices where stripe_id = 'in_paid'`)).toEqual({
      status: 'paid', number: 'INV-0001', amount_paid: '5000', amount_remaining: '0', attempt_count: 3, payment_action_required: false,
      finalized_at: new Date((t0 + 1) * 1000), paid_at: new Date((t0 + 4) * 1000), subscription: 'sub_invoiced',
    });
    expect(await ownerQuery(t, `select l.stripe_id, l.amount, l.currency, l.quantity, l.price from billing_invoice_lines l join billing_invoices i on i.id = l.invoice_id where i.stripe_id = 'in_paid'`)).toEqual([
      { stripe_id: 'il_in_paid', amount: '5000', currency: 'EUR', quantity: 2, price: 'price_basic' },
    ]);
    expect(await ownerQuery(t, `select stripe_id, status from billing_invoices where stripe_id in ('in_voided', 'in_bad') order by stripe_id`)).toEqual([
      { stripe_id: 'in_bad', status: 'uncollectible' }, { stripe_id: 'in_voided', status: 'void' },
    ]);
    // invoice.upcoming has no id: no invoice row of it.
    expect(await one(`select count(*)::int as n from billing_invoices where tenant_id = $1`, [tid])).toEqual({ n: 3 });

    expect(await one(`select charge, amount, amount_received, currency, status, card_brand, card_last4, card_exp_month, card_exp_year, billing_country, succeeded_at from billing_payments where stripe_id = 'pi_paid'`)).toEqual({
      charge: 'ch_paid', amount: '4900', amount_received: '4900', currency: 'EUR', status: 'succeeded', card_brand: 'visa', card_last4: '4242', card_exp_month: 12, card_exp_year: 2031,
      billing_country: 'FR', succeeded_at: new Date((t0 + 6) * 1000),
    });
    expect(fake.seen('GET', '/v1/charges/ch_paid')).toHaveLength(1);
    expect(await one(`select status, failure_code, failure_message, card_brand, card_last4, billing_country from billing_payments where stripe_id = 'pi_failed'`)).toEqual({
      status: 'requires_payment_method', failure_code: 'insufficient_funds', failure_message: 'Your card has insufficient funds.', card_brand: 'mastercard', card_last4: '0341', billing_country: 'DE',
    });
    expect(await one(`select charge, amount_refunded, status from billing_payments where stripe_id = 'pi_refunded'`)).toEqual({ charge: 'ch_refunded', amount_refunded: '1000', status: 'succeeded' });
    expect(await ownerQuery(t, `select stripe_id, amount, currency, status, charge, payment_intent from billing_refunds where tenant_id = $1 order by stripe_id`, [tid])).toEqual([
      { stripe_id: 're_listed', amount: '1000', currency: 'EUR', status: 'succeeded', charge: 'ch_refunded', payment_intent: 'pi_refunded' },
      { stripe_id: 're_own', amount: '1000', currency: 'EUR', status: 'succeeded', charge: 'ch_refunded', payment_intent: 'pi_refunded' },
    ]);
    expect(await one(`select status, reason, amount, currency, evidence_due_by, closed_at from billing_disputes where stripe_id = 'dp_1'`)).toEqual({
      status: 'won', reason: 'fraudulent', amount: '4900', currency: 'EUR', evidence_due_by: new Date((t0 + 7 * 86400) * 1000), closed_at: new Date((t0 + 9) * 1000),
    });
    // Handled, not ignored.
    expect(await ownerQuery(t, `select type from stripe_events where stripe_event_id = any($1) and status <> 'processed'`, [events.map((e) => e.id)])).toEqual([]);
  });

  it('a subscription\'s events in reverse order end in the same state as in order; only real changes become domain events', async () => {
    const tenant = await signup(t);
    const t0 = seconds() - 120;
    const history = (id: string) => [
      stripeEvent('customer.subscription.created', subscription(tenant.tenantId, id, { status: 'incomplete' }), { created: t0 }),
      stripeEvent('customer.subscription.updated', subscription(tenant.tenantId, id, { status: 'active' }), { created: t0 }),
      stripeEvent('customer.subscription.updated', subscription(tenant.tenantId, id, { cancel_at_period_end: true }, [['price_basic', 3], ['price_addon', 1]]), { created: t0 + 10 }),
      stripeEvent('customer.subscription.deleted', subscription(tenant.tenantId, id, { status: 'canceled', cancel_at_period_end: true, canceled_at: t0 + 20, ended_at: t0 + 20, cancellation_details: { reason: 'cancellation_requested' } }, [['price_basic', 3], ['price_addon', 1]]), { created: t0 + 20 }),
    ];
    await deliverInTurn(t, history('sub_in_order'));
    await deliverInTurn(t, history('sub_reversed').reverse());
    const state = async (id: string) => {
      const [row] = await ownerQuery(t, `select tenant_id, status, cancel_at_period_end, canceled_at, ended_at, cancellation_reason, deleted_at, stripe_updated_at, stripe_rank, customer, currency from billing_subscriptions where stripe_id = $1`, [id]);
      const items = await ownerQuery(t, `select i.price, i.quantity, i.position from billing_subscription_items i join billing_subscriptions s on s.id = i.subscription_id where s.stripe_id = $1 order by i.position`, [id]);
      return { row, items };
    };
    const inOrder = await state('sub_in_order');
    expect(await state('sub_reversed')).toEqual(inOrder);
    expect(inOrder.row).toMatchObject({ status: 'canceled', cancel_at_period_end: true, cancellation_reason: 'cancellation_requested', deleted_at: new Date((t0 + 20) * 1000) });
    expect(inOrder.items).toEqual([{ price: 'price_basic', quantity: 3, position: 0 }, { price: 'price_addon', quantity: 1, position: 1 }]);

    // No endpoint listens yet, so nothing is stored; subscribe and replay the same history on new ids.
    expect(await domainEvents(t, tenant.tenantId, 'sub_in_order')).toEqual([]);
    await t.http().post('/api/v1/webhook-endpoints').set(bearer(tenant.tokens)).send({ url: 'http://127.0.0.1:9/never', eventTypes: ['*'] }).expect(201);
    await deliverInTurn(t, history('sub_in_order_2'));
    await deliverInTurn(t, history('sub_reversed_2').reverse());
    const inOrderEvents = await domainEvents(t, tenant.tenantId, 'sub_in_order_2');
    expect(inOrderEvents.map((e) => e.type)).toEqual(['subscription.started', 'subscription.changed', 'subscription.canceled']);
    expect(inOrderEvents[1].payload).toMatchObject({
      id: 'sub_in_order_2', status: 'active', cancelAtPeriodEnd: true, previous: { status: 'active', cancelAtPeriodEnd: false },
      items: [expect.objectContaining({ price: 'price_basic', quantity: 3, unitAmount: 2500, currency: 'EUR' }), expect.objectContaining({ price: 'price_addon', quantity: 1 })],
    });
    expect(inOrderEvents[2].payload).toMatchObject({ id: 'sub_in_order_2', status: 'canceled', cancellationReason: 'cancellation_requested', endedAt: new Date((t0 + 20) * 1000).toISOString() });
    // In reverse, the newest state comes first; the older ones are dropped and say nothing.
    expect((await domainEvents(t, tenant.tenantId, 'sub_reversed_2')).map((e) => e.type)).toEqual(['subscription.canceled']);

    // First seen past due (its creation and first payment never delivered): it started, once; back to active is a change.
    await deliverInTurn(t, [
      stripeEvent('customer.subscription.updated', subscription(tenant.tenantId, 'sub_first_past_due', { status: 'past_due' }), { created: t0 + 30 }),
      stripeEvent('customer.subscription.created', subscription(tenant.tenantId, 'sub_first_past_due', { status: 'active' }), { created: t0 }),
      stripeEvent('customer.subscription.updated', subscription(tenant.tenantId, 'sub_first_past_due', { status: 'active' }), { created: t0 + 40 }),
    ]);
    const recovered = await domainEvents(t, tenant.tenantId, 'sub_first_past_due');
    expect(recovered.map((e) => [e.type, (e.payload as { status: string }).status])).toEqual([['subscription.started', 'past_due'], ['subscription.changed', 'active']]);
  });

  it('the same payment event delivered 5 times at once has one effect and one domain event; a staff replay adds none', async () => {
    const tenant = await signup(t);
    await t.http().post('/api/v1/webhook-endpoints').set(bearer(tenant.tokens)).send({ url: 'http://127.0.0.1:9/never', eventTypes: ['payment.succeeded'] }).expect(201);
    const event = stripeEvent('payment_intent.succeeded', paymentIntent(tenant.tenantId, 'pi_five_times'));
    const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(t, event)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await settled(t, [event.id]);
    expect(await ownerQuery(t, `select status, amount from billing_payments where stripe_id = 'pi_five_times'`)).toEqual([{ status: 'succeeded', amount: '4900' }]);
    const published = await domainEvents(t, tenant.tenantId, 'pi_five_times');
    expect(published).toEqual([{ type: 'payment.succeeded', payload: { id: 'pi_five_times', charge: null, customer: 'cus_payer', invoice: null, amount: 4900, amountReceived: 4900, currency: 'EUR' } }]);

    const [row] = await ownerQuery(t, `select id from stripe_events where stripe_event_id = $1`, [event.id]);
    await t.http().post(`/api/v1/admin/billing/stripe-events/${row.id}/replay`).set(bearer(staff.tokens)).send({}).expect(200);
    await settled(t, [event.id]);
    expect(await domainEvents(t, tenant.tenantId, 'pi_five_times')).toHaveLength(1);
    // Refunded before its success arrived: the success is told once, from the charge; the older
    // payment_intent.succeeded that comes after is stale and says nothing more.
    const t1 = seconds() - 100;
    await deliverInTurn(t, [
      stripeEvent('charge.refunded', charge(tenant.tenantId, 'ch_early_refund', { payment_intent: 'pi_early_refund', amount_captured: 4900, amount_refunded: 900 }), { created: t1 + 10 }),
      stripeEvent('payment_intent.succeeded', paymentIntent(tenant.tenantId, 'pi_early_refund'), { created: t1 }),
    ]);
    expect(await ownerQuery(t, `select status, amount, amount_received, amount_refunded, charge from billing_payments where stripe_id = 'pi_early_refund'`)).toEqual([
      { status: 'succeeded', amount: '4900', amount_received: '4900', amount_refunded: '900', charge: 'ch_early_refund' },
    ]);
    expect(await domainEvents(t, tenant.tenantId, 'pi_early_refund')).toEqual([
      { type: 'payment.succeeded', payload: { id: 'pi_early_refund', charge: 'ch_early_refund', customer: 'cus_payer', invoice: null, amount: 4900, amountReceived: 4900, currency: 'EUR' } },
    ]);

    // The audit row says what the event was before the replay.
    expect(await ownerQuery(t, `select before, after from audit_logs where action = 'stripe_event.replayed' and entity_id = $1`, [row.id])).toEqual([
      { before: { status: 'processed' }, after: { status: 'received' } },
    ]);

    // An id no event has: 404, and nothing is enqueued or audited.
    const unknown = '00000000-0000-4000-8000-00000000beef';
    expectProblem(await t.http().post(`/api/v1/admin/billing/stripe-events/${unknown}/replay`).set(bearer(staff.tokens)).send({}), 404);
    expect(await ownerQuery(t, `select id from outbox where payload->>'stripeEventId' = $1`, [unknown])).toEqual([]);
    expect(await ownerQuery(t, `select id from audit_logs where entity_id = $1`, [unknown])).toEqual([]);
  });

  it('a subscription handler error is retried, becomes a dead letter, and a replay applies it with one domain event', async () => {
    const tenant = await signup(t);
    await t.http().post('/api/v1/webhook-endpoints').set(bearer(tenant.tokens)).send({ url: 'http://127.0.0.1:9/never', eventTypes: ['subscription.started'] }).expect(201);
    await adminQuery(t, `
      create function refuse_sub_broken() returns trigger language plpgsql as $$
        begin if new.stripe_id = 'sub_broken' then raise exception 'mirror refused sub_broken'; end if; return new; end $$;
      create trigger refuse_sub_broken before insert on billing_subscriptions for each row execute function refuse_sub_broken();`);
    const event = stripeEvent('customer.subscription.created', subscription(tenant.tenantId, 'sub_broken'));
    await deliver(t, event).expect(200);
    const [row] = await ownerQuery(t, `select id from stripe_events where stripe_event_id = $1`, [event.id]);
    await waitFor(async () => (await ownerQuery(t, `select 1 from dead_letters where payload->>'stripeEventId' = $1`, [row.id])).length > 0, 'the dead letter', 30_000);
    expect((await ownerQuery(t, `select status, attempts, last_error from stripe_events where id = $1`, [row.id]))[0]).toEqual({ status: 'failed', attempts: 8, last_error: 'mirror refused sub_broken' });
    expect(await domainEvents(t, tenant.tenantId, 'sub_broken')).toEqual([]);

    await adminQuery(t, `drop trigger refuse_sub_broken on billing_subscriptions; drop function refuse_sub_broken();`);
    const [deadLetter] = await ownerQuery(t, `select id from dead_letters where payload->>'stripeEventId' = $1`, [row.id]);
    await t.http().post(`/api/v1/admin/dead-letters/${deadLetter.id}/replay`).set(bearer(staff.tokens)).send({}).expect(200);
    await settled(t, [event.id]);
    expect(await ownerQuery(t, `select status from billing_subscriptions where stripe_id = 'sub_broken'`)).toEqual([{ status: 'active' }]);
    expect((await domainEvents(t, tenant.tenantId, 'sub_broken')).map((e) => e.type)).toEqual(['subscription.started']);
  });

  it('on the platform account, objects Stripe made without our metadata reach the tenant that owns their customer or payment', async () => {
    const tenant = await signup(t);
    const other = await signup(t);
    const tid = tenant.tenantId;
    const none = { metadata: {} };
    const customerOf = (tenantId: string, id: string) => ({ id, object: 'customer', email: `${id}@example.test`, name: id, currency: 'eur', balance: 0, delinquent: false, created: seconds() - 100, livemode: false, metadata: meta(tenantId) });
    await deliverInTurn(t, [
      stripeEvent('customer.created', customerOf(tid, 'cus_owned_pl')),
      // One Stripe id held by two tenants' mirrors: nobody can tell whose it is, so it is not routed.
      stripeEvent('customer.created', customerOf(tid, 'cus_shared_pl')),
      stripeEvent('customer.created', customerOf(other.tenantId, 'cus_shared_pl')),
    ]);
    const events = [
      stripeEvent('invoice.paid', invoice(tid, 'in_owned_pl', { ...none, customer: 'cus_owned_pl', subscription: null, status: 'paid', amount_paid: 5000, amount_remaining: 0 })),
      stripeEvent('payment_intent.succeeded', paymentIntent(tid, 'pi_owned_pl', { ...none, customer: 'cus_owned_pl' })),
    ];
    await deliverInTurn(t, events);
    const shared = stripeEvent('invoice.paid', invoice(tid, 'in_shared_pl', { ...none, customer: 'cus_shared_pl', subscription: null, status: 'paid' }));
    await deliver(t, shared).expect(200);
    await settled(t, [shared.id], 'ignored');
    await deliverInTurn(t, [stripeEvent('refund.created', refund(tid, 're_owned_pl', { ...none, charge: null, payment_intent: 'pi_owned_pl', status: 'succeeded' }))]);
    expect(await ownerQuery(t, `select tenant_id, status from billing_invoices where stripe_id = 'in_owned_pl'`)).toEqual([{ tenant_id: tid, status: 'paid' }]);
    expect(await ownerQuery(t, `select tenant_id, status from billing_payments where stripe_id = 'pi_owned_pl'`)).toEqual([{ tenant_id: tid, status: 'succeeded' }]);
    expect(await ownerQuery(t, `select tenant_id, payment_intent from billing_refunds where stripe_id = 're_owned_pl'`)).toEqual([{ tenant_id: tid, payment_intent: 'pi_owned_pl' }]);
    expect(await ownerQuery(t, `select tenant_id, status from stripe_events where stripe_event_id = $1`, [shared.id])).toEqual([{ tenant_id: null, status: 'ignored' }]);
    expect(await ownerQuery(t, `select id from billing_invoices where stripe_id = 'in_shared_pl'`)).toEqual([]);
  });

  it('domain events reach a subscribed endpoint, signed, with ids and amounts only', async () => {
    const tenant = await signup(t);
    const receiver = new Receiver();
    receivers.push(receiver);
    const url = await receiver.start();
    await t.http().post('/api/v1/webhook-endpoints').set(bearer(tenant.tokens)).send({ url, eventTypes: ['payment.failed', 'refund.issued', 'subscription.started'] }).expect(201);
    const events = [
      stripeEvent('customer.subscription.created', subscription(tenant.tenantId, 'sub_hooked', { status: 'trialing', trial_end: seconds() + 86400 })),
      stripeEvent('payment_intent.payment_failed', paymentIntent(tenant.tenantId, 'pi_hooked', { status: 'requires_payment_method', amount_received: 0, last_payment_error: { code: 'card_declined', message: 'Your card was declined.' } })),
      stripeEvent('refund.created', refund(tenant.tenantId, 're_hooked', { status: 'succeeded', amount: 700 })),
      // Not subscribed: not delivered.
      stripeEvent('payment_intent.succeeded', paymentIntent(tenant.tenantId, 'pi_not_hooked')),
    ];
    await deliverInTurn(t, events);
    await waitFor(() => receiver.received.length >= 3, 'three deliveries', 15_000);
    const byType = Object.fromEntries(receiver.received.map((r) => [r.body.type, r]));
    expect(Object.keys(byType).sort()).toEqual(['payment.failed', 'refund.issued', 'subscription.started']);
    expect(byType['subscription.started'].body).toMatchObject({ tenantId: tenant.tenantId, data: { id: 'sub_hooked', status: 'trialing', customer: 'cus_subscriber', items: [expect.objectContaining({ price: 'price_basic', quantity: 1 })] } });
    expect(byType['payment.failed'].body.data).toEqual({ id: 'pi_hooked', charge: null, customer: 'cus_payer', invoice: null, amount: 4900, amountReceived: 0, currency: 'EUR', failureCode: 'card_declined', failureMessage: 'Your card was declined.' });
    expect(byType['refund.issued'].body.data).toEqual({ id: 're_hooked', charge: 'ch_refunded', paymentIntent: 'pi_refunded', amount: 700, currency: 'EUR', reason: 'requested_by_customer' });
    for (const r of receiver.received) {
      expect(r.headers['x-webhook-signature']).toMatch(/v1=/);
      expect(JSON.stringify(r.body)).not.toMatch(/https?:|sk_|whsec_/);
    }
  });

  it('tenant A never sees tenant B\'s money rows; a connected account\'s re-fetch carries its account', async () => {
    const a = await signup(t);
    const b = await signup(t);
    await ownerQuery(t, `insert into stripe_accounts (id, tenant_id, account_id, charges_enabled) values (gen_random_uuid(), $1, 'acct_tenantb', true)`, [b.tenantId]);
    fake.store(charge(b.tenantId, 'ch_of_b', { payment_intent: 'pi_of_b' }));
    const rowsFor = (tenantId: string, suffix: string) => [
      stripeEvent('customer.subscription.created', subscription(tenantId, `sub_of_${suffix}`)),
      stripeEvent('invoice.created', invoice(tenantId, `in_of_${suffix}`)),
      stripeEvent('refund.created', refund(tenantId, `re_of_${suffix}`)),
      stripeEvent('charge.dispute.created', { id: `dp_of_${suffix}`, object: 'dispute', amount: 100, currency: 'usd', charge: 'ch_x', status: 'needs_response', reason: 'general', created: seconds(), metadata: meta(tenantId) }),
      stripeEvent('checkout.session.expired', { id: `cs_of_${suffix}`, object: 'checkout.session', mode: 'payment', status: 'expired', created: seconds(), metadata: meta(tenantId) }),
    ];
    const ofB = [...rowsFor(b.tenantId, 'b'), stripeEvent('payment_intent.succeeded', paymentIntent(b.tenantId, 'pi_of_b', { latest_charge: 'ch_of_b', metadata: {} }))].map((e) => ({ ...e, account: 'acct_tenantb' }));
    const ofA = [...rowsFor(a.tenantId, 'a'), stripeEvent('payment_intent.succeeded', paymentIntent(a.tenantId, 'pi_of_a'))];
    await deliverInTurn(t, [...ofA, ...ofB]);
    expect(fake.seen('GET', '/v1/charges/ch_of_b').map((r) => r.stripeAccount)).toEqual(['acct_tenantb']);
    expect(await ownerQuery(t, `select tenant_id, stripe_account, card_last4 from billing_payments where stripe_id = 'pi_of_b'`)).toEqual([{ tenant_id: b.tenantId, stripe_account: 'acct_tenantb', card_last4: '4242' }]);
    // Staff's event list filtered by the connected account: exactly B's events.
    const listed = await t.http().get('/api/v1/admin/billing/stripe-events').query({ account: 'acct_tenantb', limit: 50 }).set(bearer(staff.tokens)).expect(200);
    expect(listed.body.data.map((e: { stripeEventId: string }) => e.stripeEventId).sort()).toEqual(ofB.map((e) => e.id).sort());
    expect(listed.body.data.every((e: { tenantId: string; status: string }) => e.tenantId === b.tenantId && e.status === 'processed')).toBe(true);

    const tables = ['billing_subscriptions', 'billing_subscription_items', 'billing_invoices', 'billing_invoice_lines', 'billing_payments', 'billing_refunds', 'billing_disputes', 'billing_checkout_sessions'];
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      for (const table of tables) {
        expect((await client.query(`select 1 from ${table}`)).rows).toEqual([]);
        await client.query('begin');
        await client.query(`select set_config('app.tenant_id', $1, true)`, [a.tenantId]);
        const seen = await client.query(`select distinct tenant_id from ${table}`);
        const written = await client.query(`update ${table} set tenant_id = tenant_id where tenant_id = $1`, [b.tenantId]);
        await client.query('commit');
        expect({ table, seen: seen.rows }).toEqual({ table, seen: [{ tenant_id: a.tenantId }] });
        expect(written.rowCount).toBe(0);
      }
    } finally {
      await client.end();
    }
  });
});

describe('billing: Stripe webhook health (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('counts the last 24 h, the oldest waiting event and the processing lag on known data; staff only', async () => {
    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'support' where id = $1`, [staff.userId]);
    const health = () => t.http().get('/api/v1/admin/billing/webhook-health').set(bearer(staff.tokens)).expect(200);
    expect((await health()).body).toMatchObject({ received24h: 0, processed24h: 0, failed24h: 0, ignored24h: 0, unprocessed: 0, deadLettered: 0, oldestUnprocessedAgeSeconds: null, lagP50Seconds: null, lagMaxSeconds: null, lastReceivedAt: null });

    // [status, received minutes ago, processing lag in seconds]
    const rows: Array<[string, number, number | null]> = [
      ['processed', 10, 1], ['processed', 20, 2], ['processed', 30, 3], ['processed', 40, 10],
      ['failed', 50, null], ['ignored', 60, 0], ['received', 120, null],
      // Older than the window: counted only as waiting (the received one) or not at all.
      ['processed', 25 * 60, 100], ['received', 26 * 60, null],
    ];
    const asOf = new Date();
    for (const [i, [status, minutesAgo, lag]] of rows.entries()) {
      await ownerQuery(
        t,
        `insert into stripe_events (id, stripe_event_id, type, created, livemode, payload, status, received_at, processed_at)
         values (gen_random_uuid(), $1, 'invoice.paid', $2::timestamptz, false, '{}', $3, $2::timestamptz, $2::timestamptz + make_interval(secs => $4))`,
        [`evt_health_${i}`, new Date(asOf.getTime() - minutesAgo * 60_000).toISOString(), status, lag],
      );
    }
    // A failed event older than everything else whose job exhausted its attempts: an open dead letter waits
    // for staff. It counts as failed and dead-lettered, not as waiting, so it cannot pin the oldest age.
    const [dead] = await ownerQuery<{ id: string }>(
      t,
      `insert into stripe_events (id, stripe_event_id, type, created, livemode, payload, status, attempts, received_at)
       values (gen_random_uuid(), 'evt_health_dead', 'invoice.paid', now() - interval '30 minutes', false, '{}', 'failed', 5, now() - interval '30 hours')
       returning id`,
    );
    await ownerQuery(
      t,
      `insert into dead_letters (id, queue, job_name, job_id, payload, error, attempts)
       values (gen_random_uuid(), 'billing', 'billing.process-stripe-event', $1, jsonb_build_object('stripeEventId', $1::text), 'handler failed', 5)`,
      [dead.id],
    );
    const res = await health();
    expect(res.body).toMatchObject({ received24h: 7, processed24h: 4, failed24h: 1, ignored24h: 1, unprocessed: 3, deadLettered: 1, lagP50Seconds: 2.5, lagMaxSeconds: 10 });
    expect(res.body.lastReceivedAt).toBe(new Date(asOf.getTime() - 10 * 60_000).toISOString());
    // The oldest waiting event was received 26 h before the rows were written.
    expect(res.body.oldestUnprocessedAgeSeconds).toBeGreaterThanOrEqual(26 * 3600);
    expect(res.body.oldestUnprocessedAgeSeconds).toBeLessThan(26 * 3600 + 60);

    const tenant = await signup(t);
    expectProblem(await t.http().get('/api/v1/admin/billing/webhook-health').set(bearer(tenant.tokens)), 403);
  });
});
