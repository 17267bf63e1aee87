import { BillingSyncScheduler, StripeGateway } from '@app/billing';
import { Db } from '@app/database';
import { OutboxService } from '@app/queue';
import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { stripeEvent } from './billing.fixtures';
import { stripeSignature } from './fake-stripe';

describe('billing without Stripe configured (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '', STRIPE_WEBHOOK_SECRET_PREVIOUS: '', STRIPE_API_BASE: '' } });
  });
  afterAll(async () => t.close());

  it('billing routes answer stripe-not-configured; the rest of the API works', async () => {
    const owner = await signup(t);
    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
    for (const res of [
      await t.http().get('/api/v1/billing/connect').set(bearer(owner.tokens)),
      await t.http().post('/api/v1/billing/connect/onboarding-link').set(bearer(owner.tokens)).send({}),
      await t.http().get('/api/v1/billing/customers').set(bearer(owner.tokens)),
      await t.http().get('/api/v1/billing/products').set(bearer(owner.tokens)),
      await t.http().post('/api/v1/billing/products').set(bearer(owner.tokens)).send({ name: 'Plan' }),
      await t.http().get('/api/v1/billing/prices').set(bearer(owner.tokens)),
      await t.http().post('/api/v1/billing/customers').set(bearer(owner.tokens)).send({ email: 'a@example.test' }),
      await t.http()
        .post('/api/v1/billing/checkout-sessions')
        .set(bearer(owner.tokens))
        .send({ priceId: '00000000-0000-4000-8000-000000000000', successUrl: 'https://a.test/ok', cancelUrl: 'https://a.test/no' }),
      await t.http().post('/api/v1/billing/portal-sessions').set(bearer(owner.tokens)).send({ returnUrl: 'https://a.test/back' }),
      await t.http().get('/api/v1/billing/me').set(bearer(owner.tokens)),
      await t.http().post('/api/v1/billing/sync').set(bearer(owner.tokens)).send({}),
      await t.http().post('/api/v1/billing/import').set(bearer(owner.tokens)).send({}),
      await t.http().get('/api/v1/billing/plans').set(bearer(owner.tokens)),
      await t.http()
        .post('/api/v1/billing/plan-checkout')
        .set(bearer(owner.tokens))
        .send({ priceId: '00000000-0000-4000-8000-000000000000', successUrl: 'https://a.test/ok', cancelUrl: 'https://a.test/no' }),
      await t.http().post('/api/v1/billing/plan-portal').set(bearer(owner.tokens)).send({ returnUrl: 'https://a.test/back' }),
      await t.http().get('/api/v1/admin/billing/plans').set(bearer(staff.tokens)),
      await t.http().post('/api/v1/admin/billing/plans').set(bearer(staff.tokens)).send({ planKey: 'pro', name: 'Pro' }),
    ]) {
      expectProblem(res, 409, 'stripe-not-configured');
    }
    const body = JSON.stringify(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }));
    const webhook = await t.http().post('/api/v1/webhooks/stripe').set('content-type', 'application/json').set('stripe-signature', stripeSignature(body, 'whsec_any')).send(body);
    expectProblem(webhook, 409, 'stripe-not-configured');
    expect(await ownerQuery(t, `select 1 from stripe_events`)).toEqual([]);
    expect(await ownerQuery(t, `select 1 from billing_sync_runs`)).toEqual([]);
    // The daily reconciliation does nothing, even for a business with a connected account.
    await ownerQuery(t, `insert into stripe_accounts (id, tenant_id, account_id) values (gen_random_uuid(), $1, 'acct_unconfigured')`, [owner.tenantId]);
    const scheduler = new BillingSyncScheduler(t.app.get(Db), t.app.get(StripeGateway, { strict: false }), t.app.get(OutboxService, { strict: false }));
    expect(await scheduler.fanOut()).toBe(0);
    expect(await ownerQuery(t, `select 1 from billing_sync_runs`)).toEqual([]);
    // The run history is our own record: readable (empty) without Stripe.
    expect((await t.http().get('/api/v1/billing/sync-runs').set(bearer(owner.tokens)).expect(200)).body).toEqual({ data: [], nextCursor: null });

    await t.http().get('/api/v1/roles').set(bearer(owner.tokens)).expect(200);
    await t.http().get('/api/v1/health/ready').expect(200);
    const status = await t.http().get('/api/v1/integrations/status').set(bearer(owner.tokens)).expect(200);
    expect(status.body.stripe).toMatchObject({ configured: false });
  });
});
