import type { EntityManager } from 'typeorm';
import type { StripeObject } from '../gateway/stripe-event';
import { type MirrorSource, objectState, upsertMirror } from './mirror-upsert';

/** billing_customers' own columns for a Stripe customer (a deletion's partial payload keeps what is held). */
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

/** Writes a customer's state into the mirror (order-safe, see upsertMirror). */
export function upsertCustomer(manager: EntityManager, source: MirrorSource, customer: StripeObject): Promise<boolean> {
  return upsertMirror(manager, 'billing_customers', objectState(source, customer, customerColumns(customer, source.kind === 'deleted')));
}
