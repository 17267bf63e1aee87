import { Injectable } from '@nestjs/common';
import { upsertProduct } from '../../mirror/products';
import { sourceOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class ProductEventsHandler implements StripeEventHandler {
  readonly types = ['product.created', 'product.updated', 'product.deleted'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    await upsertProduct(context.manager, sourceOf(context), context.event.data.object);
  }
}
