import { Injectable } from '@nestjs/common';
import { upsertCustomer } from '../../mirror/customers';
import { sourceOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class CustomerEventsHandler implements StripeEventHandler {
  readonly types = ['customer.created', 'customer.updated', 'customer.deleted'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    await upsertCustomer(context.manager, sourceOf(context), context.event.data.object);
  }
}
