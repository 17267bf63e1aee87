import { Injectable } from '@nestjs/common';
import { upsertMirror } from '../../mirror/mirror-upsert';
import { mirrorStateOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class CustomerEventsHandler implements StripeEventHandler {
  readonly types = ['customer.created', 'customer.updated', 'customer.deleted'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    const c = context.event.data.object;
    const deleted = context.event.type === 'customer.deleted';
    await upsertMirror(context.manager, 'billing_customers', mirrorStateOf(context, {
      email: (c.email as string | null | undefined) ?? null,
      name: (c.name as string | null | undefined) ?? null,
      phone: (c.phone as string | null | undefined) ?? null,
      currency: typeof c.currency === 'string' ? c.currency.toUpperCase() : null,
      balance: deleted ? null : Number(c.balance ?? 0),
      delinquent: deleted ? null : c.delinquent === true,
    }));
  }
}
