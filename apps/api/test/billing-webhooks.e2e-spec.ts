import { Client } from 'pg';
import { loadConfig } from '@app/core';
import { withDatabase } from '@app/database';
import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { deliver, FakeStripe, PREVIOUS_WEBHOOK_SECRET, stripeEnv, stripeEvent } from './billing.fixtures';
import { waitFor } from './net-helpers';

type Signup = Awaited<ReturnType<typeof signup>>;

const seconds = () => Math.floor(Date.now() / 1000);

async function eventRow(t: TestApp, stripeEventId: string) {
  const [row] = await ownerQuery(t, `select * from stripe_events where stripe_event_id = $1`, [stripeEventId]);
  return row;
}

/** DDL in the test's own database (the owner role may not create functions there). */
async function adminQuery(t: TestApp, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(loadConfig().databaseAdminUrl, new URL(t.databaseUrl).pathname.slice(1)) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function settled(t: TestApp, stripeEventIds: string[], status = 'processed', timeoutMs = 15_000): Promise<void> {
  const rows = () => ownerQuery(t, `select stripe_event_id, status, last_error from stripe_events where stripe_event_id = any($1)`, [stripeEventIds]);
  try {
    await waitFor(async () => (await rows()).filter((r) => r.status === status).length === stripeEventIds.length, `${stripeEventIds.length} events ${status}`, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${JSON.stringify(await rows())}`);
  }
}

const product = (tenantId: string, id: string, fields: Record<string, unknown> = {}) => ({
  id, object: 'product', name: 'Coaching', description: null, active: true, created: seconds() - 100, livemode: false, metadata: { tenant_id: tenantId }, ...fields,
});
const customer = (tenantId: string, id: string, fields: Record<string, unknown> = {}) => ({
  id, object: 'customer', email: 'first@example.test', name: 'First', currency: 'usd', balance: 0, delinquent: false, created: seconds() - 100, livemode: false,
  metadata: { tenant_id: tenantId }, ...fields,
});

describe('billing: Stripe webhook inbox and processing (e2e)', () => {
  let t: TestApp;
  let fake: FakeStripe;
  let owner: Signup;

  beforeAll(async () => {
    fake = new FakeStripe();
    t = await startTestApp({ worker: true, env: stripeEnv(await fake.start()) });
    owner = await signup(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('refuses bad signatures and stores nothing: tampered body, wrong secret, stale timestamp, none at all', async () => {
    const event = stripeEvent('product.created', product(owner.tenantId, 'prod_refused'));
    const attempts = [
      deliver(t, event, { tamper: (body) => body.replace('Coaching', 'Hijacked') }),
      deliver(t, event, { secret: 'whsec_not_ours' }),
      deliver(t, event, { timestamp: seconds() - 301 }),
      t.http().post('/api/v1/webhooks/stripe').set('content-type', 'application/json').send(JSON.stringify(event)),
    ];
    for (const res of await Promise.all(attempts)) expectProblem(res, 400, 'bad-request');
    expect(await eventRow(t, event.id)).toBeUndefined();
    const [outbox] = await ownerQuery(t, `select count(*)::int as n from outbox where job_name = 'billing.process-stripe-event'`);
    expect(outbox.n).toBe(0);
  });

  it('accepts the previous secret during a rotation overlap', async () => {
    const event = stripeEvent('product.created', product(owner.tenantId, 'prod_rotated'));
    const res = await deliver(t, event, { secret: PREVIOUS_WEBHOOK_SECRET }).expect(200);
    expect(res.body).toEqual({ received: true, duplicate: false });
    await settled(t, [event.id]);
  });

  it('stores an event delivered 5 times at once once, processes it once, and applies one effect', async () => {
    const event = stripeEvent('product.created', product(owner.tenantId, 'prod_concurrent', { name: 'Concurrent' }));
    const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(t, event)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    await settled(t, [event.id]);
    const row = await eventRow(t, event.id);
    expect(row).toMatchObject({ tenant_id: owner.tenantId, type: 'product.created', status: 'processed', attempts: 1, account: null, livemode: false });
    const jobs = await ownerQuery(t, `select id from outbox where payload->>'stripeEventId' = $1`, [row.id]);
    expect(jobs).toHaveLength(1);
    const products = await ownerQuery(t, `select tenant_id, name, active from billing_products where stripe_id = 'prod_concurrent'`);
    expect(products).toEqual([{ tenant_id: owner.tenantId, name: 'Concurrent', active: true }]);
  });

  it('a customer\'s and a product\'s events in reverse order end in the same state as in order', async () => {
    const t0 = seconds() - 60;
    const history = (id: string, make: typeof customer | typeof product, kind: 'customer' | 'product') => [
      stripeEvent(`${kind}.created`, make(owner.tenantId, id), { created: t0 }),
      stripeEvent(`${kind}.updated`, make(owner.tenantId, id, { email: 'second@example.test', name: 'Second' }), { created: t0 + 10 }),
      stripeEvent(`${kind}.updated`, make(owner.tenantId, id, { email: 'third@example.test', name: 'Third', active: false }), { created: t0 + 20 }),
    ];
    const inOrder = [...history('cus_in_order', customer, 'customer'), ...history('prod_in_order', product, 'product')];
    for (const event of inOrder) {
      await deliver(t, event).expect(200);
      await settled(t, [event.id]);
    }
    const reversed = [...history('cus_reversed', customer, 'customer'), ...history('prod_reversed', product, 'product')].reverse();
    for (const event of reversed) {
      await deliver(t, event).expect(200);
      await settled(t, [event.id]);
    }
    const state = async (table: string, id: string, columns: string) =>
      (await ownerQuery(t, `select ${columns}, stripe_updated_at, stripe_rank, deleted_at from ${table} where stripe_id = $1`, [id]))[0];
    const customerColumns = 'tenant_id, email, name, currency, balance, delinquent, metadata';
    expect(await state('billing_customers', 'cus_reversed', customerColumns)).toEqual(await state('billing_customers', 'cus_in_order', customerColumns));
    expect(await state('billing_customers', 'cus_reversed', customerColumns)).toMatchObject({ email: 'third@example.test', name: 'Third', currency: 'USD' });
    const productColumns = 'tenant_id, name, active, description';
    expect(await state('billing_products', 'prod_reversed', productColumns)).toEqual(await state('billing_products', 'prod_in_order', productColumns));
    expect(await state('billing_products', 'prod_reversed', productColumns)).toMatchObject({ name: 'Third', active: false });

    // A deletion is a tombstone: an older update arriving after it does not bring the customer back.
    const deleted = stripeEvent('customer.deleted', { id: 'cus_reversed', object: 'customer', deleted: true, metadata: { tenant_id: owner.tenantId } }, { created: t0 + 30 });
    const late = stripeEvent('customer.updated', customer(owner.tenantId, 'cus_reversed', { email: 'late@example.test' }), { created: t0 + 25 });
    for (const event of [deleted, late]) {
      await deliver(t, event).expect(200);
      await settled(t, [event.id]);
    }
    expect(await state('billing_customers', 'cus_reversed', 'email')).toMatchObject({ email: 'third@example.test', deleted_at: expect.any(Date) });
  });

  it('prices are mirrored in minor units with their currency and recurrence, and listed under their product', async () => {
    const prod = stripeEvent('product.created', product(owner.tenantId, 'prod_priced', { name: 'Priced' }));
    const price = stripeEvent('price.created', {
      id: 'price_monthly', object: 'price', product: 'prod_priced', active: true, currency: 'eur', unit_amount: 4900, type: 'recurring',
      recurring: { interval: 'month', interval_count: 1, trial_period_days: 14 }, tax_behavior: 'exclusive', created: seconds(), livemode: false,
      metadata: { tenant_id: owner.tenantId },
    });
    for (const event of [prod, price]) await deliver(t, event).expect(200);
    await settled(t, [prod.id, price.id]);
    const list = await t.http().get('/api/v1/billing/products').set(bearer(owner.tokens)).expect(200);
    const listed = list.body.data.find((p: { stripeId: string }) => p.stripeId === 'prod_priced');
    expect(listed.prices).toEqual([
      expect.objectContaining({ stripeId: 'price_monthly', currency: 'EUR', unitAmount: 4900, type: 'recurring', interval: 'month', intervalCount: 1, trialPeriodDays: 14, taxBehavior: 'exclusive' }),
    ]);
  });

  it('unknown types and events of no known tenant are stored and marked ignored', async () => {
    const unknown = stripeEvent('radar.early_fraud_warning.created', { id: 'issfr_1', object: 'radar.early_fraud_warning', metadata: { tenant_id: owner.tenantId } });
    const orphan = stripeEvent('customer.created', customer('01a20000-0000-7000-8000-000000000000', 'cus_orphan'));
    for (const event of [unknown, orphan]) await deliver(t, event).expect(200);
    await settled(t, [unknown.id, orphan.id], 'ignored');
    expect(await eventRow(t, orphan.id)).toMatchObject({ tenant_id: null, status: 'ignored' });
    expect(await ownerQuery(t, `select 1 from billing_customers where stripe_id = 'cus_orphan'`)).toEqual([]);
  });

  it('a handler error is retried, becomes a dead letter, and a replay applies the event', async () => {
    // A real failure inside the processing transaction: the mirror table refuses this customer for now.
    await adminQuery(t, `
      create function refuse_cus_broken() returns trigger language plpgsql as $$
        begin if new.stripe_id = 'cus_broken' then raise exception 'mirror refused cus_broken'; end if; return new; end $$;
      create trigger refuse_cus_broken before insert on billing_customers for each row execute function refuse_cus_broken();`);
    const event = stripeEvent('customer.created', customer(owner.tenantId, 'cus_broken'));
    await deliver(t, event).expect(200);
    const row = await eventRow(t, event.id);
    await waitFor(async () => (await ownerQuery(t, `select 1 from dead_letters where payload->>'stripeEventId' = $1`, [row.id])).length > 0, 'the dead letter', 30_000);
    expect(await eventRow(t, event.id)).toMatchObject({ status: 'failed', attempts: 8, last_error: 'mirror refused cus_broken' });
    const [deadLetter] = await ownerQuery(t, `select id, job_name, attempts, status from dead_letters where payload->>'stripeEventId' = $1`, [row.id]);
    expect(deadLetter).toMatchObject({ job_name: 'billing.process-stripe-event', attempts: 8, status: 'open' });

    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
    const detail = await t.http().get(`/api/v1/admin/billing/stripe-events/${row.id}`).set(bearer(staff.tokens)).expect(200);
    expect(detail.body).toMatchObject({ stripeEventId: event.id, status: 'failed', attempts: 8, lastError: 'mirror refused cus_broken', payload: { id: event.id } });

    await adminQuery(t, `drop trigger refuse_cus_broken on billing_customers; drop function refuse_cus_broken();`);
    await t.http().post(`/api/v1/admin/dead-letters/${deadLetter.id}/replay`).set(bearer(staff.tokens)).send({}).expect(200);
    await settled(t, [event.id]);
    expect(await eventRow(t, event.id)).toMatchObject({ status: 'processed', attempts: 9, last_error: null });
    expect(await ownerQuery(t, `select email from billing_customers where stripe_id = 'cus_broken'`)).toEqual([{ email: 'first@example.test' }]);

    // Staff can also replay the stored event itself; the effect stays one row.
    const replayed = await t.http().post(`/api/v1/admin/billing/stripe-events/${row.id}/replay`).set(bearer(staff.tokens)).send({}).expect(200);
    expect(replayed.body.status).toBe('received');
    await settled(t, [event.id]);
    expect(await ownerQuery(t, `select count(*)::int as n from billing_customers where stripe_id = 'cus_broken'`)).toEqual([{ n: 1 }]);
    const [audit] = await ownerQuery(t, `select actor_id, tenant_id from audit_logs where action = 'stripe_event.replayed' and entity_id = $1`, [row.id]);
    expect(audit).toEqual({ actor_id: staff.userId, tenant_id: null });
  });

  it('staff list events filtered by type, status and account, page by page; tenants and support without the permission cannot', async () => {
    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'support' where id = $1`, [staff.userId]);
    const events = [0, 1, 2].map((i) => stripeEvent('product.updated', product(owner.tenantId, `prod_listed_${i}`)));
    for (const event of events) await deliver(t, event).expect(200);
    await settled(t, events.map((e) => e.id));
    const first = await t.http().get('/api/v1/admin/billing/stripe-events').query({ type: 'product.updated', status: 'processed', limit: 2 }).set(bearer(staff.tokens)).expect(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data[0]).not.toHaveProperty('payload');
    const second = await t.http().get('/api/v1/admin/billing/stripe-events').query({ type: 'product.updated', status: 'processed', limit: 2, cursor: first.body.nextCursor }).set(bearer(staff.tokens)).expect(200);
    const ids = [...first.body.data, ...second.body.data].map((e: { stripeEventId: string }) => e.stripeEventId);
    expect(ids.slice(0, 3)).toEqual(events.map((e) => e.id).reverse());
    const none = await t.http().get('/api/v1/admin/billing/stripe-events').query({ account: 'acct_nobody' }).set(bearer(staff.tokens)).expect(200);
    expect(none.body.data).toEqual([]);
    expectProblem(await t.http().post(`/api/v1/admin/billing/stripe-events/${first.body.data[0].id}/replay`).set(bearer(staff.tokens)).send({}), 403);
    expectProblem(await t.http().get('/api/v1/admin/billing/stripe-events').set(bearer(owner.tokens)), 403);
  });

  it('tenant A never sees tenant B\'s mirror rows, through the API or the runtime role', async () => {
    const a = await signup(t);
    const b = await signup(t);
    const events = [
      stripeEvent('customer.created', customer(a.tenantId, 'cus_of_a', { email: 'a@example.test' })),
      stripeEvent('customer.created', customer(b.tenantId, 'cus_of_b', { email: 'b@example.test' })),
      stripeEvent('product.created', product(b.tenantId, 'prod_of_b')),
    ];
    for (const event of events) await deliver(t, event).expect(200);
    await settled(t, events.map((e) => e.id));
    const customers = await t.http().get('/api/v1/billing/customers').set(bearer(a.tokens)).expect(200);
    expect(customers.body.data.map((c: { stripeId: string }) => c.stripeId)).toEqual(['cus_of_a']);
    expect((await t.http().get('/api/v1/billing/products').set(bearer(a.tokens)).expect(200)).body.data).toEqual([]);
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      for (const table of ['billing_customers', 'billing_products', 'stripe_events']) expect((await client.query(`select 1 from ${table}`)).rows).toEqual([]);
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [a.tenantId]);
      const seen = await client.query(`select stripe_id from billing_customers`);
      await client.query('commit');
      expect(seen.rows).toEqual([{ stripe_id: 'cus_of_a' }]);
    } finally {
      await client.end();
    }
  });
});
