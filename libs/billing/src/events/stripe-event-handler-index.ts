import type { StripeEventHandler } from './stripe-event-handler';

/** One handler per event type; two for one type is a programming error caught at start. */
export function indexStripeEventHandlers(handlers: StripeEventHandler[]): Map<string, StripeEventHandler> {
  const byType = new Map<string, StripeEventHandler>();
  for (const handler of handlers) {
    for (const type of handler.types) {
      if (byType.has(type)) throw new Error(`Stripe event ${type} has two handlers`);
      byType.set(type, handler);
    }
  }
  return byType;
}
