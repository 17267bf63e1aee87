import { StripeGateway } from '@app/billing';
import { Db } from '@app/database';
import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { deliver, FakeStripe, stripeEnv, stripeEvent } from './billing.fixtures';
import { waitFor } from './net-helpers';
import { addMember } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

const seconds = () => Math.floor(Date.now() / 1000);

describe('billing: Stripe Connect onboarding and the gateway\'s per-tenant mode (e2e)', () => {
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

  async function connected(owner: Signup): Promise<string> {
    const res = await t.http().post('/api/v1/billing/connect/onboarding-link').set(bearer(owner.tokens)).send({}).expect(200);
    return res.body.accountId;
  }

  /** Runs gateway calls as the worker or a later request would: in a transaction bound to the tenant. */
  const asTenant = <T>(tenantId: string, work: (gateway: StripeGateway) => Promise<T>) =>
    t.app.get(Db).transaction({ tenantId }, () => work(t.app.get(StripeGateway)));

  it('creates the connected account once, returns a fresh onboarding link each time, and audits both', async () => {
    const owner = await signup(t);
    const before = fake.seen('POST', '/v1/accounts').length;
    const first = await t.http().post('/api/v1/billing/connect/onboarding-link').set(bearer(owner.tokens)).send({}).expect(200);
    expect(first.body).toMatchObject({ accountId: expect.stringMatching(/^acct_/), url: expect.stringMatching(/^https:\/\//), expiresAt: expect.any(String) });
    const second = await t.http().post('/api/v1/billing/connect/onboarding-link').set(bearer(owner.tokens)).send({}).expect(200);
    expect(second.body.accountId).toBe(first.body.accountId);
    expect(second.body.url).not.toBe(first.body.url);

    const created = fake.seen('POST', '/v1/accounts').slice(before);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ stripeAccount: null, idempotencyKey: `bo:account.create:${owner.tenantId}`, body: { type: 'express', metadata: { tenant_id: owner.tenantId } } });
    const links = fake.seen('POST', '/v1/account_links').filter((r) => r.body.account === first.body.accountId);
    expect(links).toHaveLength(2);
    expect(links[0].body).toMatchObject({ type: 'account_onboarding', return_url: 'http://localhost:3999/billing/connect?return=1' });
    expect(new Set(links.map((l) => l.idempotencyKey)).size).toBe(2);

    const audit = await ownerQuery(t, `select action from audit_logs where tenant_id = $1 and entity_type = 'stripe_account' order by created_at`, [owner.tenantId]);
    expect(audit.map((a) => a.action)).toEqual(['stripe_account.created', 'stripe_account.onboarding_link_created', 'stripe_account.onboarding_link_created']);
  });

  it('shows the connection status from account.updated, and an older update never overwrites a newer one', async () => {
    const owner = await signup(t);
    const initial = await t.http().get('/api/v1/billing/connect').set(bearer(owner.tokens)).expect(200);
    expect(initial.body).toEqual({ connected: false, accountId: null, chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, currentlyDue: [], updatedAt: null });
    const accountId = await connected(owner);
    const account = (fields: Record<string, unknown>) => ({ id: accountId, object: 'account', charges_enabled: false, payouts_enabled: false, details_submitted: false, requirements: { currently_due: [] }, ...fields });
    const newer = stripeEvent('account.updated', account({ charges_enabled: true, payouts_enabled: true, details_submitted: true }), { account: accountId, created: seconds() });
    const older = stripeEvent('account.updated', account({ requirements: { currently_due: ['external_account'] } }), { account: accountId, created: seconds() - 30 });
    for (const event of [newer, older]) await deliver(t, event).expect(200);
    await waitFor(async () => (await ownerQuery(t, `select 1 from stripe_events where stripe_event_id = any($1) and status = 'processed'`, [[newer.id, older.id]])).length === 2, 'both events processed');
    const [row] = await ownerQuery(t, `select tenant_id, account from stripe_events where stripe_event_id = $1`, [newer.id]);
    expect(row).toEqual({ tenant_id: owner.tenantId, account: accountId });
    const status = await t.http().get('/api/v1/billing/connect').set(bearer(owner.tokens)).expect(200);
    expect(status.body).toMatchObject({ connected: true, accountId, chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true, currentlyDue: [] });
    expect(new Date(status.body.updatedAt).getTime()).toBe(newer.created * 1000);
  });

  it('a connected tenant\'s calls carry its Stripe-Account and an idempotency key from our operation id; a platform tenant\'s carry its tenant_id', async () => {
    const connectedOwner = await signup(t);
    const accountId = await connected(connectedOwner);
    const platformOwner = await signup(t);
    const path = '/v1/products';
    const before = fake.seen('POST', path).length;
    const made = await asTenant(connectedOwner.tenantId, async (gateway) => {
      const stripe = await gateway.forTenant(connectedOwner.tenantId);
      expect(stripe.applicationFeeAmount(10_000)).toBe(1_500);
      return [await stripe.createProduct('op-1', { name: 'Mentoring' }), await stripe.createProduct('op-1', { name: 'Mentoring' })];
    });
    expect(made[1].id).toBe(made[0].id); // the same operation id is the same product in Stripe
    const onPlatform = await asTenant(platformOwner.tenantId, async (gateway) => {
      const stripe = await gateway.forTenant(platformOwner.tenantId);
      expect(stripe.applicationFeeAmount(10_000)).toBeUndefined();
      return stripe.createCustomer('op-2', { email: 'buyer@example.test' });
    });
    const [first, retry] = fake.seen('POST', path).slice(before);
    expect(first).toMatchObject({ stripeAccount: accountId, idempotencyKey: 'bo:product.create:op-1', body: { name: 'Mentoring', metadata: { tenant_id: connectedOwner.tenantId } } });
    expect(retry.idempotencyKey).toBe(first.idempotencyKey);
    const customer = fake.seen('POST', '/v1/customers').find((r) => r.body.email === 'buyer@example.test');
    expect(customer).toMatchObject({ stripeAccount: null, idempotencyKey: 'bo:customer.create:op-2', body: { metadata: { tenant_id: platformOwner.tenantId } } });
    expect(onPlatform.id).toMatch(/^cus_/);
  });

  it('onboarding needs billing:write; reading the status needs billing:read', async () => {
    const owner = await signup(t);
    const viewer = await addMember(t, owner, ['viewer']);
    expectProblem(await t.http().post('/api/v1/billing/connect/onboarding-link').set(bearer(viewer.tokens)).send({}), 403, 'forbidden');
    await t.http().get('/api/v1/billing/connect').set(bearer(viewer.tokens)).expect(200);
  });
});
