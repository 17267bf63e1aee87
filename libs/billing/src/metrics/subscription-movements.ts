import type { BillingCurrencyMetricsDto } from './metrics.dto';

/** A subscription's state at one instant: its currency, customer, whether its status counts, its MRR (0 unless it counts). */
export interface SubscriptionState {
  currency: string;
  customer: string;
  counted: boolean;
  mrr: number;
}

/** A ratio as a number 0..1 rounded to 4 decimals; null when the denominator is 0. */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

const customersOf = (states: Map<string, SubscriptionState>, currency: string) =>
  new Set([...states.values()].filter((s) => s.counted && s.currency === currency).map((s) => s.customer));

/**
 * One month's numbers in one currency from every subscription's state at the month's first instant
 * (`start`) and the next month's (`end`), keyed by Stripe subscription id; a subscription missing
 * from a map is at 0 there. Per subscription: 0 → >0 is new (reactivations included), >0 → more is
 * expansion, >0 → less but >0 contraction, >0 → 0 churn; so mrrEnd = mrrStart + new + expansion − contraction − churned.
 */
export function currencyMetrics(currency: string, start: Map<string, SubscriptionState>, end: Map<string, SubscriptionState>): BillingCurrencyMetricsDto {
  const mrrIn = (states: Map<string, SubscriptionState>, id: string) => {
    const state = states.get(id);
    return state && state.currency === currency ? state.mrr : 0;
  };
  let mrrStart = 0, mrrEnd = 0, newMrr = 0, expansionMrr = 0, contractionMrr = 0, churnedMrr = 0;
  for (const id of new Set([...start.keys(), ...end.keys()])) {
    const before = mrrIn(start, id);
    const after = mrrIn(end, id);
    mrrStart += before;
    mrrEnd += after;
    if (before === 0 && after > 0) newMrr += after;
    else if (before > 0 && after === 0) churnedMrr += before;
    else if (after > before) expansionMrr += after - before;
    else contractionMrr += before - after;
  }
  const atStart = customersOf(start, currency);
  const atEnd = customersOf(end, currency);
  const lost = [...atStart].filter((c) => !atEnd.has(c)).length;
  const arpu = atEnd.size === 0 ? null : mrrEnd / atEnd.size;
  const logoChurn = atStart.size === 0 ? 0 : lost / atStart.size;
  return {
    currency, mrrStart, mrrEnd, arr: 12 * mrrEnd, newMrr, expansionMrr, contractionMrr, churnedMrr,
    subscribersStart: atStart.size, activeSubscribers: atEnd.size, subscribersLost: lost,
    arpu: arpu === null ? null : Math.round(arpu),
    logoChurnRate: rate(lost, atStart.size),
    revenueChurnRate: rate(churnedMrr + contractionMrr, mrrStart),
    ltv: arpu === null || logoChurn === 0 ? null : Math.round(arpu / logoChurn),
  };
}
