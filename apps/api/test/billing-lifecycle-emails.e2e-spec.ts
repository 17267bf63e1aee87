import { bearer, expectProblem, ownerQuery, signup, waitForMail } from './harness';
import { billingTestApp, connect, DAY, deliverProcessed, seconds, stripeEvent, suffix } from './billing.fixtures';

describe('billing: lifecycle emails to customers (e2e)', () => {
  const app = billingTestApp();

  it('sends each lifecycle email the business turned on, once per Stripe event, and none it left off', async () => {
    const { t } = app;
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const email = `jo-${suffix()}@example.test`;
    const customer = (await t.http().post('/api/v1/billing/customers').set(bearer(owner.tokens)).send({ email, name: 'Jo' }).expect(201)).body;
    const product = (await t.http().post('/api/v1/billing/products').set(bearer(owner.tokens)).send({ name: 'Inner circle', prices: [{ currency: 'EUR', unitAmount: 4900, type: 'recurring', interval: 'month' }] }).expect(201)).body;
    const sent = async () => (await ownerQuery(t, `select template_key from email_messages where tenant_id = $1 and to_address = $2 order by created_at, id`, [owner.tenantId, email])).map((r) => r.template_key);

    const now = seconds();
    const invoice = { id: `in_${suffix()}`, object: 'invoice', customer: customer.stripeId, status: 'paid', number: 'JO-0001', currency: 'eur', amount_due: 4900, amount_paid: 4900, amount_remaining: 0, status_transitions: { paid_at: now }, created: now, livemode: false, metadata: {}, lines: { object: 'list', data: [] } };
    // Everything off (the default): a paid invoice sends nothing.
    await deliverProcessed(t, [stripeEvent('invoice.paid', invoice, { account, created: now })]);
    expect(await sent()).toEqual([]);

    const turnedOn = await t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ settings: { billingEmails: { receipt: true, trialEnding: true, renewalReminder: true, canceled: true, paymentFailed: true }, timezone: 'UTC' } }).expect(200);
    expect(turnedOn.body.settings.billingEmails).toEqual({ receipt: true, trialEnding: true, renewalReminder: true, canceled: true, paymentFailed: true, cardExpiring: false, staffDigest: false });
    expectProblem(await t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ settings: { billingEmails: { receipt: 'yes' } } }), 400, 'validation-failed');

    const item = { id: `si_${suffix()}`, object: 'subscription_item', quantity: 1, price: { id: product.prices[0].stripeId, object: 'price', product: product.stripeId, currency: 'eur', unit_amount: 4900, recurring: { interval: 'month', interval_count: 1 } } };
    const subscription = { id: `sub_${suffix()}`, object: 'subscription', customer: customer.stripeId, status: 'trialing', currency: 'eur', trial_end: now + 3 * DAY, current_period_end: now + 3 * DAY, created: now, livemode: false, metadata: {}, items: { object: 'list', data: [item] } };
    await deliverProcessed(t, [
      stripeEvent('invoice.paid', { ...invoice, id: `in_${suffix()}`, number: 'JO-0002' }, { account, created: now + 1 }),
      stripeEvent('customer.subscription.trial_will_end', subscription, { account, created: now + 2 }),
      stripeEvent('invoice.payment_failed', { ...invoice, id: `in_${suffix()}`, number: 'JO-0003', status: 'open', amount_paid: 0, amount_remaining: 4900, attempt_count: 1, hosted_invoice_url: 'https://invoice.stripe.test/i/jo3' }, { account, created: now + 3 }),
      stripeEvent('customer.subscription.deleted', { ...subscription, status: 'canceled', ended_at: now + 4, canceled_at: now + 4 }, { account, created: now + 4 }),
    ]);
    expect((await sent()).sort()).toEqual(['payment-failed', 'payment-receipt', 'subscription-canceled', 'trial-ending']);
    const day = (unix: number) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(unix * 1000));
    expect(await waitForMail(t, email, /Thank you: we received/)).toContain('49.00 for invoice JO-0002 on');
    expect(await waitForMail(t, email, /trial ends/)).toContain(`Your trial of Inner circle with`);
    expect(await waitForMail(t, email, /trial ends/)).toContain(day(now + 3 * DAY));
    expect(await waitForMail(t, email, /did not go through/)).toContain('https://invoice.stripe.test/i/jo3');
    expect(await waitForMail(t, email, /has ended/)).toContain('Your Inner circle subscription');

    // A zero receipt (a trial's invoice) is not sent.
    await deliverProcessed(t, [stripeEvent('invoice.paid', { ...invoice, id: `in_${suffix()}`, amount_paid: 0, amount_due: 0 }, { account, created: now + 5 })]);
    expect((await sent()).filter((k) => k === 'payment-receipt')).toHaveLength(1);
  });
});
