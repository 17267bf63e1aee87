import { Injectable } from '@nestjs/common';
import { upsertPrice } from '../../mirror/prices';
import { sourceOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class PriceEventsHandler implements StripeEventHandler {
  readonly types = ['price.created', 'price.updated', 'price.deleted'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    await upsertPrice(context.manager, sourceOf(context), context.event.data.object);
  }
}
