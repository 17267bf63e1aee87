import type { EntityManager } from 'typeorm';
import type { StripeObject } from '../gateway/stripe-event';
import { field } from './mirror-change';
import { idOf, type MirrorSource, objectState, upsertMirror } from './mirror-upsert';

/**
 * billing_coupons' own columns for a Stripe coupon. `applies_to` is expandable (absent unless asked
 * for or just created): absent keeps the products held; present without products means every product.
 */
export function couponColumns(c: StripeObject, deleted: boolean): Record<string, unknown> {
  const appliesTo = c.applies_to === undefined ? undefined : field.object(c.applies_to);
  const products = appliesTo && Array.isArray(appliesTo.products) ? (appliesTo.products as unknown[]).map(idOf).filter((p): p is string => p !== null) : null;
  return {
    name: field.text(c.name),
    percent_off: typeof c.percent_off === 'number' ? c.percent_off : null,
    amount_off: field.integer(c.amount_off),
    currency: field.currency(c.currency),
    duration: field.text(c.duration),
    duration_in_months: field.integer(c.duration_in_months),
    max_redemptions: field.integer(c.max_redemptions),
    redeem_by: field.time(c.redeem_by ?? null),
    times_redeemed: deleted ? null : (field.integer(c.times_redeemed) ?? 0),
    valid: deleted ? false : c.valid !== false,
    applies_to_products: appliesTo === undefined ? undefined : products && products.length ? JSON.stringify(products) : null,
  };
}

export function upsertCoupon(manager: EntityManager, source: MirrorSource, coupon: StripeObject): Promise<boolean> {
  return upsertMirror(manager, 'billing_coupons', objectState(source, coupon, couponColumns(coupon, source.kind === 'deleted')));
}
