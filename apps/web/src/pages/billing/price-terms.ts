import type { BillingPrice } from '../../api/billing';
import type { Format } from '../../components/format';

const EVERY: Record<string, [one: string, many: string]> = {
  day: ['Daily', 'days'],
  week: ['Weekly', 'weeks'],
  month: ['Monthly', 'months'],
  year: ['Annual', 'years'],
};

/** "One-time", "Monthly", "Annual", "Every 3 months". */
export function billingPeriod(price: BillingPrice): string {
  if (price.type === 'one_time' || !price.interval) return 'One-time';
  const [one, many] = EVERY[price.interval] ?? [price.interval, price.interval];
  return (price.intervalCount ?? 1) > 1 ? `Every ${price.intervalCount} ${many}` : one;
}

/** "€12.00 / month", "$90.00 one-time"; a price without a fixed amount (customer-chosen, tiered) says so. */
export function priceSummary(price: BillingPrice, format: Format): string {
  const amount = price.unitAmount === null ? 'Variable amount' : format.money(price.unitAmount, price.currency);
  if (price.type === 'one_time' || !price.interval) return `${amount} one-time`;
  const count = price.intervalCount ?? 1;
  return `${amount} / ${count > 1 ? `${count} ${EVERY[price.interval]?.[1] ?? price.interval}` : price.interval}`;
}

export const TAX_BEHAVIOR_LABELS: Record<string, string> = {
  exclusive: 'Tax added on top',
  inclusive: 'Tax included',
  unspecified: 'Not specified',
};

export const taxBehaviorLabel = (value: string | null) => (value ? (TAX_BEHAVIOR_LABELS[value] ?? value) : TAX_BEHAVIOR_LABELS.unspecified);

export const TAX_OPTIONS = Object.entries(TAX_BEHAVIOR_LABELS).map(([value, label]) => ({ value, label }));
