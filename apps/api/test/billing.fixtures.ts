import { randomBytes } from 'node:crypto';
import { bearer, ownerQuery, type signup, startTestApp, type TestApp } from './harness';
import { FakeStripe, stripeEvent, stripeSignature } from './fake-stripe';
import { waitFor, WebhookReceiver } from './net-helpers';

/** Now in Stripe's unit (whole seconds), a short random suffix for unique emails and ids, a day in seconds. */
export const seconds = () => Math.floor(Date.now() / 1000);
export const suffix = () => randomBytes(5).toString('hex');
export const DAY = 86_400;

export const WEBHOOK_SECRET = 'whsec_current_test_secret';
export const PREVIOUS_WEBHOOK_SECRET = 'whsec_previous_test_secret';

/** Settings of an app billing against a fake Stripe, with fast job retries. */
export function stripeEnv(fake: string): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: 'sk_test_fakeStripeKey',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_WEBHOOK_SECRET_PREVIOUS: PREVIOUS_WEBHOOK_SECRET,
    STRIPE_API_BASE: fake,
    JOB_BACKOFF_SCALE: '0.001',
  };
}

export interface Delivery {
  secret?: string;
  timestamp?: number;
  /** Changes the body after signing. */
  tamper?: (body: string) => string;
}

/** Delivers an event to the inbox as Stripe would: the exact JSON text, signed. */
export function deliver(t: TestApp, event: ReturnType<typeof stripeEvent>, options: Delivery = {}) {
  const body = JSON.stringify(event);
  const signature = stripeSignature(body, options.secret ?? WEBHOOK_SECRET, options.timestamp);
  return t
    .http()
    .post('/api/v1/webhooks/stripe')
    .set('content-type', 'application/json; charset=utf-8')
    .set('stripe-signature', signature)
    .send(options.tamper ? options.tamper(body) : body);
}

type Signup = Awaited<ReturnType<typeof signup>>;

/** Waits for a sync run to leave `running`; a timeout names the run's status and errors. */
export async function finished(t: TestApp, runId: string, timeoutMs = 30_000) {
  const row = async () => (await ownerQuery(t, `select status, errors from billing_sync_runs where id = $1`, [runId]))[0];
  try {
    await waitFor(async () => (await row())?.status !== 'running', `sync run ${runId} finished`, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${JSON.stringify(await row())}`);
  }
}

/** Starts a run through the API (202) and waits for it to finish; returns the run as GET sync-runs/{id} shows it. */
export async function runSync(t: TestApp, owner: Signup, route: 'sync' | 'import') {
  const started = await t.http().post(`/api/v1/billing/${route}`).set(bearer(owner.tokens)).send({}).expect(202);
  expect(started.body).toMatchObject({ status: 'running', kind: route === 'import' ? 'import' : 'reconcile', trigger: 'manual', tenantId: owner.tenantId });
  await finished(t, started.body.id);
  return (await t.http().get(`/api/v1/billing/sync-runs/${started.body.id}`).set(bearer(owner.tokens)).expect(200)).body;
}

/** Gives a tenant a connected Stripe account (its objects then live apart in the fake, under that account). */
export async function connect(t: TestApp, tenantId: string): Promise<string> {
  const account = `acct_${randomBytes(5).toString('hex')}`;
  await ownerQuery(t, `insert into stripe_accounts (id, tenant_id, account_id, charges_enabled) values (gen_random_uuid(), $1, $2, true)`, [tenantId, account]);
  return account;
}

export { FakeStripe, stripeEvent };

const DAY_SECONDS = 86_400;
const unixNow = () => Math.floor(Date.now() / 1000);

/** Puts a recurring price in the fake (in `account`, '' the platform's) and in the tenant's mirror; our id and Stripe's. */
export async function seedPrice(
  t: TestApp,
  fake: FakeStripe,
  tenantId: string,
  account: string | null,
  fields: { product: string; unitAmount: number; currency?: string; interval?: string; type?: 'recurring' | 'one_time'; active?: boolean },
): Promise<{ id: string; stripeId: string; object: Record<string, unknown> }> {
  const currency = fields.currency ?? 'eur';
  const recurring = fields.type === 'one_time' ? null : { interval: fields.interval ?? 'month', interval_count: 1 };
  const object = fake.put('prices', { product: fields.product, currency, unit_amount: fields.unitAmount, recurring, type: recurring ? 'recurring' : 'one_time', active: fields.active ?? true }, account ?? '');
  const [row] = await ownerQuery(
    t,
    `insert into billing_prices (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, product, active, currency, unit_amount, type, recurring_interval, recurring_interval_count)
     values (gen_random_uuid(), $1, $2, $3, now() - interval '1 hour', $4, $5, $6, $7, $8, $9, $10) returning id`,
    [tenantId, account ?? '', object.id, fields.product, fields.active ?? true, currency.toUpperCase(), fields.unitAmount, recurring ? 'recurring' : 'one_time', recurring?.interval ?? null, recurring ? 1 : null],
  );
  return { id: row.id, stripeId: object.id, object };
}

export interface SeededSubscription {
  /** Our id (the mirror row). */
  id: string;
  stripeId: string;
  customer: string;
  product: string;
  price: { id: string; stripeId: string };
  /** Stripe ids of its items. */
  items: string[];
  periodStart: number;
  periodEnd: number;
}

/**
 * A subscription as Stripe holds it (in the fake, under `account`) and as the mirror already has it
 * (an hour old, so any write of ours is newer): one customer, one product, one monthly price per item
 * (`unitAmounts`, EUR), the period from 10 days ago to 20 days ahead.
 */
export async function seedSubscription(
  t: TestApp,
  fake: FakeStripe,
  tenantId: string,
  account: string | null,
  options: { status?: string; unitAmounts?: number[]; quantity?: number; trialEnd?: number; cancelAtPeriodEnd?: boolean; paused?: boolean } = {},
): Promise<SeededSubscription> {
  const where = account ?? '';
  const periodStart = unixNow() - 10 * DAY_SECONDS;
  const periodEnd = unixNow() + 20 * DAY_SECONDS;
  const customer = fake.put('customers', { email: `buyer-${randomBytes(4).toString('hex')}@example.test`, name: 'Buyer' }, where);
  const product = fake.put('products', { name: 'Coaching' }, where);
  const prices: Array<Awaited<ReturnType<typeof seedPrice>>> = [];
  for (const unitAmount of options.unitAmounts ?? [1000]) prices.push(await seedPrice(t, fake, tenantId, account, { product: product.id, unitAmount }));
  const quantity = options.quantity ?? 1;
  const status = options.status ?? 'active';
  const items = prices.map((price) => ({ id: `si_${randomBytes(6).toString('hex')}`, object: 'subscription_item', price: price.object, quantity, current_period_start: periodStart, current_period_end: periodEnd }));
  const subscription = fake.put('subscriptions', {
    customer: customer.id, status, currency: 'eur', cancel_at_period_end: options.cancelAtPeriodEnd ?? false, trial_end: options.trialEnd ?? null,
    pause_collection: options.paused ? { behavior: 'void', resumes_at: null } : null, items: { object: 'list', data: items },
  }, where);
  await ownerQuery(t, `insert into billing_customers (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, email, name) values (gen_random_uuid(), $1, $2, $3, now() - interval '1 hour', $4, 'Buyer')`, [tenantId, where, customer.id, customer.email]);
  await ownerQuery(t, `insert into billing_products (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, name) values (gen_random_uuid(), $1, $2, $3, now() - interval '1 hour', 'Coaching')`, [tenantId, where, product.id]);
  const [row] = await ownerQuery(
    t,
    `insert into billing_subscriptions (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, customer, status, currency, cancel_at_period_end, paused, trial_end, current_period_start, current_period_end)
     values (gen_random_uuid(), $1, $2, $3, now() - interval '1 hour', $4, $5, 'EUR', $6, $7, to_timestamp($8), to_timestamp($9), to_timestamp($10)) returning id`,
    [tenantId, where, subscription.id, customer.id, status, options.cancelAtPeriodEnd ?? false, options.paused ?? false, options.trialEnd ?? null, periodStart, periodEnd],
  );
  for (const [position, item] of items.entries()) {
    await ownerQuery(
      t,
      `insert into billing_subscription_items (id, tenant_id, subscription_id, stripe_id, price, product, quantity, unit_amount, currency, recurring_interval, recurring_interval_count, position)
       values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 'EUR', 'month', 1, $8)`,
      [tenantId, row.id, item.id, prices[position].stripeId, product.id, quantity, (options.unitAmounts ?? [1000])[position], position],
    );
  }
  return { id: row.id, stripeId: subscription.id, customer: customer.id, product: product.id, price: { id: prices[0].id, stripeId: prices[0].stripeId }, items: items.map((i) => i.id), periodStart, periodEnd };
}

/** Delivers events as Stripe would and waits until the worker processed every one (a timeout names their states). */
export async function deliverProcessed(t: TestApp, events: Array<ReturnType<typeof stripeEvent>>, timeoutMs = 20_000): Promise<void> {
  for (const event of events) await deliver(t, event).expect(200);
  const ids = events.map((e) => e.id);
  const rows = () => ownerQuery(t, `select stripe_event_id, status, last_error from stripe_events where stripe_event_id = any($1)`, [ids]);
  try {
    await waitFor(async () => (await rows()).filter((r) => r.status === 'processed').length === ids.length, `${ids.length} events processed`, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${JSON.stringify(await rows())}`);
  }
}

/**
 * The test file's app billing against its own fake Stripe (with a worker processing Stripe events),
 * started before its tests and stopped after them; read `t` and `fake` once the tests run. `webhooks`:
 * also a local receiver for the tenants' outgoing webhooks (`hookUrl`, private addresses allowed).
 */
export function billingTestApp(options: { webhooks?: boolean } = {}): { t: TestApp; fake: FakeStripe; receiver: WebhookReceiver; hookUrl: string } {
  const app = { fake: new FakeStripe(), receiver: new WebhookReceiver() } as { t: TestApp; fake: FakeStripe; receiver: WebhookReceiver; hookUrl: string };
  beforeAll(async () => {
    if (options.webhooks) app.hookUrl = await app.receiver.start();
    app.t = await startTestApp({ worker: true, env: { ...stripeEnv(await app.fake.start()), ...(options.webhooks ? { WEBHOOKS_ALLOW_PRIVATE: 'true' } : {}) } });
  });
  afterAll(async () => {
    await app.t?.close();
    await app.fake.stop();
    if (options.webhooks) await app.receiver.close();
  });
  return app;
}
