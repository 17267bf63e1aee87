import { Injectable } from '@nestjs/common';
import { upsertCoupon } from '../../mirror/coupons';
import { sourceOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class CouponEventsHandler implements StripeEventHandler {
  readonly types = ['coupon.created', 'coupon.updated', 'coupon.deleted'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    await upsertCoupon(context.manager, sourceOf(context), context.event.data.object);
  }
}
