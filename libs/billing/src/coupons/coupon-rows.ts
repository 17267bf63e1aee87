import type { EntityManager } from 'typeorm';
import { iso, isoOrNull, Problems } from '@app/core';
import type { TenantStripe } from '../gateway/stripe-gateway';
import type { CouponDto, PromotionCodeDto } from './coupons.dto';

export type Row = Record<string, any> & { id: string };

/** A coupon our API can still use: valid in Stripe, not deleted or deactivated, not expired or used up. */
export function usable(r: Row): boolean {
  return (
    r.valid === true && !r.deleted_at && !r.deactivated_at &&
    (r.redeem_by === null || new Date(r.redeem_by).getTime() > Date.now()) &&
    (r.max_redemptions === null || Number(r.times_redeemed) < Number(r.max_redemptions))
  );
}

export function toCoupon(r: Row): CouponDto {
  return {
    id: r.id,
    stripeId: r.stripe_id,
    name: r.name,
    percentOff: r.percent_off === null ? null : Number(r.percent_off),
    amountOff: r.amount_off === null ? null : Number(r.amount_off),
    currency: r.currency,
    duration: r.duration,
    durationInMonths: r.duration_in_months,
    maxRedemptions: r.max_redemptions,
    redeemBy: isoOrNull(r.redeem_by),
    timesRedeemed: Number(r.times_redeemed),
    appliesToProducts: r.applies_to_products ?? null,
    valid: r.valid,
    usable: usable(r),
    deactivatedAt: isoOrNull(r.deactivated_at),
    deletedAt: isoOrNull(r.deleted_at),
    createdAt: iso(r.created_at),
  };
}

/** Promotion codes with our id of their coupon (`coupon_id`): select this, then the conditions on `p`. */
export const PROMOTION_CODE_SELECT = `select p.*, c.id as coupon_id from billing_promotion_codes p
  left join billing_coupons c on c.tenant_id = p.tenant_id and c.stripe_account = p.stripe_account and c.stripe_id = p.coupon`;

export function toPromotionCode(r: Row): PromotionCodeDto {
  return {
    id: r.id,
    stripeId: r.stripe_id,
    code: r.code,
    couponId: r.coupon_id ?? null,
    couponStripeId: r.coupon,
    active: r.active,
    maxRedemptions: r.max_redemptions,
    timesRedeemed: Number(r.times_redeemed),
    expiresAt: isoOrNull(r.expires_at),
    firstTimeTransaction: r.first_time_transaction,
    minimumAmount: r.minimum_amount === null ? null : Number(r.minimum_amount),
    minimumAmountCurrency: r.minimum_amount_currency,
    createdAt: iso(r.created_at),
  };
}

/** The tenant's coupon with our id (404 otherwise). */
export async function couponRow(manager: EntityManager, tenantId: string, id: string): Promise<Row> {
  const [row] = await manager.query(`select * from billing_coupons where tenant_id = $1 and id = $2`, [tenantId, id]);
  if (!row) throw Problems.notFound('Coupon');
  return row as Row;
}

/** Refuses a coupon our API may no longer use (422 coupon-not-usable), saying why. */
export function assertUsable(r: Row): void {
  if (usable(r)) return;
  const why = r.deactivated_at || r.deleted_at ? 'was deactivated' : r.valid !== true ? 'is no longer valid in Stripe' : r.redeem_by && new Date(r.redeem_by).getTime() <= Date.now() ? 'has expired' : 'is used up';
  throw Problems.unprocessable('coupon-not-usable', `This coupon ${why}.`);
}

/** Whether this change was audited already: a retry (same Idempotency-Key, same Stripe object) is audited once. */
export async function auditedBefore(manager: EntityManager, tenantId: string, entityId: string, action: string): Promise<boolean> {
  const [row] = await manager.query(`select 1 from audit_logs where tenant_id = $1 and entity_id = $2 and action = $3 limit 1`, [tenantId, entityId, action]);
  return Boolean(row);
}

/** Refuses an object in a Stripe account the business no longer sells through (409), before any call. */
export function assertSellingAccount(stripe: TenantStripe, row: Row, what: 'coupon' | 'promotion code'): void {
  if ((stripe.account ?? '') !== row.stripe_account) throw Problems.conflict('coupon-in-other-account', `This ${what} lives in a Stripe account the business no longer sells through.`);
}
