import type { EntityManager } from 'typeorm';
import type { StripeEvent, StripeObject } from '../gateway/stripe-event';
import type { MirrorState, StateKind } from '../mirror/mirror-upsert';

/** What a handler gets: the event, its tenant and account, and the processing transaction. */
export interface StripeEventContext {
  event: StripeEvent;
  tenantId: string;
  account: string | null;
  manager: EntityManager;
}

/** Applies one kind of Stripe event to our tables; idempotent and order-safe (through upsertMirror). */
export interface StripeEventHandler {
  readonly types: readonly string[];
  handle(context: StripeEventContext): Promise<void>;
}

export const STRIPE_EVENT_HANDLERS = Symbol('STRIPE_EVENT_HANDLERS');

export function stateKindOf(type: string): StateKind {
  if (type.endsWith('.created')) return 'created';
  if (type.endsWith('.deleted')) return 'deleted';
  return 'updated';
}

/** A Stripe field that is an id or an expanded object. */
export const idOf = (value: unknown): string | null =>
  typeof value === 'string' ? value : value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;

/** The mirror state an event carries for its object, with the table's own columns. */
export function mirrorStateOf(context: StripeEventContext, columns: Record<string, unknown>): MirrorState {
  const object: StripeObject = context.event.data.object;
  return {
    tenantId: context.tenantId,
    account: context.account,
    stripeId: object.id,
    livemode: context.event.livemode,
    metadata: object.metadata ?? {},
    stripeCreatedAt: typeof object.created === 'number' ? new Date(object.created * 1000) : null,
    at: new Date(context.event.created * 1000),
    kind: stateKindOf(context.event.type),
    columns,
  };
}
