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

/**
 * An item's monthly amount in minor units (unrounded): unit × quantity normalised to a month (year/12,
 * week×52/12, day×365/12, divided by interval_count). Amounts stay in their own currency (a tenant may
 * sell in several; nothing is converted). The one normalisation of the subscriptions list and the metrics.
 */
export function itemMrrSql(c: ItemMrrColumns): string {
  return `(coalesce(${c.unitAmount}, 0) * coalesce(${c.quantity}, 1) * case ${c.interval}
    when 'month' then 1.0 when 'year' then 1.0 / 12 when 'week' then 52.0 / 12 when 'day' then 365.0 / 12 else 0 end
    / greatest(coalesce(${c.intervalCount}, 1), 1))`;
}

/** A mirrored subscription `s`'s MRR from its current items (rounded to whole minor units; 0 unless its status counts). */
export const SUB_MRR = `(case when s.status in (${COUNTED_STATUSES_SQL}) then coalesce((select round(sum(${itemMrrSql({
  unitAmount: 'i.unit_amount', quantity: 'i.quantity', interval: 'i.recurring_interval', intervalCount: 'i.recurring_interval_count',
})})) from billing_subscription_items i where i.subscription_id = s.id and i.tenant_id = s.tenant_id), 0) else 0 end)`;
