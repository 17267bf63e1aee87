import { comparable, driftedColumns, MIRRORED_KINDS } from './mirrored-kinds';

const kind = (name: string) => MIRRORED_KINDS.find((k) => k.name === name)!;
const customers = kind('customers');
const products = kind('products');

/** Unix seconds as PostgreSQL answers a timestamptz column. */
const at = (seconds: number) => new Date(seconds * 1000);

describe('mirrored kinds: comparing Stripe objects with mirror rows', () => {
  it('every kind has one name; kinds sharing a table each cover their own rows of it', () => {
    expect(new Set(MIRRORED_KINDS.map((k) => k.name)).size).toBe(MIRRORED_KINDS.length);
    for (const table of new Set(MIRRORED_KINDS.map((k) => k.table))) {
      const sharing = MIRRORED_KINDS.filter((k) => k.table === table);
      if (sharing.length === 1) continue;
      expect(sharing.every((k) => k.scope)).toBe(true);
      expect(new Set(sharing.map((k) => k.scope)).size).toBe(sharing.length);
    }
  });

  it('imports in dependency order: what others refer to first', () => {
    expect(MIRRORED_KINDS.map((k) => k.name)).toEqual(['customers', 'products', 'prices', 'coupons', 'promotion_codes', 'subscriptions', 'invoices', 'payment_intents', 'charges', 'refunds', 'disputes']);
    expect(kind('subscriptions')).toMatchObject({ listParams: { status: 'all' }, createdFilter: false });
    expect(kind('payment_intents')).toMatchObject({ resource: 'paymentIntents', table: 'billing_payments', listParams: { expand: ['data.latest_charge'] } });
  });

  it('compares values as PostgreSQL returns them: bigint text, booleans, jsonb with keys in any order', () => {
    expect(comparable(0)).toBe(comparable('0'));
    expect(comparable(false)).toBe(comparable('false'));
    expect(comparable({ b: 1, a: 2 })).toBe(comparable({ a: 2, b: 1 }));
    expect(comparable('["x"]')).toBe(comparable(['x']));
    expect(comparable(null)).toBe(comparable(undefined));
    expect(comparable('a')).not.toBe(comparable('b'));
  });

  it('finds the drifted columns of a row, metadata and a tombstone included', () => {
    const object = { id: 'cus_1', object: 'customer', email: 'new@example.test', name: 'N', currency: 'usd', balance: 0, delinquent: false, metadata: { tenant_id: 't', b: '1' } };
    const row = { email: 'new@example.test', name: 'N', phone: null, currency: 'USD', balance: '0', delinquent: false, metadata: { b: '1', tenant_id: 't' }, deleted_at: null };
    expect(driftedColumns(customers, object, row)).toEqual([]);
    expect(driftedColumns(customers, object, { ...row, email: 'old@example.test', metadata: {} })).toEqual(['email', 'metadata']);
    expect(driftedColumns(customers, object, { ...row, deleted_at: new Date() })).toEqual(['deleted_at']);
    const product = { id: 'prod_1', object: 'product', name: 'P', description: null, active: true, default_price: null, marketing_features: [{ name: 'A' }], metadata: {} };
    expect(driftedColumns(products, product, { name: 'P', description: null, active: true, default_price: null, features: ['A'], metadata: {}, deleted_at: null })).toEqual([]);
  });

  it('compares timestamps as PostgreSQL answers them (a Date) with the ISO text of Stripe\'s seconds', () => {
    expect(comparable(at(1_700_000_000))).toBe(comparable(new Date(1_700_000_000 * 1000).toISOString()));
    expect(comparable(at(1_700_000_000))).not.toBe(comparable(at(1_700_000_001)));
  });

  it('subscriptions: status, period, items\' period, cancellation; a canceled one is held as a tombstone', () => {
    const subscriptions = kind('subscriptions');
    const object = {
      id: 'sub_1', object: 'subscription', customer: 'cus_1', status: 'active', currency: 'eur', cancel_at_period_end: false, cancel_at: null, canceled_at: null,
      ended_at: null, cancellation_details: { reason: null }, trial_start: null, trial_end: null, pause_collection: null, latest_invoice: 'in_1', default_payment_method: null,
      items: { object: 'list', data: [{ id: 'si_1', current_period_start: 1_700_000_000, current_period_end: 1_702_592_000, price: { id: 'price_1' }, quantity: 1 }] },
      metadata: {},
    };
    const row = {
      customer: 'cus_1', status: 'active', currency: 'EUR', cancel_at_period_end: false, cancel_at: null, canceled_at: null, ended_at: null, cancellation_reason: null,
      current_period_start: at(1_700_000_000), current_period_end: at(1_702_592_000), trial_start: null, trial_end: null, paused: false, latest_invoice: 'in_1',
      default_payment_method: null, metadata: {}, deleted_at: null,
    };
    expect(driftedColumns(subscriptions, object, row)).toEqual([]);
    expect(driftedColumns(subscriptions, object, { ...row, status: 'past_due', current_period_end: at(1_700_000_001) })).toEqual(['status', 'current_period_end']);
    const canceled = { ...object, status: 'canceled', canceled_at: 1_701_000_000, ended_at: 1_701_000_000 };
    const ended = { ...row, status: 'canceled', canceled_at: at(1_701_000_000), ended_at: at(1_701_000_000), deleted_at: at(1_701_000_000) };
    expect(driftedColumns(subscriptions, canceled, ended)).toEqual([]);
    expect(driftedColumns(subscriptions, canceled, { ...ended, deleted_at: null })).toEqual(['deleted_at']);
    expect(driftedColumns(subscriptions, object, { ...row, deleted_at: at(1_701_000_000) })).toEqual(['deleted_at']);
  });

  it('invoices: amounts as bigint text, currency upper-case, subscription under `parent` (newer API versions)', () => {
    const invoice = {
      id: 'in_1', object: 'invoice', customer: 'cus_1', parent: { subscription_details: { subscription: 'sub_1' } }, status: 'paid', number: 'A-1', currency: 'eur',
      subtotal: 4900, total: 4900, amount_due: 4900, amount_paid: 4900, amount_remaining: 0, attempt_count: 1, billing_reason: 'subscription_create',
      collection_method: 'charge_automatically', period_start: 1_700_000_000, period_end: 1_700_000_000, status_transitions: { finalized_at: 1_700_000_000, paid_at: 1_700_000_060 },
      metadata: {},
    };
    const row = {
      customer: 'cus_1', subscription: 'sub_1', status: 'paid', number: 'A-1', currency: 'EUR', subtotal: '4900', tax: null, total: '4900', amount_due: '4900', amount_paid: '4900',
      amount_remaining: '0', attempt_count: 1, billing_reason: 'subscription_create', collection_method: 'charge_automatically', payment_intent: null,
      period_start: at(1_700_000_000), period_end: at(1_700_000_000), finalized_at: at(1_700_000_000), paid_at: at(1_700_000_060), metadata: {}, deleted_at: null,
    };
    expect(driftedColumns(kind('invoices'), invoice, row)).toEqual([]);
    expect(driftedColumns(kind('invoices'), invoice, { ...row, amount_paid: '0', status: 'open' })).toEqual(['status', 'amount_paid']);
  });

  it('payments: a payment intent with its latest charge expanded (refunded amount, card); a charge without an intent is the charges kind\'s', () => {
    const charge = {
      id: 'ch_1', object: 'charge', payment_intent: 'pi_1', amount: 4900, amount_refunded: 1500, refunded: false,
      payment_method_details: { card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030, country: 'FR' } }, billing_details: { address: { country: 'FR' } },
    };
    const intent = { id: 'pi_1', object: 'payment_intent', amount: 4900, amount_received: 4900, currency: 'eur', status: 'succeeded', customer: 'cus_1', latest_charge: charge, metadata: {} };
    const row = {
      charge: 'ch_1', amount: '4900', amount_received: '4900', amount_refunded: '1500', refunded: false, currency: 'EUR', status: 'succeeded', customer: 'cus_1', invoice: null,
      description: null, payment_method: null, card_brand: 'visa', card_last4: '4242', card_exp_month: 12, card_exp_year: 2030, billing_country: 'FR', failure_code: null,
      failure_message: null, metadata: {}, deleted_at: null,
    };
    expect(driftedColumns(kind('payment_intents'), intent, row)).toEqual([]);
    expect(driftedColumns(kind('payment_intents'), intent, { ...row, amount_refunded: '0' })).toEqual(['amount_refunded']);
    // Without the charge expanded, what only the charge tells is not compared.
    expect(driftedColumns(kind('payment_intents'), { ...intent, latest_charge: 'ch_1' }, { ...row, amount_refunded: '0', card_brand: null })).toEqual([]);
    expect(kind('charges').includes!(charge)).toBe(false);
    expect(kind('charges').includes!({ ...charge, id: 'ch_2', payment_intent: null })).toBe(true);
  });

  it('refunds and disputes: their payment, amount, currency and status', () => {
    const refund = { id: 're_1', object: 'refund', charge: 'ch_1', payment_intent: 'pi_1', amount: 1500, currency: 'eur', status: 'succeeded', reason: 'requested_by_customer', metadata: {} };
    const refundRow = { charge: 'ch_1', payment_intent: 'pi_1', amount: '1500', currency: 'EUR', status: 'succeeded', reason: 'requested_by_customer', failure_reason: null, metadata: {}, deleted_at: null };
    expect(driftedColumns(kind('refunds'), refund, refundRow)).toEqual([]);
    expect(driftedColumns(kind('refunds'), refund, { ...refundRow, amount: '1000', status: 'pending' })).toEqual(['amount', 'status']);
    const dispute = { id: 'dp_1', object: 'dispute', charge: 'ch_1', payment_intent: 'pi_1', amount: 4900, currency: 'eur', status: 'needs_response', reason: 'fraudulent', evidence_details: { due_by: 1_700_600_000 }, metadata: {} };
    const disputeRow = { charge: 'ch_1', payment_intent: 'pi_1', amount: '4900', currency: 'EUR', status: 'needs_response', reason: 'fraudulent', evidence_due_by: at(1_700_600_000), metadata: {}, deleted_at: null };
    expect(driftedColumns(kind('disputes'), dispute, disputeRow)).toEqual([]);
    expect(driftedColumns(kind('disputes'), dispute, { ...disputeRow, status: 'won', evidence_due_by: null })).toEqual(['status', 'evidence_due_by']);
  });

  it('coupons and promotion codes: terms, redemptions, products as jsonb; codes\' coupon and restrictions in either API version', () => {
    const coupon = {
      id: 'co_1', object: 'coupon', name: 'Spring', percent_off: 25, amount_off: null, currency: null, duration: 'repeating', duration_in_months: 3, max_redemptions: 10,
      redeem_by: 1_800_000_000, times_redeemed: 2, valid: true, applies_to: { products: ['prod_1'] }, metadata: {},
    };
    const couponRow = {
      name: 'Spring', percent_off: '25', amount_off: null, currency: null, duration: 'repeating', duration_in_months: 3, max_redemptions: 10, redeem_by: at(1_800_000_000),
      times_redeemed: 2, valid: true, applies_to_products: ['prod_1'], metadata: {}, deleted_at: null,
    };
    expect(driftedColumns(kind('coupons'), coupon, couponRow)).toEqual([]);
    expect(driftedColumns(kind('coupons'), { ...coupon, times_redeemed: 3, valid: false }, couponRow)).toEqual(['times_redeemed', 'valid']);
    // Without applies_to expanded, the products held are not compared.
    const { applies_to: _applies, ...listed } = coupon;
    expect(driftedColumns(kind('coupons'), listed, { ...couponRow, applies_to_products: null })).toEqual([]);
    const code = {
      id: 'promo_1', object: 'promotion_code', code: 'SPRING25', active: true, max_redemptions: 5, times_redeemed: 1, expires_at: null,
      promotion: { type: 'coupon', coupon: 'co_1' }, restrictions: { first_time_transaction: true, minimum_amount: 2000, minimum_amount_currency: 'eur' }, metadata: {},
    };
    const codeRow = {
      coupon: 'co_1', code: 'SPRING25', active: true, max_redemptions: 5, times_redeemed: 1, expires_at: null, first_time_transaction: true, minimum_amount: '2000',
      minimum_amount_currency: 'EUR', metadata: {}, deleted_at: null,
    };
    expect(driftedColumns(kind('promotion_codes'), code, codeRow)).toEqual([]);
    const { promotion: _promotion, ...older } = code;
    expect(driftedColumns(kind('promotion_codes'), { ...older, coupon: { id: 'co_1', object: 'coupon' }, active: false }, codeRow)).toEqual(['active']);
  });
});

describe('mirrorNow', () => {
  it('is whole seconds, like Stripe\'s event times, so a sync read never outranks a webhook of the same second', async () => {
    const { mirrorNow } = await import('../mirror/mirror-upsert');
    const before = Math.floor(Date.now() / 1000) * 1000;
    const now = mirrorNow().getTime();
    expect(now % 1000).toBe(0);
    expect(now).toBeGreaterThanOrEqual(before);
  });
});
