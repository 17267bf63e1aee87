import { bearer, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { connect, DAY, deliver, FakeStripe, runSync, seconds, stripeEnv, stripeEvent, suffix } from './billing.fixtures';
import { waitFor } from './net-helpers';
import { addMember } from './team.fixtures';


/** The mirror tables the money kinds write, with their child tables. */
const MONEY_TABLES = ['billing_subscriptions', 'billing_subscription_items', 'billing_invoices', 'billing_invoice_lines', 'billing_payments', 'billing_refunds', 'billing_disputes'];

/**
 * A connected account holding a business's history: two customers (one the member's email), a product
 * and its monthly price, an active and a canceled subscription, a paid invoice of the active one with
 * two lines, its payment (a payment intent whose charge was partly refunded), the refund, a charge made
 * without a payment intent (older integrations) and a dispute of that charge.
 */
function seedHistory(fake: FakeStripe, account: string, memberEmail: string) {
  const base = seconds() - 100 * DAY;
  const put = (resource: string, fields: Record<string, unknown>) => fake.put(resource, fields, account);
  const buyer = put('customers', { email: memberEmail, name: 'Buyer', created: base });
  const former = put('customers', { email: `former-${suffix()}@example.test`, name: 'Former', created: base + 1 });
  const product = put('products', { name: 'Coaching', created: base + 2 });
  const price = put('prices', { product: product.id, currency: 'eur', unit_amount: 4900, recurring: { interval: 'month', interval_count: 1 }, created: base + 3 });
  const ids = { invoice: `in_${suffix()}`, intent: `pi_${suffix()}`, charge: `ch_${suffix()}` };
  const item = (id: string) => ({ object: 'list', data: [{ id, price, quantity: 1, current_period_start: base + 10, current_period_end: base + 10 + 30 * DAY }] });
  const active = put('subscriptions', { customer: buyer.id, status: 'active', currency: 'eur', latest_invoice: ids.invoice, items: item(`si_${suffix()}`), created: base + 10 });
  const canceled = put('subscriptions', {
    customer: former.id, status: 'canceled', currency: 'eur', canceled_at: base + 20 * DAY, ended_at: base + 20 * DAY, cancellation_details: { reason: 'cancellation_requested' },
    items: item(`si_${suffix()}`), created: base + 11,
  });
  const invoice = put('invoices', {
    id: ids.invoice, customer: buyer.id, subscription: active.id, status: 'paid', number: 'INV-0001', currency: 'eur', subtotal: 4900, total: 4900, amount_due: 4900,
    amount_paid: 4900, amount_remaining: 0, attempt_count: 1, billing_reason: 'subscription_create', payment_intent: ids.intent,
    status_transitions: { finalized_at: base + 10, paid_at: base + 12 },
    lines: { object: 'list', data: [
      { id: `il_${suffix()}`, description: 'Coaching × 1', amount: 3900, currency: 'eur', quantity: 1, price, period: { start: base + 10, end: base + 10 + 30 * DAY } },
      { id: `il_${suffix()}`, description: 'Onboarding', amount: 1000, currency: 'eur', quantity: 1, price: null, period: { start: base + 10, end: base + 10 } },
    ] },
    created: base + 12,
  });
  const charge = put('charges', {
    id: ids.charge, payment_intent: ids.intent, amount: 4900, amount_refunded: 1500, currency: 'eur', customer: buyer.id, invoice: invoice.id,
    payment_method_details: { card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030, country: 'FR' } }, billing_details: { address: { country: 'FR' } }, created: base + 13,
  });
  const intent = put('payment_intents', { id: ids.intent, amount: 4900, amount_received: 4900, currency: 'eur', status: 'succeeded', customer: buyer.id, invoice: invoice.id, latest_charge: charge.id, created: base + 12 });
  const refund = put('refunds', { charge: charge.id, payment_intent: intent.id, amount: 1500, currency: 'eur', status: 'succeeded', reason: 'requested_by_customer', created: base + 40 * DAY });
  const legacy = put('charges', { amount: 2500, currency: 'usd', customer: former.id, description: 'Workshop', created: base + 5 });
  const dispute = put('disputes', { charge: legacy.id, amount: 2500, currency: 'usd', status: 'needs_response', reason: 'fraudulent', evidence_details: { due_by: base + 60 * DAY }, created: base + 50 * DAY });
  return { base, buyer, former, product, price, active, canceled, invoice, charge, intent, refund, legacy, dispute };
}

describe('billing: the initial import and reconciliation of subscriptions, invoices, payments, refunds and disputes (e2e)', () => {
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

  it('on the platform account an import takes the tenant\'s tagged objects and the untagged ones of its customers and payments, never another tenant\'s', async () => {
    const owner = await signup(t);
    const other = await signup(t);
    const created = seconds() - 10 * DAY;
    // The platform account (no Stripe-Account): what we create carries metadata.tenant_id, what Stripe makes does not.
    const put = (resource: string, fields: Record<string, unknown>) => fake.put(resource, { created, ...fields });
    const mine = put('customers', { email: `mine-${suffix()}@example.test`, name: 'Mine', metadata: { tenant_id: owner.tenantId } });
    const theirs = put('customers', { email: `theirs-${suffix()}@example.test`, name: 'Theirs', metadata: { tenant_id: other.tenantId } });
    const invoiceFields = { status: 'paid', currency: 'eur', subtotal: 900, total: 900, amount_due: 900, amount_paid: 900, amount_remaining: 0, lines: { object: 'list', data: [] } };
    const invoice = put('invoices', { customer: mine.id, ...invoiceFields });
    const foreign = put('invoices', { customer: theirs.id, ...invoiceFields });
    const intent = put('payment_intents', { customer: mine.id, amount: 900, amount_received: 900, currency: 'eur', status: 'succeeded' });
    const refund = put('refunds', { payment_intent: intent.id, amount: 300, currency: 'eur', status: 'succeeded', created: created + 60 });

    const run = await runSync(t, owner, 'import');
    expect(run).toMatchObject({ status: 'succeeded', errors: [] });
    const ofOwner = async (table: string) => (await ownerQuery(t, `select stripe_id from ${table} where tenant_id = $1 order by stripe_id`, [owner.tenantId])).map((r) => r.stripe_id);
    expect(await ofOwner('billing_customers')).toEqual([mine.id]);
    expect(await ofOwner('billing_invoices')).toEqual([invoice.id]);
    expect(await ofOwner('billing_payments')).toEqual([intent.id]);
    expect(await ofOwner('billing_refunds')).toEqual([refund.id]);
    expect(await ownerQuery(t, `select tenant_id from billing_invoices where stripe_id = $1`, [foreign.id])).toEqual([]);
  });

  it('an import mirrors every kind with its amounts, currency, tenant and links; a second changes nothing; a reconciliation repairs a drifted subscription', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const member = await addMember(t, owner, ['viewer'], 'Buyer');
    const h = seedHistory(fake, account, member.email);

    const run = await runSync(t, owner, 'import');
    expect(run).toMatchObject({ status: 'succeeded', errors: [], objectsChecked: 11, driftFound: 0 });
    expect(run.progress).toMatchObject({
      customers: { done: true, checked: 2, imported: 2 },
      products: { imported: 1 },
      prices: { imported: 1 },
      subscriptions: { done: true, checked: 2, imported: 2 },
      invoices: { done: true, checked: 1, imported: 1 },
      payment_intents: { done: true, checked: 1, imported: 1 },
      // The intent's own charge comes with the intent: only the charge without one is this kind's.
      charges: { done: true, checked: 1, imported: 1 },
      refunds: { done: true, checked: 1, imported: 1 },
      disputes: { done: true, checked: 1, imported: 1 },
    });
    // Canceled subscriptions are listed too (status=all), and the payment intents with their charge.
    expect(fake.seen('GET', '/v1/subscriptions').filter((r) => r.stripeAccount === account).map((r) => r.query.status)).toEqual(['all']);
    expect(fake.seen('GET', '/v1/payment_intents').filter((r) => r.stripeAccount === account).map((r) => r.query.expand)).toEqual([['data.latest_charge']]);

    const tid = owner.tenantId;
    // Every row of the account's objects (child rows through their parent) is this tenant's.
    const owners = async (sql: string) => (await ownerQuery(t, sql, [account])).map((r: { tenant_id: string }) => r.tenant_id);
    for (const table of ['billing_subscriptions', 'billing_invoices', 'billing_payments', 'billing_refunds', 'billing_disputes']) {
      expect([table, await owners(`select distinct tenant_id from ${table} where stripe_account = $1`)]).toEqual([table, [tid]]);
    }
    expect(await owners(`select distinct i.tenant_id from billing_subscription_items i join billing_subscriptions s on s.id = i.subscription_id where s.stripe_account = $1`)).toEqual([tid]);
    expect(await owners(`select distinct l.tenant_id from billing_invoice_lines l join billing_invoices i on i.id = l.invoice_id where i.stripe_account = $1`)).toEqual([tid]);
    expect(await ownerQuery(t, `select membership_id from billing_customers where tenant_id = $1 and stripe_id = $2`, [tid, h.buyer.id])).toEqual([{ membership_id: member.membershipId }]);
    expect(
      await ownerQuery(
        t,
        `select s.stripe_id, s.status, s.currency, s.deleted_at is not null as ended, s.canceled_at, s.cancellation_reason, s.current_period_end, s.latest_invoice, c.email
           from billing_subscriptions s join billing_customers c on c.tenant_id = s.tenant_id and c.stripe_account = s.stripe_account and c.stripe_id = s.customer
          where s.tenant_id = $1 and s.stripe_account = $2 order by s.stripe_created_at`,
        [tid, account],
      ),
    ).toEqual([
      { stripe_id: h.active.id, status: 'active', currency: 'EUR', ended: false, canceled_at: null, cancellation_reason: null, current_period_end: new Date((h.base + 10 + 30 * DAY) * 1000), latest_invoice: h.invoice.id, email: member.email },
      { stripe_id: h.canceled.id, status: 'canceled', currency: 'EUR', ended: true, canceled_at: new Date((h.base + 20 * DAY) * 1000), cancellation_reason: 'cancellation_requested', current_period_end: new Date((h.base + 10 + 30 * DAY) * 1000), latest_invoice: null, email: h.former.email },
    ]);
    expect(
      await ownerQuery(t, `select s.stripe_id, i.price, i.product, i.quantity, i.unit_amount::int, i.currency, i.recurring_interval from billing_subscription_items i join billing_subscriptions s on s.id = i.subscription_id where i.tenant_id = $1 order by s.stripe_created_at`, [tid]),
    ).toEqual([
      { stripe_id: h.active.id, price: h.price.id, product: h.product.id, quantity: 1, unit_amount: 4900, currency: 'EUR', recurring_interval: 'month' },
      { stripe_id: h.canceled.id, price: h.price.id, product: h.product.id, quantity: 1, unit_amount: 4900, currency: 'EUR', recurring_interval: 'month' },
    ]);
    // Invoice → subscription, with its lines in order.
    expect(
      await ownerQuery(
        t,
        `select i.number, i.status, i.currency, i.total::int, i.amount_paid::int, i.amount_remaining::int, i.paid_at, i.payment_intent, s.status as subscription_status
           from billing_invoices i join billing_subscriptions s on s.tenant_id = i.tenant_id and s.stripe_account = i.stripe_account and s.stripe_id = i.subscription
          where i.tenant_id = $1`,
        [tid],
      ),
    ).toEqual([{ number: 'INV-0001', status: 'paid', currency: 'EUR', total: 4900, amount_paid: 4900, amount_remaining: 0, paid_at: new Date((h.base + 12) * 1000), payment_intent: h.intent.id, subscription_status: 'active' }]);
    expect(await ownerQuery(t, `select description, amount::int, currency, price, position from billing_invoice_lines where tenant_id = $1 order by position`, [tid])).toEqual([
      { description: 'Coaching × 1', amount: 3900, currency: 'EUR', price: h.price.id, position: 0 },
      { description: 'Onboarding', amount: 1000, currency: 'EUR', price: null, position: 1 },
    ]);
    // Payments: the intent's row (card and refunded amount from its charge) and the charge made without one.
    expect(
      await ownerQuery(t, `select stripe_id, charge, amount::int, amount_refunded::int, currency, status, card_brand, card_last4, billing_country, invoice from billing_payments where tenant_id = $1 order by amount desc`, [tid]),
    ).toEqual([
      { stripe_id: h.intent.id, charge: h.charge.id, amount: 4900, amount_refunded: 1500, currency: 'EUR', status: 'succeeded', card_brand: 'visa', card_last4: '4242', billing_country: 'FR', invoice: h.invoice.id },
      { stripe_id: h.legacy.id, charge: h.legacy.id, amount: 2500, amount_refunded: 0, currency: 'USD', status: 'succeeded', card_brand: null, card_last4: null, billing_country: null, invoice: null },
    ]);
    // Refund → payment; dispute → the charge's payment.
    expect(
      await ownerQuery(t, `select r.amount::int, r.currency, r.status, r.reason, p.amount::int as paid from billing_refunds r join billing_payments p on p.tenant_id = r.tenant_id and p.stripe_account = r.stripe_account and p.stripe_id = r.payment_intent where r.tenant_id = $1`, [tid]),
    ).toEqual([{ amount: 1500, currency: 'EUR', status: 'succeeded', reason: 'requested_by_customer', paid: 4900 }]);
    expect(
      await ownerQuery(t, `select d.amount::int, d.currency, d.status, d.reason, d.evidence_due_by, p.description from billing_disputes d join billing_payments p on p.tenant_id = d.tenant_id and p.stripe_account = d.stripe_account and p.charge = d.charge where d.tenant_id = $1`, [tid]),
    ).toEqual([{ amount: 2500, currency: 'USD', status: 'needs_response', reason: 'fraudulent', evidence_due_by: new Date((h.base + 60 * DAY) * 1000), description: 'Workshop' }]);

    // Twice: nothing imported, nothing drifted, not one row (nor child row) rewritten.
    const snapshot = async () => Promise.all(MONEY_TABLES.map((table) => ownerQuery(t, `select * from ${table} where tenant_id = $1 order by id`, [tid])));
    const before = await snapshot();
    const again = await runSync(t, owner, 'import');
    expect(again).toMatchObject({ status: 'succeeded', objectsChecked: 11, driftFound: 0, driftFixed: 0 });
    for (const name of ['subscriptions', 'invoices', 'payment_intents', 'charges', 'refunds', 'disputes']) expect(again.progress[name]).toMatchObject({ imported: 0, driftFound: 0, markedDeleted: 0 });
    expect(await snapshot()).toEqual(before);

    // A subscription drifted in the mirror (its status) is repaired by the next reconciliation and counted.
    await ownerQuery(t, `update billing_subscriptions set status = 'past_due' where tenant_id = $1 and stripe_id = $2`, [tid, h.active.id]);
    const repaired = await runSync(t, owner, 'sync');
    expect(repaired).toMatchObject({ status: 'succeeded', driftFound: 1, driftFixed: 1, since: expect.any(String) });
    expect(repaired.progress.subscriptions).toMatchObject({ done: true, checked: 2, imported: 0, driftFound: 1, driftFixed: 1, markedDeleted: 0 });
    expect(await ownerQuery(t, `select status, deleted_at from billing_subscriptions where tenant_id = $1 and stripe_id = $2`, [tid, h.active.id])).toEqual([{ status: 'active', deleted_at: null }]);
    expect(await ownerQuery(t, `select count(*)::int as n from billing_subscription_items where tenant_id = $1`, [tid])).toEqual([{ n: 2 }]);
  });

  it('order-safe: a sync never regresses what a newer webhook wrote', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const customer = fake.put('customers', { email: `c-${suffix()}@example.test`, created: seconds() - 1000 }, account);
    const subscription = fake.put('subscriptions', { customer: customer.id, status: 'active', currency: 'usd', created: seconds() - 900 }, account);
    const refund = fake.put('refunds', { payment_intent: `pi_${suffix()}`, amount: 700, currency: 'usd', status: 'pending', created: seconds() - 800 }, account);
    // Webhooks of states newer than what the sync will read (Stripe changed them while the sync ran).
    const later = seconds() + 3600;
    await deliver(t, stripeEvent('customer.subscription.updated', { ...subscription, status: 'past_due' }, { account, created: later })).expect(200);
    await deliver(t, stripeEvent('refund.updated', { ...refund, status: 'succeeded' }, { account, created: later })).expect(200);
    await waitFor(async () => (await ownerQuery(t, `select 1 from billing_refunds where stripe_id = $1 and status = 'succeeded' union all select 1 from billing_subscriptions where stripe_id = $2 and status = 'past_due'`, [refund.id, subscription.id])).length === 2, 'the webhooks applied');

    const run = await runSync(t, owner, 'import');
    expect(run).toMatchObject({ status: 'succeeded', driftFound: 2, driftFixed: 0 });
    expect(run.progress.subscriptions).toMatchObject({ checked: 1, imported: 0, driftFound: 1, driftFixed: 0 });
    expect(run.progress.refunds).toMatchObject({ checked: 1, imported: 0, driftFound: 1, driftFixed: 0 });
    expect(await ownerQuery(t, `select status, stripe_updated_at from billing_subscriptions where stripe_id = $1`, [subscription.id])).toEqual([{ status: 'past_due', stripe_updated_at: new Date(later * 1000) }]);
    expect(await ownerQuery(t, `select status, stripe_updated_at from billing_refunds where stripe_id = $1`, [refund.id])).toEqual([{ status: 'succeeded', stripe_updated_at: new Date(later * 1000) }]);
  });

  it('an import of more than a page of subscriptions, interrupted after the first, resumes from its cursor (kinds done are not listed again)', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const customer = fake.put('customers', { email: `many-${suffix()}@example.test`, created: seconds() - 20_000 }, account);
    for (let i = 0; i < 130; i++) {
      fake.put('subscriptions', { customer: customer.id, status: i % 10 === 0 ? 'canceled' : 'active', currency: 'eur', created: seconds() - 10_000 + i }, account);
    }
    let failed = 0;
    fake.route('GET', /^\/v1\/subscriptions$/, (request) => {
      if (request.stripeAccount !== account || !request.query.starting_after || failed > 0) return undefined;
      failed += 1;
      return { status: 400, body: { error: { type: 'invalid_request_error', message: 'Simulated interruption of the listing' } } };
    });
    const run = await runSync(t, owner, 'import');
    expect(failed).toBe(1);
    expect(run).toMatchObject({ status: 'succeeded', errors: [{ message: 'Simulated interruption of the listing', at: expect.any(String) }] });
    expect(run.progress.subscriptions).toMatchObject({ done: true, checked: 130, imported: 130, driftFound: 0 });
    const calls = fake.seen('GET', '/v1/subscriptions').filter((r) => r.stripeAccount === account);
    // The first page once, the failed second page, then the second page again after the resume; every one with status=all.
    expect(calls.map((r) => [Boolean(r.query.starting_after), r.query.status])).toEqual([[false, 'all'], [true, 'all'], [true, 'all']]);
    expect(fake.seen('GET', '/v1/customers').filter((r) => r.stripeAccount === account)).toHaveLength(1);
    expect(
      await ownerQuery(t, `select count(*)::int as n, count(distinct stripe_id)::int as d, count(*) filter (where deleted_at is not null)::int as ended from billing_subscriptions where tenant_id = $1`, [owner.tenantId]),
    ).toEqual([{ n: 130, d: 130, ended: 13 }]);
  });
  it('shows a customer\'s money history and a subscription\'s, newest first, with staff actions; others see none', async () => {
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const member = await addMember(t, owner, ['viewer'], 'Buyer');
    const h = seedHistory(fake, account, member.email);
    expect(await runSync(t, owner, 'import')).toMatchObject({ status: 'succeeded', errors: [] });
    const [buyer] = await ownerQuery(t, `select id from billing_customers where tenant_id = $1 and stripe_id = $2`, [owner.tenantId, h.buyer.id]);
    const [former] = await ownerQuery(t, `select id from billing_customers where tenant_id = $1 and stripe_id = $2`, [owner.tenantId, h.former.id]);
    const [active] = await ownerQuery(t, `select id from billing_subscriptions where tenant_id = $1 and stripe_id = $2`, [owner.tenantId, h.active.id]);
    await t.http().post(`/api/v1/billing/customers/${buyer.id}/balance-transactions`).set(bearer(owner.tokens)).send({ kind: 'credit', amount: 700, currency: 'EUR', reason: 'Goodwill' }).expect(201);

    const get = (path: string, query: Record<string, string> = {}, who = owner) => t.http().get(path).query(query).set(bearer(who.tokens));
    const timeline = (await get(`/api/v1/billing/customers/${buyer.id}/timeline`).expect(200)).body;
    const kinds = timeline.data.map((e: { kind: string; stripeId: string | null; detail: string | null }) => `${e.kind}:${e.stripeId ?? e.detail}`);
    expect(kinds).toEqual([
      'staff_action:customer.balance_adjusted',
      `refund:${h.refund.id}`,
      `payment:${h.intent.id}`,
      `invoice:${h.invoice.id}`,
      `subscription_started:${h.active.id}`,
    ]);
    const times = timeline.data.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(timeline.data.find((e: { kind: string }) => e.kind === 'refund')).toMatchObject({ amount: 1500, currency: 'EUR', status: 'succeeded', detail: 'requested_by_customer', subscriptionId: active.id });
    expect(timeline.data[0]).toMatchObject({ amount: 700, currency: 'EUR', actorEmail: owner.email });
    const page = (await get(`/api/v1/billing/customers/${buyer.id}/timeline`, { limit: '2' }).expect(200)).body;
    const rest = (await get(`/api/v1/billing/customers/${buyer.id}/timeline`, { limit: '10', cursor: page.nextCursor }).expect(200)).body;
    expect([...page.data, ...rest.data].map((e: { id: string; kind: string }) => `${e.kind}:${e.id}`)).toEqual(timeline.data.map((e: { id: string; kind: string }) => `${e.kind}:${e.id}`));

    // The former customer: a canceled subscription (started and ended) and a disputed charge of no invoice.
    const formerKinds = (await get(`/api/v1/billing/customers/${former.id}/timeline`).expect(200)).body.data.map((e: { kind: string }) => e.kind);
    expect([...formerKinds].sort()).toEqual(['dispute', 'payment', 'subscription_ended', 'subscription_started']);

    // The subscription's detail shows the card its latest invoice was paid with.
    expect((await get(`/api/v1/billing/subscriptions/${active.id}`).expect(200)).body).toMatchObject({
      paymentMethod: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 }, latestInvoiceStripeId: h.invoice.id, currentPeriodStart: expect.any(String),
    });
    const history = (await get(`/api/v1/billing/subscriptions/${active.id}/history`).expect(200)).body;
    expect(history.data.map((e: { kind: string }) => e.kind)).toEqual(['refund', 'payment', 'invoice', 'subscription_started']);
    expect(history.data.every((e: { subscriptionId: string }) => e.subscriptionId === active.id)).toBe(true);

    await get(`/api/v1/billing/customers/${buyer.id}/timeline`, {}, other).expect(404);
    await get(`/api/v1/billing/subscriptions/${active.id}/history`, {}, other).expect(404);
  });
});
