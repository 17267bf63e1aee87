import { Injectable } from '@nestjs/common';
import { upsertMirror } from '../../mirror/mirror-upsert';
import { idOf, mirrorStateOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class ProductEventsHandler implements StripeEventHandler {
  readonly types = ['product.created', 'product.updated', 'product.deleted'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    const p = context.event.data.object;
    const deleted = context.event.type === 'product.deleted';
    const features = Array.isArray(p.marketing_features) ? (p.marketing_features as Array<{ name?: string }>).map((f) => f.name ?? '').filter(Boolean) : null;
    await upsertMirror(context.manager, 'billing_products', mirrorStateOf(context, {
      name: (p.name as string | undefined) ?? (deleted ? null : ''),
      description: (p.description as string | null | undefined) ?? null,
      active: deleted ? false : p.active !== false,
      default_price: idOf(p.default_price),
      features: features ? JSON.stringify(features) : deleted ? null : '[]',
    }));
  }
}
