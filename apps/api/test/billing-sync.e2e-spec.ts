import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { BillingSyncScheduler } from '@app/billing';
import { QueueName } from '@app/queue';
import { bearer, expectProblem, login, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { connect, deliver, FakeStripe, finished, runSync, seconds, stripeEnv, stripeEvent, suffix } from './billing.fixtures';
import { waitFor } from './net-helpers';
import { addMember } from './team.fixtures';


describe('billing: reconciliation, sync runs and initial import (e2e)', () => {
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

  it('reconciliation inserts what the mirror lacks, repairs drift, marks what Stripe no longer has, and backfills undelivered events', async () => {
    const owner = await signup(t);
    const meta = { tenant_id: owner.tenantId };
    const drifted = fake.put('customers', { email: 'before@example.test', name: 'Drifted', created: seconds() - 100, metadata: meta });
    const product = fake.put('products', { name: 'Coaching', created: seconds() - 100, metadata: meta });
    fake.put('prices', { product: product.id, currency: 'eur', unit_amount: 4900, created: seconds() - 90, metadata: meta });
    // Another tenant's customer on the same (platform) account is not this tenant's.
    fake.put('customers', { email: 'other@example.test', metadata: { tenant_id: '01a20000-0000-7000-8000-000000000000' } });
    // A customer the mirror has (from a webhook) that Stripe no longer has.
    const goneId = `cus_gone_${suffix()}`;
    await deliver(t, stripeEvent('customer.created', { id: goneId, object: 'customer', email: 'gone@example.test', created: seconds() - 200, metadata: meta }, { created: seconds() - 200 })).expect(200);
    await waitFor(async () => (await ownerQuery(t, `select 1 from billing_customers where stripe_id = $1`, [goneId])).length === 1, 'the webhook customer');

    const first = await runSync(t, owner, 'sync');
    expect(first).toMatchObject({ status: 'succeeded', since: null, errors: [] });
    expect(first.progress.customers).toMatchObject({ done: true, checked: 1, imported: 1, markedDeleted: 1 });
    expect(first.progress.products).toMatchObject({ done: true, checked: 1, imported: 1 });
    expect(first.progress.prices).toMatchObject({ done: true, checked: 1, imported: 1 });
    expect(await ownerQuery(t, `select stripe_id, email, deleted_at is not null as deleted from billing_customers where tenant_id = $1 order by email`, [owner.tenantId])).toEqual([
      { stripe_id: drifted.id, email: 'before@example.test', deleted: false },
      { stripe_id: goneId, email: 'gone@example.test', deleted: true },
    ]);
    expect(await ownerQuery(t, `select currency, unit_amount::int, product from billing_prices where tenant_id = $1`, [owner.tenantId])).toEqual([{ currency: 'EUR', unit_amount: 4900, product: product.id }]);

    // Drift: Stripe changed the email and no event reached us; a new customer appeared; an event was never delivered.
    fake.put('customers', { id: drifted.id, email: 'after@example.test' });
    const added = fake.put('customers', { email: 'added@example.test', metadata: meta });
    const lostId = `cus_lost_${suffix()}`;
    const lost = fake.emit('customer.created', { id: lostId, object: 'customer', email: 'lost@example.test', name: 'Lost', created: seconds() - 5000, livemode: false, metadata: meta });
    const second = await runSync(t, owner, 'sync');
    expect(second).toMatchObject({ status: 'succeeded', driftFound: 1, driftFixed: 1, eventsBackfilled: 1, since: expect.any(String) });
    expect(second.progress.customers).toMatchObject({ imported: 1, driftFound: 1, driftFixed: 1 });
    expect(await ownerQuery(t, `select email from billing_customers where stripe_id = $1`, [drifted.id])).toEqual([{ email: 'after@example.test' }]);
    expect(await ownerQuery(t, `select email from billing_customers where stripe_id = $1`, [added.id])).toEqual([{ email: 'added@example.test' }]);
    await waitFor(async () => (await ownerQuery(t, `select status from stripe_events where stripe_event_id = $1`, [lost.id]))[0]?.status === 'processed', 'the backfilled event processed');
    expect(await ownerQuery(t, `select tenant_id, email from billing_customers where stripe_id = $1`, [lostId])).toEqual([{ tenant_id: owner.tenantId, email: 'lost@example.test' }]);

    // Nothing changed since: a third run finds no drift and stores no event twice.
    const third = await runSync(t, owner, 'sync');
    expect(third).toMatchObject({ status: 'succeeded', driftFound: 0, driftFixed: 0, eventsBackfilled: 0 });
    const list = await t.http().get('/api/v1/billing/sync-runs').query({ limit: 2 }).set(bearer(owner.tokens)).expect(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([third.id, second.id]);
    const rest = await t.http().get('/api/v1/billing/sync-runs').query({ limit: 2, cursor: list.body.nextCursor }).set(bearer(owner.tokens)).expect(200);
    expect(rest.body).toEqual({ data: [expect.objectContaining({ id: first.id })], nextCursor: null });
    const [audit] = await ownerQuery(t, `select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'billing_sync.started'`, [owner.tenantId]);
    expect(audit.n).toBe(3);
  });

  it('one running run per tenant: a second request meanwhile is 409 sync-in-progress; an abandoned run stops blocking', async () => {
    const owner = await signup(t);
    await ownerQuery(t, `insert into billing_sync_runs (id, tenant_id, kind, trigger) values (gen_random_uuid(), $1, 'reconcile', 'schedule')`, [owner.tenantId]);
    expectProblem(await t.http().post('/api/v1/billing/sync').set(bearer(owner.tokens)).send({}), 409, 'sync-in-progress');
    expectProblem(await t.http().post('/api/v1/billing/import').set(bearer(owner.tokens)).send({}), 409, 'sync-in-progress');
    expect(await ownerQuery(t, `select count(*)::int as n from billing_sync_runs where tenant_id = $1`, [owner.tenantId])).toEqual([{ n: 1 }]);

    // A run that made no progress for 6 hours is abandoned (its job lost): it is failed and no longer blocks.
    await ownerQuery(t, `update billing_sync_runs set updated_at = now() - interval '7 hours' where tenant_id = $1`, [owner.tenantId]);
    const run = await runSync(t, owner, 'sync');
    expect(run.status).toBe('succeeded');
    const [abandoned] = await ownerQuery(t, `select status, errors from billing_sync_runs where tenant_id = $1 and id <> $2`, [owner.tenantId, run.id]);
    expect(abandoned).toMatchObject({ status: 'failed', errors: [{ message: 'Abandoned: no progress for 6 hours' }] });
  });

  it('imports a connected account\'s whole history page by page, matches a member by email, and a second import changes nothing', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const member = await addMember(t, owner, ['viewer'], 'Buyer');
    const base = seconds() - 10_000;
    for (let i = 0; i < 230; i++) fake.put('customers', { email: i === 117 ? member.email.toUpperCase() : `c${i}@example.test`, created: base + i }, account);
    const product = fake.put('products', { name: 'Program', created: base }, account);
    for (let i = 0; i < 3; i++) fake.put('prices', { product: product.id, currency: 'usd', unit_amount: 1000 * (i + 1), created: base + i }, account);

    const run = await runSync(t, owner, 'import');
    expect(run).toMatchObject({ status: 'succeeded', kind: 'import', objectsChecked: 234, driftFound: 0, eventsBackfilled: 0 });
    expect(run.progress).toMatchObject({ customers: { done: true, checked: 230, imported: 230 }, products: { imported: 1 }, prices: { imported: 3 } });
    const pages = fake.seen('GET', '/v1/customers').filter((r) => r.stripeAccount === account);
    expect(pages.map((r) => r.query.limit)).toEqual([100, 100, 100]);
    expect(await ownerQuery(t, `select count(*)::int as n from billing_customers where tenant_id = $1 and stripe_account = $2`, [owner.tenantId, account])).toEqual([{ n: 230 }]);
    expect(await ownerQuery(t, `select membership_id from billing_customers where tenant_id = $1 and membership_id is not null`, [owner.tenantId])).toEqual([{ membership_id: member.membershipId }]);

    const before = await ownerQuery(t, `select stripe_id, updated_at, stripe_updated_at from billing_customers where tenant_id = $1 order by stripe_id`, [owner.tenantId]);
    const again = await runSync(t, owner, 'import');
    expect(again).toMatchObject({ status: 'succeeded', objectsChecked: 234, driftFound: 0, driftFixed: 0 });
    expect(again.progress).toMatchObject({ customers: { imported: 0, markedDeleted: 0 }, products: { imported: 0 }, prices: { imported: 0 } });
    expect(await ownerQuery(t, `select stripe_id, updated_at, stripe_updated_at from billing_customers where tenant_id = $1 order by stripe_id`, [owner.tenantId])).toEqual(before);
  });

  it('an import interrupted after a page resumes from its cursor and finishes without duplicates', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    for (let i = 0; i < 250; i++) fake.put('customers', { email: `r${i}@example.test`, created: seconds() - 10_000 + i }, account);
    let failed = 0;
    fake.route('GET', /^\/v1\/customers$/, (request) => {
      if (request.stripeAccount !== account || !request.query.starting_after || failed > 0) return undefined;
      failed += 1;
      return { status: 400, body: { error: { type: 'invalid_request_error', message: 'Simulated interruption of the listing' } } };
    });
    const run = await runSync(t, owner, 'import');
    expect(failed).toBe(1);
    expect(run).toMatchObject({ status: 'succeeded', errors: [{ message: 'Simulated interruption of the listing', at: expect.any(String) }] });
    expect(run.progress.customers).toMatchObject({ done: true, checked: 250, imported: 250 });
    const calls = fake.seen('GET', '/v1/customers').filter((r) => r.stripeAccount === account);
    // First page once, the failed second page, then pages two and three after the resume: never the first page again.
    expect(calls.map((r) => Boolean(r.query.starting_after))).toEqual([false, true, true, true]);
    expect(await ownerQuery(t, `select count(*)::int as n, count(distinct stripe_id)::int as d from billing_customers where tenant_id = $1`, [owner.tenantId])).toEqual([{ n: 250, d: 250 }]);
  });

  it('permissions: viewers read runs but cannot start one; staff routes need platform.billing:read', async () => {
    const owner = await signup(t);
    const viewer = await addMember(t, owner, ['viewer']);
    expectProblem(await t.http().post('/api/v1/billing/sync').set(bearer(viewer.tokens)).send({}), 403, 'forbidden');
    expectProblem(await t.http().post('/api/v1/billing/import').set(bearer(viewer.tokens)).send({}), 403, 'forbidden');
    const run = await runSync(t, owner, 'sync');
    const seen = await t.http().get('/api/v1/billing/sync-runs').set(bearer(viewer.tokens)).expect(200);
    expect(seen.body.data.map((r: { id: string }) => r.id)).toEqual([run.id]);
    expectProblem(await t.http().get('/api/v1/billing/sync-runs/not-a-uuid').set(bearer(owner.tokens)), 400);

    // Another tenant never sees this run.
    const other = await signup(t);
    expectProblem(await t.http().get(`/api/v1/billing/sync-runs/${run.id}`).set(bearer(other.tokens)), 404, 'not-found');
    expect((await t.http().get('/api/v1/billing/sync-runs').set(bearer(other.tokens)).expect(200)).body.data).toEqual([]);

    expectProblem(await t.http().get('/api/v1/admin/billing/sync-runs').set(bearer(owner.tokens)), 403, 'forbidden');
    expectProblem(await t.http().get('/api/v1/admin/billing/sync-health').set(bearer(owner.tokens)), 403, 'forbidden');
    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'support' where id = $1`, [staff.userId]);
    const tokens = await login(t, staff.email);
    const listed = await t.http().get('/api/v1/admin/billing/sync-runs').query({ tenantId: owner.tenantId, status: 'succeeded' }).set(bearer(tokens)).expect(200);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toEqual([run.id]);
    expectProblem(await t.http().get('/api/v1/admin/billing/sync-runs').query({ status: 'sleeping' }).set(bearer(tokens)), 400);

    // A failed run shows on the health page; a tenant with billing that never synced is stale.
    const neverSynced = await signup(t);
    await connect(t, neverSynced.tenantId);
    await ownerQuery(t, `insert into billing_sync_runs (id, tenant_id, kind, trigger, status, finished_at, errors) values (gen_random_uuid(), $1, 'reconcile', 'schedule', 'failed', now(), '[{"at": "2026-01-01T00:00:00Z", "message": "boom"}]')`, [other.tenantId]);
    const health = await t.http().get('/api/v1/admin/billing/sync-health').set(bearer(tokens)).expect(200);
    expect(health.body.tenants).toEqual(expect.arrayContaining([expect.objectContaining({ tenantId: owner.tenantId, lastRun: expect.objectContaining({ id: run.id }), lastSuccessAt: expect.any(String) })]));
    expect(health.body.failedLast24h).toEqual(expect.arrayContaining([expect.objectContaining({ tenantId: other.tenantId, status: 'failed', errors: [{ at: '2026-01-01T00:00:00.000Z', message: 'boom' }] })]));
    const stale = health.body.stale.map((e: { tenantId: string }) => e.tenantId);
    expect(stale).toEqual(expect.arrayContaining([neverSynced.tenantId, other.tenantId]));
    expect(stale).not.toContain(owner.tenantId);
  });

  it('a run that fails on its last attempt is failed and platform staff are emailed', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
    fake.route('GET', /^\/v1\/products$/, (request) =>
      request.stripeAccount === account ? { status: 400, body: { error: { type: 'invalid_request_error', message: 'Products are unavailable for sk_live_secretvalue' } } } : undefined,
    );
    const started = await t.http().post('/api/v1/billing/sync').set(bearer(owner.tokens)).send({}).expect(202);
    await finished(t, started.body.id, 60_000);
    const run = (await t.http().get(`/api/v1/billing/sync-runs/${started.body.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(run.status).toBe('failed');
    expect(run.errors).toHaveLength(5);
    expect(run.errors[0].message).toBe('Products are unavailable for sk_…');
    expect(JSON.stringify(run)).not.toContain('secretvalue');
    await waitFor(async () => (await ownerQuery(t, `select 1 from email_messages where to_address = $1 and template_key = 'billing-sync-failed'`, [staff.email])).length === 1, 'the staff alert');
  });

  it('the daily reconciliation is scheduled at 02:00 UTC and starts one run per tenant with billing', async () => {
    const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.BillingSync, { connection, prefix: t.redisPrefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.find((s) => s.key === 'billing-reconcile-daily')).toMatchObject({ pattern: '0 2 * * *', tz: 'UTC', name: 'billing.reconcile-daily' });
    } finally {
      await queue.close();
      await connection.quit();
    }
    const withBilling = await signup(t);
    await connect(t, withBilling.tenantId);
    const without = await signup(t);
    const started = await t.worker!.get(BillingSyncScheduler).fanOut();
    expect(started).toBeGreaterThanOrEqual(1);
    const [run] = await ownerQuery(t, `select id, kind, trigger from billing_sync_runs where tenant_id = $1`, [withBilling.tenantId]);
    expect(run).toMatchObject({ kind: 'reconcile', trigger: 'schedule' });
    await finished(t, run.id);
    expect(await ownerQuery(t, `select status from billing_sync_runs where id = $1`, [run.id])).toEqual([{ status: 'succeeded' }]);
    expect(await ownerQuery(t, `select 1 from billing_sync_runs where tenant_id = $1`, [without.tenantId])).toEqual([]);
  });
});
