import { randomUUID } from 'node:crypto';
import { bearer, expectProblem, ownerQuery, signup, type Tokens } from './harness';
import { billingTestApp, connect, DAY, runSync, seconds, suffix } from './billing.fixtures';
import { addMember, auditActions } from './team.fixtures';


describe('billing: invoices for staff (e2e)', () => {
  const app = billingTestApp();

  it('lists imported invoices with filters and pages, shows one with its lines; other tenants see none', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const base = seconds() - 20 * DAY;
    const put = (resource: string, fields: Record<string, unknown>) => fake.put(resource, fields, account);
    const ann = put('customers', { email: `ann-${suffix()}@example.test`, name: 'Ann', created: base });
    const bob = put('customers', { email: `bob-${suffix()}@example.test`, name: 'Bob', created: base + 1 });
    const sub = put('subscriptions', { customer: ann.id, status: 'active', currency: 'eur', items: { object: 'list', data: [] }, created: base + 2 });
    const line = (amount: number) => ({ object: 'list', data: [{ id: `il_${suffix()}`, amount, currency: 'eur', description: 'Coaching × 1', quantity: 1, period: { start: base, end: base + 30 * DAY }, proration: false }] });
    const paid = put('invoices', { customer: ann.id, subscription: sub.id, status: 'paid', number: 'ANN-0001', currency: 'eur', subtotal: 1000, total: 1000, amount_due: 1000, amount_paid: 1000, amount_remaining: 0, billing_reason: 'subscription_cycle', collection_method: 'charge_automatically', lines: line(1000), created: base + 3 });
    const open = put('invoices', { customer: bob.id, status: 'open', number: 'BOB-0001', currency: 'eur', subtotal: 2500, total: 2500, amount_due: 2500, amount_paid: 0, amount_remaining: 2500, collection_method: 'send_invoice', due_date: base + 40 * DAY, lines: line(2500), created: base + 10 * DAY });
    const draft = put('invoices', { customer: bob.id, status: 'draft', currency: 'eur', amount_due: 0, lines: { object: 'list', data: [] }, created: base + 15 * DAY });
    expect(await runSync(t, owner, 'import')).toMatchObject({ status: 'succeeded', errors: [] });

    const get = (query: Record<string, string>, who = owner) => t.http().get('/api/v1/billing/invoices').query(query).set(bearer(who.tokens)).expect(200).then((r) => r.body);
    const ids = (body: { data: Array<{ stripeId: string }> }) => body.data.map((i) => i.stripeId).sort();
    const all = await get({});
    expect(ids(all)).toEqual([paid.id, open.id, draft.id].sort());
    const byStripe = (id: unknown) => all.data.find((i: { stripeId: string }) => i.stripeId === id);
    expect(byStripe(paid.id)).toMatchObject({ status: 'paid', number: 'ANN-0001', currency: 'EUR', total: 1000, amountPaid: 1000, customerEmail: ann.email, customerName: 'Ann', billingReason: 'subscription_cycle' });
    expect(byStripe(paid.id).subscriptionId).toEqual(expect.any(String));
    expect(ids(await get({ status: 'open,draft' }))).toEqual([open.id, draft.id].sort());
    expect(ids(await get({ customerId: byStripe(open.id).customerId }))).toEqual([open.id, draft.id].sort());
    expect(ids(await get({ subscriptionId: byStripe(paid.id).subscriptionId }))).toEqual([paid.id]);
    expect(ids(await get({ search: 'BOB-00' }))).toEqual([open.id]);
    expect(ids(await get({ search: 'ann-' }))).toEqual([paid.id]);
    expect(ids(await get({ createdFrom: new Date((base + 5 * DAY) * 1000).toISOString() }))).toEqual([open.id, draft.id].sort());
    expect(ids(await get({ createdTo: new Date((base + 5 * DAY) * 1000).toISOString() }))).toEqual([paid.id]);
    const first = await get({ limit: '2' });
    const second = await get({ limit: '2', cursor: first.nextCursor });
    expect([...ids(first), ...ids(second)].sort()).toEqual(ids(all));
    expect(second.nextCursor).toBeNull();

    const detail = (await t.http().get(`/api/v1/billing/invoices/${byStripe(open.id).id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(detail).toMatchObject({ stripeId: open.id, status: 'open', amountRemaining: 2500, collectionMethod: 'send_invoice', paymentActionRequired: false });
    expect(detail.dueDate).toBe(new Date((base + 40 * DAY) * 1000).toISOString());
    expect(detail.lines).toEqual([expect.objectContaining({ amount: 2500, description: 'Coaching × 1', quantity: 1, proration: false })]);

    await t.http().get(`/api/v1/billing/invoices/${byStripe(open.id).id}`).set(bearer(other.tokens)).expect(404);
    expect((await get({}, other)).data).toEqual([]);
    for (const query of [{ status: 'late' }, { customerId: 'bob' }, { createdFrom: 'yesterday' }, { search: 'x'.repeat(201) }]) {
      expectProblem(await t.http().get('/api/v1/billing/invoices').query(query).set(bearer(owner.tokens)), 400, 'validation-failed');
    }
  });

  it('creates a one-off invoice, finalizes, sends and collects it; each action one keyed Stripe call on the tenant\'s account, mirrored and audited', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const customer = (await t.http().post('/api/v1/billing/customers').set(bearer(owner.tokens)).send({ email: `cleo-${suffix()}@example.test`, name: 'Cleo' }).expect(201)).body;
    const before = fake.requests.length;
    const body = { customerId: customer.id, currency: 'EUR', collectionMethod: 'send_invoice', daysUntilDue: 14, description: 'Workshop', lines: [{ description: 'Workshop seat', unitAmount: 4500, quantity: 2 }, { description: 'Materials', unitAmount: 1000 }] };
    const key = randomUUID();
    const created = await t.http().post('/api/v1/billing/invoices').set(bearer(owner.tokens)).set('idempotency-key', key).send(body).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', total: 10_000, amountDue: 10_000, collectionMethod: 'send_invoice', customerId: customer.id });
    expect(created.body.lines.map((l: { amount: number; quantity: number; description: string }) => [l.description, l.quantity, l.amount])).toEqual([['Workshop seat', 2, 9000], ['Materials', 1, 1000]]);

    const calls = fake.requests.slice(before);
    const [invoiceCall] = calls.filter((r) => r.method === 'POST' && r.path === '/v1/invoices');
    expect(invoiceCall).toMatchObject({ stripeAccount: account, body: expect.objectContaining({ customer: customer.stripeId, currency: 'eur', collection_method: 'send_invoice', days_until_due: 14, auto_advance: false, pending_invoice_items_behavior: 'exclude', description: 'Workshop' }) });
    expect(invoiceCall.idempotencyKey).toMatch(/^bo:invoice\.create:/);
    // The platform's fee on a connected account: its share of the invoice's total.
    const [{ fee_bps: feeBps }] = await ownerQuery(t, `select (settings->>'platformFeeBps')::int as fee_bps from tenants where id = $1`, [owner.tenantId]);
    expect(invoiceCall.body.application_fee_amount).toBe(Math.floor((10_000 * feeBps) / 10_000));
    const items = calls.filter((r) => r.path === '/v1/invoiceitems');
    expect(items.map((r) => [r.body.description, r.body.quantity, r.body.unit_amount_decimal, r.stripeAccount])).toEqual([['Workshop seat', 2, '4500', account], ['Materials', 1, '1000', account]]);
    expect(new Set(items.map((r) => r.idempotencyKey)).size).toBe(2);

    // The same request again (same Idempotency-Key): replayed, no second invoice in Stripe.
    const replay = await t.http().post('/api/v1/billing/invoices').set(bearer(owner.tokens)).set('idempotency-key', key).send(body).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(created.body.id);
    expect(fake.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/v1/invoices')).toHaveLength(1);

    const id = created.body.id;
    const act = (action: string, status = 200, who: { tokens: Tokens } = owner, idempotency?: string) => {
      const request = t.http().post(`/api/v1/billing/invoices/${id}/${action}`).set(bearer(who.tokens));
      if (idempotency) void request.set('idempotency-key', idempotency);
      return request.send({}).expect(status);
    };
    // Sending a draft is refused before any call.
    const sentBefore = fake.requests.length;
    expectProblem(await act('send', 409), 409, 'invoice-not-open');
    expect(fake.requests.length).toBe(sentBefore);

    const finalized = await act('finalize');
    expect(finalized.body).toMatchObject({ status: 'open', number: expect.stringMatching(/^FAKE-/) });
    expect(finalized.body.finalizedAt).toEqual(expect.any(String));
    expect(fake.seen('POST', `/v1/invoices/${created.body.stripeId}/finalize`)).toEqual([expect.objectContaining({ stripeAccount: account, idempotencyKey: expect.stringMatching(/^bo:invoice\.finalize:/), body: { auto_advance: false } })]);
    expectProblem(await act('finalize', 409), 409, 'invoice-not-draft');

    const links = (await t.http().get(`/api/v1/billing/invoices/${id}/links`).set(bearer(owner.tokens)).expect(200)).body;
    expect(links.hostedInvoiceUrl).toMatch(new RegExp(`/i/${created.body.stripeId}$`));
    expect(links.invoicePdf).toMatch(/\/pdf$/);

    const sendKey = randomUUID();
    await act('send', 200, owner, sendKey);
    await act('send', 200, owner, sendKey);
    expect(fake.seen('POST', `/v1/invoices/${created.body.stripeId}/send`)).toHaveLength(1);

    const viewer = await addMember(t, owner, ['viewer']);
    expectProblem(await act('pay', 403, viewer), 403);
    expect(fake.seen('POST', `/v1/invoices/${created.body.stripeId}/pay`)).toHaveLength(0);
    const paid = await act('pay');
    expect(paid.body).toMatchObject({ status: 'paid', amountPaid: 10_000, amountRemaining: 0 });
    expectProblem(await act('void', 409), 409, 'invoice-not-open');

    expect(await auditActions(t, owner.tenantId, id)).toEqual(['invoice.created', 'invoice.finalized', 'invoice.sent', 'invoice.pay_attempted']);
  });

  it('voids or writes off open invoices, refuses to email one charged automatically, and checks its input and tenant', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const other = await signup(t);
    await connect(t, owner.tenantId);
    await connect(t, other.tenantId);
    const customer = (await t.http().post('/api/v1/billing/customers').set(bearer(owner.tokens)).send({ email: `dan-${suffix()}@example.test` }).expect(201)).body;
    const make = async (collectionMethod: string) => {
      const draft = (await t.http().post('/api/v1/billing/invoices').set(bearer(owner.tokens)).send({ customerId: customer.id, currency: 'usd', collectionMethod, lines: [{ description: 'Session', unitAmount: 5000 }] }).expect(201)).body;
      return (await t.http().post(`/api/v1/billing/invoices/${draft.id}/finalize`).set(bearer(owner.tokens)).send({}).expect(200)).body;
    };
    const auto = await make('charge_automatically');
    expectProblem(await t.http().post(`/api/v1/billing/invoices/${auto.id}/send`).set(bearer(owner.tokens)).send({}), 422, 'invoice-charged-automatically');
    const voided = (await t.http().post(`/api/v1/billing/invoices/${auto.id}/void`).set(bearer(owner.tokens)).send({}).expect(200)).body;
    expect(voided).toMatchObject({ status: 'void', voidedAt: expect.any(String) });
    const emailed = await make('send_invoice');
    expect(emailed.dueDate === null || typeof emailed.dueDate === 'string').toBe(true);
    const written = (await t.http().post(`/api/v1/billing/invoices/${emailed.id}/mark-uncollectible`).set(bearer(owner.tokens)).send({}).expect(200)).body;
    expect(written).toMatchObject({ status: 'uncollectible', markedUncollectibleAt: expect.any(String) });
    // An uncollectible invoice can still be paid.
    expect((await t.http().post(`/api/v1/billing/invoices/${emailed.id}/pay`).set(bearer(owner.tokens)).send({}).expect(200)).body.status).toBe('paid');
    expect(await auditActions(t, owner.tenantId, auto.id)).toEqual(['invoice.created', 'invoice.finalized', 'invoice.voided']);

    // Another tenant reaches none of it; bad input is refused before Stripe is called.
    for (const action of ['finalize', 'void', 'pay']) {
      expectProblem(await t.http().post(`/api/v1/billing/invoices/${auto.id}/${action}`).set(bearer(other.tokens)).send({}), 404);
    }
    expectProblem(await t.http().get(`/api/v1/billing/invoices/${auto.id}/links`).set(bearer(other.tokens)), 404);
    expectProblem(await t.http().post('/api/v1/billing/invoices').set(bearer(other.tokens)).send({ customerId: customer.id, currency: 'usd', collectionMethod: 'send_invoice', lines: [{ description: 'x', unitAmount: 1 }] }), 404);
    const count = fake.requests.length;
    const bad = [
      { customerId: customer.id, currency: 'usd', collectionMethod: 'send_invoice', lines: [] },
      { customerId: customer.id, currency: 'usd', collectionMethod: 'send_invoice', lines: [{ description: 'x', unitAmount: 0 }] },
      { customerId: customer.id, currency: 'usd', collectionMethod: 'send_invoice', lines: [{ description: 'x', unitAmount: 1.5 }] },
      { customerId: customer.id, currency: 'dollars', collectionMethod: 'send_invoice', lines: [{ description: 'x', unitAmount: 100 }] },
      { customerId: customer.id, currency: 'usd', collectionMethod: 'by_post', lines: [{ description: 'x', unitAmount: 100 }] },
      { customerId: customer.id, currency: 'usd', collectionMethod: 'send_invoice', daysUntilDue: 0, lines: [{ description: 'x', unitAmount: 100 }] },
      { customerId: 'dan', currency: 'usd', collectionMethod: 'send_invoice', lines: [{ description: 'x', unitAmount: 100 }] },
    ];
    for (const body of bad) expectProblem(await t.http().post('/api/v1/billing/invoices').set(bearer(owner.tokens)).send(body), 400, 'validation-failed');
    expect(fake.requests.length).toBe(count);
  });
});
