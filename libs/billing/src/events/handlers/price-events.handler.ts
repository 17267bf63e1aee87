import { Injectable } from '@nestjs/common';
import { upsertMirror } from '../../mirror/mirror-upsert';
import type { StripeObject } from '../../gateway/stripe-event';
import { idOf, mirrorStateOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

interface Recurring {
  interval?: string;
  interval_count?: number;
  trial_period_days?: number | null;
}

@Injectable()
export class PriceEventsHandler implements StripeEventHandler {
  readonly types = ['price.created', 'price.updated', 'price.deleted'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    await upsertMirror(context.manager, 'billing_prices', mirrorStateOf(context, priceColumns(context.event.data.object, context.event.type === 'price.deleted')));
  }
}

/** A Stripe price as billing_prices columns (events and our own writes from Stripe's answers). */
export function priceColumns(p: StripeObject, deleted: boolean): Record<string, unknown> {
    const recurring = (p.recurring as Recurring | null | undefined) ?? null;
    return {
      product: idOf(p.product) ?? '',
      active: deleted ? false : p.active !== false,
      currency: String(p.currency ?? '').toUpperCase(),
      unit_amount: typeof p.unit_amount === 'number' ? p.unit_amount : null,
      type: recurring ? 'recurring' : 'one_time',
      recurring_interval: recurring?.interval ?? null,
      recurring_interval_count: recurring?.interval_count ?? null,
      trial_period_days: recurring?.trial_period_days ?? null,
      tax_behavior: (p.tax_behavior as string | null | undefined) ?? null,
      nickname: (p.nickname as string | null | undefined) ?? null,
      lookup_key: (p.lookup_key as string | null | undefined) ?? null,
    };
}
