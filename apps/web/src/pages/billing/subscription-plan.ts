import type { BillingSubscription } from '../../api/billing-subscriptions';
import type { Format } from '../../components/format';

type Item = BillingSubscription['items'][number];

/** "€10.00 / month", "€90.00 / 3 months"; an item without a fixed amount says so. */
export function itemPrice(item: Item, format: Format): string {
  const amount = item.unitAmount === null ? 'Variable amount' : format.money(item.unitAmount, item.currency ?? undefined);
  if (!item.interval) return amount;
  const count = item.intervalCount ?? 1;
  return `${amount} / ${count > 1 ? `${count} ${item.interval}s` : item.interval}`;
}

/** "Coaching", "Coaching × 2", "Coaching + 1 more": what a subscription is for, in a list cell. */
export function planSummary(subscription: BillingSubscription): string {
  const [first, ...rest] = subscription.items;
  if (!first) return 'No items';
  const name = `${first.productName ?? first.priceId ?? 'Item'}${(first.quantity ?? 1) > 1 ? ` × ${first.quantity}` : ''}`;
  return rest.length ? `${name} + ${rest.length} more` : name;
}
