import { Injectable } from '@nestjs/common';
import { upsertSubscriptionDiscount } from '../../mirror/subscription-discounts';
import { sourceOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

/** A discount's coupon and dates (subscription events name discounts by id only); the subscription's own events say which are on it. */
@Injectable()
export class DiscountEventsHandler implements StripeEventHandler {
  readonly types = ['customer.discount.created', 'customer.discount.updated', 'customer.discount.deleted'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    await upsertSubscriptionDiscount(context.manager, sourceOf(context), context.event.data.object);
  }
}
