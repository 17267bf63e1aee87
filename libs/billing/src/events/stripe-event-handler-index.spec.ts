import { indexStripeEventHandlers } from './stripe-event-handler-index';
import { stateKindOf } from './stripe-event-handler';

const handler = (...types: string[]) => ({ types, handle: async () => undefined });

describe('Stripe event handler registry', () => {
  it('indexes every type of every handler', () => {
    const customers = handler('customer.created', 'customer.updated');
    const index = indexStripeEventHandlers([customers, handler('price.created')]);
    expect([...index.keys()]).toEqual(['customer.created', 'customer.updated', 'price.created']);
    expect(index.get('customer.updated')).toBe(customers);
  });

  it('refuses two handlers for one type', () => {
    expect(() => indexStripeEventHandlers([handler('product.updated'), handler('product.created', 'product.updated')])).toThrow(/product.updated has two handlers/);
  });

  it('ranks the kind of change by the event type', () => {
    expect(['customer.created', 'customer.updated', 'customer.deleted', 'account.updated'].map(stateKindOf)).toEqual(['created', 'updated', 'deleted', 'updated']);
  });
});
