import { bearer, expectProblem, ownerQuery, signup, type TestApp, type Tokens } from './harness';
import { billingTestApp, connect, deliverProcessed, type FakeStripe, seedPrice, stripeEvent, suffix } from './billing.fixtures';
import { addMember, auditActions } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

const paylinks = '/api/v1/paylinks';
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function createLink(t: TestApp, tokens: Tokens, body: Record<string, unknown>) {
  return (await t.http().post(paylinks).set(bearer(tokens)).send({ amount: 2500, currency: 'EUR', ...body }).expect(201)).body;
}

async function tenantSlug(t: TestApp, owner: Signup): Promise<string> {
  return (await ownerQuery(t, `select slug from tenants where id = $1`, [owner.tenantId]))[0].slug;
}

const publicPath = (tenant: string, slug: string) => `/api/v1/public/paylinks/${tenant}/${slug}`;

/** The fake's checkout sessions created for one pay link. */
const sessionCalls = (fake: FakeStripe, paylinkId: string) =>
  fake.seen('POST', '/v1/checkout/sessions').filter((r) => (r.body.metadata as Record<string, string> | undefined)?.paylink_id === paylinkId);

/** A session of the fake as Stripe would send it in an event, with the outcome fields a test sets. */
function sessionObject(fake: FakeStripe, url: string, fields: Record<string, unknown>) {
  const id = /\/c\/pay\/(cs_\w+)$/.exec(url)![1];
  // Webhook payloads never carry line items (the handler re-fetches them).
  const { line_items: _lines, ...session } = fake.findAnywhere('checkout/sessions', id)!;
  return { ...session, ...fields };
}

describe('pay links (e2e)', () => {
  const app = billingTestApp();

  it('makes slugs from titles (unicode to ASCII, a suffix when taken or reserved), validates edited ones, and keeps them unique per business only', async () => {
    const { t } = app;
    const owner = await signup(t);
    const other = await signup(t);
    expect((await createLink(t, owner.tokens, { title: 'Crème brûlée Straße workshop' })).slug).toBe('creme-brulee-strasse-workshop');
    expect((await createLink(t, owner.tokens, { title: 'Crème Brûlée straße Workshop!' })).slug).toBe('creme-brulee-strasse-workshop-2');
    expect((await createLink(t, owner.tokens, { title: 'Новый курс' })).slug).toBe('link');
    expect((await createLink(t, owner.tokens, { title: 'New' })).slug).toBe('new-2');
    const chosen = await createLink(t, owner.tokens, { title: 'Spring sale', slug: 'spring-2027' });
    expect(chosen.slug).toBe('spring-2027');
    expect(chosen.url).toMatch(new RegExp(`^https?://[^/]+/pay/${await tenantSlug(t, owner)}/spring-2027$`));
    expectProblem(await t.http().post(paylinks).set(bearer(owner.tokens)).send({ title: 'Again', slug: 'spring-2027', amount: 100, currency: 'EUR' }), 409, 'paylink-slug-taken');
    expect((await createLink(t, other.tokens, { title: 'Theirs', slug: 'spring-2027' })).slug).toBe('spring-2027');
    expectProblem(await t.http().post(paylinks).set(bearer(owner.tokens)).send({ title: 'Admin', slug: 'admin', amount: 100, currency: 'EUR' }), 422, 'paylink-slug-reserved');
    for (const slug of ['Spring', 'a', 'spring--sale', '-spring', 'spring_sale', 'x'.repeat(65)]) {
      expectProblem(await t.http().post(paylinks).set(bearer(owner.tokens)).send({ title: 'Bad', slug, amount: 100, currency: 'EUR' }), 400, 'validation-failed');
    }
    // an edit validates the same way; keeping its own slug is fine
    const edited = await t.http().patch(`${paylinks}/${chosen.id}`).set(bearer(owner.tokens)).send({ slug: 'creme-brulee-strasse-workshop' });
    expectProblem(edited, 409, 'paylink-slug-taken');
    expectProblem(await t.http().patch(`${paylinks}/${chosen.id}`).set(bearer(owner.tokens)).send({ slug: 'api' }), 422, 'paylink-slug-reserved');
    expect((await t.http().patch(`${paylinks}/${chosen.id}`).set(bearer(owner.tokens)).send({ slug: 'spring-2027', title: 'Spring sale!' }).expect(200)).body.slug).toBe('spring-2027');
    expect((await t.http().patch(`${paylinks}/${chosen.id}`).set(bearer(owner.tokens)).send({ slug: 'spring-27' }).expect(200)).body.slug).toBe('spring-27');
    expect(await auditActions(t, owner.tenantId, chosen.id)).toEqual(['paylink.created', 'paylink.updated', 'paylink.updated']);
  });

  it('lists with status (expired derived) and search filters and pages; validates amounts, fields and URLs', async () => {
    const { t } = app;
    const owner = await signup(t);
    const active = await createLink(t, owner.tokens, { title: 'Yoga class' });
    const expired = await createLink(t, owner.tokens, { title: 'Early bird', expiresAt: later(1) });
    await ownerQuery(t, `update paylinks set expires_at = now() - interval '1 minute' where id = $1`, [expired.id]);
    const inactive = await createLink(t, owner.tokens, { title: 'Paused offer' });
    await t.http().post(`${paylinks}/${inactive.id}/deactivate`).set(bearer(owner.tokens)).send({}).expect(200);
    const get = (query: Record<string, string>) => t.http().get(paylinks).query(query).set(bearer(owner.tokens)).expect(200).then((r) => r.body);
    const titles = (body: { data: Array<{ title: string }> }) => body.data.map((l) => l.title).sort();
    expect(titles(await get({}))).toEqual(['Early bird', 'Paused offer', 'Yoga class']);
    expect((await get({ status: 'expired' })).data).toEqual([expect.objectContaining({ id: expired.id, status: 'expired' })]);
    expect(titles(await get({ status: 'active,inactive' }))).toEqual(['Paused offer', 'Yoga class']);
    expect(titles(await get({ search: 'yoga' }))).toEqual(['Yoga class']);
    expect(titles(await get({ search: active.slug.slice(0, 6) }))).toEqual(['Yoga class']);
    const first = await get({ limit: '2' });
    const second = await get({ limit: '2', cursor: first.nextCursor });
    expect([...titles(first), ...titles(second)].sort()).toEqual(['Early bird', 'Paused offer', 'Yoga class']);
    expect(second.nextCursor).toBeNull();
    for (const query of [{ status: 'gone' }, { search: 'x'.repeat(201) }, { limit: '0' }]) expectProblem(await t.http().get(paylinks).query(query).set(bearer(owner.tokens)), 400, 'validation-failed');

    const bad: Array<Record<string, unknown>> = [
      { title: 'No amount', currency: 'EUR' },
      { title: 'No currency', amount: 100 },
      { title: 'Both', amountMode: 'customer_chooses', amount: 100, currency: 'EUR' },
      { title: 'Bounds', amountMode: 'customer_chooses', minAmount: 500, maxAmount: 100, currency: 'EUR' },
      { title: 'Past', amount: 100, currency: 'EUR', expiresAt: new Date(Date.now() - 60_000).toISOString() },
      { title: 'Select', amount: 100, currency: 'EUR', customFields: [{ key: 'size', label: 'Size', type: 'select' }] },
      { title: 'Twice', amount: 100, currency: 'EUR', customFields: [{ key: 'a', label: 'A', type: 'text' }, { key: 'a', label: 'B', type: 'email' }] },
      { title: 'Many', amount: 100, currency: 'EUR', customFields: Array.from({ length: 21 }, (_, i) => ({ key: `f${i}`, label: `F${i}`, type: 'text' })) },
      { title: 'Type', amount: 100, currency: 'EUR', customFields: [{ key: 'a', label: 'A', type: 'file' }] },
      { title: 'Url', amount: 100, currency: 'EUR', successUrl: 'javascript:alert(1)' },
    ];
    for (const body of bad) expectProblem(await t.http().post(paylinks).set(bearer(owner.tokens)).send(body), 400, 'validation-failed');
    const twenty = await createLink(t, owner.tokens, { title: 'Twenty fields', customFields: Array.from({ length: 20 }, (_, i) => ({ key: `f${i}`, label: `F${i}`, type: 'text' })) });
    expect(twenty.customFields).toHaveLength(20);
  });

  it('keeps an amount history: an amount change is a new version, other edits are not, and each checkout keeps the version it was opened at', async () => {
    const { t } = app;
    const owner = await signup(t);
    const link = await createLink(t, owner.tokens, { title: 'Consultation', amount: 10_000 });
    const slug = await tenantSlug(t, owner);
    await t.http().post(`${publicPath(slug, link.slug)}/checkout`).send({}).expect(201);
    await t.http().patch(`${paylinks}/${link.id}`).set(bearer(owner.tokens)).send({ description: 'One hour' }).expect(200);
    const changed = (await t.http().patch(`${paylinks}/${link.id}`).set(bearer(owner.tokens)).send({ amount: 12_000 }).expect(200)).body;
    expect(changed).toMatchObject({ version: 2, amount: 12_000, description: 'One hour' });
    const chooses = (await t.http().patch(`${paylinks}/${link.id}`).set(bearer(owner.tokens)).send({ amountMode: 'customer_chooses', minAmount: 5000, currency: 'usd' }).expect(200)).body;
    expect(chooses).toMatchObject({ version: 3, amountMode: 'customer_chooses', amount: null, minAmount: 5000, maxAmount: null, currency: 'USD' });
    await t.http().post(`${publicPath(slug, link.slug)}/checkout`).send({ amount: 7500 }).expect(201);
    const versions = (await t.http().get(`${paylinks}/${link.id}/versions`).set(bearer(owner.tokens)).expect(200)).body;
    expect(versions.data.map((v: Record<string, unknown>) => [v.version, v.amountMode, v.amount, v.minAmount, v.currency, v.changedBy])).toEqual([
      [3, 'customer_chooses', null, 5000, 'USD', owner.userId],
      [2, 'fixed', 12_000, null, 'EUR', owner.userId],
      [1, 'fixed', 10_000, null, 'EUR', owner.userId],
    ]);
    const reservations = await ownerQuery(t, `select v.version, r.amount, r.currency from paylink_reservations r join paylink_versions v on v.id = r.version_id where r.paylink_id = $1 order by r.created_at`, [link.id]);
    expect(reservations.map((r) => [r.version, Number(r.amount), r.currency])).toEqual([[1, 10_000, 'EUR'], [3, 7500, 'USD']]);

    // a linked one-time price gives the amount and currency
    const price = await seedPrice(t, app.fake, owner.tenantId, null, { product: 'prod_x', unitAmount: 4200, currency: 'gbp', type: 'one_time' });
    const priced = await createLink(t, owner.tokens, { title: 'Priced', amount: undefined, currency: undefined, priceId: price.id });
    expect(priced).toMatchObject({ priceId: price.id, amountMode: 'fixed', amount: 4200, currency: 'GBP' });
    expectProblem(await t.http().post(paylinks).set(bearer(owner.tokens)).send({ title: 'Priced', priceId: price.id, amount: 100 }), 400, 'validation-failed');
    const recurring = await seedPrice(t, app.fake, owner.tenantId, null, { product: 'prod_x', unitAmount: 900 });
    expectProblem(await t.http().post(paylinks).set(bearer(owner.tokens)).send({ title: 'Monthly', priceId: recurring.id }), 422, 'paylink-price-unusable');
  });

  it('refuses checkouts of inactive, expired and sold-out links with their problem types, and bad answers with per-field errors', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const slug = await tenantSlug(t, owner);
    const link = await createLink(t, owner.tokens, {
      title: 'Retreat',
      maxUses: 1,
      customFields: [
        { key: 'company', label: 'Company', type: 'text', required: true },
        { key: 'seats', label: 'Seats', type: 'number' },
        { key: 'size', label: 'Size', type: 'select', options: ['S', 'M', 'L'] },
        { key: 'terms', label: 'Terms', type: 'checkbox', required: true },
        { key: 'arrival', label: 'Arrival', type: 'date' },
        { key: 'invoice_to', label: 'Invoice email', type: 'email' },
      ],
    });
    const checkout = (body: Record<string, unknown>) => t.http().post(`${publicPath(slug, link.slug)}/checkout`).send(body);
    const wrong = await checkout({ customFields: { seats: 'two', size: 'XL', terms: false, arrival: '2027-02-30', invoice_to: 'nope', extra: 1 } });
    expectProblem(wrong, 422, 'paylink-custom-fields-invalid');
    expect(wrong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['customFields.arrival', 'customFields.company', 'customFields.extra', 'customFields.invoice_to', 'customFields.seats', 'customFields.size', 'customFields.terms'].sort(),
    );
    expectProblem(await checkout({ amount: 99, customFields: { company: 'Acme', terms: true } }), 400, 'validation-failed');
    expect(sessionCalls(fake, link.id)).toHaveLength(0);

    await t.http().post(`${paylinks}/${link.id}/deactivate`).set(bearer(owner.tokens)).send({}).expect(200);
    expectProblem(await checkout({ customFields: { company: 'Acme', terms: true } }), 409, 'paylink-inactive');
    expect((await t.http().get(publicPath(slug, link.slug)).expect(200)).body.availability).toBe('inactive');
    await t.http().post(`${paylinks}/${link.id}/activate`).set(bearer(owner.tokens)).send({}).expect(200);

    const good = { email: 'buyer@example.test', customFields: { company: ' Acme ', seats: 2, size: 'M', terms: true, arrival: '2027-03-01', invoice_to: 'ap@acme.test' } };
    const opened = await checkout(good).expect(201);
    expect(Object.keys(opened.body).sort()).toEqual(['expiresAt', 'url']);
    const [reservation] = await ownerQuery(t, `select custom_fields, customer_email, status from paylink_reservations where paylink_id = $1`, [link.id]);
    expect(reservation).toEqual({ custom_fields: { company: 'Acme', seats: 2, size: 'M', terms: true, arrival: '2027-03-01', invoice_to: 'ap@acme.test' }, customer_email: 'buyer@example.test', status: 'reserved' });
    expectProblem(await checkout(good), 409, 'paylink-sold-out');
    expect((await t.http().get(publicPath(slug, link.slug)).expect(200)).body).toMatchObject({ availability: 'sold_out', usesRemaining: 0 });
    // an open checkout that ran out stops holding its use
    await ownerQuery(t, `update paylink_reservations set expires_at = now() - interval '1 second' where paylink_id = $1`, [link.id]);
    await checkout(good).expect(201);

    await ownerQuery(t, `update paylinks set expires_at = now() - interval '1 second' where id = $1`, [link.id]);
    expectProblem(await checkout(good), 410, 'paylink-expired');
    expect((await t.http().get(publicPath(slug, link.slug)).expect(200)).body.availability).toBe('expired');
    expect(sessionCalls(fake, link.id)).toHaveLength(2);
    expectProblem(await t.http().get(publicPath(slug, 'no-such-link')), 404, 'not-found');
    expectProblem(await t.http().get(publicPath('no-such-business', link.slug)), 404, 'not-found');
  });

  it('never oversells: 50 concurrent checkouts against max uses 10 give exactly 10 URLs and 10 Stripe sessions', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const slug = await tenantSlug(t, owner);
    const link = await createLink(t, owner.tokens, { title: 'Limited drop', maxUses: 10 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => t.http().post(`${publicPath(slug, link.slug)}/checkout`).send({})));
    const ok = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status !== 201);
    expect(ok).toHaveLength(10);
    expect(new Set(ok.map((r) => r.body.url)).size).toBe(10);
    expect(refused).toHaveLength(40);
    for (const res of refused) expectProblem(res, 409, 'paylink-sold-out');
    expect(sessionCalls(fake, link.id)).toHaveLength(10);
    const [{ n }] = await ownerQuery(t, `select count(*)::int as n from paylink_reservations where paylink_id = $1 and status = 'reserved' and checkout_session_id is not null`, [link.id]);
    expect(n).toBe(10);
  });

  it('counts a use once per paid session from the webhook inbox, whatever duplicates and out-of-order events arrive; an expired session frees its use', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const slug = await tenantSlug(t, owner);
    const link = await createLink(t, owner.tokens, { title: 'Masterclass', amountMode: 'customer_chooses', amount: undefined, minAmount: 1000, maxUses: 2 });
    const open = async (amount: number) => (await t.http().post(`${publicPath(slug, link.slug)}/checkout`).send({ amount }).expect(201)).body.url as string;
    const first = await open(3000);
    const second = await open(5000);
    const [call] = sessionCalls(fake, link.id);
    const [{ fee_bps: feeBps }] = await ownerQuery(t, `select (settings->>'platformFeeBps')::int as fee_bps from tenants where id = $1`, [owner.tenantId]);
    expect(call).toMatchObject({ stripeAccount: account, body: expect.objectContaining({ mode: 'payment', expires_at: expect.any(Number) }) });
    expect(call.idempotencyKey).toMatch(/^bo:checkout_session\.create:/);
    expect(call.body.line_items).toEqual([{ price_data: { currency: 'eur', unit_amount: 3000, product_data: { name: 'Masterclass' } }, quantity: 1 }]);
    expect((call.body.payment_intent_data as Record<string, unknown>).application_fee_amount).toBe(Math.floor((3000 * feeBps) / 10_000) || undefined);
    await t.http().post(`${publicPath(slug, link.slug)}/checkout`).send({ amount: 2000 }).expect(409);

    const paid = sessionObject(fake, first, { status: 'complete', payment_status: 'paid', amount_total: 3000, customer_details: { email: 'ann@example.test' } });
    const expiredFirst = sessionObject(fake, first, { status: 'expired', payment_status: 'unpaid' });
    const completed = stripeEvent('checkout.session.completed', paid, { account });
    // the same event twice, a redelivery under a new event id, and a stale expiry of the paid session after them
    await deliverProcessed(t, [completed, stripeEvent('checkout.session.completed', paid, { account, created: completed.created - 5 }), stripeEvent('checkout.session.expired', expiredFirst, { account, created: completed.created - 10 })]);
    await deliverProcessed(t, [completed]);
    let detail = (await t.http().get(`${paylinks}/${link.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(detail).toMatchObject({ usesCount: 1, revenue: 3000, reservedCount: 1, status: 'active' });

    // the second buyer gives up: its session expires (twice), the use is free again, then paid by a third buyer
    const expired = sessionObject(fake, second, { status: 'expired', payment_status: 'unpaid' });
    await deliverProcessed(t, [stripeEvent('checkout.session.expired', expired, { account }), stripeEvent('checkout.session.expired', expired, { account })]);
    detail = (await t.http().get(`${paylinks}/${link.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(detail).toMatchObject({ usesCount: 1, reservedCount: 0 });
    const third = await open(1500);
    await deliverProcessed(t, [stripeEvent('checkout.session.completed', sessionObject(fake, third, { status: 'complete', payment_status: 'paid', amount_total: 1500 }), { account })]);
    detail = (await t.http().get(`${paylinks}/${link.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(detail).toMatchObject({ usesCount: 2, revenue: 4500, reservedCount: 0, status: 'expired' });
    expectProblem(await t.http().post(`${publicPath(slug, link.slug)}/checkout`).send({ amount: 2000 }), 409, 'paylink-sold-out');
    const rows = await ownerQuery(t, `select status, amount_paid, customer_email from paylink_reservations where paylink_id = $1 order by created_at`, [link.id]);
    expect(rows.map((r) => [r.status, r.amount_paid === null ? null : Number(r.amount_paid), r.customer_email])).toEqual([['confirmed', 3000, 'ann@example.test'], ['released', null, null], ['confirmed', 1500, null]]);

    // with payments it is archived, not deleted; a link nobody paid is deleted
    expect((await t.http().delete(`${paylinks}/${link.id}`).set(bearer(owner.tokens)).expect(200)).body).toEqual({ outcome: 'archived' });
    expectProblem(await t.http().get(publicPath(slug, link.slug)), 404, 'not-found');
    expectProblem(await t.http().post(`${paylinks}/${link.id}/activate`).set(bearer(owner.tokens)).send({}), 409, 'paylink-archived');
    expect((await t.http().get(paylinks).query({ status: 'archived' }).set(bearer(owner.tokens)).expect(200)).body.data.map((l: { id: string }) => l.id)).toEqual([link.id]);
    const unused = await createLink(t, owner.tokens, { title: 'Unused' });
    expect((await t.http().delete(`${paylinks}/${unused.id}`).set(bearer(owner.tokens)).expect(200)).body).toEqual({ outcome: 'deleted' });
    await t.http().get(`${paylinks}/${unused.id}`).set(bearer(owner.tokens)).expect(404);
  });

  it('holds the use of a completed session whose bank payment is pending until it succeeds or fails; a Stripe refusal frees its use at once', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const slug = await tenantSlug(t, owner);
    const link = await createLink(t, owner.tokens, { title: 'Workshop seat', maxUses: 2 });
    const open = async () => (await t.http().post(`${publicPath(slug, link.slug)}/checkout`).send({}).expect(201)).body.url as string;
    const [sepa, failing] = [await open(), await open()];
    const pending = (url: string) => sessionObject(fake, url, { status: 'complete', payment_status: 'unpaid', amount_total: 2500 });
    await deliverProcessed(t, [stripeEvent('checkout.session.completed', pending(sepa)), stripeEvent('checkout.session.completed', pending(failing))]);
    const holds = await ownerQuery(t, `select status, expires_at > now() + interval '7 days' as held_long from paylink_reservations where paylink_id = $1`, [link.id]);
    expect(holds).toEqual([{ status: 'reserved', held_long: true }, { status: 'reserved', held_long: true }]);
    let detail = (await t.http().get(`${paylinks}/${link.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(detail).toMatchObject({ usesCount: 0, reservedCount: 2 });
    expectProblem(await t.http().post(`${publicPath(slug, link.slug)}/checkout`).send({}), 409, 'paylink-sold-out');
    await deliverProcessed(t, [
      stripeEvent('checkout.session.async_payment_succeeded', sessionObject(fake, sepa, { status: 'complete', payment_status: 'paid', amount_total: 2500 })),
      stripeEvent('checkout.session.async_payment_failed', pending(failing)),
    ]);
    detail = (await t.http().get(`${paylinks}/${link.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(detail).toMatchObject({ usesCount: 1, revenue: 2500, reservedCount: 0 });

    // Stripe refuses the next session: the buyer gets the refusal and the use is not held
    fake.route('POST', /^\/v1\/checkout\/sessions$/, (request) =>
      (request.body.metadata as Record<string, string>).paylink_id === link.id ? { status: 400, body: { error: { type: 'invalid_request_error', message: 'Not a valid currency' } } } : undefined,
    );
    expectProblem(await t.http().post(`${publicPath(slug, link.slug)}/checkout`).send({}), 422, 'stripe-request-refused');
    const [last] = await ownerQuery(t, `select status from paylink_reservations where paylink_id = $1 order by created_at desc limit 1`, [link.id]);
    expect(last.status).toBe('released');
    expect((await t.http().get(publicPath(slug, link.slug)).expect(200)).body).toMatchObject({ availability: 'active', usesRemaining: 1 });
  });

  it('public endpoints show only what the page needs: no ids of ours or Stripe\'s; platform-account checkouts carry the tenant in metadata', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const slug = await tenantSlug(t, owner);
    const price = await seedPrice(t, fake, owner.tenantId, null, { product: `prod_${suffix()}`, unitAmount: 1900, type: 'one_time' });
    const link = await createLink(t, owner.tokens, { title: 'Ebook', amount: undefined, currency: undefined, priceId: price.id, description: 'A PDF', requireShipping: true, metadata: { sku: 'EB-1' } });
    const page = (await t.http().get(publicPath(slug, link.slug)).expect(200)).body;
    expect(page).toEqual({
      businessName: expect.any(String), title: 'Ebook', description: 'A PDF', amountMode: 'fixed', amount: 1900, minAmount: null, maxAmount: null, currency: 'EUR',
      requireShipping: true, customFields: [], expiresAt: null, availability: 'active', usesRemaining: null,
    });
    const text = JSON.stringify(page);
    for (const secret of [owner.tenantId, link.id, price.id, price.stripeId, 'EB-1', 'acct_', 'price_']) expect(text).not.toContain(secret);
    const opened = (await t.http().post(`${publicPath(slug, link.slug)}/checkout`).send({}).expect(201)).body;
    expect(Object.keys(opened).sort()).toEqual(['expiresAt', 'url']);
    expect(JSON.stringify(opened)).not.toContain(owner.tenantId);
    const [call] = sessionCalls(fake, link.id);
    expect(call.stripeAccount).toBeNull();
    expect(call.body).toMatchObject({
      line_items: [{ price: price.stripeId, quantity: 1 }],
      metadata: { tenant_id: owner.tenantId, paylink_id: link.id },
      shipping_address_collection: { allowed_countries: expect.arrayContaining(['DE', 'US']) },
      payment_intent_data: { metadata: { tenant_id: owner.tenantId, paylink_id: link.id } },
    });
    expect((call.body.payment_intent_data as Record<string, unknown>).application_fee_amount).toBeUndefined();
    expect(String(call.body.success_url)).toContain(`/pay/${slug}/${link.slug}/success?session_id={CHECKOUT_SESSION_ID}`);
    expect(await auditActions(t, owner.tenantId, link.id)).toEqual(['paylink.created', 'paylink.checkout_started']);
  });

  it('viewers and support read but cannot write; another business gets 404 for every id', async () => {
    const { t } = app;
    const owner = await signup(t);
    const other = await signup(t);
    const link = await createLink(t, owner.tokens, { title: 'Guarded' });
    for (const role of ['viewer', 'support']) {
      const member = await addMember(t, owner, [role]);
      await t.http().get(paylinks).set(bearer(member.tokens)).expect(200);
      await t.http().get(`${paylinks}/${link.id}/versions`).set(bearer(member.tokens)).expect(200);
      const writes = [
        t.http().post(paylinks).set(bearer(member.tokens)).send({ title: 'Mine', amount: 100, currency: 'EUR' }),
        t.http().patch(`${paylinks}/${link.id}`).set(bearer(member.tokens)).send({ title: 'Mine' }),
        t.http().delete(`${paylinks}/${link.id}`).set(bearer(member.tokens)),
        t.http().post(`${paylinks}/${link.id}/deactivate`).set(bearer(member.tokens)).send({}),
      ];
      for (const res of await Promise.all(writes)) expectProblem(res, 403, 'forbidden');
    }
    const theirs = [
      t.http().get(`${paylinks}/${link.id}`).set(bearer(other.tokens)),
      t.http().get(`${paylinks}/${link.id}/versions`).set(bearer(other.tokens)),
      t.http().patch(`${paylinks}/${link.id}`).set(bearer(other.tokens)).send({ title: 'Hijacked' }),
      t.http().post(`${paylinks}/${link.id}/deactivate`).set(bearer(other.tokens)).send({}),
      t.http().delete(`${paylinks}/${link.id}`).set(bearer(other.tokens)),
    ];
    for (const res of await Promise.all(theirs)) expectProblem(res, 404, 'not-found');
    expect((await t.http().get(paylinks).set(bearer(other.tokens)).expect(200)).body.data).toEqual([]);
    expect((await t.http().get(`${paylinks}/${link.id}`).set(bearer(owner.tokens)).expect(200)).body).toMatchObject({ title: 'Guarded', status: 'active' });
  });
});
