import type { EntityManager } from 'typeorm';
import type { StripeObject } from '../gateway/stripe-event';
import { field } from './mirror-change';
import { idOf, type MirrorSource, objectState, upsertMirror } from './mirror-upsert';

/**
 * billing_promotion_codes' own columns for a Stripe promotion code. Newer API versions name its coupon
 * under `promotion` ({ type: 'coupon', coupon }), older ones at the top (`coupon`, an object).
 */
export function promotionCodeColumns(p: StripeObject): Record<string, unknown> {
  const promotion = field.object(p.promotion);
  const restrictions = field.object(p.restrictions);
  return {
    coupon: idOf(promotion?.coupon) ?? idOf(p.coupon),
    code: field.text(p.code) ?? '',
    active: p.active !== false,
    max_redemptions: field.integer(p.max_redemptions),
    times_redeemed: field.integer(p.times_redeemed) ?? 0,
    expires_at: field.time(p.expires_at ?? null),
    first_time_transaction: restrictions?.first_time_transaction === true,
    minimum_amount: field.integer(restrictions?.minimum_amount),
    minimum_amount_currency: field.currency(restrictions?.minimum_amount_currency),
  };
}

export function upsertPromotionCode(manager: EntityManager, source: MirrorSource, code: StripeObject): Promise<boolean> {
  return upsertMirror(manager, 'billing_promotion_codes', objectState(source, code, promotionCodeColumns(code)));
}
