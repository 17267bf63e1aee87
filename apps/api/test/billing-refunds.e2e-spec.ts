import { createHash } from 'node:crypto';
import { bearer, expectProblem, ownerQuery, signup, TestApp } from './harness';
import { billingTestApp, connect, deliverProcessed, FakeStripe, runSync, stripeEvent } from './billing.fixtures';
import { seedCustomer, seedPayment } from './billing-payments.fixtures';
import { addMember, auditActions } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;
type Caller = { tokens: Signup['tokens'] };

const seconds = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;

describe('billing: refunds, refund policy and four eyes (e2e)', () => {
  const app = billingTestApp();
  let t: TestApp;
  let fake: FakeStripe;
  beforeAll(() => {
    ({ t, fake } = app);
  });

  const refund = (who: Caller, paymentId: string, body: unknown, key?: string) => {
    const req = t.http().post(`/api/v1/billing/payments/${paymentId}/refunds`).set(bearer(who.tokens));
    return (key ? req.set('idempotency-key', key) : req).send(body as object);
  };
  const payment = async (who: Caller, id: string) => (await t.http().get(`/api/v1/billing/payments/${id}`).set(bearer(who.tokens)).expect(200)).body;
  const refundCalls = () => fake.seen('POST', '/v1/refunds').length;

  async function business() {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const customer = await seedCustomer(t, fake, owner.tenantId, account, 'Payer');
    return { owner, account, customer };
  }

  it('refunds part of a payment in Stripe (account, Idempotency-Key, no note in Stripe), mirrors it and audits it; a retry makes one refund', async () => {
    const { owner, account, customer } = await business();
    const paid = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000, customer: customer.stripeId });
    await ownerQuery(t, `insert into webhook_endpoints (id, tenant_id, url, event_types, secret_enc, enabled) values (gen_random_uuid(), $1, 'https://93.184.216.34/hook', '{refund.issued}', 'sealed', true)`, [owner.tenantId]);
    const before = refundCalls();
    const first = await refund(owner, paid.id, { amount: 2000, reason: 'requested_by_customer', note: 'Asked by phone' }, 'refund-once').expect(201);
    expect(first.body).toEqual({
      id: expect.any(String), stripeId: expect.stringMatching(/^re_/), amount: 2000, currency: 'EUR', status: 'succeeded', reason: 'requested_by_customer', failureReason: null,
      createdAt: expect.any(String), note: 'Asked by phone', requestId: expect.any(String), requestedBy: { id: owner.userId, email: owner.email, name: 'Owner' },
    });
    const calls = fake.seen('POST', '/v1/refunds').slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      stripeAccount: account,
      idempotencyKey: expect.stringMatching(/^bo:refund\.create:/),
      body: { payment_intent: paid.stripeId, amount: 2000, reason: 'requested_by_customer', metadata: { note_by: owner.userId, tenant_id: owner.tenantId, refund_request_id: first.body.requestId }, expand: ['charge'] },
    });
    expect(JSON.stringify(calls[0].body)).not.toContain('phone');
    expect(await ownerQuery(t, `select stripe_id, amount, payment_intent, charge, status from billing_refunds where tenant_id = $1`, [owner.tenantId])).toEqual([
      { stripe_id: first.body.stripeId, amount: '2000', payment_intent: paid.stripeId, charge: paid.chargeId, status: 'succeeded' },
    ]);
    expect(await ownerQuery(t, `select status, stripe_refund_id, amount, requested_by from billing_refund_requests where tenant_id = $1`, [owner.tenantId])).toEqual([
      { status: 'sent', stripe_refund_id: first.body.stripeId, amount: '2000', requested_by: owner.userId },
    ]);
    const [audit] = await ownerQuery(t, `select action, entity_type, entity_id, actor_id, after from audit_logs where tenant_id = $1 and action = 'refund.created'`, [owner.tenantId]);
    expect(audit).toMatchObject({ entity_type: 'billing_payment', entity_id: paid.id, actor_id: owner.userId, after: { amount: 2000, currency: 'EUR', reason: 'requested_by_customer', stripeId: first.body.stripeId } });

    // The business's webhooks hear of it once, whether Stripe's own refund event comes after or not.
    const issued = () => ownerQuery(t, `select payload from webhook_events where tenant_id = $1 and type = 'refund.issued'`, [owner.tenantId]);
    expect(await issued()).toEqual([{ payload: { id: first.body.stripeId, charge: paid.chargeId, paymentIntent: paid.stripeId, amount: 2000, currency: 'EUR', reason: 'requested_by_customer' } }]);
    await deliverProcessed(t, [stripeEvent('refund.created', fake.get('refunds', first.body.stripeId, account)!, { account })]);
    expect(await issued()).toHaveLength(1);
    await ownerQuery(t, `update webhook_endpoints set enabled = false where tenant_id = $1`, [owner.tenantId]);

    const retried = await refund(owner, paid.id, { amount: 2000, reason: 'requested_by_customer', note: 'Asked by phone' }, 'refund-once').expect(201);
    expect(retried.body).toEqual(first.body);
    expect(refundCalls()).toBe(before + 1);
    expect(await ownerQuery(t, `select 1 from billing_refunds where tenant_id = $1`, [owner.tenantId])).toHaveLength(1);

    const detail = await payment(owner, paid.id);
    expect(detail).toMatchObject({ amountRefunded: 2000, refundable: 3000 });
    expect(detail.refunds).toEqual([first.body]);

    // Above what is left: 422 and nothing sent; the rest (no amount), then nothing is left: 409.
    expectProblem(await refund(owner, paid.id, { amount: 3001, reason: 'duplicate' }), 422, 'refund-exceeds-refundable');
    expect(refundCalls()).toBe(before + 1);
    const rest = await refund(owner, paid.id, { reason: 'duplicate' }).expect(201);
    expect(rest.body).toMatchObject({ amount: 3000, reason: 'duplicate', note: null });
    expect(fake.seen('POST', '/v1/refunds').at(-1)!.body).toMatchObject({ amount: 3000 });
    expect(await payment(owner, paid.id)).toMatchObject({ amountRefunded: 5000, refundable: 0 });
    expectProblem(await refund(owner, paid.id, { reason: 'duplicate' }), 409, 'payment-not-refundable');
    expectProblem(await refund(owner, paid.id, { amount: 1, reason: 'duplicate' }), 409, 'payment-not-refundable');
    const failed = await seedPayment(t, fake, owner.tenantId, account, { amount: 900, failed: true });
    expectProblem(await refund(owner, failed.id, { reason: 'duplicate' }), 409, 'payment-not-refundable');
    expect(refundCalls()).toBe(before + 2);
    expect(await auditActions(t, owner.tenantId, paid.id)).toEqual(['refund.created', 'refund.created']);
  });

  it('bad input is a 400 and sends nothing; viewers and support get 403, another business 404', async () => {
    const { owner, account } = await business();
    const other = await signup(t);
    const paid = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000 });
    const viewer = await addMember(t, owner, ['viewer'], 'Viewer');
    const support = await addMember(t, owner, ['support'], 'Support');
    const before = refundCalls();
    for (const body of [{}, { reason: 'because' }, { amount: 0, reason: 'duplicate' }, { amount: -5, reason: 'duplicate' }, { amount: 1.5, reason: 'duplicate' }, { amount: '100', reason: 'duplicate' },
      { reason: 'duplicate', note: 'x'.repeat(501) }, { reason: 'duplicate', metadata: { a: 1 } }]) {
      expectProblem(await refund(owner, paid.id, body), 400, 'validation-failed');
    }
    expectProblem(await refund(owner, 'not-a-uuid', { reason: 'duplicate' }), 400);
    expectProblem(await refund(viewer, paid.id, { reason: 'duplicate' }), 403, 'forbidden');
    expectProblem(await refund(support, paid.id, { reason: 'duplicate' }), 403, 'forbidden');
    expectProblem(await refund(other, paid.id, { reason: 'duplicate' }), 404, 'not-found');
    expectProblem(await t.http().get(`/api/v1/billing/payments/${paid.id}/refund-quote`).set(bearer(other.tokens)), 404, 'not-found');
    expect(refundCalls()).toBe(before);
    expect(await ownerQuery(t, `select 1 from billing_refund_requests where tenant_id = $1`, [owner.tenantId])).toEqual([]);
  });

  it('two refunds at once that together pass what is left: one is made, the other is a 422', async () => {
    const { owner, account } = await business();
    const paid = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000 });
    const before = refundCalls();
    const answers = await Promise.all([refund(owner, paid.id, { amount: 3000, reason: 'duplicate' }), refund(owner, paid.id, { amount: 3000, reason: 'duplicate' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
    expect(answers.find((a) => a.status === 422)!.body.type).toBe('https://problems.backoffice.dev/refund-exceeds-refundable');
    expect(refundCalls()).toBe(before + 1);
    expect(await payment(owner, paid.id)).toMatchObject({ amountRefunded: 3000, refundable: 2000 });
  });

  it('a retry after an attempt that died once Stripe had refunded (reservation still pending) sends the same Idempotency-Key: one refund in Stripe', async () => {
    const { owner, account } = await business();
    const paid = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000 });
    // What the dead attempt left: its reservation (our operation id for the client's key) and Stripe's refund under its key.
    const operationId = createHash('sha256').update(`${owner.tenantId}\npayments.refund:${paid.id}\nretry-key`).digest('hex').slice(0, 40);
    await ownerQuery(
      t,
      `insert into billing_refund_requests (id, tenant_id, payment_id, operation_id, amount, currency, reason, status, requested_by) values (gen_random_uuid(), $1, $2, $3, 1500, 'EUR', 'duplicate', 'pending', $4)`,
      [owner.tenantId, paid.id, operationId, owner.userId],
    );
    expect(await payment(owner, paid.id)).toMatchObject({ refundable: 3500 });
    const earlier = await fetch(`${process.env.STRIPE_API_BASE}/v1/refunds`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': `bo:refund.create:${operationId}`, 'stripe-account': account },
      body: `payment_intent=${paid.stripeId}&amount=1500&reason=duplicate&expand[0]=charge`,
    });
    const made = (await earlier.json()) as { id: string };

    const retried = await refund(owner, paid.id, { amount: 1500, reason: 'duplicate' }, 'retry-key').expect(201);
    expect(retried.body).toMatchObject({ stripeId: made.id, amount: 1500, reason: 'duplicate' });
    expect(fake.seen('POST', '/v1/refunds').at(-1)!.idempotencyKey).toBe(`bo:refund.create:${operationId}`);
    expect(fake.objects('refunds', account).size).toBe(1);
    expect(fake.get('charges', paid.chargeId!, account)).toMatchObject({ amount_refunded: 1500 });
    expect(await ownerQuery(t, `select status, stripe_refund_id from billing_refund_requests where tenant_id = $1`, [owner.tenantId])).toEqual([{ status: 'sent', stripe_refund_id: made.id }]);
    expect(await payment(owner, paid.id)).toMatchObject({ amountRefunded: 1500, refundable: 3500 });
  });

  it('a request nobody retried is settled by Stripe\'s report of its refund, and one Stripe never got stops holding its amount at the next sync run', async () => {
    const { owner, account } = await business();
    const paid = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000 });
    // Two attempts that died after reserving, one once Stripe had refunded, one before it was asked.
    const [made, lost] = await ownerQuery(
      t,
      `insert into billing_refund_requests (id, tenant_id, payment_id, operation_id, amount, currency, reason, status, requested_by, updated_at)
       values (gen_random_uuid(), $1, $2, $3, 1000, 'EUR', 'duplicate', 'pending', $5, now() - interval '2 hours'),
              (gen_random_uuid(), $1, $2, $4, 1500, 'EUR', 'duplicate', 'pending', $5, now() - interval '2 hours')
       returning id`,
      [owner.tenantId, paid.id, `dead-${paid.id}-a`, `dead-${paid.id}-b`, owner.userId],
    );
    expect(await payment(owner, paid.id)).toMatchObject({ refundable: 2500 });
    const answer = await fetch(`${process.env.STRIPE_API_BASE}/v1/refunds`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': `bo:refund.create:dead-${paid.id}-a`, 'stripe-account': account },
      body: `payment_intent=${paid.stripeId}&amount=1000&reason=duplicate&metadata[refund_request_id]=${made.id}`,
    });
    const stripeRefund = (await answer.json()) as { id: string };
    await deliverProcessed(t, [stripeEvent('refund.created', fake.get('refunds', stripeRefund.id, account)!, { account })]);
    const status = async () => Object.fromEntries((await ownerQuery(t, `select id, status, stripe_refund_id from billing_refund_requests where tenant_id = $1`, [owner.tenantId])).map((r) => [r.id, [r.status, r.stripe_refund_id]]));
    expect(await status()).toEqual({ [made.id]: ['sent', stripeRefund.id], [lost.id]: ['pending', null] });

    const before = refundCalls();
    await runSync(t, owner, 'sync');
    expect(await status()).toEqual({ [made.id]: ['sent', stripeRefund.id], [lost.id]: ['failed', null] });
    const [failed] = await ownerQuery(t, `select failure_reason from billing_refund_requests where id = $1`, [lost.id]);
    expect(failed.failure_reason).toMatch(/interrupted before Stripe answered.*nothing was refunded/);
    expect(refundCalls()).toBe(before);
    expect(await payment(owner, paid.id)).toMatchObject({ amountRefunded: 1000, refundable: 4000 });
  });

  it('a refund Stripe could not make after all (failed later) is refundable again once Stripe\'s count drops', async () => {
    const { owner, account } = await business();
    const paid = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000 });
    const made = await refund(owner, paid.id, { amount: 2000, reason: 'requested_by_customer' }).expect(201);
    expect(await payment(owner, paid.id)).toMatchObject({ amountRefunded: 2000, refundable: 3000 });
    const refunded = fake.get('refunds', made.body.stripeId, account)!;
    await deliverProcessed(t, [stripeEvent('refund.updated', { ...refunded, status: 'failed', failure_reason: 'expired_or_canceled_card' }, { account, created: seconds() + 1 })]);
    // Stripe gives the amount back to the charge; reconciliation brings its count down in the mirror.
    await ownerQuery(t, `update billing_payments set amount_refunded = 0 where id = $1`, [paid.id]);
    const detail = await payment(owner, paid.id);
    expect(detail).toMatchObject({ amountRefunded: 0, refundable: 5000 });
    expect(detail.refunds).toMatchObject([{ stripeId: made.body.stripeId, status: 'failed', failureReason: 'expired_or_canceled_card' }]);
  });

  it('Stripe refusing a refund marks the request failed: it holds nothing and says why', async () => {
    const { owner, account } = await business();
    const paid = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000 });
    // Refunded in Stripe behind the mirror's back (its webhook not here yet): Stripe refuses more than is left.
    fake.put('charges', { id: paid.chargeId, amount_refunded: 4000 }, account);
    const res = await refund(owner, paid.id, { amount: 3000, reason: 'requested_by_customer' });
    expectProblem(res, 422, 'stripe-request-refused');
    const [request] = await ownerQuery(t, `select status, failure_reason, stripe_refund_id from billing_refund_requests where tenant_id = $1`, [owner.tenantId]);
    expect(request).toMatchObject({ status: 'failed', stripe_refund_id: null, failure_reason: expect.stringContaining('greater than unrefunded amount') });
    expect(await payment(owner, paid.id)).toMatchObject({ refundable: 5000, refunds: [] });
    expect(await auditActions(t, owner.tenantId, paid.id)).toEqual(['refund.failed']);
    const list = await t.http().get('/api/v1/billing/refund-requests?status=failed').set(bearer(owner.tokens)).expect(200);
    expect(list.body.data).toMatchObject([{ paymentId: paid.id, amount: 3000, status: 'failed', refund: null }]);
  });
  const quote = async (who: Caller, id: string) => (await t.http().get(`/api/v1/billing/payments/${id}/refund-quote`).set(bearer(who.tokens)).expect(200)).body;
  const settings = (who: Caller, body: Record<string, unknown>) => t.http().patch('/api/v1/tenant').set(bearer(who.tokens)).send({ settings: body });

  it('quotes a refund from the business\'s policy: everything left within the window, nothing after, the unused part of a paid period when prorated', async () => {
    const { owner, account } = await business();
    const support = await addMember(t, owner, ['support'], 'Support');
    const recent = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000, amountRefunded: 1000, at: seconds() - 3 * DAY });
    const old = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000, at: seconds() - 20 * DAY });
    // A subscription's invoice paid 10 days into its 30-day period: 20 days (2/3) unused.
    const now = seconds();
    const invoice = `in_quote_${owner.tenantId.slice(0, 8)}`;
    await ownerQuery(
      t,
      `insert into billing_invoices (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, subscription, status, currency, total, amount_paid, period_start, period_end)
       values (gen_random_uuid(), $1, $2, $3, now(), 'sub_quoted', 'paid', 'EUR', 3000, 3000, to_timestamp($4), to_timestamp($5))`,
      [owner.tenantId, account, invoice, now - 10 * DAY, now + 20 * DAY],
    );
    const invoiced = await seedPayment(t, fake, owner.tenantId, account, { amount: 3000, amountRefunded: 500, invoice, at: now - 10 * DAY });
    const failed = await seedPayment(t, fake, owner.tenantId, account, { amount: 900, failed: true });

    // The default policy: 30 days, full.
    expect(await quote(owner, old.id)).toEqual({ refundable: 5000, suggested: 5000, reason: 'within-window', windowDays: 30, mode: 'full', approvalThreshold: null, currency: 'EUR', periodStart: null, periodEnd: null });
    await settings(owner, { refundPolicy: { windowDays: 14 } }).expect(200);
    expect(await quote(owner, recent.id)).toMatchObject({ refundable: 4000, suggested: 4000, reason: 'within-window', windowDays: 14, mode: 'full' });
    expect(await quote(support, old.id)).toMatchObject({ refundable: 5000, suggested: 0, reason: 'outside-window', windowDays: 14 });

    const saved = await settings(owner, { refundPolicy: { mode: 'prorated' } }).expect(200);
    expect(saved.body.settings).toMatchObject({ refundPolicy: { windowDays: 14, mode: 'prorated' }, refundApprovalThreshold: null });
    // 3000 × 20/30 = 2000 unused, less the 500 already refunded.
    expect(await quote(owner, invoiced.id)).toEqual({
      refundable: 2500, suggested: 1500, reason: 'prorated', windowDays: 14, mode: 'prorated', approvalThreshold: null, currency: 'EUR',
      periodStart: new Date((now - 10 * DAY) * 1000).toISOString(), periodEnd: new Date((now + 20 * DAY) * 1000).toISOString(),
    });
    // No paid period to prorate on: everything left.
    expect(await quote(owner, recent.id)).toMatchObject({ refundable: 4000, suggested: 4000, reason: 'within-window', mode: 'prorated' });
    expect(await quote(owner, old.id)).toMatchObject({ suggested: 0, reason: 'outside-window' });
    expectProblem(await t.http().get(`/api/v1/billing/payments/${failed.id}/refund-quote`).set(bearer(owner.tokens)), 409, 'payment-not-refundable');

    for (const [body, field] of [
      [{ refundPolicy: { windowDays: 366 } }, 'settings.refundPolicy.windowDays'],
      [{ refundPolicy: { windowDays: -1 } }, 'settings.refundPolicy.windowDays'],
      [{ refundPolicy: { windowDays: 7.5 } }, 'settings.refundPolicy.windowDays'],
      [{ refundPolicy: { mode: 'half' } }, 'settings.refundPolicy.mode'],
      [{ refundPolicy: null }, 'settings.refundPolicy'],
      [{ refundApprovalThreshold: -1 }, 'settings.refundApprovalThreshold'],
      [{ refundApprovalThreshold: 10.5 }, 'settings.refundApprovalThreshold'],
      [{ refundApprovalThreshold: '1000' }, 'settings.refundApprovalThreshold'],
    ] as Array<[Record<string, unknown>, string]>) {
      const res = await settings(owner, body);
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('four eyes: a refund above the threshold waits (202, nothing sent) until another staff member approves it; the requester cannot; a rejection frees the amount', async () => {
    const { owner, account } = await business();
    const other = await signup(t);
    const admin = await addMember(t, owner, ['admin'], 'Second Admin');
    const viewer = await addMember(t, owner, ['viewer'], 'Viewer');
    const support = await addMember(t, owner, ['support'], 'Support');
    const paid = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000 });
    await settings(owner, { refundApprovalThreshold: 1000 }).expect(200);
    // The quote tells the refund form which amounts will wait for a second person.
    expect(await quote(support, paid.id)).toMatchObject({ refundable: 5000, approvalThreshold: 1000 });
    const before = refundCalls();

    const waiting = await refund(owner, paid.id, { amount: 1500, reason: 'requested_by_customer', note: 'Big one' }).expect(202);
    expect(waiting.body).toEqual({
      id: expect.any(String), paymentId: paid.id, amount: 1500, currency: 'EUR', reason: 'requested_by_customer', note: 'Big one', status: 'pending_approval',
      requestedBy: { id: owner.userId, email: owner.email, name: 'Owner' }, approvedBy: null, rejectedBy: null, rejectionReason: null, failureReason: null, refund: null, decidedAt: null, createdAt: expect.any(String),
    });
    expect(refundCalls()).toBe(before);
    // The waiting request holds its amount.
    expect(await payment(owner, paid.id)).toMatchObject({ refundable: 3500 });
    expectProblem(await refund(owner, paid.id, { amount: 3600, reason: 'duplicate' }), 422, 'refund-exceeds-refundable');
    const pending = await t.http().get('/api/v1/billing/refund-requests?status=pending_approval').set(bearer(support.tokens)).expect(200);
    expect(pending.body).toEqual({ data: [waiting.body], nextCursor: null });

    const approve = (who: Caller, id: string) => t.http().post(`/api/v1/billing/refund-requests/${id}/approve`).set(bearer(who.tokens)).send({});
    expectProblem(await approve(owner, waiting.body.id), 403, 'four-eyes-required');
    expectProblem(await approve(viewer, waiting.body.id), 403, 'forbidden');
    expectProblem(await approve(support, waiting.body.id), 403, 'forbidden');
    expectProblem(await approve(other, waiting.body.id), 404, 'not-found');
    expect(refundCalls()).toBe(before);

    const approved = await approve(admin, waiting.body.id).expect(200);
    expect(approved.body).toMatchObject({
      status: 'sent', approvedBy: { id: admin.userId, name: 'Second Admin' }, decidedAt: expect.any(String),
      refund: { amount: 1500, status: 'succeeded', note: 'Big one', requestId: waiting.body.id, requestedBy: { id: owner.userId } },
    });
    const sent = fake.seen('POST', '/v1/refunds').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ stripeAccount: account, idempotencyKey: expect.stringMatching(/^bo:refund\.create:/), body: { payment_intent: paid.stripeId, amount: 1500, metadata: { note_by: owner.userId } } });
    expectProblem(await approve(admin, waiting.body.id), 409, 'refund-request-not-pending');
    expect(refundCalls()).toBe(before + 1);
    expect(await payment(owner, paid.id)).toMatchObject({ amountRefunded: 1500, refundable: 3500 });

    // Under the threshold: made at once.
    await refund(owner, paid.id, { amount: 1000, reason: 'duplicate' }).expect(201);
    const second = await refund(owner, paid.id, { amount: 2000, reason: 'fraudulent' }).expect(202);
    expect(await payment(owner, paid.id)).toMatchObject({ refundable: 500 });
    const reject = (who: Caller, body: unknown) => t.http().post(`/api/v1/billing/refund-requests/${second.body.id}/reject`).set(bearer(who.tokens)).send(body as object);
    expectProblem(await reject(admin, {}), 400, 'validation-failed');
    expectProblem(await reject(admin, { reason: 'x'.repeat(501) }), 400, 'validation-failed');
    expectProblem(await reject(viewer, { reason: 'No' }), 403, 'forbidden');
    const rejected = await reject(admin, { reason: 'Not eligible' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectedBy: { id: admin.userId }, rejectionReason: 'Not eligible', refund: null });
    expectProblem(await approve(admin, second.body.id), 409, 'refund-request-not-pending');
    expect(await payment(owner, paid.id)).toMatchObject({ amountRefunded: 2500, refundable: 2500 });
    expect(refundCalls()).toBe(before + 2);

    const all = await t.http().get(`/api/v1/billing/refund-requests?paymentId=${paid.id}`).set(bearer(owner.tokens)).expect(200);
    expect(all.body.data.map((r: { status: string }) => r.status)).toEqual(['rejected', 'sent', 'sent']);
    expect((await t.http().get('/api/v1/billing/refund-requests').set(bearer(other.tokens)).expect(200)).body.data).toEqual([]);
    expect(await auditActions(t, owner.tenantId, paid.id)).toEqual(['refund.requested', 'refund.approved', 'refund.created', 'refund.created', 'refund.requested', 'refund.rejected']);
    const [approval] = await ownerQuery(t, `select actor_id from audit_logs where tenant_id = $1 and action = 'refund.approved'`, [owner.tenantId]);
    expect(approval.actor_id).toBe(admin.userId);
    expectProblem(await t.http().get('/api/v1/billing/refund-requests?status=waiting').set(bearer(owner.tokens)), 400, 'validation-failed');
  });

  it('two approvals of one request at once: one approves and sends it, the other is a 409; one refund in Stripe, one audit of each step', async () => {
    const { owner, account } = await business();
    const first = await addMember(t, owner, ['admin'], 'First Approver');
    const second = await addMember(t, owner, ['admin'], 'Second Approver');
    const paid = await seedPayment(t, fake, owner.tenantId, account, { amount: 5000 });
    await settings(owner, { refundApprovalThreshold: 0 }).expect(200);
    const waiting = await refund(owner, paid.id, { amount: 700, reason: 'duplicate' }).expect(202);
    const approve = (who: Caller) => t.http().post(`/api/v1/billing/refund-requests/${waiting.body.id}/approve`).set(bearer(who.tokens)).send({});
    const answers = await Promise.all([approve(first), approve(second)]);
    // The first to lock it approves and sends it; the other finds it no longer waiting.
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 200)!.body).toMatchObject({ status: 'sent', refund: { amount: 700 } });
    expect(answers.find((a) => a.status === 409)!.body.type).toBe('https://problems.backoffice.dev/refund-request-not-pending');
    expect(fake.objects('refunds', account).size).toBe(1);
    expect(await auditActions(t, owner.tenantId, paid.id)).toEqual(['refund.requested', 'refund.approved', 'refund.created']);
    expect(await payment(owner, paid.id)).toMatchObject({ amountRefunded: 700, refundable: 4300 });
  });
});
