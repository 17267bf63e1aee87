import type { EntityManager } from 'typeorm';
import type { StripeObject } from '../gateway/stripe-event';
import { idOf, type MirrorSource, objectState, upsertMirror } from './mirror-upsert';

interface Recurring {
  interval?: string;
  interval_count?: number;
  trial_period_days?: number | null;
}

/** billing_prices' own columns for a Stripe price (amounts in minor units). */
export function priceColumns(p: StripeObject, deleted: boolean): Record<string, unknown> {
  const recurring = (p.recurring as Recurring | null | undefined) ?? null;
  return {
    product: idOf(p.product) ?? '',
    active: deleted ? false : p.active !== false,
    currency: String(p.currency ?? '').toUpperCase(),
    unit_amount: typeof p.unit_amount === 'number' ? p.unit_amount : null,
    type: recurring ? 'recurring' : 'one_time',
    recurring_interval: recurring?.interval ?? null,
    recurring_interval_count: recurring?.interval_count ?? null,
    trial_period_days: recurring?.trial_period_days ?? null,
    tax_behavior: (p.tax_behavior as string | null | undefined) ?? null,
    nickname: (p.nickname as string | null | undefined) ?? null,
    lookup_key: (p.lookup_key as string | null | undefined) ?? null,
  };
}

export function upsertPrice(manager: EntityManager, source: MirrorSource, price: StripeObject): Promise<boolean> {
  return upsertMirror(manager, 'billing_prices', objectState(source, price, priceColumns(price, source.kind === 'deleted')));
}
