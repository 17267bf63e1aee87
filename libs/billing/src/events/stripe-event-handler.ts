import type { EntityManager } from 'typeorm';
import type { StripeEvent, StripeObject } from '../gateway/stripe-event';
import { idOf, type MirrorSource, type MirrorState, objectState, type StateKind } from '../mirror/mirror-upsert';

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

export { idOf };

/** Where and when the event saw its object: the mirror upserts take it (libs/billing/src/mirror/<kind>.ts). */
export function sourceOf(context: StripeEventContext): MirrorSource {
  return { tenantId: context.tenantId, account: context.account, livemode: context.event.livemode, at: new Date(context.event.created * 1000), kind: stateKindOf(context.event.type) };
}

/** The mirror state an event carries for its object, with the table's own columns. */
export function mirrorStateOf(context: StripeEventContext, columns: Record<string, unknown>): MirrorState {
  const object: StripeObject = context.event.data.object;
  return { ...objectState(sourceOf(context), object, columns), livemode: context.event.livemode };
}
