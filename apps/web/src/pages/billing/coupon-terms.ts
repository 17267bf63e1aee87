import type { Format } from '../../components/format';

interface CouponTerms {
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  duration: string | null;
  durationInMonths: number | null;
}

/** "25% off" or "€10.00 off". */
export function couponDiscount(coupon: Pick<CouponTerms, 'percentOff' | 'amountOff' | 'currency'>, format: Format): string {
  if (coupon.percentOff !== null) return `${coupon.percentOff}% off`;
  if (coupon.amountOff !== null && coupon.currency) return `${format.money(coupon.amountOff, coupon.currency)} off`;
  return '—';
}

/** "First invoice", "3 months", "Forever". */
export function couponDuration(coupon: CouponTerms): string {
  if (coupon.duration === 'once') return 'First invoice';
  if (coupon.duration === 'repeating') return `${coupon.durationInMonths ?? '?'} month${coupon.durationInMonths === 1 ? '' : 's'}`;
  if (coupon.duration === 'forever') return 'Forever';
  return '—';
}

/** The coupon's state as a badge word: deactivated here, no longer valid in Stripe, or active. */
export function couponState(coupon: { valid: boolean; deactivatedAt: string | null; deletedAt: string | null }): 'active' | 'deactivated' | 'expired' {
  if (coupon.deactivatedAt || coupon.deletedAt) return 'deactivated';
  return coupon.valid ? 'active' : 'expired';
}

/** How long a subscription's discount lasts: "first invoice", "until Mar 1, 2027", "forever". */
export function discountPeriod(discount: { duration: string | null; end: string | null }, format: Format): string {
  if (discount.duration === 'once') return 'first invoice';
  if (discount.end) return `until ${format.date(discount.end)}`;
  return discount.duration === 'forever' ? 'forever' : '—';
}
