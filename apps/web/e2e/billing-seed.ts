import type { APIRequestContext } from '@playwright/test';
import { expect, ownerQuery, type TestTenant } from './fixtures';
import { createInFakeStripe } from './stripe';

const DAY = 86_400;
const unixNow = () => Math.floor(Date.now() / 1000);
const auth = (tenant: TestTenant) => ({ Authorization: `Bearer ${tenant.token}` });

export interface SeededPrice {
  id: string;
  stripeId: string;
  unitAmount: number;
  interval: string;
}

/** A product with recurring EUR prices, made through the API (in the fake Stripe and the mirror). */
export async function seedProduct(request: APIRequestContext, tenant: TestTenant, name: string, prices: { unitAmount: number; interval: 'month' | 'year' }[]) {
  const created = await request.post('/api/v1/billing/products', {
    headers: auth(tenant),
    data: { name, prices: prices.map((price) => ({ currency: 'EUR', type: 'recurring', ...price })) },
  });
  expect(created.status(), await created.text()).toBe(201);
  const product = (await created.json()) as { id: string; stripeId: string; prices: SeededPrice[] };
  // The answer lists prices newest first: give them back in the order asked.
  const ordered = prices.map(({ unitAmount, interval }) => product.prices.find((p) => p.unitAmount === unitAmount && p.interval === interval)!);
  return { ...product, name, prices: ordered };
}

/** A customer made through the API (in the fake Stripe and the mirror). */
export async function seedCustomer(request: APIRequestContext, tenant: TestTenant, name: string): Promise<{ id: string; stripeId: string; email: string }> {
  const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const response = await request.post('/api/v1/billing/customers', { headers: auth(tenant), data: { name, email } });
  expect(response.status(), await response.text()).toBe(201);
  return { ...((await response.json()) as { id: string; stripeId: string }), email };
}

/**
 * A subscription of one item as Stripe holds it (in the fake, on the platform account the tenant sells
 * through) and as the mirror already has it (an hour old, so the server's own writes are newer): the
 * period from 10 days ago to `daysLeft` days ahead. No route creates one from the back office.
 */
export async function seedSubscription(
  request: APIRequestContext,
  tenant: TestTenant,
  seed: { customer: { stripeId: string }; product: { stripeId: string }; price: SeededPrice; status?: string; quantity?: number; cancelAtPeriodEnd?: boolean; daysLeft?: number },
): Promise<{ id: string; stripeId: string }> {
  const status = seed.status ?? 'active';
  const quantity = seed.quantity ?? 1;
  const start = unixNow() - 10 * DAY;
  const end = unixNow() + (seed.daysLeft ?? 20) * DAY;
  const itemId = `si_e2e${Math.random().toString(36).slice(2, 12)}`;
  const item = 'items[data][0]';
  const subscription = await createInFakeStripe(request, 'subscriptions', {
    customer: seed.customer.stripeId,
    status,
    currency: 'eur',
    cancel_at_period_end: String(seed.cancelAtPeriodEnd ?? false),
    'metadata[tenant_id]': tenant.id,
    'items[object]': 'list',
    [`${item}[id]`]: itemId,
    [`${item}[object]`]: 'subscription_item',
    [`${item}[quantity]`]: String(quantity),
    [`${item}[current_period_start]`]: String(start),
    [`${item}[current_period_end]`]: String(end),
    [`${item}[price][id]`]: seed.price.stripeId,
    [`${item}[price][object]`]: 'price',
    [`${item}[price][currency]`]: 'eur',
    [`${item}[price][unit_amount]`]: String(seed.price.unitAmount),
    [`${item}[price][product]`]: seed.product.stripeId,
    [`${item}[price][type]`]: 'recurring',
    [`${item}[price][recurring][interval]`]: seed.price.interval,
    [`${item}[price][recurring][interval_count]`]: '1',
  });
  const [row] = await ownerQuery<{ id: string }>(
    `insert into billing_subscriptions (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, customer, status, currency, cancel_at_period_end, paused, current_period_start, current_period_end)
     values (gen_random_uuid(), $1, '', $2, now() - interval '1 hour', $3, $4, 'EUR', $5, false, to_timestamp($6), to_timestamp($7)) returning id`,
    [tenant.id, subscription.id, seed.customer.stripeId, status, seed.cancelAtPeriodEnd ?? false, start, end],
  );
  await ownerQuery(
    `insert into billing_subscription_items (id, tenant_id, subscription_id, stripe_id, price, product, quantity, unit_amount, currency, recurring_interval, recurring_interval_count, position)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 'EUR', $8, 1, 0)`,
    [tenant.id, row.id, itemId, seed.price.stripeId, seed.product.stripeId, quantity, seed.price.unitAmount, seed.price.interval],
  );
  return { id: row.id, stripeId: subscription.id };
}

/**
 * A card payment that succeeded, as Stripe holds it (a payment intent and its charge in the fake, on the
 * platform account the tenant sells through, so refunds of it work) and as the mirror already has it.
 */
export async function seedPayment(
  request: APIRequestContext,
  tenant: TestTenant,
  seed: { customer: { stripeId: string }; amount: number; description: string },
): Promise<{ id: string; stripeId: string }> {
  const card = { brand: 'visa', last4: '4242', exp_month: '12', exp_year: '2031' };
  const charge = await createInFakeStripe(request, 'charges', {
    amount: String(seed.amount),
    amount_captured: String(seed.amount),
    amount_refunded: '0',
    currency: 'eur',
    status: 'succeeded',
    paid: 'true',
    captured: 'true',
    customer: seed.customer.stripeId,
    'metadata[tenant_id]': tenant.id,
    ...Object.fromEntries(Object.entries(card).map(([key, value]) => [`payment_method_details[card][${key}]`, value])),
  });
  const intent = await createInFakeStripe(request, 'payment_intents', {
    amount: String(seed.amount),
    amount_received: String(seed.amount),
    currency: 'eur',
    status: 'succeeded',
    customer: seed.customer.stripeId,
    description: seed.description,
    latest_charge: charge.id,
    'metadata[tenant_id]': tenant.id,
  });
  await createInFakeStripe(request, `charges/${charge.id}`, { payment_intent: intent.id });
  const [row] = await ownerQuery<{ id: string }>(
    `insert into billing_payments (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, stripe_created_at, charge, amount, amount_received, currency, status, customer, description,
       card_brand, card_last4, card_exp_month, card_exp_year, succeeded_at)
     values (gen_random_uuid(), $1, '', $2, now() - interval '1 hour', now() - interval '1 hour', $3, $4, $4, 'EUR', 'succeeded', $5, $6, $7, $8, $9, $10, now() - interval '1 hour') returning id`,
    [tenant.id, intent.id, charge.id, seed.amount, seed.customer.stripeId, seed.description, card.brand, card.last4, Number(card.exp_month), Number(card.exp_year)],
  );
  return { id: row.id, stripeId: intent.id };
}
