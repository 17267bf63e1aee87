import { Injectable } from '@nestjs/common';
import { upsertMirror } from '../../mirror/mirror-upsert';
import type { StripeObject } from '../../gateway/stripe-event';
import { mirrorStateOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class CustomerEventsHandler implements StripeEventHandler {
  readonly types = ['customer.created', 'customer.updated', 'customer.deleted'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    await upsertMirror(context.manager, 'billing_customers', mirrorStateOf(context, customerColumns(context.event.data.object, context.event.type === 'customer.deleted')));
  }
}

/** A Stripe customer as billing_customers columns. */
export function customerColumns(c: StripeObject, deleted: boolean): Record<string, unknown> {
    return {
      email: (c.email as string | null | undefined) ?? null,
      name: (c.name as string | null | undefined) ?? null,
      phone: (c.phone as string | null | undefined) ?? null,
      currency: typeof c.currency === 'string' ? c.currency.toUpperCase() : null,
      balance: deleted ? null : Number(c.balance ?? 0),
      delinquent: deleted ? null : c.delinquent === true,
    };
}
