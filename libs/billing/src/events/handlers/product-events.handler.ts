import { Injectable } from '@nestjs/common';
import { upsertMirror } from '../../mirror/mirror-upsert';
import type { StripeObject } from '../../gateway/stripe-event';
import { idOf, mirrorStateOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class ProductEventsHandler implements StripeEventHandler {
  readonly types = ['product.created', 'product.updated', 'product.deleted'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    await upsertMirror(context.manager, 'billing_products', mirrorStateOf(context, productColumns(context.event.data.object, context.event.type === 'product.deleted')));
  }
}

/** A Stripe product as billing_products columns. */
export function productColumns(p: StripeObject, deleted: boolean): Record<string, unknown> {
    const features = Array.isArray(p.marketing_features) ? (p.marketing_features as Array<{ name?: string }>).map((f) => f.name ?? '').filter(Boolean) : null;
    return {
      name: (p.name as string | undefined) ?? (deleted ? null : ''),
      description: (p.description as string | null | undefined) ?? null,
      active: deleted ? false : p.active !== false,
      default_price: idOf(p.default_price),
      features: features ? JSON.stringify(features) : deleted ? null : '[]',
    };
}
