/** The statuses whose subscriptions count in MRR (trialing, canceled, incomplete, unpaid, paused count 0). */
export const COUNTED_STATUSES = ['active', 'past_due'] as const;

/** SQL of the counted statuses, for `status in (...)`. */
export const COUNTED_STATUSES_SQL = COUNTED_STATUSES.map((s) => `'${s}'`).join(', ');

/** The SQL expressions of one subscription item's price fields: from the mirror's columns or from an event's JSON. */
export interface ItemMrrColumns {
  unitAmount: string;
  quantity: string;
  interval: string;
  intervalCount: string;
}

/** An item's month factor: 1 for a monthly price (year/12, week×52/12, day×365/12, divided by interval_count). */
function monthFactorSql(c: ItemMrrColumns): string {
  return `(case ${c.interval} when 'month' then 1.0 when 'year' then 1.0 / 12 when 'week' then 52.0 / 12 when 'day' then 365.0 / 12 else 0 end
    / greatest(coalesce(${c.intervalCount}, 1), 1))`;
}

/**
 * An item's monthly amount in minor units (unrounded, before discounts): unit × quantity normalised to a
 * month. Amounts stay in their own currency (a tenant may sell in several; nothing is converted).
 */
export function itemMrrSql(c: ItemMrrColumns): string {
  return `(coalesce(${c.unitAmount}, 0) * coalesce(${c.quantity}, 1) * ${monthFactorSql(c)})`;
}

/** Where one subscription's MRR is computed from: its items (a FROM over rows aliased `i`), discount ids (a jsonb array of ids or discount objects), instant, currency. */
export interface SubscriptionMrrSource {
  tenantId: string;
  /** FROM clause of the subscription's items, one row per item aliased `i`. */
  itemsFrom: string;
  item: ItemMrrColumns & { product: string };
  /** jsonb array of the discounts on the subscription (Stripe's `discounts`: ids, or objects when expanded). */
  discounts: string;
  at: string;
  currency: string;
}

/**
 * The one MRR of a subscription (minor units, rounded once, before the status check): its items' monthly
 * amounts with the discounts in effect at `at` applied. A discount is in effect when the subscription
 * lists it, its coupon is mirrored, the coupon's duration is not `once` (that one reduces the first
 * invoice only), and `at` is in [start, end) (end: a repeating coupon's last day; none for forever).
 * Percent-offs reduce the items they apply to (a coupon restricted to products: only those; several add
 * up, at most 100%); then each amount-off in the subscription's currency, spread over the billing
 * interval (× the items' month factor), is subtracted, at most what its items are left at; never below 0.
 */
export function subscriptionMrrSql(src: SubscriptionMrrSource): string {
  const ids = `(select coalesce(x->>'id', x #>> '{}') from jsonb_array_elements(case when jsonb_typeof(${src.discounts}) = 'array' then ${src.discounts} else '[]' end) x)`;
  const applies = (product: string) => `(x.products is null or x.products @> to_jsonb(${product}))`;
  return `(with items as (select ${src.item.product} as product, ${itemMrrSql(src.item)} as mrr, ${monthFactorSql(src.item)} as factor from ${src.itemsFrom}),
      discounts as (select c.percent_off, c.amount_off, c.currency, c.applies_to_products as products
        from billing_subscription_discounts d join billing_coupons c on c.tenant_id = d.tenant_id and c.stripe_account = d.stripe_account and c.stripe_id = d.coupon
       where d.tenant_id = ${src.tenantId} and d.stripe_id in ${ids} and c.duration is distinct from 'once'
         and (d.start_at is null or d.start_at <= ${src.at}) and (d.end_at is null or d.end_at > ${src.at})),
      priced as (select i.product, i.factor, i.mrr * (1 - least(100, coalesce((select sum(x.percent_off) from discounts x where x.percent_off is not null and ${applies('i.product')}), 0)) / 100.0) as mrr from items i)
    select coalesce(round(greatest(0, coalesce((select sum(p.mrr) from priced p), 0)
      - coalesce((select sum(least(x.amount_off * (select max(p.factor) from priced p), (select coalesce(sum(p.mrr), 0) from priced p where ${applies('p.product')})))
                    from discounts x where x.amount_off is not null and x.currency = ${src.currency}), 0))), 0))`;
}

/** A mirrored subscription `s`'s MRR at `at` from its current items and discounts (`discounts`: none with '[]'; 0 unless its status counts). */
export const mirroredMrrSql = (at: string, discounts = 's.discount_ids'): string => `(case when s.status in (${COUNTED_STATUSES_SQL}) then ${subscriptionMrrSql({
  tenantId: 's.tenant_id',
  itemsFrom: 'billing_subscription_items i where i.subscription_id = s.id and i.tenant_id = s.tenant_id',
  item: { product: 'i.product', unitAmount: 'i.unit_amount', quantity: 'i.quantity', interval: 'i.recurring_interval', intervalCount: 'i.recurring_interval_count' },
  discounts,
  at,
  currency: 's.currency',
})} else 0 end)`;

/** A mirrored subscription `s`'s MRR now: the subscriptions list's and its stats'. */
export const SUB_MRR = mirroredMrrSql('now()');
