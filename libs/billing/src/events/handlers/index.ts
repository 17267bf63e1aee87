import type { Type } from '@nestjs/common';
import type { StripeEventHandler } from '../stripe-event-handler';
import { AccountUpdatedHandler } from './account-updated.handler';
import { CustomerEventsHandler } from './customer-events.handler';
import { PriceEventsHandler } from './price-events.handler';
import { ProductEventsHandler } from './product-events.handler';

/** Every Stripe event handler; the processor indexes them by event type (one handler per type). */
export const STRIPE_EVENT_HANDLER_CLASSES: Type<StripeEventHandler>[] = [AccountUpdatedHandler, CustomerEventsHandler, ProductEventsHandler, PriceEventsHandler];
