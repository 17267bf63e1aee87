import type { Type } from '@nestjs/common';
import type { StripeEventHandler } from '../stripe-event-handler';
import { AccountUpdatedHandler } from './account-updated.handler';
import { ChargeRefundedHandler } from './charge-refunded.handler';
import { CheckoutSessionEventsHandler } from './checkout-session-events.handler';
import { CouponEventsHandler } from './coupon-events.handler';
import { CustomerEventsHandler } from './customer-events.handler';
import { DiscountEventsHandler } from './discount-events.handler';
import { DisputeEventsHandler } from './dispute-events.handler';
import { InvoiceEventsHandler } from './invoice-events.handler';
import { PaymentIntentEventsHandler } from './payment-intent-events.handler';
import { PriceEventsHandler } from './price-events.handler';
import { ProductEventsHandler } from './product-events.handler';
import { PromotionCodeEventsHandler } from './promotion-code-events.handler';
import { RefundEventsHandler } from './refund-events.handler';
import { SubscriptionEventsHandler } from './subscription-events.handler';

/** Every Stripe event handler; the processor indexes them by event type (one handler per type). */
export const STRIPE_EVENT_HANDLER_CLASSES: Type<StripeEventHandler>[] = [
  AccountUpdatedHandler,
  CustomerEventsHandler,
  ProductEventsHandler,
  PriceEventsHandler,
  CheckoutSessionEventsHandler,
  SubscriptionEventsHandler,
  InvoiceEventsHandler,
  PaymentIntentEventsHandler,
  ChargeRefundedHandler,
  RefundEventsHandler,
  DisputeEventsHandler,
  CouponEventsHandler,
  PromotionCodeEventsHandler,
  DiscountEventsHandler,
];
