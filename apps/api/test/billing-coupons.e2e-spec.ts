import { ownerQuery, signup, startTestApp, TestApp } from './harness';
import { connect, deliver, FakeStripe, runSync, seconds, stripeEnv, stripeEvent } from './billing.fixtures';
import { waitFor } from './net-helpers';

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
});
