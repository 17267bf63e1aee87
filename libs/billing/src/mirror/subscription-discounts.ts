import type { EntityManager } from 'typeorm';
import type { StripeObject } from '../gateway/stripe-event';
import { field } from './mirror-change';
import { idOf, type MirrorSource, objectState, upsertMirror } from './mirror-upsert';

/**
 * billing_subscription_discounts' own columns for a Stripe discount. Newer API versions name its coupon
 * under `source` ({ type: 'coupon', coupon }), older ones at the top (`coupon`, an object).
 */
export function subscriptionDiscountColumns(d: StripeObject): Record<string, unknown> {
  return {
    subscription: idOf(d.subscription),
    customer: idOf(d.customer),
    coupon: idOf(field.object(d.source)?.coupon) ?? idOf(d.coupon),
    promotion_code: idOf(d.promotion_code),
    start_at: field.time(d.start),
    end_at: field.time(d.end ?? null),
  };
}

/** The ids of a subscription's discounts (`discounts`: ids, or discount objects when expanded); undefined when the object does not carry them. */
export function discountIds(subscription: StripeObject): string[] | undefined {
  if (!Array.isArray(subscription.discounts)) return undefined;
  return (subscription.discounts as unknown[]).map(idOf).filter((id): id is string => id !== null);
}

/** The discount objects a subscription carries expanded (an answer asked with `expand[]=discounts`). */
export function expandedDiscounts(subscription: StripeObject): StripeObject[] {
  if (!Array.isArray(subscription.discounts)) return [];
  return (subscription.discounts as unknown[]).filter((d): d is StripeObject => field.object(d) !== null && typeof (d as StripeObject).id === 'string');
}

export function upsertSubscriptionDiscount(manager: EntityManager, source: MirrorSource, discount: StripeObject): Promise<boolean> {
  return upsertMirror(manager, 'billing_subscription_discounts', objectState(source, discount, subscriptionDiscountColumns(discount)));
}
