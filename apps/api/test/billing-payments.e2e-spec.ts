import { bearer, expectProblem, ownerQuery, signup, TestApp } from './harness';
import { billingTestApp, connect, deliverProcessed, FakeStripe, stripeEvent } from './billing.fixtures';
import { seedCustomer, seedPayment } from './billing-payments.fixtures';
import { addMember } from './team.fixtures';

const seconds = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;

describe('billing: payments for staff (e2e)', () => {
  const app = billingTestApp();
  let t: TestApp;
  let fake: FakeStripe;
  beforeAll(() => {
    ({ t, fake } = app);
  });

  it('lists payments newest first with filters, refundable amounts and pagination; detail with refunds; other tenants see nothing', async () => {
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const ann = await seedCustomer(t, fake, owner.tenantId, account, 'Ann');
    const bob = await seedCustomer(t, fake, owner.tenantId, account, 'Bob');
    const paidAt = seconds() - 3 * DAY;
    const annPaid = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000, customer: ann.stripeId, description: 'Coaching', at: paidAt });
    const bobPaid = await seedPayment(t, fake, owner.tenantId, account, { amount: 3000, customer: bob.stripeId, amountRefunded: 1000 });
    const bobFailed = await seedPayment(t, fake, owner.tenantId, account, { amount: 2000, customer: bob.stripeId, failed: true });
    const anonymous = await seedPayment(t, fake, owner.tenantId, account, { amount: 700, failed: true });
    // Row times fixed by hand, so the order and the date filters are known.
    const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12)).toISOString();
    for (const [payment, n] of [[annPaid, 1], [bobPaid, 2], [bobFailed, 3], [anonymous, 4]] as const) {
      await ownerQuery(t, `update billing_payments set created_at = $2 where id = $1`, [payment.id, day(n)]);
    }

    const get = (query: Record<string, string>, who = owner) => t.http().get('/api/v1/billing/payments').query(query).set(bearer(who.tokens)).expect(200).then((r) => r.body);
    const ids = (body: { data: Array<{ id: string }> }) => body.data.map((p) => p.id);
    const all = await get({});
    expect(ids(all)).toEqual([anonymous.id, bobFailed.id, bobPaid.id, annPaid.id]);
    expect(all.nextCursor).toBeNull();
    expect(all.data[3]).toEqual({
      id: annPaid.id, stripeId: annPaid.stripeId, amount: 5000, amountReceived: 5000, amountRefunded: 0, refundable: 5000, currency: 'EUR', status: 'succeeded',
      customer: { id: ann.id, email: ann.email, name: 'Ann' }, invoiceId: null, invoiceStripeId: null, description: 'Coaching',
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2031 }, failureCode: null, failureMessage: null,
      succeededAt: new Date(paidAt * 1000).toISOString(), createdAt: day(1),
    });
    expect(all.data[2]).toMatchObject({ amount: 3000, amountRefunded: 1000, refundable: 2000 });
    expect(all.data[1]).toMatchObject({ status: 'requires_payment_method', refundable: 0, card: null, failureCode: 'insufficient_funds', failureMessage: 'Your card has insufficient funds.', succeededAt: null });
    expect(all.data[0]).toMatchObject({ customer: null, amount: 700 });

    expect(ids(await get({ status: 'succeeded' }))).toEqual([bobPaid.id, annPaid.id]);
    expect(ids(await get({ status: 'requires_payment_method,processing' }))).toEqual([anonymous.id, bobFailed.id]);
    expect(ids(await get({ customerId: bob.id }))).toEqual([bobFailed.id, bobPaid.id]);
    expect(ids(await get({ search: 'ANN' }))).toEqual([annPaid.id]);
    expect(ids(await get({ search: bob.email.slice(0, 8) }))).toEqual([bobFailed.id, bobPaid.id]);
    expect(ids(await get({ refunded: 'true' }))).toEqual([bobPaid.id]);
    expect(ids(await get({ refunded: 'false', status: 'succeeded' }))).toEqual([annPaid.id]);
    expect(ids(await get({ createdFrom: day(2), createdTo: day(4) }))).toEqual([bobFailed.id, bobPaid.id]);

    const first = await get({ limit: '3' });
    expect(ids(first)).toEqual([anonymous.id, bobFailed.id, bobPaid.id]);
    const second = await get({ limit: '3', cursor: first.nextCursor });
    expect(ids(second)).toEqual([annPaid.id]);
    expect(second.nextCursor).toBeNull();

    // A refund Stripe made (e.g. from its Dashboard) shows on the payment, newest first.
    const older = stripeEvent('refund.created', { id: `re_old_${bobPaid.id.slice(0, 8)}`, object: 'refund', amount: 400, currency: 'eur', charge: bobPaid.chargeId, payment_intent: bobPaid.stripeId, status: 'succeeded', reason: 'duplicate', created: seconds() - 60, metadata: {} }, { account });
    const newer = stripeEvent('refund.created', { id: `re_new_${bobPaid.id.slice(0, 8)}`, object: 'refund', amount: 600, currency: 'eur', charge: bobPaid.chargeId, payment_intent: bobPaid.stripeId, status: 'failed', reason: 'requested_by_customer', failure_reason: 'expired_or_canceled_card', created: seconds() - 30, metadata: {} }, { account });
    await deliverProcessed(t, [older]);
    await deliverProcessed(t, [newer]);
    const detail = (await t.http().get(`/api/v1/billing/payments/${bobPaid.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(detail).toMatchObject({ id: bobPaid.id, amountRefunded: 1000, refundable: 2000, customer: { id: bob.id } });
    expect(detail.refunds).toEqual([
      { id: expect.any(String), stripeId: newer.data.object.id, amount: 600, currency: 'EUR', status: 'failed', reason: 'requested_by_customer', failureReason: 'expired_or_canceled_card', createdAt: expect.any(String), note: null, requestId: null, requestedBy: null },
      { id: expect.any(String), stripeId: older.data.object.id, amount: 400, currency: 'EUR', status: 'succeeded', reason: 'duplicate', failureReason: null, createdAt: expect.any(String), note: null, requestId: null, requestedBy: null },
    ]);
    expect((await t.http().get(`/api/v1/billing/payments/${annPaid.id}`).set(bearer(owner.tokens)).expect(200)).body.refunds).toEqual([]);

    // Support and viewers read payments; another business sees none of them.
    const support = await addMember(t, owner, ['support'], 'Support');
    const viewer = await addMember(t, owner, ['viewer'], 'Viewer');
    expect(ids(await get({}, { ...owner, tokens: support.tokens }))).toHaveLength(4);
    expect(ids(await get({}, { ...owner, tokens: viewer.tokens }))).toHaveLength(4);
    expectProblem(await t.http().get(`/api/v1/billing/payments/${bobPaid.id}`).set(bearer(other.tokens)), 404, 'not-found');
    expect((await get({}, other)).data).toEqual([]);
    expect((await get({ customerId: bob.id }, other)).data).toEqual([]);
  });

  it('rejects bad filters with a problem', async () => {
    const owner = await signup(t);
    await connect(t, owner.tenantId);
    for (const query of [{ status: 'paid' }, { customerId: 'bob' }, { createdFrom: 'yesterday' }, { refunded: 'maybe' }, { search: 'x'.repeat(201) }, { limit: '101' }]) {
      expectProblem(await t.http().get('/api/v1/billing/payments').query(query).set(bearer(owner.tokens)), 400, 'validation-failed');
    }
    expectProblem(await t.http().get('/api/v1/billing/payments/not-a-uuid').set(bearer(owner.tokens)), 400);
  });
});
