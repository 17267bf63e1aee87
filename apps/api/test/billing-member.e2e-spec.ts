import { bearer, expectProblem, ownerQuery, signup, type TestApp } from './harness';
import { billingTestApp, connect, DAY, type FakeStripe, seconds, seedSubscription, suffix } from './billing.fixtures';
import { addMember, type Member } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;
type Who = { tokens: Signup['tokens'] };

/** `member`'s own subscription: seeded in the fake and the mirror, its customer linked to their membership. */
async function ownSubscription(t: TestApp, fake: FakeStripe, tenantId: string, account: string | null, member: Member, options: Parameters<typeof seedSubscription>[4] = {}) {
  const subscription = await seedSubscription(t, fake, tenantId, account, options);
  await ownerQuery(t, `update billing_customers set membership_id = $3 where tenant_id = $1 and stripe_id = $2`, [tenantId, subscription.customer, member.membershipId]);
  return subscription;
}

/** An invoice of the subscription, in the fake (with its hosted page) and in the mirror. */
async function seedInvoice(t: TestApp, fake: FakeStripe, tenantId: string, account: string, subscription: { stripeId: string; customer: string }, fields: { status: string; amount: number; attempts?: number }) {
  const invoice = fake.put('invoices', {
    customer: subscription.customer, subscription: subscription.stripeId, status: fields.status, currency: 'eur', total: fields.amount, amount_due: fields.amount,
    amount_remaining: fields.status === 'paid' ? 0 : fields.amount, attempt_count: fields.attempts ?? 1, collection_method: 'charge_automatically',
    hosted_invoice_url: `https://invoice.stripe.test/i/${suffix()}`, invoice_pdf: `https://invoice.stripe.test/pdf/${suffix()}`, created: seconds() - DAY,
  }, account);
  const [row] = await ownerQuery(
    t,
    `insert into billing_invoices (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, stripe_created_at, customer, subscription, status, currency, total, amount_due, amount_remaining, attempt_count, collection_method)
     values (gen_random_uuid(), $1, $2, $3, now() - interval '1 hour', now() - interval '1 day', $4, $5, $6, 'EUR', $7, $7, $8, $9, 'charge_automatically') returning id`,
    [tenantId, account, invoice.id, subscription.customer, subscription.stripeId, fields.status, fields.amount, fields.status === 'paid' ? 0 : fields.amount, fields.attempts ?? 1],
  );
  return { id: row.id as string, stripeId: invoice.id as string, hostedInvoiceUrl: invoice.hosted_invoice_url as string };
}

describe('billing: a member\'s own subscription (e2e)', () => {
  const app = billingTestApp();
  const me = (who: Who) => app.t.http().get('/api/v1/billing/me').set(bearer(who.tokens));
  const act = (who: Who, id: string, action: 'cancel' | 'undo-cancel', body: object = {}, key?: string) => {
    const req = app.t.http().post(`/api/v1/billing/me/subscriptions/${id}/${action}`).set(bearer(who.tokens));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };

  it('a viewer sees only their own subscription, invoices and entitlements, and cancels it at period end and undoes it: one Stripe call each, audited with them as actor', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const viewer = await addMember(t, owner, ['viewer'], 'Vera Viewer');
    const neighbour = await addMember(t, owner, ['viewer'], 'Ned Neighbour');
    const mine = await ownSubscription(t, fake, owner.tenantId, account, viewer);
    const theirs = await ownSubscription(t, fake, owner.tenantId, account, neighbour);
    const paid = await seedInvoice(t, fake, owner.tenantId, account, mine, { status: 'paid', amount: 1000 });
    const theirInvoice = await seedInvoice(t, fake, owner.tenantId, account, theirs, { status: 'paid', amount: 1000 });

    const overview = (await me(viewer).expect(200)).body;
    expect(overview.subscriptions.map((s: { id: string }) => s.id)).toEqual([mine.id]);
    expect(overview.subscriptions[0]).toMatchObject({ status: 'active', cancelAtPeriodEnd: false, currentPeriodEnd: new Date(mine.periodEnd * 1000).toISOString(), items: [{ productName: 'Coaching', unitAmount: 1000 }] });
    expect(overview.invoices.map((i: { id: string }) => i.id)).toEqual([paid.id]);
    expect(overview.entitlements).toMatchObject({ memberId: viewer.membershipId, active: true, status: 'active', plan: { name: 'Coaching' } });
    expect(overview.pastDue).toBeNull();
    const links = (await t.http().get(`/api/v1/billing/me/invoices/${paid.id}/links`).set(bearer(viewer.tokens)).expect(200)).body;
    expect(links).toEqual({ hostedInvoiceUrl: paid.hostedInvoiceUrl, invoicePdf: expect.stringContaining('/pdf/') });

    const from = fake.requests.length;
    const body = { reason: 'too_expensive', feedback: 'Cheaper elsewhere' };
    const canceled = await act(viewer, mine.id, 'cancel', body, 'member-cancel-1').expect(200);
    expect(canceled.body).toMatchObject({ id: mine.id, status: 'active', cancelAtPeriodEnd: true });
    // A retry with the same key answers the same and calls Stripe no second time.
    const again = await act(viewer, mine.id, 'cancel', body, 'member-cancel-1').expect(200);
    expect(again.body).toEqual(canceled.body);
    const calls = fake.requests.slice(from);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`POST /v1/subscriptions/${mine.stripeId}`]);
    expect(calls[0]).toMatchObject({ stripeAccount: account, idempotencyKey: expect.stringMatching(/^bo:subscription\.update:[0-9a-f]{40}$/) });
    // Always at period end: a member cannot end it at once.
    expect(calls[0].body).toEqual({ cancel_at_period_end: true, cancellation_details: { feedback: 'too_expensive', comment: 'Cheaper elsewhere' } });
    expectProblem(await act(viewer, mine.id, 'cancel', { atPeriodEnd: false }), 400, 'validation-failed');
    expect((await me(viewer).expect(200)).body.subscriptions[0]).toMatchObject({ cancelAtPeriodEnd: true });

    const undoFrom = fake.requests.length;
    expect((await act(viewer, mine.id, 'undo-cancel', {}, 'member-undo-1').expect(200)).body).toMatchObject({ cancelAtPeriodEnd: false });
    expect(fake.requests.slice(undoFrom).map((c) => [c.path, c.stripeAccount, c.body])).toEqual([[`/v1/subscriptions/${mine.stripeId}`, account, { cancel_at_period_end: false }]]);
    expectProblem(await act(viewer, mine.id, 'undo-cancel'), 409, 'subscription-not-scheduled-to-cancel');

    const audits = await ownerQuery(t, `select action, actor_type, actor_id, after from audit_logs where tenant_id = $1 and entity_id = $2 order by created_at, id`, [owner.tenantId, mine.id]);
    expect(audits).toEqual([
      expect.objectContaining({ action: 'subscription.cancel_scheduled', actor_type: 'user', actor_id: viewer.userId, after: expect.objectContaining({ cancelAtPeriodEnd: true, reason: 'too_expensive' }) }),
      expect.objectContaining({ action: 'subscription.cancel_undone', actor_type: 'user', actor_id: viewer.userId }),
    ]);

    // The neighbour's subscription and invoice do not exist for the viewer: 404 before any Stripe call.
    const before = fake.requests.length;
    expectProblem(await act(viewer, theirs.id, 'cancel', {}), 404, 'not-found');
    expectProblem(await act(viewer, theirs.id, 'undo-cancel'), 404, 'not-found');
    expectProblem(await t.http().get(`/api/v1/billing/me/invoices/${theirInvoice.id}/links`).set(bearer(viewer.tokens)), 404, 'not-found');
    expect(fake.requests.length).toBe(before);
    const [held] = await ownerQuery(t, `select cancel_at_period_end from billing_subscriptions where id = $1`, [theirs.id]);
    expect(held.cancel_at_period_end).toBe(false);
  });

  it('staff who are not the customer see nothing of members\' billing through these routes and cannot change it', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const member = await addMember(t, owner, ['client']);
    const theirs = await ownSubscription(t, fake, owner.tenantId, account, member);
    const invoice = await seedInvoice(t, fake, owner.tenantId, account, theirs, { status: 'open', amount: 1000, attempts: 2 });
    await ownerQuery(t, `update billing_subscriptions set status = 'past_due' where id = $1`, [theirs.id]);

    expect((await me(owner).expect(200)).body).toMatchObject({ subscriptions: [], invoices: [], pastDue: null, entitlements: { active: false, status: 'none', products: [] } });
    const before = fake.requests.length;
    expectProblem(await act(owner, theirs.id, 'cancel', {}), 404, 'not-found');
    expectProblem(await t.http().get(`/api/v1/billing/me/invoices/${invoice.id}/links`).set(bearer(owner.tokens)), 404, 'not-found');
    // Another business's member sees nothing of this one either.
    const stranger = await signup(t);
    expect((await me(stranger).expect(200)).body).toMatchObject({ subscriptions: [], invoices: [], pastDue: null });
    expectProblem(await act(stranger, theirs.id, 'cancel', {}), 404, 'not-found');
    expect(fake.requests.length).toBe(before);

    // An API key is nobody's own account, whatever its scopes.
    const key = (await t.http().post('/api/v1/api-keys').set(bearer(owner.tokens)).send({ name: 'Integration', scopes: ['billing:read', 'billing:write'] }).expect(201)).body.key;
    expectProblem(await t.http().get('/api/v1/billing/me').set('authorization', `Bearer ${key}`), 403, 'forbidden');
    expectProblem(await t.http().post(`/api/v1/billing/me/subscriptions/${theirs.id}/cancel`).set('authorization', `Bearer ${key}`).send({}), 403, 'forbidden');
    expectProblem(await t.http().post('/api/v1/billing/portal-sessions').set('authorization', `Bearer ${key}`).send({ returnUrl: 'https://shop.example.test/account/billing' }), 403, 'forbidden');
    expect(fake.requests.length).toBe(before);
  });

  it('a member whose subscription is past due gets it with the failing invoice, and the portal to update the card from the existing portal route', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const member = await addMember(t, owner, ['client']);
    const subscription = await ownSubscription(t, fake, owner.tenantId, account, member, { status: 'past_due' });
    await seedInvoice(t, fake, owner.tenantId, account, subscription, { status: 'paid', amount: 1000 });
    const failing = await seedInvoice(t, fake, owner.tenantId, account, subscription, { status: 'open', amount: 1000, attempts: 3 });

    const overview = (await me(member).expect(200)).body;
    expect(overview.pastDue).toMatchObject({ subscriptionId: subscription.id, status: 'past_due', invoice: { id: failing.id, status: 'open', amountDue: 1000, attemptCount: 3 } });
    expect(overview.entitlements).toMatchObject({ active: true, status: 'past_due' });
    expect(overview.invoices).toHaveLength(2);

    const from = fake.requests.length;
    const portal = await t.http().post('/api/v1/billing/portal-sessions').set(bearer(member.tokens)).set('Idempotency-Key', 'member-portal-1').send({ returnUrl: 'https://shop.example.test/account/billing' }).expect(201);
    expect(portal.body.url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\//);
    const [call] = fake.requests.slice(from);
    expect(call).toMatchObject({ path: '/v1/billing_portal/sessions', stripeAccount: account, body: { customer: subscription.customer, return_url: 'https://shop.example.test/account/billing' } });
    expect(call.idempotencyKey).toMatch(/^bo:/);
  });
});
