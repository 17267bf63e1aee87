import type { EntityManager } from 'typeorm';
import type { StripeObject } from '../gateway/stripe-event';
import { idOf, type MirrorSource, objectState, upsertMirror } from './mirror-upsert';

/** billing_products' own columns for a Stripe product. */
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

export function upsertProduct(manager: EntityManager, source: MirrorSource, product: StripeObject): Promise<boolean> {
  return upsertMirror(manager, 'billing_products', objectState(source, product, productColumns(product, source.kind === 'deleted')));
}
