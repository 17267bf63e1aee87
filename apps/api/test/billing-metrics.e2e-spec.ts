import { bearer, expectProblem, ownerQuery, signup } from './harness';
import { billingTestApp, connect, DAY, deliverProcessed, seedSubscription, stripeEvent, suffix } from './billing.fixtures';
import { addMember } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

/** The first instant (Unix seconds) of the UTC month `offset` months from the current one, and its YYYY-MM name. */
function month(offset: number): { start: number; name: string } {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return { start: start.getTime() / 1000, name: start.toISOString().slice(0, 7) };
}

const price = (currency: string, unitAmount: number, interval = 'month') => ({
  id: `price_${suffix()}`, object: 'price', product: 'prod_plan', currency, unit_amount: unitAmount, recurring: { interval, interval_count: 1 },
});
const subscription = (customer: string, status: string, created: number, items: Array<[ReturnType<typeof price>, number]>, id = `sub_${suffix()}`) => ({
  id, object: 'subscription', customer, status, currency: items[0][0].currency, cancel_at_period_end: false, cancel_at: null, canceled_at: null, ended_at: null,
  trial_start: null, trial_end: null, pause_collection: null, current_period_start: created, current_period_end: created + 30 * DAY, created, livemode: false, metadata: {},
  items: { object: 'list', data: items.map(([p, quantity], i) => ({ id: `si_${id}_${i}`, object: 'subscription_item', price: p, quantity })) },
});

describe('billing: metrics (e2e)', () => {
  const app = billingTestApp();

  it('computes a fixture tenant\'s months from its Stripe events and invoices exactly as by hand, per currency, in JSON and CSV; others see zeros', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const m1 = month(-2);
    const m2 = month(-1);
    const end = month(0);
    const before = m1.start - 10 * DAY;
    const inM1 = (day: number) => m1.start + day * DAY;
    const inM2 = (day: number) => m2.start + day * DAY;
    const ev = (type: string, object: Record<string, unknown>, created: number) => stripeEvent(type, object, { account, created });

    const small = price('eur', 1000);
    const large = price('eur', 3000);
    const yearly = price('eur', 24_000, 'year');
    const dollars = price('usd', 500);
    const a = subscription('cus_a', 'active', before, [[small, 1]]);
    const b = subscription('cus_b', 'active', before, [[yearly, 1]]);
    const c = subscription('cus_c', 'active', before, [[large, 1]]);
    const d = subscription('cus_d', 'trialing', before + DAY, [[large, 1]]);
    const e = subscription('cus_e', 'trialing', inM1(1), [[small, 1]]);
    const f = subscription('cus_f', 'active', inM2(7), [[small, 2]]);
    const u = subscription('cus_g', 'active', inM1(14), [[dollars, 1]]);
    await deliverProcessed(t, [
      ev('customer.subscription.created', a, before), ev('customer.subscription.created', b, before), ev('customer.subscription.created', c, before),
      ev('customer.subscription.created', d, before + DAY),
      ev('customer.subscription.created', e, inM1(1)),
      ev('customer.subscription.updated', { ...d, status: 'active' }, inM1(2)), // trial converts
      ev('customer.subscription.updated', { ...a, items: subscription('cus_a', 'active', before, [[small, 3]], a.id).items }, inM1(9)), // upgrade 1 → 3 seats
      ev('customer.subscription.updated', { ...b, items: subscription('cus_b', 'active', before, [[small, 1]], b.id).items }, inM1(11)), // yearly → small monthly
      ev('customer.subscription.created', u, inM1(14)),
      ev('customer.subscription.deleted', { ...e, status: 'canceled', canceled_at: inM2(0), ended_at: inM2(0) }, inM2(0)), // trial ends unpaid
      ev('customer.subscription.deleted', { ...c, status: 'canceled', canceled_at: inM2(4), ended_at: inM2(4) }, inM2(4)), // churn
      ev('customer.subscription.created', f, inM2(7)),
    ]);
    // Imported, never evented: counts with its mirror MRR (15.00) since its Stripe creation before m1.
    const imported = await seedSubscription(t, fake, owner.tenantId, account, { unitAmounts: [1500] });
    await ownerQuery(t, `update billing_subscriptions set stripe_created_at = to_timestamp($2) where id = $1`, [imported.id, before]);
    const invoice = (attempts: number, column: 'paid_at' | 'voided_at' | 'marked_uncollectible_at' | null, at: number) => ownerQuery(
      t,
      `insert into billing_invoices (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, status, currency, attempt_count${column ? `, ${column}` : ''})
       values (gen_random_uuid(), $1, $2, $3, now(), $4, 'EUR', $5${column ? ', to_timestamp($6)' : ''})`,
      [owner.tenantId, account, `in_${suffix()}`, column === 'paid_at' ? 'paid' : column === 'voided_at' ? 'void' : 'uncollectible', attempts, ...(column ? [at] : [])],
    );
    await invoice(3, 'paid_at', inM1(5)); // recovered in m1
    await invoice(1, 'paid_at', inM1(6)); // paid at the first attempt: not a recovery
    await invoice(2, 'voided_at', inM1(19)); // lost in m1
    await invoice(4, 'marked_uncollectible_at', inM2(2)); // lost in m2
    await invoice(0, 'voided_at', inM2(3)); // never attempted: not lost

    const get = (who: Signup | { tokens: Signup['tokens'] }, query: Record<string, string> = { from: m1.name, to: m2.name }) =>
      t.http().get('/api/v1/billing/metrics').query(query).set(bearer(who.tokens));
    const body = (await get(owner).expect(200)).body;
    expect(body).toMatchObject({ from: m1.name, to: m2.name, currencies: ['EUR', 'USD'] });
    // EUR at m1's start: a 1000 + b 24000/12 = 2000 + c 3000 + imported 1500 = 7500 (d is trialing: 0); customers a, b, c, imported = 4.
    // At m2's start: a 3 × 1000 = 3000, b 1000, c 3000, d 3000, imported 1500 = 11500 (e trialing: 0); customers a, b, c, d, imported = 5.
    // m1: new d 3000, expansion a 2000, contraction b 1000, no churn: 7500 + 3000 + 2000 − 1000 = 11500.
    // ARR 12 × 11500 = 138000; ARPU 11500 / 5 = 2300; logo churn 0 / 4 = 0 (so no LTV); revenue churn (0 + 1000) / 7500 = 0.13333 → 0.1333.
    expect(body.months[0]).toEqual({
      month: m1.name, start: new Date(m1.start * 1000).toISOString(), end: new Date(m2.start * 1000).toISOString(),
      currencies: [
        { currency: 'EUR', mrrStart: 7500, mrrEnd: 11500, arr: 138_000, newMrr: 3000, expansionMrr: 2000, contractionMrr: 1000, churnedMrr: 0, subscribersStart: 4, activeSubscribers: 5, subscribersLost: 0, arpu: 2300, logoChurnRate: 0, revenueChurnRate: 0.1333, ltv: null },
        // USD: g starts at 500 in m1; no customer at the start, so the churn rates have no denominator.
        { currency: 'USD', mrrStart: 0, mrrEnd: 500, arr: 6000, newMrr: 500, expansionMrr: 0, contractionMrr: 0, churnedMrr: 0, subscribersStart: 0, activeSubscribers: 1, subscribersLost: 0, arpu: 500, logoChurnRate: null, revenueChurnRate: null, ltv: null },
      ],
      // d: trialing → active in m1; recovery: 1 paid after 3 attempts / (1 + 1 voided after 2) = 0.5.
      trialsEnded: 1, trialsConverted: 1, trialConversionRate: 1, recoveredInvoices: 1, lostInvoices: 1, failedPaymentRecoveryRate: 0.5,
    });
    // EUR at the current month's start: a 3000, b 1000, d 3000, f 2 × 1000 = 2000, imported 1500 = 10500 (c and e canceled); customers a, b, d, f, imported = 5.
    // m2: new f 2000, churned c 3000: 11500 + 2000 − 3000 = 10500. ARR 126000; ARPU 10500 / 5 = 2100; logo churn 1 (c) / 5 = 0.2;
    // revenue churn 3000 / 11500 = 0.26087 → 0.2609; LTV 2100 / 0.2 = 10500.
    expect(body.months[1]).toEqual({
      month: m2.name, start: new Date(m2.start * 1000).toISOString(), end: new Date(end.start * 1000).toISOString(),
      currencies: [
        { currency: 'EUR', mrrStart: 11_500, mrrEnd: 10_500, arr: 126_000, newMrr: 2000, expansionMrr: 0, contractionMrr: 0, churnedMrr: 3000, subscribersStart: 5, activeSubscribers: 5, subscribersLost: 1, arpu: 2100, logoChurnRate: 0.2, revenueChurnRate: 0.2609, ltv: 10_500 },
        { currency: 'USD', mrrStart: 500, mrrEnd: 500, arr: 6000, newMrr: 0, expansionMrr: 0, contractionMrr: 0, churnedMrr: 0, subscribersStart: 1, activeSubscribers: 1, subscribersLost: 0, arpu: 500, logoChurnRate: 0, revenueChurnRate: 0, ltv: null },
      ],
      // e: trialing → canceled in m2: 0 / 1; recovery: 0 / (0 + 1 marked uncollectible after 4 attempts) = 0.
      trialsEnded: 1, trialsConverted: 0, trialConversionRate: 0, recoveredInvoices: 0, lostInvoices: 1, failedPaymentRecoveryRate: 0,
    });

    // The default range: the last 6 months up to the current one; m1 and m2 are its 4th and 5th.
    const defaults = (await get(owner, {}).expect(200)).body;
    expect(defaults.months.map((m: { month: string }) => m.month)).toEqual([-5, -4, -3, -2, -1, 0].map((o) => month(o).name));
    expect(defaults.months.slice(3, 5)).toEqual(body.months);

    const csv = await t.http().get('/api/v1/billing/metrics.csv').query({ from: m1.name, to: m2.name }).set(bearer(owner.tokens)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="billing-metrics-${m1.name}-to-${m2.name}.csv"`);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('"month","currency","mrr_start","mrr_end","arr","new_mrr","expansion_mrr","contraction_mrr","churned_mrr","subscribers_start","active_subscribers","subscribers_lost","arpu","logo_churn_rate","revenue_churn_rate","ltv","trials_ended","trials_converted","trial_conversion_rate","recovered_invoices","lost_invoices","failed_payment_recovery_rate"');
    expect(lines.slice(1)).toEqual([
      `"${m1.name}","EUR","7500","11500","138000","3000","2000","1000","0","4","5","0","2300","0","0.1333","","1","1","1","1","1","0.5"`,
      `"${m1.name}","USD","0","500","6000","500","0","0","0","0","1","0","500","","","","1","1","1","1","1","0.5"`,
      `"${m2.name}","EUR","11500","10500","126000","2000","0","0","3000","5","5","1","2100","0.2","0.2609","10500","1","0","0","0","1","0"`,
      `"${m2.name}","USD","500","500","6000","0","0","0","0","1","1","0","500","0","0","","1","0","0","0","1","0"`,
      '',
    ]);

    // A viewer reads the same numbers; a member without billing:read gets 403; another tenant sees zeros.
    expect((await get(await addMember(t, owner, ['viewer'])).expect(200)).body).toEqual(body);
    const client = await addMember(t, owner, ['client']);
    expectProblem(await get(client), 403, 'forbidden');
    expectProblem(await t.http().get('/api/v1/billing/metrics.csv').set(bearer(client.tokens)), 403, 'forbidden');
    const zeros = (await get(other).expect(200)).body;
    expect(zeros).toMatchObject({ currencies: [], months: [{ month: m1.name, currencies: [], trialsEnded: 0, trialConversionRate: null, recoveredInvoices: 0, lostInvoices: 0, failedPaymentRecoveryRate: null }, { month: m2.name, currencies: [] }] });
    const otherCsv = await t.http().get('/api/v1/billing/metrics.csv').query({ from: m1.name, to: m2.name }).set(bearer(other.tokens)).expect(200);
    expect(otherCsv.text.split('\r\n')[1]).toBe(`"${m1.name}","","0","0","0","0","0","0","0","0","0","0","","","","","0","0","","0","0",""`);
  });

  it('counts a customer lost only when all their subscriptions stop, folds reactivations into new, counts past due and not paused, and takes the later of two events of one second', async () => {
    const { t } = app;
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const m = month(-1);
    const before = m.start - 20 * DAY;
    const inM = (day: number) => m.start + day * DAY;
    const ev = (type: string, object: Record<string, unknown>, created: number) => stripeEvent(type, object, { account, created });
    const small = price('eur', 1000);
    const mid = price('eur', 1500);
    const double = price('eur', 2000);
    const large = price('eur', 3000);
    const p1 = subscription('cus_p', 'active', before, [[small, 1]]);
    const p2 = subscription('cus_p', 'active', before, [[double, 1]]);
    const q1 = subscription('cus_q', 'active', before, [[small, 1]]);
    const q2 = subscription('cus_q', 'active', inM(4), [[small, 1]]);
    const r = subscription('cus_r', 'active', before, [[mid, 1]]);
    const s = subscription('cus_s', 'trialing', before, [[large, 1]]);
    const tt = subscription('cus_t', 'active', before, [[small, 1]]);
    const v = subscription('cus_v', 'incomplete', inM(9), [[large, 1]]);
    const w = subscription('cus_w', 'paused', before, [[double, 1]]);
    const seats = (quantity: number) => subscription('cus_t', 'active', before, [[small, quantity]], tt.id).items;
    const sameSecond = inM(7);
    await deliverProcessed(t, [
      ev('customer.subscription.created', p1, before), ev('customer.subscription.created', p2, before), ev('customer.subscription.created', q1, before),
      ev('customer.subscription.created', r, before), ev('customer.subscription.created', s, before), ev('customer.subscription.created', tt, before),
      ev('customer.subscription.created', w, before),
      ev('customer.subscription.deleted', { ...q1, status: 'canceled' }, before + 10 * DAY), // q leaves before m
      ev('customer.subscription.updated', { ...r, status: 'past_due' }, before + 12 * DAY), // past due still counts
      ev('customer.subscription.updated', { ...s, status: 'past_due' }, inM(1)), // trial ends, first payment failed: converted
      ev('customer.subscription.deleted', { ...p2, status: 'canceled' }, inM(2)), // p keeps p1
      ev('customer.subscription.created', q2, inM(4)), // q comes back
      ev('customer.subscription.paused', { ...r, status: 'paused', pause_collection: { behavior: 'void' } }, inM(5)),
      ev('customer.subscription.updated', { ...tt, items: seats(2) }, sameSecond),
      ev('customer.subscription.updated', { ...tt, items: seats(4) }, sameSecond), // received later: wins
      ev('customer.subscription.created', v, inM(9)),
      ev('customer.subscription.resumed', { ...w, status: 'active', pause_collection: null }, inM(10)),
    ]);
    const body = (await t.http().get('/api/v1/billing/metrics').query({ from: m.name, to: m.name }).set(bearer(owner.tokens)).expect(200)).body;
    // Start: p1 1000 + p2 2000 + r 1500 (past due) + t 1000 = 5500 (q1 canceled, s trialing, w paused: 0); customers p, r, t = 3.
    // End: p1 1000 + q2 1000 + s 3000 (past due) + t 4 × 1000 = 4000 + w 2000 = 11000 (p2 canceled, r paused, v incomplete: 0); customers p, q, s, t, w = 5.
    // new q2 1000 + s 3000 + w 2000 = 6000; expansion t 3000; churned p2 2000 + r 1500 = 3500: 5500 + 6000 + 3000 − 3500 = 11000.
    // Lost: r only (p keeps p1) → 1 / 3 = 0.3333; revenue churn 3500 / 5500 = 0.63636 → 0.6364; ARPU 11000 / 5 = 2200; LTV 2200 / (1 / 3) = 6600.
    expect(body.months).toEqual([{
      month: m.name, start: new Date(m.start * 1000).toISOString(), end: new Date(month(0).start * 1000).toISOString(),
      currencies: [{ currency: 'EUR', mrrStart: 5500, mrrEnd: 11_000, arr: 132_000, newMrr: 6000, expansionMrr: 3000, contractionMrr: 0, churnedMrr: 3500, subscribersStart: 3, activeSubscribers: 5, subscribersLost: 1, arpu: 2200, logoChurnRate: 0.3333, revenueChurnRate: 0.6364, ltv: 6600 }],
      trialsEnded: 1, trialsConverted: 1, trialConversionRate: 1, recoveredInvoices: 0, lostInvoices: 0, failedPaymentRecoveryRate: null,
    }]);
  });

  it('applies the discounts in effect at each instant (percent, amount spread over a year, repeating until its end, once never, restricted to a product), in the metrics and the subscriptions list alike', async () => {
    const { t } = app;
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    const m1 = month(-2);
    const m2 = month(-1);
    const before = m1.start - 10 * DAY;
    const inM1 = (day: number) => m1.start + day * DAY;
    const inM2 = (day: number) => m2.start + day * DAY;
    const ev = (type: string, object: Record<string, unknown>, created: number) => stripeEvent(type, object, { account, created });
    const coupon = (terms: Record<string, unknown>) => ({
      id: `co_${suffix()}`, object: 'coupon', percent_off: null, amount_off: null, currency: null, duration: 'forever', duration_in_months: null,
      valid: true, times_redeemed: 1, max_redemptions: null, redeem_by: null, created: before, livemode: false, metadata: {}, ...terms,
    });
    const quarter = coupon({ percent_off: 25 });
    const sixEuros = coupon({ amount_off: 600, currency: 'eur' });
    const halfForAMonth = coupon({ percent_off: 50, duration: 'repeating', duration_in_months: 1 });
    const firstInvoice = coupon({ amount_off: 1000, currency: 'eur', duration: 'once' });
    const halfAddon = coupon({ percent_off: 50, applies_to: { products: ['prod_addon'] } });
    // Subscription events name their discounts by id only; the discount objects come with their own events.
    const discount = (c: { id: string }, sub: { id: string; customer: string }, start: number, end: number | null = null) => ({
      id: `di_${suffix()}`, object: 'discount', subscription: sub.id, customer: sub.customer, start, end, source: { type: 'coupon', coupon: c.id }, promotion_code: null,
    });
    const withDiscounts = <T extends object>(sub: T, ...discounts: Array<{ id: string }>) => ({ ...sub, discounts: discounts.map((d) => d.id) });

    const small = price('eur', 1000);
    const yearly = price('eur', 24_000, 'year');
    const large = price('eur', 3000);
    const addon = { ...price('eur', 800), product: 'prod_addon' };
    const a = subscription('cus_a', 'active', before, [[small, 1]]);
    const b = subscription('cus_b', 'active', before, [[yearly, 1]]);
    const c = subscription('cus_c', 'active', before, [[large, 1]]);
    const d = subscription('cus_d', 'active', before, [[small, 1]]);
    const e = subscription('cus_e', 'active', before, [[small, 1], [addon, 1]]);
    const f = subscription('cus_f', 'active', before, [[small, 2]]);
    const da = discount(quarter, a, before);
    const db = discount(sixEuros, b, before);
    const dc = discount(halfForAMonth, c, before, inM1(10)); // ends inside m1, without any subscription event
    const dd = discount(firstInvoice, d, before);
    const de = discount(halfAddon, e, before);
    const df = discount(quarter, f, inM1(5));
    await deliverProcessed(t, [
      ...[quarter, sixEuros, halfForAMonth, firstInvoice, halfAddon].map((co) => ev('coupon.created', co, before)),
      ...[da, db, dc, dd, de, df].map((di) => ev('customer.discount.created', di, di.start)),
      ev('customer.subscription.created', withDiscounts(a, da), before), ev('customer.subscription.created', withDiscounts(b, db), before),
      ev('customer.subscription.created', withDiscounts(c, dc), before), ev('customer.subscription.created', withDiscounts(d, dd), before),
      ev('customer.subscription.created', withDiscounts(e, de), before), ev('customer.subscription.created', f, before),
      ev('customer.subscription.updated', withDiscounts(f, df), inM1(5)), // a coupon applied in m1
      ev('customer.subscription.updated', withDiscounts(a), inM2(3)), // its discount removed in m2
    ]);
    const body = (await t.http().get('/api/v1/billing/metrics').query({ from: m1.name, to: m2.name }).set(bearer(owner.tokens)).expect(200)).body;
    // m1's start: a 1000 − 25% = 750; b 24000/12 = 2000 − 600/12 = 1950; c 3000 − 50% = 1500 (repeating, still on);
    // d 1000 (a once coupon takes nothing off the MRR); e 1000 + 800 − 50% of the add-on only = 1400; f 2 × 1000 = 2000 → 8600.
    // m2's start: c's discount ended → 3000; f 2000 − 25% = 1500; the others as before → 750 + 1950 + 3000 + 1000 + 1400 + 1500 = 9600.
    // m1: expansion c 1500, contraction f 500: 8600 + 1500 − 500 = 9600; ARR 115200; ARPU 9600 / 6 = 1600; revenue churn 500 / 8600 = 0.0581.
    // The current month's start: a's discount removed → 1000; 1000 + 1950 + 3000 + 1000 + 1400 + 1500 = 9850; m2: expansion a 250.
    // ARR 118200; ARPU 9850 / 6 = 1641.67 → 1642.
    expect(body.months.map((m: { currencies: unknown[] }) => m.currencies)).toEqual([
      [{ currency: 'EUR', mrrStart: 8600, mrrEnd: 9600, arr: 115_200, newMrr: 0, expansionMrr: 1500, contractionMrr: 500, churnedMrr: 0, subscribersStart: 6, activeSubscribers: 6, subscribersLost: 0, arpu: 1600, logoChurnRate: 0, revenueChurnRate: 0.0581, ltv: null }],
      [{ currency: 'EUR', mrrStart: 9600, mrrEnd: 9850, arr: 118_200, newMrr: 0, expansionMrr: 250, contractionMrr: 0, churnedMrr: 0, subscribersStart: 6, activeSubscribers: 6, subscribersLost: 0, arpu: 1642, logoChurnRate: 0, revenueChurnRate: 0, ltv: null }],
    ]);
    // The subscriptions list's MRR is the same function, now: each row and the filter's total (9850).
    const listed = (await t.http().get('/api/v1/billing/subscriptions').query({ limit: 20 }).set(bearer(owner.tokens)).expect(200)).body;
    const mrrOf = Object.fromEntries(listed.data.map((row: { stripeId: string; mrr: number }) => [row.stripeId, row.mrr]));
    expect(mrrOf).toEqual({ [a.id]: 1000, [b.id]: 1950, [c.id]: 3000, [d.id]: 1000, [e.id]: 1400, [f.id]: 1500 });
    expect(listed.stats.mrr).toEqual([{ currency: 'EUR', amount: 9850 }]);
    // Revenue a coupon affects now: the 25% is left on f only (a's was removed): 2000 before, 1500 after.
    const [quarterRow] = await ownerQuery(t, `select id from billing_coupons where tenant_id = $1 and stripe_id = $2`, [owner.tenantId, quarter.id]);
    const detail = (await t.http().get(`/api/v1/billing/coupons/${quarterRow.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(detail.revenueAffected).toEqual([{ currency: 'EUR', subscriptions: 1, mrrBeforeDiscounts: 2000, mrr: 1500, monthlyDiscount: 500 }]);
  });

  it('rejects bad, reversed and over-24-month ranges with 400', async () => {
    const { t } = app;
    const owner = await signup(t);
    const bad = (query: Record<string, string>, path = 'metrics') => t.http().get(`/api/v1/billing/${path}`).query(query).set(bearer(owner.tokens));
    for (const query of [{ from: '2026-13' }, { to: '2026-1' }, { from: 'last month' }, { from: '2026-05-01' }, { from: '0099-01' }] as Array<Record<string, string>>) expectProblem(await bad(query), 400, 'validation-failed');
    expectProblem(await bad({ from: '2026-06', to: '2026-05' }), 400, 'validation-failed');
    expectProblem(await bad({ from: '2024-01', to: '2026-01' }), 400, 'validation-failed');
    expectProblem(await bad({ from: '2026-06', to: '2026-05' }, 'metrics.csv'), 400, 'validation-failed');
    const longest = (await bad({ from: '2024-01', to: '2025-12' }).expect(200)).body;
    expect(longest.months).toHaveLength(24);
    expect(longest.months[23]).toMatchObject({ month: '2025-12', start: '2025-12-01T00:00:00.000Z', end: '2026-01-01T00:00:00.000Z' });
  });
});
