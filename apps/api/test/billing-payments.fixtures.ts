import { randomBytes } from 'node:crypto';
import { ownerQuery, type TestApp } from './harness';
import { deliverProcessed, type FakeStripe, stripeEvent } from './billing.fixtures';

const seconds = () => Math.floor(Date.now() / 1000);

export interface SeededPayment {
  /** Our id (billing_payments.id). */
  id: string;
  stripeId: string;
  chargeId: string | null;
}

export interface PaymentSeed {
  amount: number;
  customer?: string | null;
  /** succeeded (default) or a failed attempt (requires_payment_method with a decline). */
  failed?: boolean;
  amountRefunded?: number;
  description?: string;
  invoice?: string | null;
  /** When it succeeded (the event's time): seconds. */
  at?: number;
}

/**
 * A payment as Stripe makes it in the fake (intent + its charge, in the tenant's account) and mirrored
 * through its signed webhook, processed by the worker; returns our id for it.
 */
export async function seedPayment(t: TestApp, fake: FakeStripe, tenantId: string, account: string, seed: PaymentSeed): Promise<SeededPayment> {
  const customer = seed.customer ?? null;
  const charge = seed.failed
    ? null
    : fake.put('charges', {
        amount: seed.amount, amount_captured: seed.amount, amount_refunded: seed.amountRefunded ?? 0, refunded: false, currency: 'eur', status: 'succeeded', paid: true, captured: true, customer,
        payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2031 } },
      }, account);
  const intent = fake.put('payment_intents', {
    amount: seed.amount, amount_received: seed.failed ? 0 : seed.amount, currency: 'eur', status: seed.failed ? 'requires_payment_method' : 'succeeded', customer,
    description: seed.description ?? null, invoice: seed.invoice ?? null, latest_charge: charge?.id ?? null,
    last_payment_error: seed.failed ? { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } : null,
  }, account);
  if (charge) fake.put('charges', { id: charge.id, payment_intent: intent.id }, account);
  await deliverProcessed(t, [stripeEvent(seed.failed ? 'payment_intent.payment_failed' : 'payment_intent.succeeded', intent, { account, created: seed.at ?? seconds() })]);
  const [row] = await ownerQuery(t, `select id from billing_payments where tenant_id = $1 and stripe_id = $2`, [tenantId, intent.id]);
  return { id: row.id, stripeId: intent.id, chargeId: charge?.id ?? null };
}

/** A customer in the fake and the mirror (through its webhook); returns its Stripe id and our id. */
export async function seedCustomer(t: TestApp, fake: FakeStripe, tenantId: string, account: string, name: string): Promise<{ stripeId: string; id: string; email: string }> {
  const email = `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.test`;
  const customer = fake.put('customers', { email, name }, account);
  await deliverProcessed(t, [stripeEvent('customer.created', customer, { account })]);
  const [row] = await ownerQuery(t, `select id from billing_customers where tenant_id = $1 and stripe_id = $2`, [tenantId, customer.id]);
  return { stripeId: customer.id, id: row.id, email };
}
