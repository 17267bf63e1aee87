import { randomUUID } from 'node:crypto';
import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp, type Tokens } from './harness';
import { connect, DAY, deliver, FakeStripe, runSync, seconds, seedSubscription, stripeEnv, stripeEvent } from './billing.fixtures';
import { waitFor } from './net-helpers';
import { addMember, auditActions } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

/** Waits until the worker processed these Stripe events. */
async function processed(t: TestApp, ids: string[]): Promise<void> {
  await waitFor(async () => (await ownerQuery(t, `select 1 from stripe_events where stripe_event_id = any($1) and status = 'processed'`, [ids])).length === ids.length, `${ids.length} events processed`, 15_000);
}

const couponRow = (t: TestApp, tenantId: string, stripeId: string) => ownerQuery(t, `select * from billing_coupons where tenant_id = $1 and stripe_id = $2`, [tenantId, stripeId]).then((r) => r[0]);
const codeRow = (t: TestApp, tenantId: string, stripeId: string) => ownerQuery(t, `select * from billing_promotion_codes where tenant_id = $1 and stripe_id = $2`, [tenantId, stripeId]).then((r) => r[0]);

describe('billing: coupons and promotion codes (e2e)', () => {
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

  it('webhooks mirror coupons (created, updated, deleted as a tombstone) and promotion codes in either API shape, order-safely', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const at = seconds() - 60;
    const coupon = {
      id: 'co_hooked', object: 'coupon', name: 'Spring', percent_off: 25, amount_off: null, currency: null, duration: 'repeating', duration_in_months: 3,
      max_redemptions: 10, redeem_by: at + 86_400, times_redeemed: 0, valid: true, applies_to: { products: ['prod_a'] }, created: at, livemode: false, metadata: {},
    };
    const created = stripeEvent('coupon.created', coupon, { account, created: at });
    const redeemed = stripeEvent('coupon.updated', { ...coupon, times_redeemed: 2 }, { account, created: at + 10 });
    // Older than what is held: dropped.
    const stale = stripeEvent('coupon.updated', { ...coupon, name: 'Stale' }, { account, created: at + 5 });
    for (const event of [created, redeemed, stale]) await deliver(t, event).expect(200);
    await processed(t, [created.id, redeemed.id, stale.id]);
    expect(await couponRow(t, owner.tenantId, 'co_hooked')).toMatchObject({
      stripe_account: account, name: 'Spring', percent_off: '25', amount_off: null, duration: 'repeating', duration_in_months: 3, max_redemptions: 10,
      times_redeemed: 2, valid: true, applies_to_products: ['prod_a'], deleted_at: null, deactivated_at: null,
    });

    const code = {
      id: 'promo_hooked', object: 'promotion_code', code: 'SPRING25', active: true, max_redemptions: 5, times_redeemed: 0, expires_at: null,
      promotion: { type: 'coupon', coupon: 'co_hooked' }, restrictions: { first_time_transaction: true, minimum_amount: 2000, minimum_amount_currency: 'eur' },
      created: at, livemode: false, metadata: {},
    };
    const codeCreated = stripeEvent('promotion_code.created', code, { account, created: at });
    // An older API version: the coupon as an object at the top.
    const { promotion: _promotion, ...older } = code;
    const codeOff = stripeEvent('promotion_code.updated', { ...older, coupon: { ...coupon }, active: false, times_redeemed: 1 }, { account, created: at + 20 });
    await deliver(t, codeCreated).expect(200);
    await deliver(t, codeOff).expect(200);
    await processed(t, [codeCreated.id, codeOff.id]);
    expect(await codeRow(t, owner.tenantId, 'promo_hooked')).toMatchObject({
      coupon: 'co_hooked', code: 'SPRING25', active: false, max_redemptions: 5, times_redeemed: 1, first_time_transaction: true, minimum_amount: '2000', minimum_amount_currency: 'EUR',
    });

    const deleted = stripeEvent('coupon.deleted', { id: 'co_hooked', object: 'coupon', deleted: true, metadata: {} }, { account, created: at + 30 });
    await deliver(t, deleted).expect(200);
    await processed(t, [deleted.id]);
    const tombstone = await couponRow(t, owner.tenantId, 'co_hooked');
    expect(tombstone).toMatchObject({ valid: false, name: 'Spring', times_redeemed: 2 });
    expect(tombstone.deleted_at).not.toBeNull();
  });

  it('the import lists coupons (products expanded) and promotion codes of the connected account into the mirror', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const coupon = fake.put('coupons', { name: 'Ten off', amount_off: 1000, currency: 'eur', duration: 'once', times_redeemed: 1, applies_to: { products: ['prod_x'] } }, account);
    const code = fake.put('promotion_codes', { code: 'TENOFF', promotion: { type: 'coupon', coupon: coupon.id }, restrictions: { first_time_transaction: false } }, account);
    const run = await runSync(t, owner, 'import');
    expect(run).toMatchObject({ status: 'succeeded', errors: [] });
    expect(run.progress).toMatchObject({ coupons: { done: true, checked: 1, imported: 1 }, promotion_codes: { done: true, checked: 1, imported: 1 } });
    expect(fake.seen('GET', '/v1/coupons').filter((r) => r.stripeAccount === account).map((r) => r.query.expand)).toEqual([['data.applies_to']]);
    expect(await couponRow(t, owner.tenantId, coupon.id)).toMatchObject({ name: 'Ten off', amount_off: '1000', currency: 'EUR', duration: 'once', times_redeemed: 1, applies_to_products: ['prod_x'] });
    expect(await codeRow(t, owner.tenantId, code.id)).toMatchObject({ coupon: coupon.id, code: 'TENOFF', active: true });
    // A second run finds nothing drifted.
    const again = await runSync(t, owner, 'sync');
    expect(again).toMatchObject({ status: 'succeeded', driftFound: 0 });
  });

  const api = (owner: { tokens: Tokens }) => ({
    get: (path: string) => t.http().get(`/api/v1/billing${path}`).set(bearer(owner.tokens)),
    post: (path: string, body: object = {}, key?: string) => {
      const request = t.http().post(`/api/v1/billing${path}`).set(bearer(owner.tokens));
      return (key ? request.set('idempotency-key', key) : request).send(body);
    },
    delete: (path: string, key?: string) => {
      const request = t.http().delete(`/api/v1/billing${path}`).set(bearer(owner.tokens));
      return key ? request.set('idempotency-key', key) : request;
    },
  });

  /** A coupon of the owner's business made through the API; `redeemed` times as Stripe (and then the mirror) counts them. */
  async function coupon(owner: Signup, account: string, body: object = {}, redeemed = 0) {
    const created = (await api(owner).post('/coupons', { name: 'Ten percent', percentOff: 10, duration: 'forever', ...body }).expect(201)).body;
    if (redeemed) {
      fake.put('coupons', { id: created.stripeId, times_redeemed: redeemed }, account);
      await ownerQuery(t, `update billing_coupons set times_redeemed = $2 where id = $1`, [created.id, redeemed]);
    }
    return created;
  }

  it('creates a coupon in Stripe (percent, repeating, restricted to products), mirrors and audits it once, retried with the same key; lists and shows it', async () => {
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const product = (await api(owner).post('/products', { name: 'Coaching' }).expect(201)).body;
    const redeemBy = new Date((seconds() + 30 * DAY) * 1000).toISOString();
    const body = { name: 'Spring', percentOff: 25, duration: 'repeating', durationInMonths: 3, maxRedemptions: 100, redeemBy, productIds: [product.id] };
    const key = randomUUID();
    const first = await api(owner).post('/coupons', body, key).expect(201);
    expect(first.body).toMatchObject({
      name: 'Spring', percentOff: 25, amountOff: null, duration: 'repeating', durationInMonths: 3, maxRedemptions: 100, redeemBy, timesRedeemed: 0,
      appliesToProducts: [product.stripeId], valid: true, usable: true, deactivatedAt: null, promotionCodes: [], promotionCodeRedemptions: 0,
    });
    const calls = fake.seen('POST', '/v1/coupons').filter((r) => r.stripeAccount === account);
    expect(calls).toEqual([expect.objectContaining({
      idempotencyKey: expect.stringMatching(/^bo:coupon\.create:/),
      body: expect.objectContaining({ name: 'Spring', percent_off: 25, duration: 'repeating', duration_in_months: 3, max_redemptions: 100, redeem_by: Math.floor(new Date(redeemBy).getTime() / 1000), applies_to: { products: [product.stripeId] }, metadata: { tenant_id: owner.tenantId } }),
    })]);
    expect(await couponRow(t, owner.tenantId, first.body.stripeId)).toMatchObject({ id: first.body.id, stripe_account: account, percent_off: '25', applies_to_products: [product.stripeId] });
    const again = await api(owner).post('/coupons', body, key).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(fake.seen('POST', '/v1/coupons').filter((r) => r.stripeAccount === account)).toHaveLength(1);
    expect(await auditActions(t, owner.tenantId, first.body.id)).toEqual(['coupon.created']);

    // An amount coupon, then the list: newest first, pages, the valid filter.
    const amount = (await api(owner).post('/coupons', { name: 'Five euros', amountOff: 500, currency: 'eur', duration: 'once' }).expect(201)).body;
    expect(amount).toMatchObject({ amountOff: 500, currency: 'EUR', percentOff: null, appliesToProducts: null });
    expect(fake.seen('POST', '/v1/coupons').at(-1)!.body).toMatchObject({ amount_off: 500, currency: 'eur', duration: 'once' });
    await ownerQuery(t, `update billing_coupons set valid = false where id = $1`, [first.body.id]);
    const page = (await api(owner).get('/coupons?limit=1').expect(200)).body;
    expect(page.data.map((c: { id: string }) => c.id)).toEqual([amount.id]);
    const rest = (await api(owner).get(`/coupons?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`).expect(200)).body;
    expect(rest.data.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
    expect((await api(owner).get('/coupons?valid=false').expect(200)).body.data.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
    expect((await api(owner).get('/coupons?valid=true').expect(200)).body.data.map((c: { id: string }) => c.id)).toEqual([amount.id]);
    expect((await api(owner).get(`/coupons/${first.body.id}`).expect(200)).body).toMatchObject({ valid: false, usable: false });

    // Nobody else: a viewer reads but does not create, another business finds nothing, bad input sends nothing.
    const viewer = await addMember(t, owner, ['viewer']);
    await api(viewer).get('/coupons').expect(200);
    const count = fake.requests.length;
    expectProblem(await api(viewer).post('/coupons', body), 403);
    expectProblem(await api(other).get(`/coupons/${first.body.id}`), 404);
    expect((await api(other).get('/coupons').expect(200)).body.data).toEqual([]);
    expectProblem(await api(other).post('/coupons', { ...body, redeemBy: undefined }), 404);
    const invalid: object[] = [
      { ...body, percentOff: 0 }, { ...body, percentOff: 101 }, { ...body, percentOff: 12.345 }, { ...body, amountOff: 500, currency: 'EUR' },
      { name: 'X', duration: 'once' }, { name: 'X', amountOff: 500, duration: 'once' }, { name: 'X', percentOff: 5, currency: 'EUR', duration: 'once' },
      { ...body, durationInMonths: undefined }, { ...body, durationInMonths: 37 }, { ...body, durationInMonths: 0 }, { name: 'X', percentOff: 5, duration: 'once', durationInMonths: 2 },
      { ...body, duration: 'weekly' }, { ...body, redeemBy: new Date(Date.now() - 60_000).toISOString() }, { ...body, productIds: ['prod_1'] }, { ...body, name: '' }, { ...body, extra: true },
    ];
    for (const bad of invalid) expectProblem(await api(owner).post('/coupons', bad), 400, 'validation-failed');
    expectProblem(await api(owner).get('/coupons?valid=maybe'), 400, 'validation-failed');
    expect(fake.requests.length).toBe(count);
  });

  it('promotion codes: created for a coupon (promotion[type]=coupon, restrictions), unique per business, listed by coupon and state, turned off and on', async () => {
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const created = await coupon(owner, account, { maxRedemptions: 50 });
    const expiresAt = new Date((seconds() + 10 * DAY) * 1000).toISOString();
    const body = { code: 'SPRING25', maxRedemptions: 20, expiresAt, firstTimeTransaction: true, minimumAmount: 2000, currency: 'EUR' };
    const key = randomUUID();
    const code = (await api(owner).post(`/coupons/${created.id}/promotion-codes`, body, key).expect(201)).body;
    expect(code).toMatchObject({ code: 'SPRING25', couponId: created.id, couponStripeId: created.stripeId, active: true, maxRedemptions: 20, expiresAt, firstTimeTransaction: true, minimumAmount: 2000, minimumAmountCurrency: 'EUR' });
    const calls = fake.seen('POST', '/v1/promotion_codes').filter((r) => r.stripeAccount === account);
    expect(calls).toEqual([expect.objectContaining({
      idempotencyKey: expect.stringMatching(/^bo:promotion_code\.create:/),
      body: expect.objectContaining({
        promotion: { type: 'coupon', coupon: created.stripeId }, code: 'SPRING25', max_redemptions: 20, expires_at: Math.floor(new Date(expiresAt).getTime() / 1000),
        restrictions: { first_time_transaction: true, minimum_amount: 2000, minimum_amount_currency: 'eur' },
      }),
    })]);
    await api(owner).post(`/coupons/${created.id}/promotion-codes`, body, key).expect(201);
    expect(fake.seen('POST', '/v1/promotion_codes').filter((r) => r.stripeAccount === account)).toHaveLength(1);
    expect(await codeRow(t, owner.tenantId, code.stripeId)).toMatchObject({ id: code.id, coupon: created.stripeId, active: true, minimum_amount: '2000' });
    expect(await auditActions(t, owner.tenantId, code.id)).toEqual(['promotion_code.created']);
    expect((await api(owner).get(`/coupons/${created.id}`).expect(200)).body.promotionCodes.map((c: { id: string }) => c.id)).toEqual([code.id]);

    const count = fake.requests.length;
    expectProblem(await api(owner).post(`/coupons/${created.id}/promotion-codes`, { code: 'SPRING25' }), 409, 'promotion-code-taken');
    expectProblem(await api(owner).post(`/coupons/${created.id}/promotion-codes`, { code: 'MORE', maxRedemptions: 51 }), 422, 'promotion-code-exceeds-coupon');
    for (const bad of [{ code: 'spring' }, { code: 'AB' }, { code: 'A'.repeat(41) }, { code: 'SPRING-25' }, { code: 'OK1', minimumAmount: 100 }, { code: 'OK2', currency: 'EUR' }, { code: 'OK3', expiresAt: new Date(Date.now() - 1000).toISOString() }, { code: 'OK4', maxRedemptions: 0 }]) {
      expectProblem(await api(owner).post(`/coupons/${created.id}/promotion-codes`, bad), 400, 'validation-failed');
    }
    const viewer = await addMember(t, owner, ['viewer']);
    expectProblem(await api(viewer).post(`/coupons/${created.id}/promotion-codes`, { code: 'VIEWER1' }), 403);
    expectProblem(await api(viewer).post(`/promotion-codes/${code.id}/deactivate`), 403);
    expectProblem(await api(other).post(`/coupons/${created.id}/promotion-codes`, { code: 'OTHER1' }), 404);
    expectProblem(await api(other).post(`/promotion-codes/${code.id}/deactivate`), 404);
    expect(fake.requests.length).toBe(count);

    const second = (await api(owner).post(`/coupons/${created.id}/promotion-codes`, { code: 'FRIENDS' }).expect(201)).body;
    const off = (await api(owner).post(`/promotion-codes/${code.id}/deactivate`, {}, randomUUID()).expect(200)).body;
    expect(off).toMatchObject({ id: code.id, active: false });
    expect(fake.seen('POST', `/v1/promotion_codes/${code.stripeId}`)).toEqual([expect.objectContaining({ stripeAccount: account, idempotencyKey: expect.stringMatching(/^bo:promotion_code\.update:/), body: { active: false } })]);
    expect(await codeRow(t, owner.tenantId, code.stripeId)).toMatchObject({ active: false });
    expectProblem(await api(owner).post(`/promotion-codes/${code.id}/deactivate`), 409, 'promotion-code-already-inactive');
    const list = (active: boolean | null, couponId?: string) => api(owner).get(`/promotion-codes?${active === null ? '' : `active=${active}&`}${couponId ? `couponId=${couponId}` : ''}`).expect(200).then((r) => r.body.data.map((c: { id: string }) => c.id));
    expect(await list(true)).toEqual([second.id]);
    expect(await list(false)).toEqual([code.id]);
    expect(await list(null, created.id)).toEqual([second.id, code.id]);
    expect(await list(null, randomUUID())).toEqual([]);
    expect((await api(other).get('/promotion-codes').expect(200)).body.data).toEqual([]);
    expectProblem(await api(owner).get('/promotion-codes?couponId=nope'), 400, 'validation-failed');

    const on = (await api(owner).post(`/promotion-codes/${code.id}/activate`).expect(200)).body;
    expect(on.active).toBe(true);
    expect(fake.seen('POST', `/v1/promotion_codes/${code.stripeId}`).at(-1)!.body).toEqual({ active: true });
    expect(await auditActions(t, owner.tenantId, code.id)).toEqual(['promotion_code.created', 'promotion_code.deactivated', 'promotion_code.activated']);
  });

  it('deactivates: an unredeemed coupon is deleted in Stripe; a redeemed one is kept, its codes turned off, and refused from then on', async () => {
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const fresh = await coupon(owner, account);
    const viewer = await addMember(t, owner, ['viewer']);
    expectProblem(await api(viewer).post(`/coupons/${fresh.id}/deactivate`), 403);
    expectProblem(await api((await signup(t))).post(`/coupons/${fresh.id}/deactivate`), 404);
    const key = randomUUID();
    const gone = (await api(owner).post(`/coupons/${fresh.id}/deactivate`, {}, key).expect(200)).body;
    expect(gone).toMatchObject({ id: fresh.id, valid: false, usable: false });
    expect(gone.deactivatedAt).not.toBeNull();
    expect(gone.deletedAt).not.toBeNull();
    await api(owner).post(`/coupons/${fresh.id}/deactivate`, {}, key).expect(200);
    expect(fake.seen('DELETE', `/v1/coupons/${fresh.stripeId}`)).toEqual([expect.objectContaining({ stripeAccount: account, idempotencyKey: expect.stringMatching(/^bo:coupon\.delete:/) })]);
    expect(fake.get('coupons', fresh.stripeId, account)).toBeUndefined();
    expectProblem(await api(owner).post(`/coupons/${fresh.id}/deactivate`), 409, 'coupon-already-deactivated');

    const used = await coupon(owner, account, { name: 'Loyal' }, 3);
    const codes = [];
    for (const code of ['LOYAL1', 'LOYAL2']) codes.push((await api(owner).post(`/coupons/${used.id}/promotion-codes`, { code }).expect(201)).body);
    const kept = (await api(owner).post(`/coupons/${used.id}/deactivate`).expect(200)).body;
    expect(kept).toMatchObject({ valid: true, usable: false, deletedAt: null, timesRedeemed: 3 });
    expect(kept.deactivatedAt).not.toBeNull();
    expect(kept.promotionCodes.map((c: { active: boolean }) => c.active)).toEqual([false, false]);
    expect(fake.seen('DELETE', `/v1/coupons/${used.stripeId}`)).toEqual([]);
    expect(fake.get('coupons', used.stripeId, account)).toBeDefined();
    for (const code of codes) expect(fake.seen('POST', `/v1/promotion_codes/${code.stripeId}`)).toEqual([expect.objectContaining({ stripeAccount: account, body: { active: false } })]);
    expect(await auditActions(t, owner.tenantId, used.id)).toEqual(['coupon.created', 'coupon.deactivated']);
    const [audit] = await ownerQuery(t, `select after from audit_logs where entity_id = $1 and action = 'coupon.deactivated'`, [used.id]);
    expect(audit.after).toEqual({ deletedInStripe: false, promotionCodesDeactivated: codes.map((c) => c.stripeId) });

    // Refused from now on, before any Stripe call: new codes, turning a code on again, applying it.
    const subscription = await seedSubscription(t, fake, owner.tenantId, account);
    const count = fake.requests.length;
    expectProblem(await api(owner).post(`/coupons/${used.id}/promotion-codes`, { code: 'LOYAL3' }), 422, 'coupon-not-usable');
    expectProblem(await api(owner).post(`/promotion-codes/${codes[0].id}/activate`), 422, 'coupon-not-usable');
    expectProblem(await api(owner).post(`/subscriptions/${subscription.id}/coupon`, { couponId: used.id }), 422, 'coupon-not-usable');
    expectProblem(await api(owner).post(`/subscriptions/${subscription.id}/coupon`, { couponId: fresh.id }), 422, 'coupon-not-usable');
    expect(fake.requests.length).toBe(count);
  });

  it('applies a coupon to a subscription and removes it (Stripe discounts), mirrored and audited; retried with the same key, one call', async () => {
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const created = await coupon(owner, account);
    const subscription = await seedSubscription(t, fake, owner.tenantId, account);
    const key = randomUUID();
    const applied = (await api(owner).post(`/subscriptions/${subscription.id}/coupon`, { couponId: created.id }, key).expect(200)).body;
    expect(applied.id).toBe(subscription.id);
    expect(applied.discounts).toEqual([{
      stripeId: expect.stringMatching(/^di_/), couponId: created.id, couponName: created.name, percentOff: created.percentOff, amountOff: created.amountOff,
      currency: created.currency, duration: created.duration, start: expect.any(String), end: created.duration === 'repeating' ? expect.any(String) : null,
    }]);
    await api(owner).post(`/subscriptions/${subscription.id}/coupon`, { couponId: created.id }, key).expect(200);
    expect(fake.seen('POST', `/v1/subscriptions/${subscription.stripeId}`)).toEqual([expect.objectContaining({
      stripeAccount: account, idempotencyKey: expect.stringMatching(/^bo:subscription\.update:/), body: { discounts: [{ coupon: created.stripeId }], expand: ['discounts'] },
    })]);
    expect(fake.get('subscriptions', subscription.stripeId, account)!.discounts).toEqual([expect.objectContaining({ object: 'discount', source: { type: 'coupon', coupon: created.stripeId } })]);
    const [mirrored] = await ownerQuery(t, `select stripe_updated_at > now() - interval '5 minutes' as fresh from billing_subscriptions where id = $1`, [subscription.id]);
    expect(mirrored.fresh).toBe(true);
    // Stripe's answer (discounts expanded) tells the mirror which discount the subscription has, its coupon and since when.
    const discountOf = `select s.discount_ids, d.coupon, d.start_at is not null as started, d.end_at from billing_subscriptions s
      left join billing_subscription_discounts d on d.tenant_id = s.tenant_id and d.stripe_id = s.discount_ids->>0 where s.id = $1`;
    expect(await ownerQuery(t, discountOf, [subscription.id])).toEqual([{ discount_ids: [expect.stringMatching(/^di_/)], coupon: created.stripeId, started: true, end_at: null }]);

    const viewer = await addMember(t, owner, ['viewer']);
    const count = fake.requests.length;
    expectProblem(await api(viewer).post(`/subscriptions/${subscription.id}/coupon`, { couponId: created.id }), 403);
    expectProblem(await api(viewer).delete(`/subscriptions/${subscription.id}/coupon`), 403);
    expectProblem(await api(other).post(`/subscriptions/${subscription.id}/coupon`, { couponId: created.id }), 404);
    expectProblem(await api(other).delete(`/subscriptions/${subscription.id}/coupon`), 404);
    expectProblem(await api(owner).post(`/subscriptions/${subscription.id}/coupon`, { couponId: randomUUID() }), 404);
    // Another business's coupon is not found; a used-up or expired one of ours is refused.
    const otherAccount = await connect(t, other.tenantId);
    expectProblem(await api(owner).post(`/subscriptions/${subscription.id}/coupon`, { couponId: (await coupon(other, otherAccount)).id }), 404);
    const usedUp = await coupon(owner, account, { name: 'Three only', maxRedemptions: 3 }, 3);
    const expired = await coupon(owner, account, { name: 'Short lived' });
    await ownerQuery(t, `update billing_coupons set redeem_by = now() - interval '1 minute' where id = $1`, [expired.id]);
    const refusals = [];
    for (const refused of [usedUp, expired]) refusals.push((await api(owner).post(`/subscriptions/${subscription.id}/coupon`, { couponId: refused.id }).expect(422)).body.detail);
    expect(refusals).toEqual(['This coupon is used up.', 'This coupon has expired.']);
    const count2 = fake.requests.length;
    for (const bad of [{}, { couponId: 'co_1' }, { couponId: created.id, extra: 1 }]) expectProblem(await api(owner).post(`/subscriptions/${subscription.id}/coupon`, bad), 400, 'validation-failed');
    expect(fake.requests.length).toBe(count2);
    // Of all these, only the first apply reached the subscription in Stripe.
    expect(fake.seen('POST', `/v1/subscriptions/${subscription.stripeId}`)).toHaveLength(1);

    const removeKey = randomUUID();
    expect((await api(owner).delete(`/subscriptions/${subscription.id}/coupon`, removeKey).expect(200)).body.discounts).toEqual([]);
    expect(fake.seen('DELETE', `/v1/subscriptions/${subscription.stripeId}/discount`)).toEqual([expect.objectContaining({ stripeAccount: account, idempotencyKey: expect.stringMatching(/^bo:subscription\.delete_discount:/) })]);
    expect(fake.get('subscriptions', subscription.stripeId, account)!.discounts).toEqual([]);
    expect((await ownerQuery(t, discountOf, [subscription.id]))[0]).toMatchObject({ discount_ids: [], coupon: null });
    expect(await auditActions(t, owner.tenantId, subscription.id)).toEqual(['subscription.coupon_applied', 'subscription.coupon_removed']);
    const [audit] = await ownerQuery(t, `select after from audit_logs where entity_id = $1 and action = 'subscription.coupon_applied'`, [subscription.id]);
    expect(audit.after).toMatchObject({ couponId: created.id, couponStripeId: created.stripeId });
    // Nothing left to remove: Stripe's refusal, as a 422.
    expectProblem(await api(owner).delete(`/subscriptions/${subscription.id}/coupon`), 422, 'stripe-request-refused');
  });
});
